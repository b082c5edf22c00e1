package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"channelsim/experiment"
	"channelsim/scenarios"
	"channelsim/sim"

	"gonum.org/v1/gonum/stat"
)

// Validation: each target of a period measured over replications of its
// scenario, its mean with a 95 % Student-t interval (experiment.MeanCI),
// and the seed-by-seed view: how many seeds are in the band, their range,
// and whether they split into separate groups.

// RoleSummary is the role of a row derived from several targets (2016's
// ARD): reported like a target, never counted in the exit status.
const RoleSummary Role = "summary"

// validationLevel is the confidence level of validate's intervals.
const validationLevel = 0.95

// TargetResult is a target's mean over the replications with its 95 %
// confidence interval, and each replication's value: the mean alone hides
// seeds that fall into separate worlds.
type TargetResult struct {
	Target
	Mean, Lo, Hi float64
	N            int
	Pass         bool
	// Seeds are the replications' values, Seeds[i] from seed i+1.
	Seeds []float64
	// InBand is how many of Seeds lie in the band (all for a context
	// figure, which has none).
	InBand int
	// Groups are Seeds split by experiment.SplitGroups: more than one when
	// the seeds fall into separate groups.
	Groups []experiment.Group
}

// Split reports whether the seeds fall into separate groups.
func (r TargetResult) Split() bool { return len(r.Groups) > 1 }

// Error is the mean's relative error against the published figure (NaN
// when there is none).
func (r TargetResult) Error() float64 { return r.Mean/r.Observed - 1 }

// Validate runs reps replications of the targets' scenarios on workers
// goroutines and measures the targets ts; progress, if set, is called
// as each scenario's runs finish.
func Validate(ts []Target, reps, workers int, progress func(scenario string, done, total int)) ([]TargetResult, error) {
	values, err := MeasureTargets(ts, reps, workers, progress, nil)
	if err != nil {
		return nil, err
	}
	return Summarise(ts, values), nil
}

// ValidationDays is how long validate runs a target's scenario: the
// default baseline a year from its start (for its yearly targets), any
// other scenario its own horizon.
func ValidationDays(sc *scenarios.Scenario) int {
	if sc.Config.Name == scenarios.Default {
		return 365
	}
	return sc.Config.Days
}

// RunDays is how long validate runs scenario sc to measure the targets
// ts: ValidationDays, or, when every target of ts on sc reads a window of
// the daily series (none a yearly total of the summary), up to the last
// day of their windows and runMargin days more: a day's events do not
// depend on the horizon, but the last day's look ahead (tonight's sea for
// the boats, Kent Police's forecast), so the margin keeps every measured
// day as a longer run has it.
func RunDays(sc *scenarios.Scenario, ts []Target) int {
	days := ValidationDays(sc)
	if sc.Config.Name == scenarios.Default {
		return days
	}
	last := ""
	for _, t := range ts {
		if t.Scenario != sc.Config.Name {
			continue
		}
		if t.To == "" || t.Year {
			return days
		}
		last = max(last, t.To)
	}
	end, err := time.Parse("2006-01-02", last)
	if err != nil {
		return days
	}
	start := time.Date(sc.Config.Start.Year, sc.Config.Start.Month, sc.Config.Start.Day, 0, 0, 0, 0, time.UTC)
	return min(days, int(end.Sub(start).Hours()/24)+1+runMargin)
}

// runMargin is the days RunDays runs beyond the last measured day.
const runMargin = 2

// MeasureTargets runs reps replications of each scenario the targets ts
// are measured on (ValidationDays each) and returns each target's values
// by id, value i from replication i (seed i+1) whatever order the
// workers finish in; draw, if set, changes replication i's configuration.
func MeasureTargets(ts []Target, reps, workers int, progress func(scenario string, done, total int), draw func(i int, cfg *sim.Config) error) (map[string][]float64, error) {
	values := make(map[string][]float64)
	for _, t := range ts {
		values[t.ID] = make([]float64, reps)
	}
	for _, name := range ScenariosOf(ts) {
		cfgs, err := replications(name, ts, reps, draw)
		if err != nil {
			return nil, err
		}
		var mine []Target
		for _, t := range ts {
			if t.Scenario == name {
				mine = append(mine, t)
			}
		}
		// Each run's targets are measured on its worker; the model is
		// dropped there, so memory does not grow with the replications.
		measure := func(m *sim.Model) ([]float64, error) {
			dates, cols, err := m.DailySeries()
			if err != nil {
				return nil, err
			}
			sum := m.Summary()
			xs := make([]float64, len(mine))
			for k, t := range mine {
				xs[k] = t.Measure(sum, cols, dates)
			}
			return xs, nil
		}
		n := 0
		err = experiment.RunBatch(context.Background(), cfgs, workers, measure, func(i int, xs []float64, err error) error {
			n++
			if progress != nil {
				progress(name, n, reps)
			}
			if err != nil {
				return err
			}
			for k, t := range mine {
				values[t.ID][i] = xs[k]
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return values, nil
}

// replications are reps configurations of the scenario name, seeds 1…reps,
// over RunDays for the targets ts, each changed by draw if set.
func replications(name string, ts []Target, reps int, draw func(i int, cfg *sim.Config) error) ([]*sim.Config, error) {
	sc, err := scenarios.Load(name)
	if err != nil {
		return nil, err
	}
	days := RunDays(sc, ts)
	cfgs := make([]*sim.Config, reps)
	for i := range cfgs {
		c := *sc.Config
		c.Seed = uint64(i + 1)
		c.Days = days
		cfgs[i] = &c
		if draw != nil {
			cfgs[i] = experiment.Clone(&c)
			if err := draw(i, cfgs[i]); err != nil {
				return nil, err
			}
		}
	}
	return cfgs, nil
}

// Summarise makes each target's mean and interval from its values.
func Summarise(ts []Target, values map[string][]float64) []TargetResult {
	var out []TargetResult
	for _, t := range ts {
		xs := values[t.ID]
		iv := experiment.MeanCI(xs, validationLevel)
		in := 0
		for _, x := range xs {
			if t.In(x) {
				in++
			}
		}
		out = append(out, TargetResult{Target: t, Mean: iv.Mean, Lo: iv.Lo, Hi: iv.Hi, N: len(xs),
			Pass: t.In(iv.Mean), Seeds: xs, InBand: in, Groups: experiment.SplitGroups(xs)})
	}
	return out
}

// ardMax is the averaged relative difference the 2016 work is held to: a
// seed whose six months of 2016 are, on average, within 25 % of the
// record.
const ardMax = 0.25

// ardTargets are the targets whose averaged relative difference is
// reported for a period: the six months of 2016 the record gives.
var ardTargets = map[string][]string{
	Period2016: {"C7-2016-01", "C7-2016-02", "C7-2016-03", "C7-2016-04", "C7-2016-05", "C7-2016-06"},
}

func init() {
	// The small boats' years: their twelve months of arrivals.
	for _, p := range boatPeriods {
		for m := 1; m <= 12; m++ {
			ardTargets[p] = append(ardTargets[p], fmt.Sprintf("SB-%s-%02d", p, m))
		}
	}
}

// ardLabel names the months an ARD row averages.
func ardLabel(period string) string {
	if period == Period2016 {
		return "H1"
	}
	return "months"
}

// ARD is the row of a period's averaged relative difference over its
// ardTargets: for each seed, the mean over the targets of
// |value − observed| / observed, summarised like a target with the band
// [0, ardMax]. ok is false when the period has none or a target is
// missing from rs.
func ARD(period string, rs []TargetResult) (TargetResult, bool) {
	ids := ardTargets[period]
	if len(ids) == 0 {
		return TargetResult{}, false
	}
	var parts []TargetResult
	for _, id := range ids {
		i := indexOfTarget(rs, id)
		if i < 0 {
			return TargetResult{}, false
		}
		parts = append(parts, rs[i])
	}
	seeds := make([]float64, len(parts[0].Seeds))
	for i := range seeds {
		for _, p := range parts {
			if i >= len(p.Seeds) {
				return TargetResult{}, false
			}
			// A NaN value (a run that does not cover the month) makes the
			// seed's ARD NaN: absent, not averaged over fewer months.
			seeds[i] += math.Abs(p.Seeds[i]-p.Observed) / p.Observed / float64(len(parts))
		}
	}
	t := Target{
		ID: "ARD-" + period + "-" + ardLabel(period),
		// No "|" in the text: it is a cell of the Markdown table.
		What:     fmt.Sprintf("ARD %s: a seed's mean absolute relative difference from the observed over %s…%s", ardSpan(period), ids[0], ids[len(ids)-1]),
		Period:   period,
		Scenario: parts[0].Scenario,
		Lo:       0, Hi: ardMax,
		Band:     fmt.Sprintf("≤ %g", ardMax),
		Observed: math.NaN(),
		Unit:     "share",
		Role:     RoleSummary,
	}
	return Summarise([]Target{t}, map[string][]float64{t.ID: seeds})[0], true
}

// ardSpan is the months an ARD row averages, in words.
func ardSpan(period string) string {
	if period == Period2016 {
		return "Jan–Jun"
	}
	return "Jan–Dec"
}

func indexOfTarget(rs []TargetResult, id string) int {
	for i, r := range rs {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// InBandText is "k/N" seeds in the band, "–" for a context figure.
func (r TargetResult) InBandText() string {
	if r.Role == RoleContext {
		return "–"
	}
	return fmt.Sprintf("%d/%d", r.InBand, len(r.Seeds))
}

// SeedRange is the least and greatest finite value of the seeds (NaN when
// none is finite).
func (r TargetResult) SeedRange() (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	for _, x := range r.Seeds {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		if math.IsNaN(lo) || x < lo {
			lo = x
		}
		if math.IsNaN(hi) || x > hi {
			hi = x
		}
	}
	return lo, hi
}

// Finite is how many seeds have a value.
func (r TargetResult) Finite() int {
	n := 0
	for _, x := range r.Seeds {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			n++
		}
	}
	return n
}

// SplitText describes the groups of a split ("5 at ≈ 160.2, 5 at ≈
// 420.1", lowest first), formatting each mean with num; sep separates
// them. "" when the seeds do not split.
func (r TargetResult) SplitText(sep string, num func(float64) string) string {
	if !r.Split() {
		return ""
	}
	parts := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		parts[i] = fmt.Sprintf("%d at ≈ %s", g.N, num(g.Mean))
	}
	return strings.Join(parts, sep)
}

// Predictive is a target's posterior predictive: its values over draws ×
// replications, summarised.
type Predictive struct {
	Median, Lo, Hi float64 // median and central 95 % over all runs
	RunsIn, Runs   int     // runs in the band
	DrawsIn, Draws int     // draws whose mean over their seeds is in the band
	// ParamShare is the share of the runs' variance between draws (the
	// parameters) rather than between the seeds of a draw (the model's
	// noise), by the law of total variance; NaN with one seed a draw.
	ParamShare float64
	DrawMeans  []float64
}

// Predict summarises target t's values under draws of a parameter sample
// (draw d's seed r at d*reps + r).
func Predict(t Target, values []float64, draws, reps int) Predictive {
	xs := append([]float64(nil), values...)
	sort.Float64s(xs)
	q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, xs, nil) }
	p := Predictive{Median: q(0.5), Lo: q(0.025), Hi: q(0.975), Runs: len(values), Draws: draws, ParamShare: math.NaN()}
	for _, x := range values {
		if t.In(x) {
			p.RunsIn++
		}
	}
	var within float64
	for d := 0; d < draws; d++ {
		ys := values[d*reps : (d+1)*reps]
		m, v := stat.MeanVariance(ys, nil)
		p.DrawMeans = append(p.DrawMeans, m)
		if t.In(m) {
			p.DrawsIn++
		}
		if reps > 1 {
			within += v / float64(draws)
		}
	}
	if reps > 1 {
		// Var(Y) = E[Var(Y | θ)] + Var(E[Y | θ]); the variance of the draws'
		// means over-counts the second by E[Var(Y | θ)] / reps.
		between := math.Max(0, stat.Variance(p.DrawMeans, nil)-within/float64(reps))
		if tot := between + within; tot > 0 {
			p.ParamShare = between / tot
		}
	}
	return p
}

// MeasurePosterior measures every target under draws of a parameter
// sample, reps replications each (draw d's replication r runs with seed
// r + 1: common random numbers across draws): each target's posterior
// predictive. For the held-out validation targets it is the test of the
// calibrated model with its uncertainty, parameters apart from noise.
func MeasurePosterior(ts []Target, post *Posterior, draws, reps, workers int, progress func(scenario string, done, total int)) (map[string][]float64, error) {
	// Draws are scaled to a target's scenario from the one the sample was
	// fitted to (Apply): the small boats' sample from baseline-2018-2024,
	// not from the default baseline.
	base, err := scenarios.Load(post.Scenario)
	if err != nil {
		return nil, err
	}
	ds := post.Draws(draws)
	return MeasureTargets(ts, draws*reps, workers, progress, func(i int, cfg *sim.Config) error {
		cfg.Seed = uint64(i%reps + 1)
		_, _, err := post.Apply(cfg, base.Config, ds[i/reps])
		return err
	})
}
