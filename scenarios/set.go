package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"channelsim/engine"
	"channelsim/sim"
)

// Set sets the scalar key at path ("controls.search_share",
// "removals.escort.staff", "closures[0].site") of cfg to value, the way a
// scenario file would: value may be an int64, int, float64, bool or string
// (as TOML decodes them), and a duration key takes a duration string such
// as "90m" or a time.Duration. An integer key takes a float only when it
// is a whole number. Set does not check ranges: call Validate once every
// key of a point is set. An unknown path is an error with a "did you mean".
func Set(cfg *sim.Config, path string, value any) error {
	f, err := settable(reflect.ValueOf(cfg).Elem(), path)
	if err != nil {
		return err
	}
	bad := func() error {
		typ := "a " + tomlType(f.Type())
		if k := keyByPath(path); k != nil {
			typ = k.Type
		}
		return fmt.Errorf("%s: expected %s, got %T %v", path, typ, value, value)
	}
	if f.Type() == durationType {
		switch v := value.(type) {
		case string:
			var d engine.Duration
			if err := d.UnmarshalText([]byte(v)); err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			f.Set(reflect.ValueOf(d))
			return nil
		case time.Duration:
			f.Set(reflect.ValueOf(engine.Duration{Duration: v}))
			return nil
		}
		return bad()
	}
	switch f.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := asInt(value)
		if !ok {
			return bad()
		}
		if f.OverflowInt(n) {
			return fmt.Errorf("%s: %d does not fit %s", path, n, f.Type())
		}
		f.SetInt(n)
	case reflect.Uint64:
		n, ok := asInt(value)
		if !ok || n < 0 {
			return bad()
		}
		f.SetUint(uint64(n))
	case reflect.Float64:
		switch v := value.(type) {
		case float64:
			f.SetFloat(v)
		case int64:
			f.SetFloat(float64(v))
		case int:
			f.SetFloat(float64(v))
		default:
			return bad()
		}
	case reflect.Bool:
		b, ok := value.(bool)
		if !ok {
			return bad()
		}
		f.SetBool(b)
	case reflect.String:
		s, ok := value.(string)
		if !ok {
			return bad()
		}
		f.SetString(s)
	default:
		return fmt.Errorf("%s: a key of type %s cannot be set to one value (only integer, number, boolean, string and duration keys can)", path, f.Type())
	}
	return nil
}

// Clear sets the scalar key at path of cfg to its type's zero value (0,
// false, "", a zero duration). An unknown path is an error.
func Clear(cfg *sim.Config, path string) error {
	f, err := settable(reflect.ValueOf(cfg).Elem(), path)
	if err != nil {
		return err
	}
	f.Set(reflect.Zero(f.Type()))
	return nil
}

// Get returns the value of the scalar key at path in the form Set takes:
// int64, float64, bool, string, or a duration string.
func Get(cfg *sim.Config, path string) (any, error) {
	f, err := settable(reflect.ValueOf(cfg).Elem(), path)
	if err != nil {
		return nil, err
	}
	if f.Type() == durationType {
		return f.Interface().(engine.Duration).String(), nil
	}
	switch f.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return f.Int(), nil
	case reflect.Uint64:
		return int64(f.Uint()), nil
	case reflect.Float64:
		return f.Float(), nil
	case reflect.Bool:
		return f.Bool(), nil
	case reflect.String:
		return f.String(), nil
	}
	return nil, fmt.Errorf("%s: not a scalar key", path)
}

// KeyOf returns the description of the key at path (array elements as
// "closures[0].site" or "closures[].site"), or false.
func KeyOf(path string) (Key, bool) {
	if k := keyByPath(path); k != nil {
		return *k, true
	}
	return Key{}, false
}

// UnknownKeyError reports a key path that is not a scenario key, with the
// closest known path.
func UnknownKeyError(path string) error {
	msg := fmt.Sprintf("unknown key %q", path)
	if s := suggest(stripIndex(path), knownPaths()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return fmt.Errorf("%s", msg)
}

// settable walks path through v by toml tags and returns the field.
func settable(v reflect.Value, path string) (reflect.Value, error) {
	cur := v
	for seg := range strings.SplitSeq(path, ".") {
		name, idx, hasIdx, err := splitIndex(seg)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("%s: %v", path, err)
		}
		if cur.Kind() != reflect.Struct {
			return reflect.Value{}, UnknownKeyError(path)
		}
		f, ok := fieldByTag(cur, name)
		if !ok || (f.Kind() == reflect.Struct && isValueType(f.Type()) && hasIdx) {
			return reflect.Value{}, UnknownKeyError(path)
		}
		if hasIdx {
			if f.Kind() != reflect.Slice {
				return reflect.Value{}, fmt.Errorf("%s: %s is not an array", path, name)
			}
			if idx >= f.Len() {
				return reflect.Value{}, fmt.Errorf("%s: index %d out of range (the array has %d elements)", path, idx, f.Len())
			}
			f = f.Index(idx)
		}
		cur = f
	}
	if cur.Kind() == reflect.Struct && !isValueType(cur.Type()) {
		return reflect.Value{}, fmt.Errorf("%s is a table, not a key", path)
	}
	if cur.Kind() == reflect.Slice {
		return reflect.Value{}, fmt.Errorf("%s is an array; only scalar keys can be set", path)
	}
	return cur, nil
}

func isValueType(t reflect.Type) bool {
	return t == durationType || t == clockType || t == dateType || t == dateTimeType
}

func splitIndex(seg string) (name string, idx int, ok bool, err error) {
	i := strings.IndexByte(seg, '[')
	if i < 0 {
		return seg, 0, false, nil
	}
	if !strings.HasSuffix(seg, "]") {
		return "", 0, false, fmt.Errorf("bad index in %q", seg)
	}
	n, err := strconv.Atoi(seg[i+1 : len(seg)-1])
	if err != nil || n < 0 {
		return "", 0, false, fmt.Errorf("bad index in %q", seg)
	}
	return seg[:i], n, true, nil
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}
