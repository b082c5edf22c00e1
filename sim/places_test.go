package sim_test

import (
	"slices"
	"testing"

	"channelsim/sim"
)

// TestPlacesBoundAttempts is a property test over a simulated year of
// baseline-2016's camp (from July 2015, when every spot is in use at some
// time): at every check, at odd instants through the nights, no place had
// more groups' tries tonight than its lorries allow (tries_per_lorry_night
// each), no place more attempts than those tries could carry, and no
// lorry more stowaways than a trailer holds (CheckInvariants); and the
// bounds bind, so that the test can fail: some lorry is tried by as many
// groups as it may be.
func TestPlacesBoundAttempts(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated year")
	}
	cfg := load(t, "baseline-2016", 365)
	cfg.Seed = 3
	m, err := sim.NewDefault(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for h := 1; h <= 365*24; h += 7 { // every seven hours, so every hour of the night in turn
		m.RunUntil(float64(h)*60 + 13)
		if err := m.CheckInvariants(); err != nil {
			t.Fatalf("hour %d: %v", h, err)
		}
	}
	s := m.Summary()
	if num(t, s, "lorries_tried_to_the_limit") == 0 {
		t.Error("no lorry was ever tried by tries_per_lorry_night groups: the bound never binds in a year")
	}
	if attemptsAt(s, "services-a26") == 0 {
		t.Error("nobody ever tried the A26 services in a year: the place is not exercised")
	}
}

// TestRestAreaHoldsItsLorries: a rest area holds no more lorries than its
// places; a larger share of drivers stopping fills it and turns drivers
// away, and people at the spot try only the lorries resting there: with
// no driver stopping, nobody boards there.
func TestRestAreaHoldsItsLorries(t *testing.T) {
	cfg := load(t, "baseline-2015", 10)
	ra := &cfg.Freight.RestAreas[0]
	ra.Share, ra.Capacity = 0.2, 5
	m := run(t, cfg)
	_, cols, err := m.DailySeries()
	if err != nil {
		t.Fatal(err)
	}
	at := cols["lorries_at_"+ra.Name]
	if len(at) != 10 || slices.Max(at) != float64(ra.Capacity) {
		t.Errorf("the most lorries at %s by day: %v; want at most its %d places, and full on some day", ra.Name, at, ra.Capacity)
	}
	s := m.Summary()
	full, _ := s.Get("rest_area_full")
	if full.(map[string]int64)[ra.Name] == 0 {
		t.Errorf("a fifth of all UK-bound lorries stopping at 5 places never found it full: %v", full)
	}

	none := load(t, "baseline-2015", 21)
	none.Freight.RestAreas[0].Share = 0
	sp := spotIndex(t, none, "services-a26")
	none.Migrants.Spots[sp].Unknown = false // everyone knows it, and it has no lorries
	v, _ := run(t, none).Summary().Get("stowaways_by_spot")
	if n := v.(map[string]int64)["services-a26"]; n != 0 {
		t.Errorf("%d boarded at a rest area where no driver stops", n)
	}
}

// TestDriversFindStowaways: drivers who check before leaving a rest place
// find people (driver_find), and none do when they never find anyone.
func TestDriversFindStowaways(t *testing.T) {
	on := load(t, "baseline-2015", 14)
	off := load(t, "baseline-2015", 14)
	off.Migrants.DriverFind = 0
	if n := num(t, run(t, on).Summary(), "stowaways_found_by_drivers"); n == 0 {
		t.Error("no driver found anyone in two weeks at the baseline's driver_find")
	}
	if n := num(t, run(t, off).Summary(), "stowaways_found_by_drivers"); n != 0 {
		t.Errorf("%.0f found by drivers at driver_find 0", n)
	}
}

// TestKnowledgeDoesNotSplitSeeds: word of the spot further out spreads
// gradually, so the day half the camp knows it varies from seed to seed
// by days, not by months as a night's discovery did: over seeds 1–6 of
// baseline-2016's first 300 days, every seed finds it, within 30 days of
// each other.
func TestKnowledgeDoesNotSplitSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("six runs of 300 days")
	}
	var days []int64
	for seed := uint64(1); seed <= 6; seed++ {
		cfg := load(t, "baseline-2016", 300)
		cfg.Seed = seed
		v, _ := run(t, cfg).Summary().Get("spots_found_day")
		if d, ok := v.(map[string]int64)["services-a26"]; ok {
			days = append(days, d)
		}
	}
	if len(days) != 6 {
		t.Fatalf("half the camp knew services-a26 in %d of 6 seeds (days %v), want all six", len(days), days)
	}
	if lo, hi := slices.Min(days), slices.Max(days); hi-lo > 30 {
		t.Errorf("half the camp knew services-a26 on days %v: %d days apart", days, hi-lo)
	}
}
