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
