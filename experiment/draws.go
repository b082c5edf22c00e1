package experiment

import (
	"context"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"

	"channelsim/scenarios"
	"channelsim/sim"
)

// DrawComparison is scenarios run under draws of uncertain parameters:
// for each draw, every scenario runs Reps replications with the same
// seeds (common random numbers within a draw); draws have seeds of their
// own, so that the spread over draws holds both the parameters'
// uncertainty and the model's noise.
type DrawComparison struct {
	Labels  []string
	Draws   int
	Reps    int
	Days    int
	Metrics []string
	// Values[d][s][m][r]: metric m of scenario s in replication r of draw d.
	Values [][][][]float64
}

// CompareDraws runs each scenario under draws draws; apply(d, s, cfg)
// sets draw d on scenario s's configuration. Run (d, r) has seed
// RunSeed(seed, d, r, false) in every scenario.
func CompareDraws(ctx context.Context, scs []*scenarios.Scenario, labels []string, draws, reps, days, workers int, seed uint64,
	apply func(d, s int, cfg *sim.Config) error, progress func(done, total int)) (*DrawComparison, error) {
	if len(scs) < 2 || draws < 1 || reps < 1 {
		return nil, fmt.Errorf("compare: nothing to run")
	}
	if days == 0 {
		days = scs[0].Config.Days
	}
	S := len(scs)
	n := draws * S * reps
	type out struct {
		flat []sim.Entry
		err  error
	}
	flats := make([][]sim.Entry, n)
	done := 0
	err := Ordered(ctx, n, workers, func(j int) out {
		d, rest := j/(S*reps), j%(S*reps)
		r, s := rest/S, rest%S
		cfg := Clone(scs[s].Config)
		if err := apply(d, s, cfg); err != nil {
			return out{err: fmt.Errorf("draw %d, %s: %w", d, labels[s], err)}
		}
		cfg.Days = days
		cfg.Seed = RunSeed(seed, d, r, false)
		m, err := sim.NewDefault(cfg)
		if err != nil {
			return out{err: fmt.Errorf("draw %d, %s: %w", d, labels[s], err)}
		}
		m.Run()
		return out{flat: m.Summary().Flat()}
	}, func(j int, o out) error {
		if o.err != nil {
			return o.err
		}
		flats[j] = o.flat
		done++
		if progress != nil {
			progress(done, n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c := &DrawComparison{Labels: labels, Draws: draws, Reps: reps, Days: days}
	index := map[string]int{}
	for _, f := range flats {
		for _, e := range f {
			if _, ok := index[e.Key]; !ok && e.Key != "seed" && e.Key != "days" {
				index[e.Key] = len(c.Metrics)
				c.Metrics = append(c.Metrics, e.Key)
			}
		}
	}
	c.Values = make([][][][]float64, draws)
	for d := range c.Values {
		c.Values[d] = make([][][]float64, S)
		for s := range c.Values[d] {
			c.Values[d][s] = make([][]float64, len(c.Metrics))
			for m := range c.Metrics {
				c.Values[d][s][m] = make([]float64, reps)
			}
		}
	}
	for j, f := range flats {
		d, rest := j/(S*reps), j%(S*reps)
		r, s := rest/S, rest%S
		for _, e := range f {
			if m, ok := index[e.Key]; ok {
				switch v := e.Value.(type) {
				case int64:
					c.Values[d][s][m][r] = float64(v)
				case float64:
					c.Values[d][s][m][r] = v
				}
			}
		}
	}
	return c, nil
}

// Metric returns the index of a metric, or -1.
func (c *DrawComparison) Metric(key string) int {
	for i, k := range c.Metrics {
		if k == key {
			return i
		}
	}
	return -1
}

// DrawStat is the difference of a scenario from the first over the
// draws.
type DrawStat struct {
	Diffs    []float64 // each draw's mean paired difference over its replications
	Mean     float64   // the mean over draws
	Lo, Hi   float64   // the central 95 % of the draws' differences
	Relative float64   // Mean over the first scenario's mean over draws (NaN if 0)
	// Agree is the share of draws whose difference has the sign of ref
	// (for ref = 0: the share whose difference is 0).
	Agree float64
	// Small is the share of draws whose relative change is within
	// ±negligible.
	Small float64
	// ParamSD is the spread of the draws' differences beyond what the
	// replications' noise explains: √max(0, var(Diffs) − mean within-draw
	// variance / Reps), a one-way analysis of variance.
	ParamSD float64
}

// Stat returns metric m's difference of scenario s from the first.
func (c *DrawComparison) Stat(m, s int, ref, negligible float64) DrawStat {
	var st DrawStat
	var within, baseSum float64
	agree, small := 0, 0
	for d := 0; d < c.Draws; d++ {
		a, b := c.Values[d][0][m], c.Values[d][s][m]
		diff := make([]float64, len(a))
		var bm float64
		for r := range a {
			diff[r] = b[r] - a[r]
			bm += a[r]
		}
		bm /= float64(len(a))
		baseSum += bm
		mean := stat.Mean(diff, nil)
		if len(diff) > 1 {
			within += stat.Variance(diff, nil)
		}
		st.Diffs = append(st.Diffs, mean)
		switch {
		case ref > 0 && mean > 0, ref < 0 && mean < 0, ref == 0 && mean == 0:
			agree++
		}
		if bm != 0 && math.Abs(mean/bm) <= negligible || bm == 0 && mean == 0 {
			small++
		}
	}
	n := float64(c.Draws)
	st.Mean = stat.Mean(st.Diffs, nil)
	sorted := append([]float64(nil), st.Diffs...)
	sort.Float64s(sorted)
	st.Lo = stat.Quantile(0.025, stat.Empirical, sorted, nil)
	st.Hi = stat.Quantile(0.975, stat.Empirical, sorted, nil)
	st.Relative = math.NaN()
	if bm := baseSum / n; bm != 0 {
		st.Relative = st.Mean / bm
	}
	st.Agree = float64(agree) / n
	st.Small = float64(small) / n
	if c.Draws > 1 {
		v := stat.Variance(st.Diffs, nil)
		if c.Reps > 1 {
			v -= within / n / float64(c.Reps)
		}
		st.ParamSD = math.Sqrt(math.Max(0, v))
	}
	return st
}
