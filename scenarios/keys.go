package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"channelsim/engine"
	"channelsim/sim"
)

// Key describes one scenario key, read from the tags of sim.Config: the
// single source for strict decoding, range checks, "did you mean"
// suggestions and the scenario reference in docs/scenarios.md.
type Key struct {
	Path  string // dotted path; array-of-tables elements as "closures[].site"
	Type  string // TOML type expected
	Unit  string
	Range string // "min,max" inclusive, either side may be empty
	Len   string // required number of array elements, if fixed
	Enum  string // allowed values, comma-separated
	Doc   string
	Src   string
	// Low, High and Why are the plausible range of an estimated value
	// (tags low, high, why): numbers in the key's unit, duration strings,
	// or "-50%" and "+50%" relative to the scenario's value. See Range.
	Low, High, Why string
	field          reflect.StructField
}

var (
	durationType = reflect.TypeOf(engine.Duration{})
	clockType    = reflect.TypeOf(engine.Clock{})
	dateType     = reflect.TypeOf(engine.Date{})
	dateTimeType = reflect.TypeOf(engine.DateTime{})
)

// Keys returns every scenario key in declaration order.
func Keys() []Key {
	var out []Key
	walk(reflect.TypeOf(sim.Config{}), "", &out)
	return out
}

func walk(t reflect.Type, prefix string, out *[]Key) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			walk(f.Type, prefix, out)
			continue
		}
		name := f.Tag.Get("toml")
		if name == "" || name == "-" {
			continue
		}
		path := prefix + name
		k := Key{Path: path, Unit: f.Tag.Get("unit"), Range: f.Tag.Get("range"), Len: f.Tag.Get("len"),
			Enum: f.Tag.Get("enum"), Doc: f.Tag.Get("doc"), Src: f.Tag.Get("src"),
			Low: f.Tag.Get("low"), High: f.Tag.Get("high"), Why: f.Tag.Get("why"), field: f}
		ft := f.Type
		switch {
		case ft == durationType:
			k.Type = "duration string"
		case ft == clockType:
			k.Type = "time of day \"HH:MM\""
		case ft == dateType:
			k.Type = "date"
		case ft == dateTimeType:
			k.Type = "local date-time"
		case ft.Kind() == reflect.Struct:
			walk(ft, path+".", out)
			continue
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			k.Type = "array of tables"
			*out = append(*out, k)
			walk(ft.Elem(), path+"[].", out)
			continue
		case ft.Kind() == reflect.Slice:
			k.Type = "array of " + tomlType(ft.Elem())
		default:
			k.Type = tomlType(ft)
		}
		*out = append(*out, k)
	}
}

func tomlType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int64, reflect.Uint64, reflect.Int32:
		return "integer"
	case reflect.Float64:
		return "number"
	}
	return t.String()
}

// knownPaths returns every key path as TOML reports undecoded keys: arrays
// of tables without the [] marker.
func knownPaths() []string {
	var ps []string
	for _, k := range Keys() {
		ps = append(ps, strings.ReplaceAll(k.Path, "[]", ""))
	}
	return ps
}

// check validates value v of key k; it returns "" when v is acceptable, or
// what was expected.
func (k Key) check(v reflect.Value) string {
	if k.Enum != "" {
		allowed := strings.Split(k.Enum, ",")
		if v.Kind() == reflect.Slice {
			for i := 0; i < v.Len(); i++ {
				if !slices.Contains(allowed, v.Index(i).String()) {
					return fmt.Sprintf("each value one of %s, got %q", quoteList(allowed), v.Index(i).String())
				}
			}
		} else if !slices.Contains(allowed, v.String()) {
			return fmt.Sprintf("one of %s, got %q", quoteList(allowed), v.String())
		}
	}
	if k.Len != "" && v.Kind() == reflect.Slice {
		n, _ := strconv.Atoi(k.Len)
		if v.Len() != n {
			return fmt.Sprintf("an array of exactly %d values, got %d", n, v.Len())
		}
	}
	if k.Range == "" {
		return ""
	}
	lo, hi, _ := strings.Cut(k.Range, ",")
	if v.Kind() == reflect.Slice {
		for i := 0; i < v.Len(); i++ {
			if msg := checkRange(v.Index(i), lo, hi, k.Unit); msg != "" {
				return fmt.Sprintf("%s (element %d)", msg, i+1)
			}
		}
		return ""
	}
	return checkRange(v, lo, hi, k.Unit)
}

func checkRange(v reflect.Value, lo, hi, unit string) string {
	if v.Type() == durationType {
		d := v.Interface().(engine.Duration).Duration
		if lo != "" {
			if l, _ := time.ParseDuration(lo); d < l {
				return fmt.Sprintf("a duration of at least %s, got %s", lo, d)
			}
		}
		if hi != "" {
			if h, _ := time.ParseDuration(hi); d > h {
				return fmt.Sprintf("a duration of at most %s, got %s", hi, d)
			}
		}
		return ""
	}
	var x float64
	var written string // the value as the file wrote it
	switch v.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		x = float64(v.Int())
		written = strconv.FormatInt(v.Int(), 10)
	case reflect.Uint64:
		// TOML integers are signed 64-bit: a value of 2⁶³ or more was a
		// negative integer the decoder wrapped around.
		if v.Uint() >= 1<<63 {
			x, written = float64(int64(v.Uint())), strconv.FormatInt(int64(v.Uint()), 10)
		} else {
			x, written = float64(v.Uint()), strconv.FormatUint(v.Uint(), 10)
		}
	case reflect.Float64:
		x = v.Float()
		written = FormatNumber(x)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "a finite number, got " + written
		}
	default:
		return ""
	}
	l, lok := parseBound(lo)
	h, hok := parseBound(hi)
	if (lok && x < l) || (hok && x > h) {
		u := ""
		if unit != "" {
			u = " " + unit
		}
		switch {
		case lok && hok:
			return fmt.Sprintf("a value from %s to %s%s, got %s", lo, hi, u, written)
		case lok:
			return fmt.Sprintf("a value of at least %s%s, got %s", lo, u, written)
		default:
			return fmt.Sprintf("a value of at most %s%s, got %s", hi, u, written)
		}
	}
	return ""
}

func parseBound(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}
