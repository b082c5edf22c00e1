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

// Range is the plausible range of one estimated parameter of a scenario:
// the values it could reasonably take given what is known, over which
// sensitivity analysis varies it and calibration searches it. Ranges come
// from the low, high and why tags of sim.Config's fields (shown in
// docs/scenarios.md) or from a ranges file (LoadRanges). A range is
// expanded over the elements of an array of tables: each spot's fence is
// a parameter of its own.
type Range struct {
	Path      string  // the key path as Set takes it, with indices ("migrants.spots[2].fence")
	Kind      string  // "number", "integer" or "duration"
	Unit      string  // the key's unit
	Base      float64 // the scenario's value (durations in minutes)
	Low, High float64 // in the key's unit (durations in minutes)
	Why       string  // a physical bound, a published range, or "± 50 % of the estimate, no source"
	From      string  // where the range is defined: "tags" or FILE:LINE
}

// Value returns the value at position u (0 ≤ u ≤ 1) of the range, in the
// form Set takes: a float64, an int64 (rounded) or a time.Duration
// (rounded to the second).
func (r Range) Value(u float64) any {
	x := r.Low + u*(r.High-r.Low)
	switch r.Kind {
	case "integer":
		return int64(math.Round(x))
	case "duration":
		return time.Duration(math.Round(x*60)) * time.Second
	}
	return x
}

// Position returns the position in the range of a value Value returned
// (after rounding): (v − low) / (high − low).
func (r Range) Position(v any) float64 {
	var x float64
	switch t := v.(type) {
	case float64:
		x = t
	case int64:
		x = float64(t)
	case time.Duration:
		x = t.Minutes()
	}
	return (x - r.Low) / (r.High - r.Low)
}

// Format writes a number of the range in its unit ("90m" for durations).
func (r Range) Format(x float64) string {
	if r.Kind == "duration" {
		return (time.Duration(math.Round(x*60)) * time.Second).String()
	}
	return sim.FormatFloat(x)
}

// PlausibleRanges returns the plausible range of every key whose field
// carries low and high tags, for the values of cfg (relative bounds are
// relative to cfg's value; arrays of tables give one range per element).
// A range that is malformed, does not contain cfg's value, or reaches
// outside the key's allowed values is an error naming the key.
func PlausibleRanges(cfg *sim.Config) ([]Range, error) {
	rs, errs := rangesFrom(Keys(), cfg)
	if len(errs) > 0 {
		return nil, errs
	}
	return rs, nil
}

// rangesFrom resolves the range tags of keys against cfg.
func rangesFrom(keys []Key, cfg *sim.Config) ([]Range, Errors) {
	var out []Range
	var errs Errors
	for _, k := range keys {
		if k.Low == "" && k.High == "" && k.Why == "" {
			continue
		}
		add := func(path, msg string) {
			errs = append(errs, &Error{File: "sim.Config tags", Key: path, Msg: msg})
		}
		if k.Low == "" || k.High == "" || k.Why == "" {
			add(k.Path, "a plausible range needs all three tags low, high and why")
			continue
		}
		if !cfg.InUse(k.Path) {
			continue // a section the run does not use: no value to vary
		}
		vals := lookup(reflect.ValueOf(cfg).Elem(), k.Path)
		if len(vals) == 0 && !strings.Contains(k.Path, "[]") {
			add(k.Path, "not a key of the configuration")
		}
		for _, fv := range vals {
			if relative(k.Low) && relative(k.High) && fv.v.IsZero() {
				continue // relative to nothing: the mechanism is not in use here
			}
			low, high := clipToKey(k, fv.v, k.Low), clipToKey(k, fv.v, k.High)
			r, msg := resolveRange(k, fv.path, fv.v, low, high, k.Why)
			if msg != "" {
				add(fv.path, msg)
				continue
			}
			r.From = "tags"
			out = append(out, r)
		}
	}
	return out, errs
}

// resolveRange makes the range of key k at path, whose value in the
// scenario is v, from its low and high bounds (strings as in the tags);
// on a problem it returns what was expected.
func resolveRange(k Key, path string, v reflect.Value, low, high, why string) (Range, string) {
	r := Range{Path: path, Unit: k.Unit, Why: why}
	switch {
	case v.Type() == durationType:
		r.Kind = "duration"
		r.Base = v.Interface().(engine.Duration).Minutes()
	case v.Kind() == reflect.Float64:
		r.Kind = "number"
		r.Base = v.Float()
	case v.Kind() == reflect.Int || v.Kind() == reflect.Int64 || v.Kind() == reflect.Int32:
		r.Kind = "integer"
		r.Base = float64(v.Int())
	default:
		return r, fmt.Sprintf("a plausible range needs a number, integer or duration key; this is a %s", k.Type)
	}
	var msg string
	if r.Low, msg = parseBoundValue(low, r); msg != "" {
		return r, "low: " + msg
	}
	if r.High, msg = parseBoundValue(high, r); msg != "" {
		return r, "high: " + msg
	}
	if !(r.Low < r.High) {
		return r, fmt.Sprintf("expected low < high, got low %s and high %s", r.Format(r.Low), r.Format(r.High))
	}
	if r.Base < r.Low || r.Base > r.High {
		return r, fmt.Sprintf("the plausible range %s … %s does not contain the scenario's value %s", r.Format(r.Low), r.Format(r.High), r.Format(r.Base))
	}
	for _, end := range []struct {
		name string
		u    float64
	}{{"low", 0}, {"high", 1}} {
		var rv reflect.Value
		switch x := r.Value(end.u).(type) {
		case time.Duration:
			rv = reflect.ValueOf(engine.Duration{Duration: x})
		default:
			rv = reflect.ValueOf(x)
		}
		if m := k.check(rv); m != "" {
			return r, fmt.Sprintf("%s bound outside the key's allowed values: expected %s", end.name, m)
		}
	}
	return r, ""
}

// clipToKey keeps a tag's relative bound on a number key within the key's
// allowed values: "+50%" of a share of 0.8 is 1, not 1.2. A ranges file's
// bounds are not clipped: a bound written out of range there is an error.
func clipToKey(k Key, v reflect.Value, bound string) string {
	b := strings.TrimSpace(bound)
	if v.Kind() != reflect.Float64 || !strings.HasSuffix(b, "%") || !(strings.HasPrefix(b, "+") || strings.HasPrefix(b, "-")) {
		return bound
	}
	p, err := strconv.ParseFloat(strings.TrimSuffix(b, "%"), 64)
	if err != nil {
		return bound
	}
	x := v.Float() * (1 + p/100)
	lo, hi, _ := strings.Cut(k.Range, ",")
	if m, err := strconv.ParseFloat(lo, 64); err == nil && x < m {
		return strconv.FormatFloat(m, 'g', -1, 64)
	}
	if m, err := strconv.ParseFloat(hi, 64); err == nil && x > m {
		return strconv.FormatFloat(m, 'g', -1, 64)
	}
	return bound
}

// parseBoundValue reads a bound: "+50%" or "-50%" (relative to the
// scenario's value), a duration string for a duration key, or a number.
// relative reports whether a bound is relative to the scenario's value
// ("-50%", "+50%").
func relative(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "%") && (strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-"))
}

func parseBoundValue(s string, r Range) (float64, string) {
	s = strings.TrimSpace(s)
	if relative(s) {
		p, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err != nil {
			return 0, fmt.Sprintf("expected a relative bound such as \"-50%%\" or \"+50%%\", got %q", s)
		}
		return r.Base * (1 + p/100), ""
	}
	if r.Kind == "duration" {
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Sprintf("expected a duration such as \"30m\" or a relative bound such as \"+50%%\", got %q", s)
		}
		return d.Minutes(), ""
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Sprintf("expected a number or a relative bound such as \"+50%%\", got %q", s)
	}
	return x, ""
}

// RangesFile is a file of plausible ranges that replace or add to those
// of the tags: [[range]] tables with a key, low, high and why.
type RangesFile struct {
	Base  string      `toml:"base"`
	Range []RangeSpec `toml:"range"`
}

// RangeSpec is one [[range]] table.
type RangeSpec struct {
	Key  string `toml:"key"`
	Low  any    `toml:"low"`
	High any    `toml:"high"`
	Why  string `toml:"why"`
}

var rangesFileKeys = []string{"base", "range", "range.key", "range.low", "range.high", "range.why"}

// IsRangesFile reports whether TOML data is a ranges file (it has
// [[range]] tables) rather than a scenario.
func IsRangesFile(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(stripComment(line)) == "[[range]]" {
			return true
		}
	}
	return false
}

// ParseRanges parses the data of the ranges file named file. Its ranges
// are resolved against base (relative bounds, array elements); a key
// given without an index
// ("migrants.spots[].fence" or "migrants.spots.fence") applies to every
// element. Problems are Errors at FILE:LINE:COL: an unknown key (with a
// "did you mean"), a key that is not a number, integer or duration, a
// malformed bound, a range outside the key's allowed values or without
// base's value.
func ParseRanges(file string, data []byte, base *sim.Config) ([]Range, error) {
	var f RangesFile
	if err := DecodeStrict(file, data, &f, rangesFileKeys); err != nil {
		return nil, err
	}
	pos := Positions(data)
	var errs Errors
	var out []Range
	add := func(i int, key, msg string) {
		p := fmt.Sprintf("range[%d].%s", i, key)
		line, col := pos(p)
		errs = append(errs, &Error{File: file, Line: line, Col: col, Key: p, Msg: msg})
	}
	if len(f.Range) == 0 {
		errs = append(errs, &Error{File: file, Msg: "expected at least one [[range]] table with key, low, high and why"})
	}
	seen := map[string]int{}
	for i, spec := range f.Range {
		if spec.Key == "" {
			add(i, "key", "expected the scenario key whose range this is, such as \"migrants.try_share\"")
			continue
		}
		k, ok := KeyOf(strings.ReplaceAll(spec.Key, "[]", "[0]"))
		if !ok {
			add(i, "key", UnknownKeyError(spec.Key).Error())
			continue
		}
		if spec.Why == "" {
			add(i, "why", "expected why the range is plausible: a physical bound, a published range, or \"± 50 % of the estimate, no source\"")
			continue
		}
		bound := func(name string, v any) (string, bool) {
			switch x := v.(type) {
			case string:
				return x, true
			case int64:
				return strconv.FormatInt(x, 10), true
			case float64:
				return strconv.FormatFloat(x, 'g', -1, 64), true
			case nil:
				add(i, name, "expected a bound: a number, a duration string or a relative bound such as \"+50%\"")
			default:
				add(i, name, fmt.Sprintf("expected a number, a duration string or a relative bound such as \"+50%%\", got %v", v))
			}
			return "", false
		}
		lo, ok1 := bound("low", spec.Low)
		hi, ok2 := bound("high", spec.High)
		if !ok1 || !ok2 {
			continue
		}
		tpl := strings.ReplaceAll(k.Path, "[]", "")
		var vals []fieldValue
		if strings.Contains(spec.Key, "[") && !strings.Contains(spec.Key, "[]") {
			f, err := settable(reflect.ValueOf(base).Elem(), spec.Key)
			if err != nil {
				add(i, "key", err.Error())
				continue
			}
			vals = []fieldValue{{spec.Key, f}}
		} else {
			vals = lookup(reflect.ValueOf(base).Elem(), k.Path)
			if len(vals) == 0 {
				add(i, "key", fmt.Sprintf("%s has no elements in the base scenario", tpl))
				continue
			}
		}
		for _, fv := range vals {
			if j, dup := seen[fv.path]; dup {
				add(i, "key", fmt.Sprintf("%s already has a range in range[%d]", fv.path, j))
				continue
			}
			seen[fv.path] = i
			r, msg := resolveRange(k, fv.path, fv.v, lo, hi, spec.Why)
			if msg != "" {
				where := "low"
				if strings.HasPrefix(msg, "high") || strings.Contains(msg, "high bound") {
					where = "high"
				}
				if strings.HasPrefix(msg, "a plausible range needs") {
					where = "key"
				}
				add(i, where, fmt.Sprintf("%s: %s", fv.path, msg))
				continue
			}
			line, _ := pos(fmt.Sprintf("range[%d].key", i))
			r.From = fmt.Sprintf("%s:%d", file, line)
			out = append(out, r)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// MergeRanges returns base with each range of over replacing the one of
// the same path, and the others of over added at the end.
func MergeRanges(base, over []Range) []Range {
	out := append([]Range(nil), base...)
	for _, o := range over {
		if i := slices.IndexFunc(out, func(r Range) bool { return r.Path == o.Path }); i >= 0 {
			out[i] = o
		} else {
			out = append(out, o)
		}
	}
	return out
}

// SelectRanges returns the ranges named, in the order named: a path
// ("migrants.try_share", "migrants.spots[2].fence"), or a key of an array
// of tables without its index ("migrants.spots.fence") for all its
// elements. An unknown name is an error with a "did you mean".
func SelectRanges(all []Range, names []string) ([]Range, error) {
	var out []Range
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		var hit []Range
		for _, r := range all {
			if r.Path == n || stripIndex(r.Path) == strings.ReplaceAll(n, "[]", "") {
				hit = append(hit, r)
			}
		}
		if len(hit) == 0 {
			var known []string
			for _, r := range all {
				known = append(known, r.Path)
			}
			msg := fmt.Sprintf("%q has no plausible range", n)
			if _, ok := KeyOf(n); !ok {
				msg = fmt.Sprintf("unknown parameter %q", n)
			}
			if s := suggest(n, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += " (channelsim sensitivity --list lists the parameters with a range; a ranges file can add one)"
			}
			return nil, fmt.Errorf("%s", msg)
		}
		for _, r := range hit {
			if !seen[r.Path] {
				seen[r.Path] = true
				out = append(out, r)
			}
		}
	}
	return out, nil
}
