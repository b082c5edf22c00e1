// Package experiment runs experiments on scenarios: parameter sweeps read from a
// TOML sweep file (factorial, Latin hypercube and one-at-a-time designs,
// replications with seeds derived from a master seed), their execution in
// parallel with results streamed to a tidy runs.csv, resumable and
// shardable across the tasks of a cluster job, and comparisons of
// scenarios under common random numbers with Student-t confidence
// intervals.
//
// The sweep file format is documented in docs/sweeps.md; the cluster
// patterns in docs/cluster.md. The model knows nothing of sweeps: a plan
// makes a sim.Config for each run and the runner calls sim.NewDefault.
package experiment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
)

// Limits on a sweep's plan (docs/cli.md, Limits), checked from the
// parameters' numbers of values before any point is made, so that a plan
// too large is refused at once, naming the limit.
const (
	// MaxPoints is the most points a design may have.
	MaxPoints = 100_000
	// MaxRuns is the most runs (points × replications) a plan may have.
	MaxRuns = 1_000_000
)

// Designs are the experiment designs a sweep file may name.
var Designs = []string{"factorial", "latin-hypercube", "one-at-a-time"}

// File is a sweep file as written.
type File struct {
	Name         string  `toml:"name"`
	Description  string  `toml:"description"`
	Base         string  `toml:"base"`
	Design       string  `toml:"design"`
	Samples      int     `toml:"samples"`
	Replications int     `toml:"replications"`
	Seed         uint64  `toml:"seed"`
	Days         int     `toml:"days"`
	CommonSeeds  bool    `toml:"common_seeds"`
	Parameters   []Param `toml:"parameters"`
}

// Param is one [[parameters]] table: a scenario key and either a list of
// values or a numeric range.
type Param struct {
	Key    string `toml:"key"`
	Values []any  `toml:"values"`
	From   any    `toml:"from"`
	To     any    `toml:"to"`
	Steps  int    `toml:"steps"`
}

// reservedKeys are the scenario keys a sweep cannot vary, with why:
// each run's horizon, seed and name are the sweep's, and extends is
// resolved before any run.
var reservedKeys = map[string]string{
	"days":    "every run of a sweep has the sweep's horizon (set days in the sweep file, or --days)",
	"seed":    "each run's seed is derived from the sweep's master seed (set seed in the sweep file; replications vary it)",
	"extends": "the base scenario is resolved once (sweep another base scenario with another sweep file)",
	"name":    "a run is named by its point, not by the scenario's name",
}

// fileKeys are the keys a sweep file may set, for "did you mean".
var fileKeys = []string{"name", "description", "base", "design", "samples", "replications", "seed", "days",
	"common_seeds", "parameters", "parameters.key", "parameters.values", "parameters.from", "parameters.to", "parameters.steps"}

// Sweep is a loaded, checked sweep file.
type Sweep struct {
	File
	// Source is the file it came from, or "NAME.toml (embedded)".
	Source string
	// SHA256 is the hash of the file's bytes.
	SHA256 string
	// BaseScenario is the loaded base scenario.
	BaseScenario *scenarios.Scenario
	// Params are the parameters with their kinds and value lists.
	Params []Parameter
	// fromFile: parsed from a sweep file (not made by PointsPlan), whose
	// plan hash covers the seeds' scheme.
	fromFile bool
}

// Parameter is a checked parameter: the scenario key, its kind and either
// its values or its numeric range.
type Parameter struct {
	Key      string
	Kind     string // "integer", "number", "boolean", "string" or "duration"
	Values   []any  // in Set's forms; for a range, the steps' values
	From, To float64
	IsRange  bool
	Base     any // the base scenario's value
}

// Load reads a sweep file: an embedded example's name (see
// scenarios.SweepNames) or a path. Problems are scenarios.Errors at
// FILE:LINE:COL.
func Load(ref string) (*Sweep, error) {
	if b, ok := scenarios.SweepFile(ref); ok && !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml") {
		return Parse(ref+".toml (embedded)", b, "")
	}
	b, err := safefile.ReadInput(ref, scenarios.MaxFileBytes, "sweep file")
	if safefile.IsRefusal(err) {
		return nil, scenarios.Errors{{File: ref, Msg: strings.TrimPrefix(err.Error(), ref+" ")}}
	}
	if err != nil {
		msg := fmt.Sprintf("cannot read sweep file: %v", err)
		if !strings.HasSuffix(ref, ".toml") {
			if s := scenarios.Suggest(ref, scenarios.SweepNames()); s != "" {
				msg += fmt.Sprintf(" (it is not an embedded sweep either; did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (it is not an embedded sweep either; those are: %s)", strings.Join(scenarios.SweepNames(), ", "))
			}
		}
		return nil, scenarios.Errors{{File: ref, Msg: msg}}
	}
	dir := ""
	if i := strings.LastIndexAny(ref, `/\`); i >= 0 {
		dir = ref[:i]
	}
	return Parse(ref, b, dir)
}

// Parse checks a sweep file's data; name is shown in errors and dir
// resolves a relative base path ("" for the working directory).
func Parse(name string, data []byte, dir string) (*Sweep, error) {
	var f File
	if err := scenarios.DecodeStrict(name, data, &f, fileKeys); err != nil {
		return nil, err
	}
	pos := scenarios.Positions(data)
	var errs scenarios.Errors
	add := func(key, format string, a ...any) {
		line, col := pos(key)
		if line == 0 && key == "samples" {
			line, col = pos("design") // samples missing: point at the design that needs it
		}
		errs = append(errs, &scenarios.Error{File: name, Line: line, Col: col, Key: key, Msg: fmt.Sprintf(format, a...)})
	}
	set := func(key string) bool { line, _ := pos(key); return line > 0 }
	sum := sha256.Sum256(data)
	s := &Sweep{File: f, Source: name, SHA256: hex.EncodeToString(sum[:]), fromFile: true}
	if !set("common_seeds") {
		// Common random numbers unless the file says otherwise: points
		// differ by their parameters, not by their seeds.
		s.CommonSeeds = true
	}
	if f.Design == "" {
		s.Design = "factorial"
	}
	if !set("replications") {
		s.Replications = 1
	}
	if !slices.Contains(Designs, s.Design) {
		add("design", "expected one of %s, got %q", quoteList(Designs), f.Design)
	}
	if f.Name != "" && (strings.ContainsAny(f.Name, `/\`) || strings.Contains(f.Name, "..") || strings.ContainsRune(f.Name, 0)) {
		add("name", "expected a name without / or \\ or .. (it names the output directory sweep-NAME in the working directory; --out chooses another), got %q", f.Name)
	}
	if s.Replications < 1 || s.Replications > MaxRuns {
		add("replications", "expected from 1 to %d replications (or none: 1), got %d", MaxRuns, f.Replications)
	}
	if f.Days < 0 || f.Days > 3660 || f.Days == 0 && set("days") {
		add("days", "expected a horizon from 1 to 3660 days (or none: the base scenario's), got %d", f.Days)
	}
	if f.Seed >= 1<<63 {
		add("seed", "expected a master seed from 0 to 9223372036854775807 (2⁶³ − 1), got %d", int64(f.Seed))
	}
	switch {
	case s.Design == "latin-hypercube" && (f.Samples < 1 || f.Samples > MaxPoints):
		add("samples", "a latin-hypercube design needs samples = N (from 1 to %d, the limit of points in a plan), got %d", MaxPoints, f.Samples)
	case s.Design != "latin-hypercube" && f.Samples != 0:
		add("samples", "samples is for the latin-hypercube design, not %s", s.Design)
	}
	if f.Base == "" {
		add("base", "expected the base scenario: an embedded scenario's name or a path to a TOML file")
	} else {
		ref := f.Base
		if dir != "" && strings.HasSuffix(ref, ".toml") && !strings.HasPrefix(ref, "/") {
			ref = dir + "/" + ref
		}
		sc, err := scenarios.Load(ref)
		if err != nil {
			add("base", "cannot load the base scenario %q:\n%v", f.Base, err)
		} else {
			s.BaseScenario = sc
		}
	}
	if len(f.Parameters) == 0 {
		add("parameters", "expected at least one [[parameters]] table with a key and values (or from, to, steps)")
	}
	seen := map[string]int{}
	for i, p := range f.Parameters {
		at := func(k string) string { return fmt.Sprintf("parameters[%d].%s", i, k) }
		if p.Key == "" {
			add(at("key"), "expected the scenario key to vary, such as \"controls.search_share\"")
			continue
		}
		if j, dup := seen[p.Key]; dup {
			add(at("key"), "%s is already varied by parameters[%d]", p.Key, j)
			continue
		}
		seen[p.Key] = i
		if why, ok := reservedKeys[p.Key]; ok {
			add(at("key"), "%s cannot be swept: %s", p.Key, why)
			continue
		}
		if s.BaseScenario == nil {
			continue
		}
		par, msg, where := checkParam(p, s.Design, s.BaseScenario.Config)
		if msg != "" {
			add(at(where), "%s", msg)
			continue
		}
		s.Params = append(s.Params, par)
	}
	if len(errs) == 0 {
		if n := s.PointCount(); n > MaxPoints {
			add("parameters", "the %s design has %s points, over the limit of %d points a plan may hold: fewer values or steps, or a latin-hypercube design", s.Design, countString(n), MaxPoints)
		} else if runs := n * s.Replications; runs > MaxRuns {
			add("replications", "%d points × %d replications = %d runs, over the limit of %d runs a plan may hold", n, s.Replications, runs, MaxRuns)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// PointCount returns the number of points of the design, computed from
// the parameters' numbers of values without making the points; a count
// over MaxPoints is returned as MaxPoints + 1.
func (s *Sweep) PointCount() int {
	switch s.Design {
	case "latin-hypercube":
		return s.Samples
	case "one-at-a-time":
		n := 1
		for _, p := range s.Params {
			for _, v := range p.Values {
				if !reflect.DeepEqual(v, p.Base) {
					n++
				}
			}
		}
		return min(n, MaxPoints+1)
	}
	n := 1
	for _, p := range s.Params {
		n *= len(p.Values)
		if n > MaxPoints {
			return MaxPoints + 1
		}
	}
	return n
}

func countString(n int) string {
	if n > MaxPoints {
		return fmt.Sprintf("more than %d", MaxPoints)
	}
	return fmt.Sprint(n)
}

// checkParam checks one parameter against its scenario key; on a problem
// it returns the message and the sub-key it concerns.
func checkParam(p Param, design string, base *sim.Config) (Parameter, string, string) {
	par := Parameter{Key: p.Key}
	bv, err := scenarios.Get(base, p.Key)
	if err != nil {
		return par, err.Error(), "key"
	}
	par.Base = bv
	k, _ := scenarios.KeyOf(p.Key)
	switch {
	case k.Type == "duration string":
		par.Kind = "duration"
	case k.Type == "boolean", k.Type == "string", k.Type == "integer", k.Type == "number":
		par.Kind = k.Type
	default:
		return par, fmt.Sprintf("a key of type %s cannot be swept", k.Type), "key"
	}
	hasRange := p.From != nil || p.To != nil || p.Steps != 0
	switch {
	case len(p.Values) > 0 && hasRange:
		return par, "give either values or from, to and steps, not both", "values"
	case len(p.Values) == 0 && !hasRange:
		return par, "expected values = [...] or from, to and steps", "key"
	}
	// tryValue checks one value by setting it on a copy of the base.
	tryValue := func(v any) string {
		c := Clone(base)
		if err := scenarios.Set(c, p.Key, v); err != nil {
			return strings.TrimPrefix(err.Error(), p.Key+": ")
		}
		if err := scenarios.Validate(c); err != nil {
			var es scenarios.Errors
			if errorsAs(err, &es) {
				for _, e := range es {
					if e.Key == p.Key {
						return e.Msg
					}
				}
				return es[0].Key + ": " + es[0].Msg
			}
			return err.Error()
		}
		return ""
	}
	if !hasRange {
		for j, v := range p.Values {
			if par.Kind == "integer" {
				if f, ok := v.(float64); ok && f == math.Trunc(f) {
					v = int64(f)
				}
			}
			if msg := tryValue(v); msg != "" {
				return par, fmt.Sprintf("value %d (%s): %s", j+1, written(v), msg), "values"
			}
			for _, w := range par.Values {
				if reflect.DeepEqual(w, v) {
					return par, fmt.Sprintf("value %d (%s) is listed twice", j+1, written(v)), "values"
				}
			}
			par.Values = append(par.Values, v)
		}
		return par, "", ""
	}
	if par.Kind != "integer" && par.Kind != "number" {
		return par, fmt.Sprintf("a range (from, to, steps) needs a numeric key; %s is a %s: list its values", p.Key, k.Type), "from"
	}
	from, ok1 := toFloat(p.From)
	to, ok2 := toFloat(p.To)
	switch {
	case !ok1:
		return par, fmt.Sprintf("expected a finite number for from, got %s", written(p.From)), "from"
	case !ok2:
		return par, fmt.Sprintf("expected a finite number for to, got %s", written(p.To)), "to"
	case to <= from:
		return par, fmt.Sprintf("expected to > from, got from = %s, to = %s", sim.FormatFloat(from), sim.FormatFloat(to)), "to"
	}
	par.From, par.To, par.IsRange = from, to, true
	for _, end := range []struct {
		x float64
		k string
	}{{from, "from"}, {to, "to"}} {
		if msg := tryValue(par.value(end.x)); msg != "" {
			return par, fmt.Sprintf("%s: %s", end.k, msg), end.k
		}
	}
	switch {
	case design == "latin-hypercube" && p.Steps != 0:
		return par, "steps is not used by the latin-hypercube design (samples sets the number of points)", "steps"
	case design != "latin-hypercube" && p.Steps < 2:
		return par, fmt.Sprintf("a range needs steps ≥ 2 (the number of values from from to to), got %d", p.Steps), "steps"
	case p.Steps > MaxPoints:
		return par, fmt.Sprintf("expected at most %d steps (the limit of points a plan may hold), got %d", MaxPoints, p.Steps), "steps"
	}
	for j := 0; j < p.Steps; j++ {
		v := par.value(from + (to-from)*float64(j)/float64(p.Steps-1))
		if len(par.Values) > 0 && reflect.DeepEqual(par.Values[len(par.Values)-1], v) {
			continue // integer steps closer than 1
		}
		par.Values = append(par.Values, v)
	}
	return par, "", ""
}

// value converts a point in the parameter's range to its Set form.
func (p Parameter) value(x float64) any {
	if p.Kind == "integer" {
		return int64(math.Round(x))
	}
	return x
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false
}

// written is a value of a sweep file as the file wrote it: inf and nan
// for the numbers that are not finite, strings quoted.
func written(v any) string {
	switch x := v.(type) {
	case float64:
		return scenarios.FormatNumber(x)
	case string:
		return fmt.Sprintf("%q", x)
	}
	return fmt.Sprint(v)
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// DefaultDir is the sweep's output directory when none is given:
// sweep-NAME (NAME from the file ref when the sweep has none), with the
// shard K/N when there are several.
func (sw *Sweep) DefaultDir(ref string, k, n int) string {
	name := sw.Name
	if name == "" {
		name = strings.TrimSuffix(ref[strings.LastIndexByte(ref, '/')+1:], ".toml")
	}
	dir := "sweep-" + name
	if n > 1 {
		dir += fmt.Sprintf("-shard-%d-of-%d", k, n)
	}
	return dir
}
