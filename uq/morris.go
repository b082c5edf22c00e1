package uq

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// MorrisDesign is r trajectories of k+1 points each on a p-level grid of
// the unit cube (Morris, "Factorial sampling plans for preliminary
// computational experiments", Technometrics 33(2), 1991): from a random
// grid point, each trajectory moves one input at a time, in random order
// and direction, by Δ = p / (2(p − 1)).
type MorrisDesign struct {
	K, R, Levels int
	Delta        float64
	// Points are the r·(k+1) points, trajectory by trajectory.
	Points [][]float64
	// Moved[t][s] is the input changed between points s and s+1 of
	// trajectory t.
	Moved [][]int
}

// NewMorrisDesign draws r trajectories for k inputs on a grid of levels
// levels (even, ≥ 2; 4 is usual).
func NewMorrisDesign(k, r, levels int, rng *rand.Rand) (*MorrisDesign, error) {
	switch {
	case k < 1:
		return nil, fmt.Errorf("Morris screening needs at least one parameter")
	case r < 2:
		return nil, fmt.Errorf("Morris screening needs at least 2 trajectories, got %d", r)
	case levels < 2 || levels%2 != 0:
		return nil, fmt.Errorf("Morris levels: expected an even number ≥ 2, got %d", levels)
	}
	d := &MorrisDesign{K: k, R: r, Levels: levels, Delta: float64(levels) / (2 * float64(levels-1))}
	step := 1 / float64(levels-1)
	starts := levels / 2 // grid levels 0 … 1−Δ
	for t := 0; t < r; t++ {
		x := make([]float64, k)
		dir := make([]float64, k)
		for i := range x {
			base := float64(rng.IntN(starts)) * step
			dir[i] = 1
			if rng.IntN(2) == 1 {
				dir[i] = -1
				base += d.Delta
			}
			x[i] = base
		}
		d.Points = append(d.Points, append([]float64(nil), x...))
		order := rng.Perm(k)
		for _, i := range order {
			x[i] += dir[i] * d.Delta
			// Guard the grid against rounding: levels are multiples of step.
			x[i] = math.Round(x[i]/step) * step
			d.Points = append(d.Points, append([]float64(nil), x...))
		}
		d.Moved = append(d.Moved, order)
	}
	return d, nil
}

// MorrisResult is, for each input, the mean of the absolute elementary
// effects μ* (Campolongo, Cariboni and Saltelli, Environmental Modelling
// & Software 22, 2007) with its bootstrap interval, their mean μ and
// standard deviation σ, and the number of effects measured.
type MorrisResult struct {
	MuStar []Estimate
	Mu     []float64
	Sigma  []float64
	N      []int
}

// MorrisEffects estimates the elementary effects of a design's inputs.
// x are the points as the model saw them (the design's points, or, when
// integer inputs were rounded, the unit positions of the values used), in
// the design's order, and y the outputs. The elementary effect of the
// input moved between two consecutive points a and b of a trajectory is
// (y(b) − y(a)) / (b_i − a_i); a step that rounding made empty gives no
// effect. The intervals resample the trajectories (B resamples).
func MorrisEffects(d *MorrisDesign, x [][]float64, y []float64, B int, level float64, rng *rand.Rand) (MorrisResult, error) {
	k, r := d.K, d.R
	if len(x) != r*(k+1) || len(y) != r*(k+1) {
		return MorrisResult{}, fmt.Errorf("Morris: expected %d points and outputs, got %d and %d", r*(k+1), len(x), len(y))
	}
	// ee[t][i]: the effect of input i in trajectory t (NaN: none).
	ee := make([][]float64, r)
	for t := 0; t < r; t++ {
		ee[t] = make([]float64, k)
		for s, i := range d.Moved[t] {
			a, b := t*(k+1)+s, t*(k+1)+s+1
			dx := x[b][i] - x[a][i]
			if dx == 0 || math.IsNaN(y[a]) || math.IsNaN(y[b]) {
				ee[t][i] = math.NaN()
				continue
			}
			ee[t][i] = (y[b] - y[a]) / dx
		}
	}
	muStar := func(traj []int, out []float64) {
		for i := 0; i < k; i++ {
			var s float64
			n := 0
			for _, t := range traj {
				if v := ee[t][i]; !math.IsNaN(v) {
					s += math.Abs(v)
					n++
				}
			}
			out[i] = math.NaN()
			if n > 0 {
				out[i] = s / float64(n)
			}
		}
	}
	res := MorrisResult{MuStar: make([]Estimate, k), Mu: make([]float64, k), Sigma: make([]float64, k), N: make([]int, k)}
	all := make([]int, r)
	for t := range all {
		all[t] = t
	}
	point := make([]float64, k)
	muStar(all, point)
	lo, hi := bootstrap(r, k, B, level, rng, muStar)
	for i := 0; i < k; i++ {
		var vals []float64
		for t := 0; t < r; t++ {
			if v := ee[t][i]; !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		res.N[i] = len(vals)
		res.MuStar[i] = Estimate{point[i], lo[i], hi[i]}
		res.Mu[i], res.Sigma[i] = math.NaN(), math.NaN()
		if len(vals) > 0 {
			var s float64
			for _, v := range vals {
				s += v
			}
			res.Mu[i] = s / float64(len(vals))
			res.Sigma[i] = 0
			if len(vals) > 1 {
				var ss float64
				for _, v := range vals {
					ss += (v - res.Mu[i]) * (v - res.Mu[i])
				}
				res.Sigma[i] = math.Sqrt(ss / float64(len(vals)-1))
			}
		}
	}
	return res, nil
}
