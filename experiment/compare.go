package experiment

import (
	"context"
	"fmt"
	"math"

	"channelsim/scenarios"
	"channelsim/sim"
)

// Comparison is the outcome of running scenarios with common random
// numbers: replication r of every scenario uses seed r+1, so differences
// between scenarios are paired.
type Comparison struct {
	Labels  []string
	Sources []string
	Hashes  []string
	Reps    int
	Days    int
	Seeds   []uint64 // per replication
	Metrics []string // every numeric summary key, in first-seen order
	// Values[s][m][r] is metric m of scenario s in replication r (a map
	// metric a run lacks is 0: the maps count events).
	Values [][][]float64
	// Dates are the first scenario's days; Daily[s][c][r] is daily column
	// Series[c] of scenario s in replication r.
	Dates  []string
	Series []string
	Daily  [][][][]float64
}

// Compare runs each scenario reps times for days (0: the first scenario's
// horizon), on workers goroutines, keeping the summaries and the daily
// columns named in series that the runs have.
func Compare(ctx context.Context, scs []*scenarios.Scenario, labels []string, reps, days, workers int, series []string, progress func(done, total int)) (*Comparison, error) {
	if len(scs) == 0 || reps < 1 {
		return nil, fmt.Errorf("compare: nothing to run")
	}
	if days == 0 {
		days = scs[0].Config.Days
	}
	c := &Comparison{Labels: labels, Reps: reps, Days: days}
	for _, sc := range scs {
		c.Sources = append(c.Sources, sc.Source)
		c.Hashes = append(c.Hashes, sc.Hash)
	}
	for r := 0; r < reps; r++ {
		c.Seeds = append(c.Seeds, uint64(r+1))
	}
	type out struct {
		flat  []sim.Entry
		dates []string
		cols  map[string][]float64
		err   error
	}
	S := len(scs)
	n := S * reps
	results := make([][]out, S)
	for s := range results {
		results[s] = make([]out, reps)
	}
	done := 0
	err := Ordered(ctx, n, workers, func(j int) out {
		s, r := j%S, j/S
		cfg := Clone(scs[s].Config)
		cfg.Days = days
		cfg.Seed = c.Seeds[r]
		m, err := sim.NewDefault(cfg)
		if err != nil {
			return out{err: fmt.Errorf("%s: %w", labels[s], err)}
		}
		m.Run()
		o := out{flat: m.Summary().Flat()}
		dates, cols, err := m.DailySeries()
		if err != nil {
			return out{err: err}
		}
		o.dates, o.cols = dates, map[string][]float64{}
		for _, k := range series {
			if v, ok := cols[k]; ok {
				o.cols[k] = v
			}
		}
		return o
	}, func(j int, o out) error {
		if o.err != nil {
			return o.err
		}
		results[j%S][j/S] = o
		done++
		if progress != nil {
			progress(done, n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for s := range results {
		for r := range results[s] {
			for _, e := range results[s][r].flat {
				if _, ok := index[e.Key]; !ok && e.Key != "seed" && e.Key != "days" {
					index[e.Key] = len(c.Metrics)
					c.Metrics = append(c.Metrics, e.Key)
				}
			}
		}
	}
	c.Values = make([][][]float64, S)
	for s := range results {
		c.Values[s] = make([][]float64, len(c.Metrics))
		for m := range c.Metrics {
			c.Values[s][m] = make([]float64, reps)
		}
		for r, o := range results[s] {
			for _, e := range o.flat {
				if m, ok := index[e.Key]; ok {
					switch v := e.Value.(type) {
					case int64:
						c.Values[s][m][r] = float64(v)
					case float64:
						c.Values[s][m][r] = v
					}
				}
			}
		}
	}
	c.Dates = results[0][0].dates
	for _, k := range series {
		if _, ok := results[0][0].cols[k]; ok {
			c.Series = append(c.Series, k)
		}
	}
	c.Daily = make([][][][]float64, S)
	for s := range results {
		c.Daily[s] = make([][][]float64, len(c.Series))
		for k, name := range c.Series {
			for r := range results[s] {
				c.Daily[s][k] = append(c.Daily[s][k], results[s][r].cols[name])
			}
		}
	}
	return c, nil
}

// Stat is one metric of one scenario: its mean with interval, and (for
// every scenario after the first) the paired difference from the first
// with its interval and the relative change (NaN when the first's mean
// is 0).
type Stat struct {
	Metric   string
	Label    string
	Mean     Interval
	Diff     Interval
	Relative float64
}

// Stats returns the statistics of metric m for each scenario at level.
func (c *Comparison) Stats(m int, level float64) []Stat {
	out := make([]Stat, len(c.Labels))
	base := c.Values[0][m]
	for s := range c.Labels {
		st := Stat{Metric: c.Metrics[m], Label: c.Labels[s], Mean: MeanCI(c.Values[s][m], level), Relative: math.NaN()}
		if s > 0 {
			st.Diff = PairedCI(base, c.Values[s][m], level)
			if bm := MeanCI(base, level).Mean; bm != 0 {
				st.Relative = st.Diff.Mean / bm
			}
		}
		out[s] = st
	}
	return out
}

// Metric returns the index of a metric, or -1.
func (c *Comparison) Metric(key string) int {
	for i, k := range c.Metrics {
		if k == key {
			return i
		}
	}
	return -1
}

// Constant reports whether metric m has the same value in every run of
// every scenario: a metric the comparison cannot tell anything about.
func (c *Comparison) Constant(m int) bool {
	v := c.Values[0][m][0]
	for s := range c.Values {
		for _, x := range c.Values[s][m] {
			if x != v {
				return false
			}
		}
	}
	return true
}

// Band returns daily column k of scenario s as mean and interval per day.
func (c *Comparison) Band(s, k int, level float64) (mean, lo, hi []float64) {
	runs := c.Daily[s][k]
	days := len(runs[0])
	xs := make([]float64, len(runs))
	for d := 0; d < days; d++ {
		for r := range runs {
			xs[r] = runs[r][d]
		}
		iv := MeanCI(xs, level)
		mean = append(mean, iv.Mean)
		lo = append(lo, iv.Lo)
		hi = append(hi, iv.Hi)
	}
	return mean, lo, hi
}

// LoadLabelled loads the scenarios refs and labels each by its name, or
// by its reference when an earlier one has that name.
func LoadLabelled(refs []string) ([]*scenarios.Scenario, []string, error) {
	var scs []*scenarios.Scenario
	var labels []string
	for _, ref := range refs {
		sc, err := scenarios.Load(ref)
		if err != nil {
			return nil, nil, err
		}
		scs = append(scs, sc)
		label := sc.Config.Name
		for _, l := range labels {
			if l == label {
				label = ref
			}
		}
		labels = append(labels, label)
	}
	return scs, labels, nil
}
