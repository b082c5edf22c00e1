package analysis

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"channelsim/experiment"
	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/uq"
)

// CheckOutputs checks that every output names a numeric summary key (a
// map's entries as "key.sub"), with a "did you mean" for typos.
func CheckOutputs(base *scenarios.Scenario, outputs []string) error {
	c := experiment.Clone(base.Config)
	c.Days = 1
	m, err := sim.NewDefault(c)
	if err != nil {
		return err
	}
	m.Run()
	var known, maps []string
	for _, e := range m.Summary() {
		switch e.Value.(type) {
		case int64, float64:
			known = append(known, e.Key)
		case map[string]int64:
			maps = append(maps, e.Key)
		}
	}
	if len(outputs) == 0 {
		return fmt.Errorf("no outputs: name at least one summary key")
	}
	for _, o := range outputs {
		if slices.Contains(known, o) {
			continue
		}
		if i := strings.IndexByte(o, '.'); i > 0 && slices.Contains(maps, o[:i]) {
			continue
		}
		msg := fmt.Sprintf("unknown output %q: expected a numeric summary key (channelsim run --json lists them)", o)
		if s := scenarios.Suggest(o, append(known, maps...)); s != "" {
			msg = fmt.Sprintf("unknown output %q; did you mean %q?", o, s)
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// Calibration is the outcome of a calibration: history matching's waves
// (if any) and the ABC inside the space they did not rule out.
type Calibration struct {
	Setup   Setup
	Targets []CalibrationTarget
	APMC    uq.APMC
	Pop     uq.Population
	History []Generation
	// Measures[i][t] is target t in the run of kept particle i.
	Measures [][]float64
	// HM is the history match (nil without waves), Waves its record.
	HM    *uq.HistoryMatch
	Waves []WaveRecord
	// Settings are the calibration's settings.
	Settings Settings
}

// Settings are a calibration's: ABC's particles, share kept, stopping
// rules and most generations, and history matching's waves before it.
type Settings struct {
	Particles int
	Alpha     float64
	PAccMin   float64
	MaxGen    int
	// Eps, if positive, stops the ABC once its tolerance is at most Eps
	// (in the distance's units: 1 is the bands' edge).
	Eps float64
	// Waves of history matching before the ABC (0: none), each of
	// WaveRuns design points; Cutoff is the implausibility cut-off (3)
	// and Candidates the points screened a wave.
	Waves, WaveRuns int
	Cutoff          float64
	Candidates      int
}

// WaveRecord is one wave of history matching.
type WaveRecord struct {
	Wave   int
	Runs   int
	Volume float64 // share of the prior not ruled out after the wave
	// By target: the leave-one-out share within 2 sd, the leave-one-out
	// root mean squared error and the emulator's noise standard deviation
	// (the model's own spread), in the target's units.
	LOOWithin2, LOORMSE, NoiseSD []float64
}

// Generation is one generation's record (the acceptance history).
type Generation struct {
	Gen  int
	Runs int     // simulations this generation
	Eps  float64 // tolerance after it
	PAcc float64 // share of new particles within the previous tolerance
	ESS  float64 // effective sample size of the kept particles, by their own generations' weights
	// MixtureESS is their effective sample size by the mixture weights
	// (uq.APMC.MixtureWeights), which the kept sample carries.
	MixtureESS float64
	Total      int // simulations so far
}

// TargetColumn is the runs.csv column of a target's measure.
func TargetColumn(t Target) string { return "target." + t.ID }

// targetExtra measures the targets of a finished run.
func targetExtra(ts []CalibrationTarget) func(m *sim.Model) ([]sim.Entry, error) {
	return func(m *sim.Model) ([]sim.Entry, error) {
		dates, cols, err := m.DailySeries()
		if err != nil {
			return nil, err
		}
		sum := m.Summary()
		out := make([]sim.Entry, len(ts))
		for i, c := range ts {
			out[i] = sim.Entry{Key: TargetColumn(c.Target()), Value: c.Target().Measure(sum, cols, dates)}
		}
		return out, nil
	}
}

// Distance is the distance of measures from the targets: the root mean
// square of (measure − band centre) / band half-width, so that a measure
// at the edge of its band is 1 away. NaN if a measure is missing.
func Distance(ts []CalibrationTarget, measures []float64) float64 {
	var s float64
	for i, c := range ts {
		mid, half := c.Target().Centre()
		if math.IsNaN(measures[i]) || half <= 0 {
			return math.NaN()
		}
		z := (measures[i] - mid) / half
		s += z * z
	}
	return math.Sqrt(s / float64(len(ts)))
}

// Calibrate fits s's parameters to the targets by ABC (uq.APMC) with n
// particles, keeping a share alpha each generation and stopping when the
// share of new particles accepted falls below pAccMin or after maxGen
// generations. Generation g runs into dir/gen-GG as a sweep (resumable:
// a calibration run again with the same inputs continues where it
// stopped). Each particle runs s.Reps replications with seeds of its own.
func Calibrate(dir string, s Setup, targets []CalibrationTarget, cs Settings) (*Calibration, error) {
	n, alpha, pAccMin, maxGen := cs.Particles, cs.Alpha, cs.PAccMin, cs.MaxGen
	if err := s.Check(); err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("no calibration targets")
	}
	days := s.Days
	if days == 0 {
		days = s.Base.Config.Days
	}
	for _, c := range targets {
		if ok, why := c.Target().Covers(s.Base.Config.Start, days); !ok {
			return nil, fmt.Errorf("target %s cannot be measured: %s (--days)", c.Target().ID, why)
		}
		if c.Target().Scenario != scenarios.Default && c.Target().Scenario != s.Base.Config.Name {
			return nil, fmt.Errorf("target %s is measured on %s, not on %s", c.Target().ID, c.Target().Scenario, s.Base.Config.Name)
		}
	}
	a := uq.APMC{K: len(s.Ranges), N: n, Alpha: alpha, PAccMin: pAccMin}
	if err := a.Check(); err != nil {
		return nil, err
	}
	if maxGen < 1 {
		return nil, fmt.Errorf("generations: expected at least 1, got %d", maxGen)
	}
	cols := make([]string, len(targets))
	for i, c := range targets {
		cols[i] = TargetColumn(c.Target())
	}
	// run simulates the particles of generation g and returns their
	// distances and measures.
	run := func(g int, theta [][]float64) ([]float64, [][]float64, error) {
		vals, _ := s.values(theta)
		seed := s.Seed ^ uint64(g+1)*0x9e3779b97f4a7c15
		p, err := experiment.PointsPlan(s.Base, fmt.Sprintf("calibrate-gen-%02d", g), "abc-apmc", s.id("abc", g, n, alpha, cols, theta), s.keys(), vals, s.Reps, s.Days, seed, false)
		if err != nil {
			return nil, nil, err
		}
		p.Extra = targetExtra(targets)
		sub := filepath.Join(dir, fmt.Sprintf("gen-%02d", g))
		if _, err := s.execute(sub, p); err != nil {
			return nil, nil, err
		}
		means, err := experiment.PointMeans(sub, len(theta), cols)
		if err != nil {
			return nil, nil, err
		}
		d := make([]float64, len(theta))
		for i := range d {
			d[i] = Distance(targets, means[i])
		}
		return d, means, nil
	}
	c := &Calibration{Setup: s, Targets: targets, Settings: cs}
	if cs.Waves > 0 {
		if err := c.historyMatch(dir, cols); err != nil {
			return nil, err
		}
		a.Support, a.SupportVolume = c.HM.Plausible, c.HM.Volume
		if len(c.HM.NROY) == 0 {
			return nil, fmt.Errorf("history matching ruled out the whole prior after %d waves: no parameter set within the ranges is plausible for every target (see waves.csv)", len(c.Waves))
		}
	}
	c.APMC = a
	theta := a.Initial(uq.NewRand(s.Seed, "abc initial"))
	dist, meas, err := run(0, theta)
	if err != nil {
		return nil, err
	}
	measOf := map[*float64]([]float64){} // particle (by its first coordinate's address) → measures
	for i := range theta {
		measOf[&theta[i][0]] = meas[i]
	}
	pop := a.First(theta, dist)
	total := len(theta)
	// kept is pop with the mixture weights, which the sample carries: the
	// same posterior as each particle's own generation's weights (which
	// steer the generations), with less variance.
	rec, kept := generation(a, pop, 0, len(theta), total)
	c.History = append(c.History, rec)
	for g := 1; g < maxGen && !a.Done(pop) && !(cs.Eps > 0 && pop.Eps <= cs.Eps); g++ {
		prop := a.Propose(pop, uq.NewRand(s.Seed, fmt.Sprintf("abc generation %d", g)))
		d, m, err := run(g, prop)
		if err != nil {
			return nil, err
		}
		for i := range prop {
			measOf[&prop[i][0]] = m[i]
		}
		pop = a.Update(pop, prop, d, uq.NewRand(s.Seed, fmt.Sprintf("abc weights %d", g)))
		total += len(prop)
		rec, kept = generation(a, pop, g, len(prop), total)
		c.History = append(c.History, rec)
	}
	c.Pop = kept
	for _, th := range kept.Theta {
		c.Measures = append(c.Measures, measOf[&th[0]])
	}
	return c, nil
}

// generation records generation g of a calibration, whose population
// is pop after runs simulations (total so far), and returns pop with the
// mixture weights.
func generation(a uq.APMC, pop uq.Population, g, runs, total int) (Generation, uq.Population) {
	mix := pop
	mix.Weight = a.MixtureWeights(pop)
	return Generation{Gen: g, Runs: runs, Eps: pop.Eps, PAcc: pop.PAcc, ESS: pop.ESS(), MixtureESS: mix.ESS(), Total: total}, mix
}

// historyMatch runs the waves of history matching into dir/wave-WW, each
// a sweep of the wave's design (resumable as the generations are), and
// records them. The targets' observations are their bands' centres, with
// the half-width taken as two standard deviations of the observation's
// error; the model's own noise is the emulators' (their nugget).
func (c *Calibration) historyMatch(dir string, cols []string) error {
	s, cs := c.Setup, c.Settings
	var mt []uq.MatchTarget
	for _, t := range c.Targets {
		mid, half := t.Target().Centre()
		mt = append(mt, uq.MatchTarget{Z: mid, VarObs: (half / 2) * (half / 2)})
	}
	cutoff, cand := cs.Cutoff, cs.Candidates
	if cutoff == 0 {
		cutoff = 3
	}
	if cand == 0 {
		cand = 20000
	}
	hm, err := uq.NewHistoryMatch(len(s.Ranges), mt, cutoff, cand)
	if err != nil {
		return err
	}
	c.HM = hm
	for w := 0; w < cs.Waves; w++ {
		rng := uq.NewRand(s.Seed, fmt.Sprintf("history wave %d", w))
		design := hm.Design(cs.WaveRuns, rng)
		if len(design) < len(s.Ranges)+2 {
			return fmt.Errorf("wave %d: %d points not ruled out, too few to emulate %d parameters: more --wave-runs or fewer waves", w+1, len(design), len(s.Ranges))
		}
		vals, eff := s.values(design)
		seed := s.Seed ^ uint64(w+1)*0x2545f4914f6cdd1d
		p, err := experiment.PointsPlan(s.Base, fmt.Sprintf("calibrate-wave-%02d", w), "history-matching", s.id("wave", w, cs.WaveRuns, cols, design), s.keys(), vals, s.Reps, s.Days, seed, false)
		if err != nil {
			return err
		}
		p.Extra = targetExtra(c.Targets)
		sub := filepath.Join(dir, fmt.Sprintf("wave-%02d", w))
		if _, err := s.execute(sub, p); err != nil {
			return err
		}
		means, err := experiment.PointMeans(sub, len(design), cols)
		if err != nil {
			return err
		}
		// Emulate at the positions of the values run (integers rounded).
		wave, err := hm.Add(eff, means, rng)
		if err != nil {
			return fmt.Errorf("wave %d: %w", w+1, err)
		}
		rec := WaveRecord{Wave: w, Runs: len(design), Volume: hm.Volume}
		for t, l := range wave.LOO {
			rec.LOOWithin2 = append(rec.LOOWithin2, l.Within2)
			rec.LOORMSE = append(rec.LOORMSE, l.RMSE)
			rec.NoiseSD = append(rec.NoiseSD, math.Sqrt(wave.Emulators[t].NoiseVar()))
		}
		c.Waves = append(c.Waves, rec)
		if len(hm.NROY) == 0 {
			break
		}
	}
	return nil
}

// Values returns kept particle i's parameter values (Set's forms).
func (c *Calibration) Values(i int) []any {
	vals, _ := c.Setup.values([][]float64{c.Pop.Theta[i]})
	return vals[0]
}

// Centre returns the weighted median of each parameter over the sample,
// as values (Set's forms): the scenario at the sample's centre.
func (c *Calibration) Centre() []any {
	w := c.Pop.Normalized()
	out := make([]any, len(c.Setup.Ranges))
	for d, r := range c.Setup.Ranges {
		idx := make([]int, len(c.Pop.Theta))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return c.Pop.Theta[idx[a]][d] < c.Pop.Theta[idx[b]][d] })
		var cum float64
		u := c.Pop.Theta[idx[len(idx)-1]][d]
		for _, i := range idx {
			cum += w[i]
			if cum >= 0.5 {
				u = c.Pop.Theta[i][d]
				break
			}
		}
		out[d] = r.Value(u)
	}
	return out
}

// Days is the horizon of the calibration's runs.
func (c *Calibration) Days() int {
	if c.Setup.Days > 0 {
		return c.Setup.Days
	}
	return c.Setup.Base.Config.Days
}

// Sample returns parameter d's values over the accepted sample, as numbers
// in its range's unit.
func (c *Calibration) Sample(d int) []float64 {
	r := c.Setup.Ranges[d]
	out := make([]float64, len(c.Pop.Theta))
	for i, th := range c.Pop.Theta {
		v := r.Value(th[d])
		out[i] = r.Low + r.Position(v)*(r.High-r.Low)
	}
	return out
}

// Measured returns target t's measure in each accepted particle.
func (c *Calibration) Measured(t int) []float64 {
	xs := make([]float64, len(c.Measures))
	for i := range xs {
		xs[i] = c.Measures[i][t]
	}
	return xs
}

// Interval returns the weighted 2.5 %, 50 % and 97.5 % quantiles of xs
// under the sample's weights: a median with its central 95 %.
func (c *Calibration) Interval(xs []float64) (lo, mid, hi float64) {
	q := uq.WeightedQuantiles(xs, c.Pop.Normalized(), 0.025, 0.5, 0.975)
	return q[0], q[1], q[2]
}
