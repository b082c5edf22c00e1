package uq

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// History matching (Vernon, Goldstein and Bower, "Galaxy formation: a
// Bayesian uncertainty analysis", Bayesian Analysis 5(4), 2010;
// Andrianakis et al., "Bayesian history matching of complex infectious
// disease models using emulation", PLoS Comput. Biol. 11(1), 2015) rules
// out the parts of the parameter space where the model cannot match its
// targets, in waves: run a design, emulate each target's output, and keep
// the points whose implausibility
//
//	I(x) = |z − E[f(x)]| / sqrt(Var_obs + Var_model + Var_emulator(x))
//
// is at most a cut-off (3, by Pukelsheim's three-sigma rule) for every
// target. The space not ruled out yet (NROY) shrinks wave by wave; the
// next wave's design is drawn inside it, where the emulators are refitted
// with more resolution. Each wave's emulators keep ruling out: a point is
// in NROY only if no wave's emulators rule it out.

// MatchTarget is what one output must match: the observed value Z, the
// variance of the observation's error (Var_obs: half the band's width
// taken as two standard deviations, for a band) and any model
// discrepancy to allow beyond the simulator's noise, which the emulator
// estimates itself (its nugget).
type MatchTarget struct {
	Z           float64
	VarObs      float64
	Discrepancy float64
}

// Wave is one wave of history matching: its emulators, one per target,
// and their leave-one-out diagnostics.
type Wave struct {
	Emulators []*GP
	LOO       []LOO
	Design    [][]float64
	Outputs   [][]float64 // by design point, then target
}

// Implausibility returns the largest implausibility of x over the wave's
// targets (with the simulator's noise estimated by each emulator).
func (w *Wave) Implausibility(targets []MatchTarget, x []float64) float64 {
	worst := 0.0
	for t, g := range w.Emulators {
		m, v := g.Predict(x)
		tg := targets[t]
		den := math.Sqrt(tg.VarObs + tg.Discrepancy + g.NoiseVar() + v)
		i := math.Abs(tg.Z-m) / den
		if math.IsNaN(i) {
			return math.Inf(1)
		}
		worst = math.Max(worst, i)
	}
	return worst
}

// HistoryMatch runs waves over the unit cube [0, 1]^K.
type HistoryMatch struct {
	K       int
	Targets []MatchTarget
	// Cutoff is the implausibility above which a point is ruled out (3).
	Cutoff float64
	// Candidates is how many points each wave screens to describe NROY
	// (e.g. 20,000): the share kept estimates NROY's volume.
	Candidates int
	Waves      []*Wave
	// NROY is a sample of the points not ruled out by any wave so far,
	// and Volume the share of the unit cube they stand for.
	NROY   [][]float64
	Volume float64
}

// NewHistoryMatch checks the settings and starts with the whole cube.
func NewHistoryMatch(k int, targets []MatchTarget, cutoff float64, candidates int) (*HistoryMatch, error) {
	switch {
	case k < 1:
		return nil, fmt.Errorf("uq: history matching needs at least one parameter, got %d", k)
	case len(targets) == 0:
		return nil, errors.New("uq: history matching needs at least one target")
	case !(cutoff > 0):
		return nil, fmt.Errorf("uq: the implausibility cut-off must be positive, got %v", cutoff)
	case candidates < 100:
		return nil, fmt.Errorf("uq: at least 100 candidate points a wave, got %d", candidates)
	}
	for i, t := range targets {
		if math.IsNaN(t.Z) || !(t.VarObs >= 0) || !(t.Discrepancy >= 0) {
			return nil, fmt.Errorf("uq: target %d: observed %v, variances %v and %v", i, t.Z, t.VarObs, t.Discrepancy)
		}
	}
	return &HistoryMatch{K: k, Targets: targets, Cutoff: cutoff, Candidates: candidates, Volume: 1}, nil
}

// Design returns the next wave's n design points: a Latin hypercube of
// the cube for the first wave, then n points drawn without replacement
// from the NROY sample (all of it when it holds fewer).
func (h *HistoryMatch) Design(n int, rng *rand.Rand) [][]float64 {
	if len(h.Waves) == 0 {
		return LatinHypercube(n, h.K, rng)
	}
	idx := rng.Perm(len(h.NROY))
	if len(idx) > n {
		idx = idx[:n]
	}
	out := make([][]float64, len(idx))
	for i, j := range idx {
		out[i] = append([]float64(nil), h.NROY[j]...)
	}
	return out
}

// Add fits a wave's emulators to the outputs of its design (outputs[i][t]
// the i-th run's value of target t), then screens candidate points: the
// first wave's over the whole cube, later waves' within the box around
// the previous NROY sample; a candidate stays if no wave's emulators rule
// it out. It returns the new wave.
func (h *HistoryMatch) Add(design, outputs [][]float64, rng *rand.Rand) (*Wave, error) {
	if len(design) != len(outputs) {
		return nil, fmt.Errorf("uq: %d design points, %d outputs", len(design), len(outputs))
	}
	w := &Wave{Design: design, Outputs: outputs}
	for t := range h.Targets {
		y := make([]float64, len(outputs))
		for i, o := range outputs {
			if len(o) != len(h.Targets) {
				return nil, fmt.Errorf("uq: run %d has %d outputs, want %d", i, len(o), len(h.Targets))
			}
			y[i] = o[t]
		}
		g, err := FitGP(design, y)
		if err != nil {
			return nil, fmt.Errorf("target %d: %w", t, err)
		}
		loo, err := g.LeaveOneOut(y)
		if err != nil {
			return nil, fmt.Errorf("target %d: %w", t, err)
		}
		w.Emulators = append(w.Emulators, g)
		w.LOO = append(w.LOO, loo)
	}
	h.Waves = append(h.Waves, w)
	lo, hi := h.Box(0.05)
	box := 1.0
	for j := range lo {
		box *= hi[j] - lo[j]
	}
	// Each earlier wave's NROY lies inside the box, so the share kept
	// scales the box's volume (the box's corners outside earlier waves'
	// NROY are ruled out again by their emulators below).
	var kept [][]float64
	x := make([]float64, h.K)
	for c := 0; c < h.Candidates; c++ {
		for j := range x {
			x[j] = lo[j] + rng.Float64()*(hi[j]-lo[j])
		}
		if h.Plausible(x) {
			kept = append(kept, append([]float64(nil), x...))
		}
	}
	h.NROY = kept
	h.Volume = box * float64(len(kept)) / float64(h.Candidates)
	return w, nil
}

// Plausible reports whether no wave's emulators rule x out.
func (h *HistoryMatch) Plausible(x []float64) bool {
	for _, w := range h.Waves {
		if w.Implausibility(h.Targets, x) > h.Cutoff {
			return false
		}
	}
	return true
}

// Box returns the bounding box of the NROY sample, widened by a share pad
// of its width on each side and clipped to the cube.
func (h *HistoryMatch) Box(pad float64) (lo, hi []float64) {
	if len(h.NROY) == 0 {
		lo, hi = make([]float64, h.K), make([]float64, h.K)
		for j := range hi {
			hi[j] = 1
		}
		return lo, hi
	}
	return boundingBox(h.NROY, pad)
}

func boundingBox(pts [][]float64, pad float64) (lo, hi []float64) {
	k := len(pts[0])
	lo, hi = make([]float64, k), make([]float64, k)
	for j := 0; j < k; j++ {
		lo[j], hi[j] = math.Inf(1), math.Inf(-1)
		for _, p := range pts {
			lo[j], hi[j] = math.Min(lo[j], p[j]), math.Max(hi[j], p[j])
		}
		w := hi[j] - lo[j]
		lo[j], hi[j] = math.Max(0, lo[j]-pad*w), math.Min(1, hi[j]+pad*w)
	}
	return lo, hi
}

// LatinHypercube returns n points of [0, 1]^k, one in each of the n
// slices of every axis, at a random place inside its cell.
func LatinHypercube(n, k int, rng *rand.Rand) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, k)
	}
	for j := 0; j < k; j++ {
		perm := rng.Perm(n)
		for i := 0; i < n; i++ {
			out[i][j] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return out
}
