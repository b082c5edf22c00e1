package experiment

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"channelsim/scenarios"
	"channelsim/sim"
)

// Plan is a sweep's runs: its points × replications, each with a derived
// seed, in run-index order. Run i is replication i / P of the point in
// slot i mod P of an interleaved order of the P points, so that the first
// P runs cover every point once, in an order that spreads over the
// space, before any point is replicated.
type Plan struct {
	Sweep  *Sweep
	Points [][]any // the design's points: one value per parameter
	Reps   int
	Days   int // the horizon of every run
	// Extra, if set, adds metrics of a finished run to its summary (and
	// so to the columns of runs.csv): measures the summary lacks, such
	// as a calibration target's average over a window of days.
	Extra func(m *sim.Model) ([]sim.Entry, error)
	order []int
}

// NewPlan makes the plan of s, with days and reps overriding the file's
// horizon and replications when > 0. Its size is checked against
// MaxPoints and MaxRuns before any point is made (a Refusal). Each
// parameter value was checked alone on the base scenario when the file
// was parsed; here each point is checked against the rules that tie keys
// together (scenarios.ValidateRules): a few comparisons a point.
func NewPlan(s *Sweep, days, reps int) (*Plan, error) {
	p := &Plan{Sweep: s, Reps: s.Replications, Days: s.Days}
	if reps > 0 {
		p.Reps = reps
	}
	if days > 0 {
		p.Days = days
	}
	if p.Days == 0 {
		p.Days = s.BaseScenario.Config.Days
	}
	n := s.PointCount()
	switch {
	case n > MaxPoints:
		return nil, refuse("%s: the %s design has %s points, over the limit of %d points a plan may hold", s.Source, s.Design, countString(n), MaxPoints)
	case p.Reps > MaxRuns || n*p.Reps > MaxRuns:
		return nil, refuse("%s: %d points × %d replications = %d runs, over the limit of %d runs a plan may hold", s.Source, n, p.Reps, n*p.Reps, MaxRuns)
	}
	p.Points = s.points()
	p.order = interleave(len(p.Points))
	c := Clone(s.BaseScenario.Config)
	for i, pt := range p.Points {
		for d, par := range s.Params {
			if err := scenarios.Set(c, par.Key, pt[d]); err != nil {
				return nil, fmt.Errorf("point %d: %w", i, err)
			}
		}
		if err := scenarios.ValidateRules(c); err != nil {
			return nil, refuse("point %d (%s) is not a valid scenario:\n%v", i, p.describe(i), err)
		}
	}
	return p, nil
}

// Runs returns the number of runs.
func (p *Plan) Runs() int { return len(p.Points) * p.Reps }

// Run returns run i's point index, replication (0-based) and seed.
func (p *Plan) Run(i int) (point, rep int, seed uint64) {
	n := len(p.Points)
	point = p.order[i%n]
	rep = i / n
	return point, rep, RunSeed(p.Sweep.Seed, point, rep, p.Sweep.CommonSeeds)
}

// Config returns the configuration of run i.
func (p *Plan) Config(i int) (*sim.Config, error) {
	point, _, seed := p.Run(i)
	return p.config(point, seed)
}

func (p *Plan) config(point int, seed uint64) (*sim.Config, error) {
	c := Clone(p.Sweep.BaseScenario.Config)
	for d, par := range p.Sweep.Params {
		if err := scenarios.Set(c, par.Key, p.Points[point][d]); err != nil {
			return nil, fmt.Errorf("point %d: %w", point, err)
		}
	}
	c.Days = p.Days
	c.Seed = seed // every point was validated by NewPlan; a seed is always valid
	return c, nil
}

func (p *Plan) describe(point int) string {
	var parts []string
	for d, par := range p.Sweep.Params {
		parts = append(parts, par.Key+" = "+FormatValue(p.Points[point][d]))
	}
	return strings.Join(parts, ", ")
}

// Hash identifies the plan's runs: the sweep file's hash, the resolved
// base scenario's (after extends: editing the base, or a file it
// extends, makes another plan) and the horizon and replications actually
// used. Shards and resumed outputs must match it.
func (p *Plan) Hash() string {
	id := fmt.Sprintf("%s|base=%s|days=%d|reps=%d", p.Sweep.SHA256, p.Sweep.BaseScenario.Hash, p.Days, p.Reps)
	if p.Sweep.fromFile {
		// Common seeds are the default (and --independent-seeds turns
		// them off): the same file's runs differ with the choice.
		id += fmt.Sprintf("|common_seeds=%t", p.Sweep.CommonSeeds)
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// FormatValue writes a parameter value as runs.csv does.
func FormatValue(v any) string {
	switch x := v.(type) {
	case float64:
		return sim.FormatFloat(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// Clone returns a copy of cfg that shares no slices with it, so that
// setting "closures[0].site" on the copy leaves cfg alone.
func Clone(cfg *sim.Config) *sim.Config {
	c := *cfg
	cloneSlices(reflect.ValueOf(&c).Elem())
	return &c
}

func cloneSlices(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				cloneSlices(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		for i := 0; i < c.Len(); i++ {
			cloneSlices(c.Index(i))
		}
		v.Set(c)
	}
}

var errorsAs = errors.As
