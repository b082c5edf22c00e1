package sim_test

import (
	"testing"
)

// TestTwoLayers: the screening layer's intensity moves the lorries it
// screens and the referrals it makes; Border Force's intensity moves its
// targeted searches; every referral is searched.
func TestTwoLayers(t *testing.T) {
	run2 := func(screen, bf float64) (screened, referred, searched float64) {
		cfg := load(t, "baseline-2015", 7)
		cfg.Screening.Share, cfg.Controls.SearchShare = screen, bf
		s := run(t, cfg).Summary()
		return num(t, s, "lorries_screened"), num(t, s, "screening_referrals"), num(t, s, "lorries_searched")
	}
	s0, r0, b0 := run2(0.5, 0.1)
	s1, r1, b1 := run2(1.0, 0.1)
	if !(s1 > 1.8*s0 && r1 > r0) {
		t.Errorf("screening 0.5 → 1: screened %.0f → %.0f, referred %.0f → %.0f; want about double and more referrals", s0, s1, r0, r1)
	}
	_, r2, b2 := run2(1.0, 0.4)
	if !(b2 > b1+0.15*(s1-r1)) { // less than 0.3 of them: selection falls as the search queue fills
		t.Errorf("Border Force 0.1 → 0.4: searched %.0f → %.0f, want up by at least 0.15 of the %.0f lorries not referred", b1, b2, s1-r1)
	}
	for _, c := range []struct{ referred, searched float64 }{{r0, b0}, {r1, b1}, {r2, b2}} {
		if c.searched < c.referred {
			t.Errorf("%.0f lorries searched but %.0f referred: every referral must be searched", c.searched, c.referred)
		}
	}
}

// TestEquipmentBusyForItsStepOnly: a screening unit is busy for its own
// step only, so under load a method's throughput is its capacity — units
// times the day over its time a lorry — and more units screen more lorries
// (not only raise false alarms): a larger share of the people who reach
// the controls is found.
func TestEquipmentBusyForItsStepOnly(t *testing.T) {
	sheds := func(n int) (heartbeat, skipped, found float64) {
		cfg := load(t, "baseline-2015", 7)
		cfg.Screening.Equipment.Heartbeat = n
		s := run(t, cfg).Summary()
		v, _ := s.Get("searches_by_method")
		d, c := num(t, s, "stowaways_detected_controls"), num(t, s, "clandestine_arrivals_uk")
		return float64(v.(map[string]int64)["heartbeat"]), num(t, s, "methods_skipped_busy"), d / (d + c)
	}
	h2, sk2, d2 := sheds(2)
	h8, sk8, _ := sheds(8)
	_, _, d16 := sheds(16)
	cfg := load(t, "baseline-2015", 7)
	capacity := 2 * 2 * 7 * 24 * 60 / cfg.Controls.Methods.HeartbeatMin // 2 sheds at each of 2 sites
	// Not all of it: the sheds stand idle in the quietest hours of the
	// night, a fifth of the week on the baseline of July 2015.
	if h2 < 0.7*capacity || h2 > 1.05*capacity {
		t.Errorf("2 sheds a site screened %.0f lorries in a week; at %.0f min a lorry their capacity is %.0f", h2, cfg.Controls.Methods.HeartbeatMin, capacity)
	}
	if !(h8 > 3*h2 && sk8 < sk2) {
		t.Errorf("8 sheds a site: %.0f heartbeat screens (2 sheds: %.0f), %.0f skips (%.0f); want more screened, fewer skipped", h8, h2, sk8, sk2)
	}
	if d16 <= d2 {
		t.Errorf("16 sheds a site found %.3f of the people reaching the controls, 2 sheds %.3f: want more", d16, d2)
	}
}

// TestHighIntensityHasMoreOfficers: the scenario does what it says.
func TestHighIntensityHasMoreOfficers(t *testing.T) {
	officers := func(name string) int {
		n := 0
		for _, s := range load(t, name, 1).Officers.Shifts {
			n += s.Officers
		}
		return n
	}
	if b, h := officers("baseline-2015"), officers("high-intensity"); h < b*14/10 {
		t.Errorf("high-intensity has %d officers on its shifts, baseline %d: want half as many again", h, b)
	}
}
