package freight

import (
	"math"
	"math/rand/v2"
	"testing"

	"channelsim/world"
)

// TestPathBPR: travel time is free-flow on an empty road and grows with the
// flow of the last hour by the BPR function.
func TestPathBPR(t *testing.T) {
	p := &Path{FreeFlowMin: 10, CapacityVehPerHour: 100}
	if got := p.Enter(0); math.Abs(got-10*(1+0.15*math.Pow(2.0/100, 4))) > 1e-12 {
		t.Errorf("first lorry: %v", got)
	}
	for i := 0; i < 48; i++ {
		p.Enter(30)
	}
	// 50 lorries this hour, 100 pcu: v = c, t = 1.15 t0.
	if got := p.Enter(59.999) - 10*1.15; math.Abs(got) > 0.02 {
		t.Errorf("at capacity: t − 1.15·t0 = %v", got)
	}
	// The next hour still feels the last one, fading over the hour.
	if a, b := p.Enter(61), p.Enter(119); !(a > b && b > 10) {
		t.Errorf("flow did not fade: %v then %v", a, b)
	}
}

// TestBPRPow: the BPR power is math.Pow's, bit for bit, over road loads
// from nothing to far past capacity and at the edges of its fast path.
func TestBPRPow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	xs := []float64{0, 0x1p-200, math.Nextafter(0x1p-200, 0), 0x1p200, math.Nextafter(0x1p200, math.Inf(1)), 1e-300, 1e300, 1, 0.5, math.Inf(1), -2, math.NaN()}
	for range 200000 {
		xs = append(xs, math.Pow(10, 8*r.Float64()-6), float64(r.IntN(2000))/float64(1+r.IntN(4000)), math.Exp(400*r.Float64()-200))
	}
	for _, x := range xs {
		if got, want := bprPow(x), math.Pow(x, world.BPRBeta); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("bprPow(%v) = %v, math.Pow gives %v", x, got, want)
		}
	}
}
