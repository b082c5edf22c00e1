// Package analysis holds the model against the record and its parameters:
// the published targets a period's baseline must reproduce, with their
// bands and roles (targets.go, docs/validation.md); calibration to the
// in-sample ones by approximate Bayesian computation and the posterior
// samples it writes (calibrate.go, posterior.go); and the sensitivity
// analyses of docs/sensitivity.md. It runs everything on the sweep engine
// of package experiment: it turns the designs of package uq into points of
// the plausible ranges, runs them as sweeps (parallel, streamed to
// runs.csv, resumable, shardable, with common random numbers), and feeds
// the results back to the estimators.
package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"channelsim/experiment"
	"channelsim/scenarios"
	"channelsim/uq"
)

// Setup is what every analysis needs: the base scenario, the parameters
// with their plausible ranges, the outputs, and how to run.
type Setup struct {
	Base    *scenarios.Scenario
	Ranges  []scenarios.Range
	Outputs []string // summary keys (flattened), for sensitivity
	Days    int      // horizon (0: the base's)
	Reps    int      // replications of each point (common random numbers)
	Seed    uint64   // master seed
	Boot    int      // bootstrap resamples
	Workers int
	// Shard K of Shards runs only those runs (no analysis); 0: all.
	Shard, Shards int
	Resume        bool
	// AnalyseOnly refuses to run: the directory must hold the complete
	// runs already (the screening read by a Sobol stage).
	AnalyseOnly bool
	Context     context.Context
	Progress    func(done, total int)
	Version     string
}

func (s Setup) keys() []string {
	ks := make([]string, len(s.Ranges))
	for i, r := range s.Ranges {
		ks[i] = r.Path
	}
	return ks
}

// id describes the analysis' inputs for the plan hash: a different range,
// parameter, seed or base is a different design.
func (s Setup) id(kind string, extra ...any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|base=%s|days=%d|reps=%d|seed=%d", kind, s.Base.Hash, s.Days, s.Reps, s.Seed)
	for _, r := range s.Ranges {
		fmt.Fprintf(&b, "|%s=%v,%v", r.Path, r.Low, r.High)
	}
	for _, e := range extra {
		fmt.Fprintf(&b, "|%v", e)
	}
	return b.String()
}

func (s Setup) whole() bool { return s.Shards <= 1 }

// values maps unit points to parameter values, and back to the unit
// positions of the values used (integers are rounded).
func (s Setup) values(unit [][]float64) (vals [][]any, eff [][]float64) {
	vals = make([][]any, len(unit))
	eff = make([][]float64, len(unit))
	for i, u := range unit {
		vals[i] = make([]any, len(s.Ranges))
		eff[i] = make([]float64, len(s.Ranges))
		for d, r := range s.Ranges {
			v := r.Value(u[d])
			vals[i][d] = v
			eff[i][d] = r.Position(v)
		}
	}
	return vals, eff
}

// execute runs plan into dir unless dir already holds its complete runs.
// runDesign runs plan p of a design's points into dir and returns, for
// each output, its mean over the replications at each point. It returns
// nil outputs (and no error) when only a shard of the plan ran here.
func (s Setup) runDesign(dir string, p *experiment.Plan, points int) ([][]float64, experiment.Report, error) {
	rep, err := s.execute(dir, p)
	if err != nil || !s.whole() {
		return nil, rep, err
	}
	means, err := experiment.PointMeans(dir, points, s.Outputs)
	if err != nil {
		return nil, rep, err
	}
	ys := make([][]float64, len(s.Outputs))
	for o := range s.Outputs {
		ys[o] = make([]float64, len(means))
		for i := range means {
			ys[o][i] = means[i][o]
		}
	}
	return ys, rep, nil
}

func (s Setup) execute(dir string, p *experiment.Plan) (experiment.Report, error) {
	if s.whole() && experiment.Completed(dir, p) {
		return experiment.Report{Total: p.Runs(), Resumed: p.Runs()}, nil
	}
	if s.AnalyseOnly {
		return experiment.Report{}, fmt.Errorf("%s does not hold the complete runs of this design (the same parameters, ranges, seed, days and size): run that stage first, and merge its shards into %s", dir, dir)
	}
	return experiment.Execute(p, dir, experiment.Options{Workers: s.Workers, Shard: s.Shard, Shards: s.Shards, Resume: s.Resume,
		Context: s.Context, Progress: s.Progress, Version: s.Version})
}

// Check reports a setup that cannot run.
func (s Setup) Check() error {
	if s.Base == nil {
		return fmt.Errorf("no base scenario")
	}
	if len(s.Ranges) == 0 {
		return fmt.Errorf("no parameters with a plausible range to vary")
	}
	if s.Reps < 1 {
		return fmt.Errorf("replications: expected at least 1, got %d", s.Reps)
	}
	return nil
}

// Morris is a finished Morris screening.
type Morris struct {
	Setup   Setup
	Design  *uq.MorrisDesign
	Results []uq.MorrisResult // per output
	Runs    int
}

// RunMorris runs the Morris screening of s over r trajectories on a grid
// of levels levels, into dir. With a shard, it only runs that shard's runs
// and returns nil.
func RunMorris(dir string, s Setup, r, levels int) (*Morris, experiment.Report, error) {
	if err := s.Check(); err != nil {
		return nil, experiment.Report{}, err
	}
	d, err := uq.NewMorrisDesign(len(s.Ranges), r, levels, uq.NewRand(s.Seed, "morris design"))
	if err != nil {
		return nil, experiment.Report{}, err
	}
	vals, eff := s.values(d.Points)
	p, err := experiment.PointsPlan(s.Base, "morris", "morris", s.id("morris", r, levels), s.keys(), vals, s.Reps, s.Days, s.Seed, true)
	if err != nil {
		return nil, experiment.Report{}, err
	}
	ys, rep, err := s.runDesign(dir, p, len(vals))
	if ys == nil {
		return nil, rep, err
	}
	m := &Morris{Setup: s, Design: d, Runs: p.Runs()}
	for o, y := range ys {
		res, err := uq.MorrisEffects(d, eff, y, s.Boot, 0.95, uq.NewRand(s.Seed, "morris bootstrap "+s.Outputs[o]))
		if err != nil {
			return nil, rep, err
		}
		m.Results = append(m.Results, res)
	}
	return m, rep, nil
}

// Ranking returns the parameters' indices by importance for output o
// (μ* descending).
func (m *Morris) Ranking(o int) []int {
	idx := make([]int, len(m.Setup.Ranges))
	for i := range idx {
		idx[i] = i
	}
	mu := m.Results[o].MuStar
	sort.SliceStable(idx, func(a, b int) bool { return nanLess(mu[idx[b]].Value, mu[idx[a]].Value) })
	return idx
}

// Top returns the k parameters with the largest μ* relative to the
// largest of their output, taking for each parameter its best over the
// outputs: a parameter that dominates any one output is kept.
func (m *Morris) Top(k int) []scenarios.Range {
	n := len(m.Setup.Ranges)
	score := make([]float64, n)
	for _, res := range m.Results {
		top := 0.0
		for _, e := range res.MuStar {
			if e.Value > top {
				top = e.Value
			}
		}
		if top == 0 || math.IsNaN(top) {
			continue
		}
		for i, e := range res.MuStar {
			if v := e.Value / top; v > score[i] {
				score[i] = v
			}
		}
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	k = min(k, n)
	out := make([]scenarios.Range, k)
	for i := 0; i < k; i++ {
		out[i] = m.Setup.Ranges[idx[i]]
	}
	return out
}

func nanLess(a, b float64) bool {
	if math.IsNaN(a) {
		return !math.IsNaN(b)
	}
	return a < b
}

// Sobol is a finished Sobol analysis.
type Sobol struct {
	Setup   Setup
	N       int
	Results []uq.SobolResult // per output
	Runs    int
	// Convergence holds, per output, the indices on the first rows of
	// the design (uq.ConvergenceRows): whether they have settled.
	Convergence [][]uq.SobolResult
}

// Warnings says, per output, what makes its indices unreliable
// (uq.SobolResult.Warnings), naming the parameters by key.
func (s *Sobol) Warnings() [][]string {
	names := s.Setup.keys()
	out := make([][]string, len(s.Results))
	for o, r := range s.Results {
		out[o] = r.Warnings(names)
	}
	return out
}

// RunSobol estimates first- and total-order Sobol indices of s's
// parameters with n base rows of the Saltelli design, into dir.
func RunSobol(dir string, s Setup, n int) (*Sobol, experiment.Report, error) {
	if err := s.Check(); err != nil {
		return nil, experiment.Report{}, err
	}
	pts, err := uq.SaltelliDesign(n, len(s.Ranges))
	if err != nil {
		return nil, experiment.Report{}, err
	}
	vals, _ := s.values(pts)
	p, err := experiment.PointsPlan(s.Base, "sobol", "saltelli", s.id("sobol", n), s.keys(), vals, s.Reps, s.Days, s.Seed, true)
	if err != nil {
		return nil, experiment.Report{}, err
	}
	ys, rep, err := s.runDesign(dir, p, len(vals))
	if ys == nil {
		return nil, rep, err
	}
	res := &Sobol{Setup: s, N: n, Runs: p.Runs()}
	for o, y := range ys {
		r, err := uq.SobolIndices(y, len(s.Ranges), s.Boot, 0.95, uq.NewRand(s.Seed, "sobol bootstrap "+s.Outputs[o]))
		if err != nil {
			return nil, rep, err
		}
		res.Results = append(res.Results, r)
		conv, err := uq.SobolConvergence(y, len(s.Ranges), uq.ConvergenceRows(n), min(s.Boot, 200), 0.95, uq.NewRand(s.Seed, "sobol convergence "+s.Outputs[o]))
		if err != nil {
			return nil, rep, err
		}
		res.Convergence = append(res.Convergence, conv)
	}
	return res, rep, nil
}
