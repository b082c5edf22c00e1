package main

import "testing"

// TestValidationBands is the calibration check of calibration-targets §D:
// over 30 replications (a year of the baseline each, and the Paris surge
// scenario) every band's mean lies in its band. It takes about 80 s on
// two cores.
func TestValidationBands(t *testing.T) {
	if testing.Short() {
		t.Skip("30 simulated years")
	}
	results, err := validate(30, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.N != 30 {
			t.Errorf("%s: %d replications measured, want 30", r.ID, r.N)
		}
		if !r.Pass {
			t.Errorf("%s (%s): mean %.4g outside the band %s [%.4g, %.4g]", r.ID, r.What, r.Mean, r.Band, r.Target.Lo, r.Target.Hi)
		}
	}
}
