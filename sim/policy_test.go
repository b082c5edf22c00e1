package sim_test

import (
	"testing"

	"channelsim/sim"
)

// The tests here compare scenarios under common random numbers: the same
// seed gives both runs the same arrivals and draws, so a difference comes
// from the policy, not from noise.

// TestIntensityRaisesDelayAndDetections: raising Border Force's targeted
// search from 2 % to 30 % of the lorries not referred raises freight delay
// and the lorries searched on every seed, and over seeds 1–6 (common random
// numbers) finds a larger share of the people who reach the controls, so
// that fewer cross, and fewer of them in lorries nobody searched. The total
// of detections is not asserted, nor the share on each seed: detections
// follow the boardings, which the lorries at the places bound, and one
// seed's 21 days move by more than the intensity does; beyond about 30 %
// random searches crowd the search area, so the share found stops rising
// (docs/validation.md).
func TestIntensityRaisesDelayAndDetections(t *testing.T) {
	var share, crossed, unsearched [2]float64
	for seed := uint64(1); seed <= 6; seed++ {
		var s [2]sim.Summary
		for i, x := range []float64{0.02, 0.3} {
			cfg := load(t, "baseline-2015", 21)
			cfg.Seed = seed
			cfg.Controls.SearchShare = x
			s[i] = run(t, cfg).Summary()
			d, c := num(t, s[i], "stowaways_detected_controls"), num(t, s[i], "clandestine_arrivals_uk")
			share[i] += d / (d + c) / 6
			crossed[i] += c / 6
			unsearched[i] += num(t, s[i], "clandestine_arrivals_unsearched") / 6
		}
		for _, k := range []string{"freight_delay_mean_min", "lorries_searched"} {
			if num(t, s[1], k) <= num(t, s[0], k) {
				t.Errorf("seed %d: %s %.2f at intensity 0.3 vs %.2f at 0.02, want higher", seed, k, num(t, s[1], k), num(t, s[0], k))
			}
		}
	}
	if share[1] <= share[0] {
		t.Errorf("share of the people reaching the controls who were found, mean of seeds 1–6: %.3f at intensity 0.3 vs %.3f at 0.02, want higher", share[1], share[0])
	}
	if crossed[1] >= crossed[0] || unsearched[1] >= unsearched[0] {
		t.Errorf("clandestine arrivals, mean of seeds 1–6: %.0f at intensity 0.3 vs %.0f at 0.02 (%.0f vs %.0f in lorries never searched), want fewer", crossed[1], crossed[0], unsearched[1], unsearched[0])
	}
}

// TestXrayForPeople: lifting the ban makes the scanner find people the
// other methods missed (it is the last screen), and raises stowaways' dose;
// under the ban no X-ray scan looks for people. Total detections move only
// within the noise at 2015 throughput — one scanner a site and an hour a
// scan, a few dozen lorries a day out of some 1,700 searched — which
// docs/validation.md discusses; the test does not claim more.
func TestXrayForPeople(t *testing.T) {
	var dose, doseX float64
	var foundByXray int64
	for seed := uint64(1); seed <= 4; seed++ {
		b, x := load(t, "baseline-2015", 30), load(t, "xray-for-people", 30)
		b.Seed, x.Seed = seed, seed
		base, lifted := run(t, b).Summary(), run(t, x).Summary()
		dose += num(t, base, "stowaway_dose_usv_total")
		doseX += num(t, lifted, "stowaway_dose_usv_total")
		v, _ := base.Get("searches_by_method")
		for _, m := range []string{"xray", "gamma"} {
			if n := v.(map[string]int64)[m]; n != 0 {
				t.Errorf("seed %d: under the ban, %d %s scans looked for people", seed, n, m)
			}
		}
		d, _ := lifted.Get("detections_by_method")
		foundByXray += d.(map[string]int64)["xray"]
	}
	if foundByXray == 0 {
		t.Error("with the ban lifted the scanner found nobody the other methods had missed")
	}
	if doseX <= 10*dose {
		t.Errorf("dose %.3f µSv with X-ray for people vs %.3f under the ban, want far more", doseX, dose)
	}
}

// TestXrayDoseCap: under a 0.25 µSv cap only the low-dose gamma scanner may
// look for people; the linac (10 µSv in the open beam) may not.
func TestXrayDoseCap(t *testing.T) {
	for _, src := range []string{"xray", "gamma"} {
		cfg := load(t, "xray-dose-capped", 14)
		cfg.Controls.XraySource = src
		v, _ := run(t, cfg).Summary().Get("searches_by_method")
		n := v.(map[string]int64)[src]
		if src == "xray" && n != 0 {
			t.Errorf("the linac looked for people %d times under a 0.25 µSv cap", n)
		}
		if src == "gamma" && n == 0 {
			t.Error("the gamma scanner was never used for people under the cap")
		}
	}
}

// TestSurgeAfterParis (target A8): the raised intensity is back within 10 %
// of its prior level 12–16 days after the shock of 14 November 2015.
func TestSurgeAfterParis(t *testing.T) {
	cfg := load(t, "surge-after-paris", 153)
	m, err := sim.NewDefault(cfg)
	if err != nil {
		t.Fatal(err)
	}
	prior := cfg.Controls.SearchShare
	shock := m.Cal.Minutes(m.Cal.Date(0).AddDate(0, 0, 136)) // 14 Nov from 1 Jul
	m.RunUntil(shock + 60)
	if peak := m.SearchShare(); peak < 1.5*prior && peak < 0.99 {
		t.Fatalf("intensity %.3f on the day of the shock, prior %.3f: no surge", peak, prior)
	}
	back := -1
	for d := 1; d <= 20; d++ {
		m.RunUntil(shock + float64(d)*24*60 + 60)
		if back < 0 && m.SearchShare() <= 1.1*prior {
			back = d
		}
	}
	if back < 12 || back > 16 {
		t.Errorf("intensity back within 10 %% of its prior level after %d days, want 12–16 (A8)", back)
	}
}

// TestQueuesBringAttempts: longer queues on the approach roads bring
// attempts to the queue: a port that can hold fewer lorries inside its
// fence backs its queue onto the rocade, where people then try and board.
func TestQueuesBringAttempts(t *testing.T) {
	short := load(t, "baseline-2015", 21)
	long := load(t, "baseline-2015", 21)
	long.Port.HoldingCapacity = 40
	a, b := run(t, short).Summary(), run(t, long).Summary()
	if num(t, b, "queue_mean_lorries") <= num(t, a, "queue_mean_lorries") {
		t.Fatalf("the smaller holding area did not lengthen queues (%.1f vs %.1f)", num(t, b, "queue_mean_lorries"), num(t, a, "queue_mean_lorries"))
	}
	rocadeRises(t, a, b, "long queues")
}

// TestPoliceDisplacement: more police at the tunnel perimeter bring fewer
// attempts there and more at the other spots.
func TestPoliceDisplacement(t *testing.T) {
	base := load(t, "baseline-2015", 21)
	more := load(t, "baseline-2015", 21)
	for i := range more.Migrants.Spots {
		if more.Migrants.Spots[i].Name == "spot-coquelles" {
			more.Migrants.Spots[i].Police += 400
		}
	}
	a, b := run(t, base).Summary(), run(t, more).Summary()
	at := func(s sim.Summary, spot string) int64 {
		v, _ := s.Get("boarding_attempts_by_spot")
		return v.(map[string]int64)[spot]
	}
	if at(b, "spot-coquelles") >= at(a, "spot-coquelles") {
		t.Errorf("attempts at Coquelles %d with more police vs %d", at(b, "spot-coquelles"), at(a, "spot-coquelles"))
	}
	others := func(s sim.Summary) int64 {
		return at(s, "spot-a16") + at(s, "spot-rocade") + at(s, "lorry-park")
	}
	if others(b) <= others(a) {
		t.Errorf("attempts elsewhere %d with more police at Coquelles vs %d, want displacement", others(b), others(a))
	}
}

// TestRoadblocks: barricades on the rocade stop port traffic at night, and
// the queue they make is where people board: attempts and boardings there
// rise, and freight is delayed.
//
// Barricades come from the camp's prospects (TestRoadblocksFromDespair):
// here every spot but the rocade is hard, as in spring 2016.
func TestRoadblocks(t *testing.T) {
	hard := func(cfg *sim.Config) *sim.Config {
		for i := range cfg.Migrants.Spots {
			if cfg.Migrants.Spots[i].Name != "spot-rocade" {
				cfg.Migrants.Spots[i].Police += 3000
			}
		}
		return cfg
	}
	a := run(t, hard(load(t, "baseline-2015", 21))).Summary()
	b := run(t, hard(load(t, "roadblocks-2016", 21))).Summary()
	if num(t, b, "roadblock_nights") == 0 {
		t.Fatal("no barricades")
	}
	rocadeRises(t, a, b, "barricades")
	if num(t, b, "freight_delay_mean_min") <= num(t, a, "freight_delay_mean_min") {
		t.Error("barricades did not delay freight")
	}
}

// rocadeRises checks that both the attempts and the boardings at the
// rocade are higher in b than in a (b has what).
func rocadeRises(t *testing.T, a, b sim.Summary, what string) {
	t.Helper()
	at := func(s sim.Summary, key string) int64 {
		v, _ := s.Get(key)
		return v.(map[string]int64)["spot-rocade"]
	}
	if at(b, "boarding_attempts_by_spot") <= at(a, "boarding_attempts_by_spot") || at(b, "stowaways_by_spot") <= at(a, "stowaways_by_spot") {
		t.Errorf("rocade attempts %d → %d, boardings %d → %d with %s; want both higher",
			at(a, "boarding_attempts_by_spot"), at(b, "boarding_attempts_by_spot"), at(a, "stowaways_by_spot"), at(b, "stowaways_by_spot"), what)
	}
}
