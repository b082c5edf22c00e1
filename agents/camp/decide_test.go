package camp

import (
	"math"
	"math/rand/v2"
	"testing"

	"channelsim/scanner"
)

func TestChooseSpot(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	if got := ChooseSpot([]float64{0, 0}, 3, r); got != -1 {
		t.Errorf("no attractive spot: chose %d, want -1", got)
	}
	counts := make([]int, 3)
	for i := 0; i < 20000; i++ {
		counts[ChooseSpot([]float64{0.1, 0.3, 0}, 3, r)]++
	}
	if counts[2] != 0 {
		t.Errorf("a spot with zero attractiveness was chosen %d times", counts[2])
	}
	// Logit: P(1)/P(0) = exp(β·(0.3−0.1)/0.3) = exp(2).
	ratio := float64(counts[1]) / float64(counts[0])
	if math.Abs(ratio-math.Exp(2))/math.Exp(2) > 0.08 {
		t.Errorf("choice ratio %.3f, want e² = %.3f", ratio, math.Exp(2))
	}
	// β = 0 is indifferent between attractive spots.
	counts = make([]int, 2)
	for i := 0; i < 20000; i++ {
		counts[ChooseSpot([]float64{0.1, 0.9}, 0, r)]++
	}
	if math.Abs(float64(counts[0])/20000-0.5) > 0.02 {
		t.Errorf("β = 0 chose the first spot %.3f of the time, want 0.5", float64(counts[0])/20000)
	}
}

func TestInfoObserve(t *testing.T) {
	in := NewInfo(2, 0.3, 3)
	in.Observe(0, 10, 10)
	w := 1 - math.Exp(-1.0/3)
	if want := 0.3 + w*(1-0.3); math.Abs(in.Success[0]-want) > 1e-12 {
		t.Errorf("after a night of full success: %v, want %v", in.Success[0], want)
	}
	in.Observe(1, 0, 0)
	if in.Success[1] != 0.3 {
		t.Error("a night without attempts changed the news")
	}
	for i := 0; i < 200; i++ {
		in.Observe(1, 10, 0)
	}
	if in.Success[1] > 1e-6 {
		t.Errorf("news did not fade to failure: %v", in.Success[1])
	}
}

// TestBoardingProbabilityMonotone: every obstacle lowers the chance.
func TestBoardingProbabilityMonotone(t *testing.T) {
	base := Boarding{Base: 0.4, Fence: 0.2, Lighting: 0.2, Vigilance: 0.3}
	p0 := base.Probability()
	for name, b := range map[string]Boarding{
		"fence":     {Base: 0.4, Fence: 0.8, Lighting: 0.2, Vigilance: 0.3},
		"lighting":  {Base: 0.4, Fence: 0.2, Lighting: 0.9, Vigilance: 0.3},
		"vigilance": {Base: 0.4, Fence: 0.2, Lighting: 0.2, Vigilance: 0.9},
		"sealed":    {Base: 0.4, Fence: 0.2, Lighting: 0.2, Vigilance: 0.3, Sealed: true},
		"moving":    {Base: 0.4, Fence: 0.2, Lighting: 0.2, Vigilance: 0.3, Moving: true},
	} {
		if p := b.Probability(); !(p < p0) {
			t.Errorf("%s: %.4f, want below %.4f", name, p, p0)
		}
	}
	if p := (Boarding{Base: 3}).Probability(); p != 1 {
		t.Errorf("probability not clamped: %v", p)
	}
}

func TestHidingPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	if HidingPlace(scanner.Box, true, r) != scanner.Cab {
		t.Error("a complicit driver's passengers are not in the cab")
	}
	for i := 0; i < 2000; i++ {
		if p := HidingPlace(scanner.Tanker, false, r); p == scanner.InTrailer || p == scanner.Cab {
			t.Fatalf("someone hid %s a tanker", p)
		}
	}
	n := 0
	for i := 0; i < 10000; i++ {
		if HidingPlace(scanner.CurtainSider, false, r) == scanner.InTrailer {
			n++
		}
	}
	if f := float64(n) / 10000; math.Abs(f-0.8) > 0.02 {
		t.Errorf("curtain-sider load space share %.3f, want 0.80", f)
	}
}

func TestInterception(t *testing.T) {
	if Interception(0, 0.01) != 0 || Interception(100, 0.01) <= Interception(50, 0.01) {
		t.Error("interception does not rise with officers from zero")
	}
}
