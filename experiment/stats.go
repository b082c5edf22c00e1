package experiment

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a sample mean with its two-sided confidence interval.
type Interval struct {
	Mean, Lo, Hi float64
	SD           float64 // sample standard deviation (n − 1)
	N            int
}

// HalfWidth returns half the interval's width.
func (iv Interval) HalfWidth() float64 { return (iv.Hi - iv.Lo) / 2 }

// Excludes reports whether x lies outside the interval (for a paired
// difference, x = 0: a difference the replications resolve).
func (iv Interval) Excludes(x float64) bool { return iv.N > 1 && (x < iv.Lo || x > iv.Hi) }

// MeanCI returns the mean of xs with its confidence interval at level
// (0.95 for 95 %): mean ± t(n−1, (1+level)/2)·s/√n, the Student-t interval,
// exact for normal data and a good approximation for means of a few tens
// of replications otherwise (gonum's Example_confidenceInterval). With
// fewer than two values the interval is the mean itself.
func MeanCI(xs []float64, level float64) Interval {
	n := len(xs)
	if n == 0 {
		return Interval{Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), SD: math.NaN()}
	}
	if n == 1 {
		return Interval{Mean: xs[0], Lo: xs[0], Hi: xs[0], N: 1}
	}
	mean, sd := stat.MeanStdDev(xs, nil)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.5 * (1 + level))
	h := t * sd / math.Sqrt(float64(n))
	return Interval{Mean: mean, Lo: mean - h, Hi: mean + h, SD: sd, N: n}
}

// PairedCI returns the mean of the differences b[r] − a[r] with its
// confidence interval: the paired-t interval, which is the right one when
// a and b were run with the same seeds (common random numbers) and so are
// correlated. It panics if the lengths differ.
func PairedCI(a, b []float64, level float64) Interval {
	if len(a) != len(b) {
		panic("sweep: PairedCI of samples of different lengths")
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = b[i] - a[i]
	}
	return MeanCI(d, level)
}

// The rule of SplitGroups. A replication's answer can fall into separate
// worlds (some seeds find a route, others do not): the mean of such a
// sample describes none of them, so the split is reported beside it.
const (
	// SplitGapFactor: a gap splits the values only when it is wider than
	// this many times the larger of the two sides' standard deviations.
	// Not their ranges: one seed between two worlds (a run that changes
	// world part-way) widens a side's range to nearly the gap, and with
	// ten or more seeds a side's range grows until no real split passes;
	// its standard deviation grows much less. With 10 normal values, 2 %
	// of samples split by chance, with 30 none (TestSplitGroupsChance).
	SplitGapFactor = 3
	// SplitMinRelGap: and wider than this share of |median| of all the
	// values, so that a gap of rounding size is no split.
	SplitMinRelGap = 0.1
	// SplitMinShare and SplitMinGroup: each side holds at least this
	// share of the values and at least this many, so that one or two
	// outliers among many seeds are not called a second world.
	SplitMinShare = 0.2
	SplitMinGroup = 2
)

// Group is a group of values of SplitGroups: how many, their mean and
// range.
type Group struct {
	N              int
	Mean, Min, Max float64
}

// SplitGroups divides the finite values of xs (NaN and ±Inf are left
// out) into separate groups, in increasing order; one group when they do
// not split, none when there is no finite value. The rule, deterministic
// and independent of the order of xs: sort the values; among the cuts that
// leave at least m = max(SplitMinGroup, ⌈SplitMinShare·n⌉) values on each
// side (n the number of finite values), take the widest gap between
// consecutive values (the lowest such cut on a tie); it splits when it is
// wider than SplitGapFactor times the larger of the two sides' standard
// deviations (n − 1) and than SplitMinRelGap·|median|. Each side is then divided again by the
// same rule (the same m and median), so three or more groups are found
// when one gap stands out first. Ties are values like any other: all
// values equal, or fewer than 2m, never split.
func SplitGroups(xs []float64) []Group {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return nil
	}
	sort.Float64s(v)
	m := max(SplitMinGroup, int(math.Ceil(SplitMinShare*float64(len(v))-1e-9)))
	minGap := SplitMinRelGap * math.Abs(stat.Quantile(0.5, stat.Empirical, v, nil))
	var groups []Group
	var divide func(s []float64)
	divide = func(s []float64) {
		if cut := splitAt(s, m, minGap); cut > 0 {
			divide(s[:cut])
			divide(s[cut:])
			return
		}
		groups = append(groups, Group{N: len(s), Mean: stat.Mean(s, nil), Min: s[0], Max: s[len(s)-1]})
	}
	divide(v)
	return groups
}

// splitAt returns where SplitGroups' rule cuts the sorted values s (the
// index of the first value of the upper side), or 0 when it does not.
func splitAt(s []float64, m int, minGap float64) int {
	cut, gap := 0, 0.0
	for i := m; i <= len(s)-m; i++ {
		if g := s[i] - s[i-1]; g > gap {
			cut, gap = i, g
		}
	}
	if cut == 0 {
		return 0
	}
	spread := max(stat.StdDev(s[:cut], nil), stat.StdDev(s[cut:], nil))
	if gap > SplitGapFactor*spread && gap > minGap {
		return cut
	}
	return 0
}
