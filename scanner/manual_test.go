package scanner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestManualRisesWithTime: the hazard model P = 1 − e^(−t/τ) rises with the
// time spent, and a more thorough search finds more.
func TestManualRisesWithTime(t *testing.T) {
	m := Manual{}
	v := Vehicle{Trailer: CurtainSider, Cargo: General, People: [NumPlaces]int{1, 0, 0, 0}}
	prev := 0.0
	for _, tm := range []float64{1, 5, 10, 20, 40, 80} {
		p := m.FindProbability(&v, InTrailer, tm)
		if p <= prev {
			t.Errorf("P(find) at %g min %.4f ≤ %.4f", tm, p, prev)
		}
		prev = p
	}
	// τ = 18 min for one person deep in a general load: 1 − e^(−1) at t = τ.
	if p := m.FindProbability(&v, InTrailer, 18); math.Abs(p-(1-math.Exp(-1))) > 1e-12 {
		t.Errorf("P(find) at τ = %g", p)
	}
	if !(Manual{Thoroughness: 2}.PDetect(&v, Conditions{}) > m.PDetect(&v, Conditions{})) {
		t.Error("thoroughness does not help")
	}
	// The analytic average over gamma durations: E[e^(−T/τ)] = (1 + μ/(4τ))^(−4).
	want := 1 - math.Pow(1+20.0/(4*18), -4)
	if p := m.PDetect(&v, Conditions{}); math.Abs(p-want) > 1e-12 {
		t.Errorf("PDetect %.6f, want %.6f", p, want)
	}
	if m.PFalseAlarm(&v, Conditions{}) != 0 {
		t.Error("manual search has no false alarms")
	}
}

// TestManualSearchJoint checks the exact joint probability (several places
// share one search time) against sampling.
func TestManualSearchJoint(t *testing.T) {
	m := Manual{}
	v := Vehicle{Trailer: Box, Cargo: Paper, People: [NumPlaces]int{2, 0, 1, 0}}
	r := rand.New(rand.NewPCG(11, 12))
	const n = 40000
	k := 0
	for i := 0; i < n; i++ {
		if m.Search(&v, Conditions{}, r).Detected {
			k++
		}
	}
	p := m.PDetect(&v, Conditions{})
	if f := float64(k) / n; math.Abs(f-p) > 4.5*math.Sqrt(p*(1-p)/n) {
		t.Errorf("sampled %.4f, analytic %.4f", f, p)
	}
	if m.Resources().Officers != 2 {
		t.Error("default officers")
	}
}
