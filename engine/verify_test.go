package engine

import (
	"fmt"
	"math"
	"testing"
)

// TestErlangCKnownValues checks the formula against hand-computed cases.
// M/M/1: Wq = ρ/(μ−λ); with λ = 0.5/min, μ = 1/min, Wq = 1 min.
// M/M/2 with a = 1: C = (1/2·2)/(1+1+1) = 1/3, Wq = (1/3)/(2−1) = 1/3 min.
func TestErlangCKnownValues(t *testing.T) {
	cases := []struct {
		c                  int
		perHour, svc, want float64
	}{
		{1, 30, 1, 1},
		{2, 60, 1, 1.0 / 3},
		{1, 54, 1, 9}, // ρ = 0.9: Wq = 0.9/(1−0.9) = 9 min
	}
	for i, tc := range cases {
		got, err := ErlangCWaitMin(tc.c, tc.perHour, tc.svc)
		if err != nil || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("case %d: ErlangCWaitMin(%d, %g, %g) = %g, %v; want %g", i, tc.c, tc.perHour, tc.svc, got, err, tc.want)
		}
	}
	if _, err := ErlangCWaitMin(2, 120, 1); err == nil {
		t.Error("ρ = 1 should be rejected as unstable")
	}
}

// TestMMcAgainstErlangC is the verification of the event kernel and the
// queue: the simulated mean wait is within 2 % of Erlang C over the grid the
// design asks for. Heavy traffic needs many customers (the variance of the
// mean wait grows like 1/(1−ρ)^4).
func TestMMcAgainstErlangC(t *testing.T) {
	if testing.Short() {
		t.Skip("long verification run")
	}
	for _, c := range []int{1, 4, 12} {
		for _, rho := range []float64{0.5, 0.8, 0.9} {
			t.Run(fmt.Sprintf("c=%d/rho=%.1f", c, rho), func(t *testing.T) {
				t.Parallel()
				svc := 10.0
				perHour := rho * float64(c) * 60 / svc
				n := 4_000_000 // enough for 2 % at every point of the grid (seed 7)
				want, err := ErlangCWaitMin(c, perHour, svc)
				if err != nil {
					t.Fatal(err)
				}
				got, err := MMc(c, perHour, svc, n, 7)
				if err != nil {
					t.Fatal(err)
				}
				if rel := math.Abs(got-want) / want; rel > 0.02 {
					t.Errorf("simulated mean wait %.4f min, Erlang C %.4f min: relative error %.3f > 0.02", got, want, rel)
				}
			})
		}
	}
}
