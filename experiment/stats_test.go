package experiment

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestSplitGroups: SplitGroups' rule on clear two- and three-world
// samples, on unimodal ones, and on the edge cases (ties, two values, all
// equal, NaN and Inf left out, fewer than 2m values, an outlier).
func TestSplitGroups(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	g := func(n int, mean, lo, hi float64) Group { return Group{N: n, Mean: mean, Min: lo, Max: hi} }
	cases := []struct {
		name string
		xs   []float64
		want []Group
	}{
		{"empty", nil, nil},
		{"only NaN", []float64{nan, nan}, nil},
		{"one value", []float64{5}, []Group{g(1, 5, 5, 5)}},
		{"n = 2, far apart", []float64{1, 100}, []Group{g(2, 50.5, 1, 100)}},
		{"n = 3", []float64{1, 100, 101}, []Group{g(3, 202.0/3, 1, 101)}},
		{"all equal", []float64{9, 9, 9, 9, 9, 9}, []Group{g(6, 9, 9, 9)}},
		{"two worlds, 5 and 5, any order", []float64{420, 161, 415, 158, 425, 160, 418, 162, 422, 159},
			[]Group{g(5, 160, 158, 162), g(5, 420, 415, 425)}},
		{"n = 4, two pairs", []float64{10, 11, 50, 51}, []Group{g(2, 10.5, 10, 11), g(2, 50.5, 50, 51)}},
		{"NaN and Inf left out", []float64{10, nan, 11, 50, inf, 51, math.Inf(-1)}, []Group{g(2, 10.5, 10, 11), g(2, 50.5, 50, 51)}},
		{"ties in two worlds", []float64{0, 0, 0, 0, 0, 5, 5, 5, 5, 5}, []Group{g(5, 0, 0, 0), g(5, 5, 5, 5)}},
		{"three worlds", []float64{100, 101, 102, 200, 201, 202, 1000, 1001, 1002, 1003},
			[]Group{g(3, 101, 100, 102), g(3, 201, 200, 202), g(4, 1001.5, 1000, 1003)}},
		// Normal-looking: the z-scores of 10 evenly spread quantiles.
		{"unimodal, normal quantiles", []float64{-1.64, -1.04, -0.67, -0.39, -0.13, 0.13, 0.39, 0.67, 1.04, 1.64},
			[]Group{g(10, 0, -1.64, 1.64)}},
		{"unimodal around 300", []float64{291, 296, 298, 299, 300, 300, 301, 302, 304, 309},
			[]Group{g(10, 300, 291, 309)}},
		{"integer counts 8–10", []float64{8, 8, 8, 9, 9, 9, 9, 10, 10, 10}, []Group{g(10, 9, 8, 10)}},
		{"a gap under 10 % of the median", []float64{100, 100, 100, 105, 105, 105}, []Group{g(6, 102.5, 100, 105)}},
		{"a gap of 3 standard deviations, not more", []float64{0, 10, 20, 50, 60, 70}, []Group{g(6, 35, 0, 70)}},
		{"a gap over 3 standard deviations", []float64{0, 10, 20, 52, 62, 72}, []Group{g(3, 10, 0, 20), g(3, 62, 52, 72)}},
		// Detections a day in 2016 of ten seeds of baseline-2016: five
		// near the record, four at 2.3 times it and seed 10 between
		// (its range, not its standard deviation, would hide the split).
		{"two worlds and a seed between", []float64{290.9, 128.3, 131.6, 133.1, 129.9, 125.8, 294.7, 292.5, 294.1, 194.4},
			[]Group{g(6, 843.1/6, 125.8, 194.4), g(4, 293.05, 290.9, 294.7)}},
		// One outlier among ten is no second world (a side needs 2).
		{"one outlier", []float64{1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 50}, []Group{g(10, 6.26, 1, 50)}},
		// With 30 values each side needs ⌈0.2·30⌉ = 6: 5 far away are not a world.
		{"5 of 30 apart", append(seq(25, 100, 0.1), seq(5, 500, 0.1)...), []Group{g(30, (25*101.2+5*500.2)/30, 100, 500.4)}},
		{"6 of 30 apart", append(seq(24, 100, 0.1), seq(6, 500, 0.1)...), []Group{g(24, 101.15, 100, 102.3), g(6, 500.25, 500, 500.5)}},
		{"negative values", []float64{-420, -415, -160, -158}, []Group{g(2, -417.5, -420, -415), g(2, -159, -160, -158)}},
	}
	for _, c := range cases {
		got := SplitGroups(c.xs)
		if !groupsNear(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// The order of the values does not matter.
	a := SplitGroups([]float64{1, 2, 30, 31, 3, 32})
	b := SplitGroups([]float64{32, 31, 30, 3, 2, 1})
	if !reflect.DeepEqual(a, b) || len(a) != 2 {
		t.Errorf("order: %v and %v", a, b)
	}
}

// seq is n values from x0 in steps of dx.
func seq(n int, x0, dx float64) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = x0 + float64(i)*dx
	}
	return xs
}

func groupsNear(a, b []Group) bool {
	if len(a) != len(b) {
		return false
	}
	near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y)) }
	for i := range a {
		if a[i].N != b[i].N || !near(a[i].Mean, b[i].Mean) || !near(a[i].Min, b[i].Min) || !near(a[i].Max, b[i].Max) {
			return false
		}
	}
	return true
}

// TestSplitGroupsChance: unimodal samples seldom split by chance. Of 2,000
// samples of 10 normal values (a fixed seed), 2.3 % split; of 30 values,
// none; of 10 from a skewed but single-peaked gamma(4) (the sum of four
// exponentials), 4.2 %.
func TestSplitGroupsChance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		name string
		n    int
		draw func() float64
		max  float64
	}{
		{"normal, 10 values", 10, func() float64 { return 100 + 20*r.NormFloat64() }, 0.03},
		{"normal, 30 values", 30, func() float64 { return 100 + 20*r.NormFloat64() }, 0.002},
		{"gamma(4), 10 values", 10, func() float64 { return 25 * (r.ExpFloat64() + r.ExpFloat64() + r.ExpFloat64() + r.ExpFloat64()) }, 0.05},
	}
	for _, c := range cases {
		const samples = 2000
		split := 0
		for range samples {
			xs := make([]float64, c.n)
			for i := range xs {
				xs[i] = c.draw()
			}
			if len(SplitGroups(xs)) > 1 {
				split++
			}
		}
		if share := float64(split) / samples; share > c.max {
			t.Errorf("%s: %.1f %% of unimodal samples split, want at most %.1f %%", c.name, 100*share, 100*c.max)
		}
	}
}
