package freight

import (
	"math/rand/v2"
	"testing"
)

func TestVigilanceRisesWithPenalties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	lo, hi := 0.0, 0.0
	for i := 0; i < 5000; i++ {
		lo += Vigilance(0.4, 0, r)
		hi += Vigilance(0.4, 0.2, r)
	}
	if hi <= lo {
		t.Error("penalty pressure does not raise vigilance")
	}
	for i := 0; i < 1000; i++ {
		if v := Vigilance(0.99, 0.5, r); v < 0 || v > 1 {
			t.Fatalf("vigilance %v outside 0–1", v)
		}
	}
}

// TestPerThousandRunningSums is a property test of the penalties window:
// over random hires, penalties and days, the running totals give exactly
// the rate that summing the 30-day window gives.
func TestPerThousandRunningSums(t *testing.T) {
	cfg := &Drivers{PenalisedShare: 0.7, PenaltyParties: 2, PenaltyMinGBP: 100, PenaltyMaxGBP: 2000}
	for seed := uint64(1); seed <= 10; seed++ {
		r := rand.New(rand.NewPCG(seed, 17))
		d := newDriverPool(cfg, r)
		var l Lorry
		for step := 0; step < 20000; step++ {
			switch u := r.IntN(1000); {
			case u < 5:
				d.NextDay()
			case u < 40:
				d.Penalise(1+r.IntN(12), r)
			default:
				d.hire(&l)
			}
			var n, lorries float64
			for i := range d.penalties {
				n += d.penalties[i]
				lorries += d.lorries[i]
			}
			want := 0.0
			if lorries > 0 {
				want = 1000 * n / lorries
			}
			if got := d.perThousand(); got != want {
				t.Fatalf("seed %d, step %d: %v per thousand, the window gives %v", seed, step, got, want)
			}
		}
	}
}
