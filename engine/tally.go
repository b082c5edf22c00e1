package engine

import "math"

// TimeWeighted is the time-weighted statistics of a level that changes at
// events, such as a queue's length: its mean over time and its maximum.
type TimeWeighted struct {
	start, last float64
	value       float64
	area        float64
	max         float64
	started     bool
}

// Set records that the level changed to v at time t (t never decreases).
func (w *TimeWeighted) Set(t, v float64) {
	if !w.started {
		w.start, w.last, w.started = t, t, true
	}
	w.area += w.value * (t - w.last)
	w.last, w.value = t, v
	if v > w.max {
		w.max = v
	}
}

// Add changes the level by dv at time t.
func (w *TimeWeighted) Add(t, dv float64) { w.Set(t, w.value+dv) }

// Value returns the current level.
func (w *TimeWeighted) Value() float64 { return w.value }

// Max returns the largest level seen.
func (w *TimeWeighted) Max() float64 { return w.max }

// Mean returns the time-weighted mean of the level from its first change up
// to time t.
func (w *TimeWeighted) Mean(t float64) float64 {
	if !w.started || t <= w.start {
		return w.value
	}
	return (w.area + w.value*(t-w.last)) / (t - w.start)
}

// Tally accumulates observations (such as delays, in minutes) and gives their
// count, mean, maximum and quantiles. Quantiles come from a histogram of
// fixed-width bins, so memory does not grow with the number of observations;
// they are exact to within one bin width (linear within the bin).
type Tally struct {
	n        int64
	sum, max float64
	width    float64
	bins     []int64
	over     int64 // observations past the last bin
}

// NewTally returns a tally whose quantiles are resolved to width over
// [0, width·bins); larger observations count in the mean and maximum and are
// placed at the maximum for quantiles.
func NewTally(width float64, bins int) *Tally {
	return &Tally{width: width, bins: make([]int64, bins)}
}

// Add records observation x (x ≥ 0).
func (t *Tally) Add(x float64) {
	t.n++
	t.sum += x
	if x > t.max {
		t.max = x
	}
	i := int(x / t.width)
	if i < 0 {
		i = 0
	}
	if i >= len(t.bins) {
		t.over++
		return
	}
	t.bins[i]++
}

// N returns the number of observations.
func (t *Tally) N() int64 { return t.n }

// Mean returns the mean observation, or 0 with none.
func (t *Tally) Mean() float64 {
	if t.n == 0 {
		return 0
	}
	return t.sum / float64(t.n)
}

// Max returns the largest observation.
func (t *Tally) Max() float64 { return t.max }

// Quantile returns the p-quantile (0 ≤ p ≤ 1), interpolated linearly within
// the histogram bin where it falls, or 0 with no observations.
func (t *Tally) Quantile(p float64) float64 {
	if t.n == 0 {
		return 0
	}
	target := p * float64(t.n)
	var cum float64
	for i, c := range t.bins {
		if c == 0 {
			continue
		}
		if cum+float64(c) >= target {
			frac := (target - cum) / float64(c)
			return math.Min(t.max, (float64(i)+frac)*t.width)
		}
		cum += float64(c)
	}
	return t.max
}
