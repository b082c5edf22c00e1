package sweep

import (
	"math"

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
