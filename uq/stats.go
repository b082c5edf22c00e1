package uq

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// Estimate is a point estimate with a bootstrap percentile confidence
// interval.
type Estimate struct {
	Value, Lo, Hi float64
}

// Contains reports whether x lies in the estimate's interval.
func (e Estimate) Contains(x float64) bool { return x >= e.Lo && x <= e.Hi }

// percentile returns the two-sided percentile interval at level of xs
// (xs is sorted in place), by gonum's empirical quantile.
func percentile(xs []float64, level float64) (lo, hi float64) {
	sort.Float64s(xs)
	a := (1 - level) / 2
	return stat.Quantile(a, stat.Empirical, xs, nil), stat.Quantile(1-a, stat.Empirical, xs, nil)
}

// bootstrap calls est with B resamples (with replacement) of the indices
// 0…n-1 and returns, for each of the m statistics est writes, the
// percentile interval at level (Efron and Tibshirani, An Introduction to
// the Bootstrap, 1993, ch. 13).
func bootstrap(n, m, B int, level float64, rng *rand.Rand, est func(idx []int, out []float64)) (lo, hi []float64) {
	samples := make([][]float64, m)
	for j := range samples {
		samples[j] = make([]float64, 0, B)
	}
	idx := make([]int, n)
	out := make([]float64, m)
	for b := 0; b < B; b++ {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		est(idx, out)
		for j, v := range out {
			if !math.IsNaN(v) {
				samples[j] = append(samples[j], v)
			}
		}
	}
	lo, hi = make([]float64, m), make([]float64, m)
	for j, s := range samples {
		if len(s) == 0 {
			lo[j], hi[j] = math.NaN(), math.NaN()
			continue
		}
		lo[j], hi[j] = percentile(s, level)
	}
	return lo, hi
}

// NewRand returns a generator seeded from seed and a stream label, so
// that different uses of one master seed draw independent numbers.
func NewRand(seed uint64, stream string) *rand.Rand {
	h := uint64(1469598103934665603) // FNV-1a over the label
	for i := 0; i < len(stream); i++ {
		h ^= uint64(stream[i])
		h *= 1099511628211
	}
	return rand.New(rand.NewPCG(mix(seed^h), mix(h+0x9e3779b97f4a7c15)))
}

// mix is the SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014).
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
