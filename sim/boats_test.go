package sim_test

import (
	"slices"
	"testing"

	"channelsim/engine"
	"channelsim/sim"
)

// boatsConfig is baseline-2018-2024 from 1 July 2020 for days, the camps
// knowing of the boats from the start.
func boatsConfig(t *testing.T, days int) *sim.Config {
	t.Helper()
	cfg := load(t, "baseline-2018-2024", days)
	cfg.Start = engine.Date{Year: 2020, Month: 7, Day: 1}
	cfg.Migrants.Boat.Known = true
	cfg.Migrants.InitialCamp, cfg.Migrants.Elsewhere.Initial = 1500, 800
	return cfg
}

// runChecked runs cfg to its horizon, checking every six hours that every
// migrant, lorry and boat is in exactly one state.
func runChecked(t *testing.T, cfg *sim.Config) sim.Summary {
	t.Helper()
	m, err := sim.NewDefault(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for h := 6; h <= cfg.Days*24; h += 6 {
		m.RunUntil(float64(h)*60 + 7)
		if err := m.CheckInvariants(); err != nil {
			t.Fatalf("hour %d: %v", h, err)
		}
	}
	m.Run()
	return m.Summary()
}

// TestClosedLorryRouteMovesPeopleToBoats: with every lorry spot closed
// (no one gets on a lorry, not even with a paid driver), more people land
// in the UK by boat than with the lorries open, on every seed, and more
// go to the beach over the seeds together (a person stopped on the beach
// may go again, so the visits are noisier than the landings). The boats'
// appeal is lowered so that both ways are in use: at the baseline's, the
// lorries carry so few in 2020 that closing them moves fewer people than
// a seed's noise (docs/validation.md).
func TestClosedLorryRouteMovesPeopleToBoats(t *testing.T) {
	var wentO, wentC float64
	for seed := uint64(1); seed <= 3; seed++ {
		open := boatsConfig(t, 45)
		open.Seed = seed
		open.Migrants.Boat.Appeal = 2
		closed := boatsConfig(t, 45)
		closed.Seed = seed
		closed.Migrants.Boat.Appeal = 2
		for i := range closed.Migrants.Spots {
			closed.Migrants.Spots[i].Base = 0
		}
		closed.Migrants.Drivers.ComplicitShare = 0
		so, sc := runChecked(t, open), runChecked(t, closed)
		if num(t, sc, "stowaways_boarded") != 0 {
			t.Fatalf("seed %d: %g boarded lorries with the lorry route closed", seed, num(t, sc, "stowaways_boarded"))
		}
		arrO, arrC := num(t, so, "small_boat_arrivals"), num(t, sc, "small_boat_arrivals")
		if arrC <= arrO || arrO == 0 {
			t.Errorf("seed %d: %g landed by boat with the lorries closed, %g with them open; want more when closed", seed, arrC, arrO)
		}
		wentO += num(t, so, "went_to_boats")
		wentC += num(t, sc, "went_to_boats")
	}
	if wentC <= wentO {
		t.Errorf("seeds 1–3: %g went to the boats with the lorries closed, %g with them open; want more when closed", wentC, wentO)
	}
}

// TestBadWeatherStopsCrossings: with waves above the smugglers' limit
// every day, no boat leaves and those who chose the boats wait.
func TestBadWeatherStopsCrossings(t *testing.T) {
	cfg := boatsConfig(t, 20)
	for i := range cfg.Weather.MedianWaveM {
		cfg.Weather.MedianWaveM[i] = 20
	}
	cfg.Weather.LogSD = 0
	s := runChecked(t, cfg)
	for _, key := range []string{"small_boat_arrivals", "small_boat_launches", "went_to_boats", "small_boat_deaths"} {
		if v := num(t, s, key); v != 0 {
			t.Errorf("%s = %g in a storm, want 0", key, v)
		}
	}
	if num(t, s, "waited_for_boats") == 0 {
		t.Error("nobody chose the boats and waited: the choice is not exercised")
	}
}

// TestEveryBoatAndPersonAccounted: over a season of crossings, the boats
// supplied are all in stock, at sea, arrived, lost or seized, and the
// people landed by the boats are the camps' people who arrived by boat.
func TestEveryBoatAndPersonAccounted(t *testing.T) {
	cfg := boatsConfig(t, 60)
	s := runChecked(t, cfg)
	if a, b := num(t, s, "small_boat_arrivals"), num(t, s, "migrants_arrived_by_boat"); a != b || a == 0 {
		t.Errorf("boats landed %g people, the camps counted %g arrived by boat", a, b)
	}
	if a, b := num(t, s, "small_boat_deaths"), num(t, s, "migrants_died_at_sea"); a != b {
		t.Errorf("boats lost %g people, the camps counted %g dead at sea", a, b)
	}
}

// TestHorizonMargin: a run's days are the same whatever its horizon, but
// for the last, which looks ahead (tonight's sea, Kent Police's forecast):
// validate runs two days beyond the last day it measures
// (analysis.RunDays). Here a run of 42 days has its first 40 as a run of
// 60 does.
func TestHorizonMargin(t *testing.T) {
	series := func(days int) [][]float64 {
		cfg := boatsConfig(t, days)
		m := run(t, cfg)
		_, cols, err := m.DailySeries()
		if err != nil {
			t.Fatal(err)
		}
		hdr := m.DailyHeader()
		out := make([][]float64, 40)
		for d := range out {
			for _, c := range hdr[1:] {
				out[d] = append(out[d], cols[c][d])
			}
		}
		return out
	}
	short, long := series(42), series(60)
	for d := range short {
		if !slices.Equal(short[d], long[d]) {
			t.Fatalf("day %d differs between runs of 42 and 60 days:\n%v\n%v", d, short[d], long[d])
		}
	}
}
