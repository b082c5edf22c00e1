package uq

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// SaltelliDesign returns the n·(k+2) unit points at which a model is run
// to estimate the first- and total-order Sobol indices of its k inputs
// (Saltelli et al., "Variance based sensitivity analysis of model
// output", Computer Physics Communications 181, 2010, §3). Base row j
// (0 ≤ j < n) is point j+1 of the 2k-dimensional Sobol sequence (the
// origin is skipped): A_j is its first k coordinates and B_j its last k.
// The row contributes k+2 consecutive points: A_j, B_j, then A_B^i_j for
// i = 1…k (A_j with coordinate i taken from B_j). Keeping a base row's
// points together lets a run stopped early, or a shard, hold whole rows.
func SaltelliDesign(n, k int) ([][]float64, error) {
	if k < 1 || 2*k > MaxSobolDims {
		return nil, fmt.Errorf("Sobol indices of %d parameters: expected 1 to %d (the Sobol sequence has %d dimensions)", k, MaxSobolDims/2, MaxSobolDims)
	}
	if n < 2 {
		return nil, fmt.Errorf("Sobol indices need at least 2 base rows, got %d", n)
	}
	seq, err := NewSobol(2 * k)
	if err != nil {
		return nil, err
	}
	x := make([]float64, 2*k)
	pts := make([][]float64, 0, n*(k+2))
	for j := 0; j < n; j++ {
		seq.Point(uint64(j+1), x)
		a := append([]float64(nil), x[:k]...)
		b := append([]float64(nil), x[k:]...)
		pts = append(pts, a, b)
		for i := 0; i < k; i++ {
			ab := append([]float64(nil), a...)
			ab[i] = b[i]
			pts = append(pts, ab)
		}
	}
	return pts, nil
}

// SobolResult holds the first-order (S1) and total-order (ST) index of
// each input with bootstrap intervals, and the output's variance.
type SobolResult struct {
	S1, ST   []Estimate
	Variance float64
	N        int
}

// SobolIndices estimates the indices from the outputs y of the points of
// SaltelliDesign(n, k), in its order. First order uses the estimator of
// Saltelli et al. (2010, table 2 (b)):
//
//	S_i = mean(f(B)·(f(A_B^i) − f(A))) / V,
//
// total order that of Jansen (1999, in Saltelli et al. 2010, table 2 (f)):
//
//	ST_i = mean((f(A) − f(A_B^i))²) / (2V),
//
// with V the variance of f(A) and f(B) together. The intervals are
// bootstrap percentile intervals at level over B resamples of the base
// rows (rng draws them).
func SobolIndices(y []float64, k, B int, level float64, rng *rand.Rand) (SobolResult, error) {
	if k < 1 || len(y) == 0 || len(y)%(k+2) != 0 {
		return SobolResult{}, fmt.Errorf("Sobol indices: %d outputs is not a whole number of base rows of %d points", len(y), k+2)
	}
	n := len(y) / (k + 2)
	fA := func(j int) float64 { return y[j*(k+2)] }
	fB := func(j int) float64 { return y[j*(k+2)+1] }
	fAB := func(j, i int) float64 { return y[j*(k+2)+2+i] }
	est := func(rows []int, out []float64) {
		var sum, sum2 float64
		for _, j := range rows {
			for _, v := range []float64{fA(j), fB(j)} {
				sum += v
				sum2 += v * v
			}
		}
		m := float64(2 * len(rows))
		mean := sum / m
		v := (sum2 - m*mean*mean) / (m - 1)
		for i := 0; i < k; i++ {
			var s1, st float64
			for _, j := range rows {
				a, b, ab := fA(j), fB(j), fAB(j, i)
				s1 += b * (ab - a)
				st += (a - ab) * (a - ab)
			}
			nr := float64(len(rows))
			if v > 0 {
				out[i] = s1 / nr / v
				out[k+i] = st / nr / (2 * v)
			} else {
				out[i], out[k+i] = math.NaN(), math.NaN()
			}
		}
		out[2*k] = v
	}
	rows := make([]int, n)
	for j := range rows {
		rows[j] = j
	}
	point := make([]float64, 2*k+1)
	est(rows, point)
	res := SobolResult{Variance: point[2*k], N: n, S1: make([]Estimate, k), ST: make([]Estimate, k)}
	lo, hi := bootstrap(n, 2*k+1, B, level, rng, est)
	for i := 0; i < k; i++ {
		res.S1[i] = Estimate{point[i], lo[i], hi[i]}
		res.ST[i] = Estimate{point[k+i], lo[k+i], hi[k+i]}
	}
	return res, nil
}

// MinRowsPerInput is the fewest base rows per input for which Sobol
// indices are reported without a warning of a small sample: with fewer,
// their bootstrap intervals typically span much of [0, 1] (EST from the
// test functions: the Ishigami indices need about 2⁹ rows for three
// inputs to settle within ±0.05).
const MinRowsPerInput = 32

// Warnings says what makes the indices unreliable, one sentence each: a
// sample too small for the number of inputs, and each index whose
// interval leaves [0, 1] (a first- or total-order index is a share of the
// variance: an interval outside it is too noisy to read) or spans more
// than half of it. names label the inputs. None: the indices can be read
// as they are.
func (r SobolResult) Warnings(names []string) []string {
	var out []string
	k := len(r.S1)
	if r.N < MinRowsPerInput*k {
		out = append(out, fmt.Sprintf("%d base rows for %d parameters: fewer than %d a parameter, so the indices are noisy; raise --n (or lower --top)", r.N, k, MinRowsPerInput))
	}
	if !(r.Variance > 0) {
		out = append(out, "the output does not vary over the sample: the indices are undefined")
		return out
	}
	for i := 0; i < k; i++ {
		name := fmt.Sprint(i)
		if i < len(names) {
			name = names[i]
		}
		for _, ix := range []struct {
			what string
			e    Estimate
		}{{"first-order", r.S1[i]}, {"total-order", r.ST[i]}} {
			switch e := ix.e; {
			case math.IsNaN(e.Value):
				out = append(out, fmt.Sprintf("%s index of %s is undefined", ix.what, name))
			case e.Lo < -0.05 || e.Hi > 1.05:
				out = append(out, fmt.Sprintf("%s index of %s is %.3g with interval [%.3g, %.3g], which leaves [0, 1]: the estimate is too noisy to read as a share", ix.what, name, e.Value, e.Lo, e.Hi))
			case e.Hi-e.Lo > 0.5:
				out = append(out, fmt.Sprintf("%s index of %s is %.3g with interval [%.3g, %.3g], wider than half the scale", ix.what, name, e.Value, e.Lo, e.Hi))
			}
		}
	}
	return out
}

// SobolConvergence estimates the indices on the first rows[s] base rows
// of the outputs y (of SaltelliDesign(n, k), in its order), for each s:
// a prefix of the design is itself a Saltelli design, so the indices
// against the number of rows show whether they have settled.
func SobolConvergence(y []float64, k int, rows []int, B int, level float64, rng *rand.Rand) ([]SobolResult, error) {
	n := 0
	if k >= 1 {
		n = len(y) / (k + 2)
	}
	var out []SobolResult
	for _, r := range rows {
		if r < 2 || r > n {
			return nil, fmt.Errorf("Sobol convergence: %d base rows of %d", r, n)
		}
		res, err := SobolIndices(y[:r*(k+2)], k, B, level, rng)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// ConvergenceRows returns the row counts at which to show convergence:
// n, n/2, n/4, … down to at least 4 rows, smallest first.
func ConvergenceRows(n int) []int {
	var out []int
	for r := n; r >= 4; r /= 2 {
		out = append([]int{r}, out...)
	}
	if len(out) == 0 && n >= 2 {
		out = []int{n}
	}
	return out
}
