package freight

import (
	"math"
	"testing"
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
