package sim_test

import (
	"testing"

	"channelsim/agents/camp"
	"channelsim/engine"
	"channelsim/sim"
)

// spotIndex returns the index of the named spot in cfg.
func spotIndex(t *testing.T, cfg *sim.Config, name string) int {
	t.Helper()
	for i, sp := range cfg.Migrants.Spots {
		if sp.Name == name {
			return i
		}
	}
	t.Fatalf("no spot %q", name)
	return -1
}

// attemptsAt returns the boarding attempts at a spot over the run.
func attemptsAt(s sim.Summary, spot string) int64 {
	v, _ := s.Get("boarding_attempts_by_spot")
	return v.(map[string]int64)[spot]
}

// hardCalais puts police at every spot the camp knows at the start, so
// that none offers any hope.
func hardCalais(cfg *sim.Config) {
	for i := range cfg.Migrants.Spots {
		if !cfg.Migrants.Spots[i].Unknown {
			cfg.Migrants.Spots[i].Police += 3000
		}
	}
}

// TestDisplacementToNewSpots: when every known spot gets hard, the few
// who know the spot further out go there, its good news spreads, and
// attempts move there; with the known spots as they are they do so less.
func TestDisplacementToNewSpots(t *testing.T) {
	base := load(t, "baseline-2015", 21)
	base.Migrants.Knowledge.WordOfMouth = 1
	hard := load(t, "baseline-2015", 21)
	hard.Migrants.Knowledge.WordOfMouth = 1
	hardCalais(hard)
	a, b := run(t, base).Summary(), run(t, hard).Summary()
	found := func(s sim.Summary) map[string]int64 { v, _ := s.Get("spots_found_day"); return v.(map[string]int64) }
	if _, ok := found(b)["services-a26"]; !ok {
		t.Fatalf("with every known spot hard, word of services-a26 never reached half the camp: %v", found(b))
	}
	if attemptsAt(b, "services-a26") <= attemptsAt(a, "services-a26") {
		t.Errorf("attempts at services-a26: %d with Calais hard, %d without; want more", attemptsAt(b, "services-a26"), attemptsAt(a, "services-a26"))
	}
	// Attempts fall only as far as the new option allows: the camp still
	// goes out.
	if num(t, b, "boarding_attempts") == 0 {
		t.Error("no attempts at all with a spot further out open")
	}
}

// TestUnknownSpotsUnused: a spot nobody knows is never tried.
func TestUnknownSpotsUnused(t *testing.T) {
	cfg := load(t, "baseline-2015", 21)
	cfg.Migrants.Knowledge.InitialShare = 0
	hardCalais(cfg)
	s := run(t, cfg).Summary()
	if n := attemptsAt(s, "services-a26"); n != 0 {
		t.Errorf("%d attempts at a spot the camp does not know", n)
	}
}

// TestMovesBetweenCamps: people move to the other camps when Calais looks
// worse than what they expect there, and not when the other camps look
// hopeless.
func TestMovesBetweenCamps(t *testing.T) {
	hard := load(t, "baseline-2015", 21)
	hardCalais(hard)
	hard.Migrants.Knowledge.InitialShare = 0
	b := run(t, hard).Summary()
	if num(t, b, "moved_to_other_camps") == 0 {
		t.Error("nobody moved to the other camps with every Calais spot hard")
	}
	closed := load(t, "baseline-2015", 21)
	hardCalais(closed)
	closed.Migrants.Elsewhere.Success = 0
	c := run(t, closed).Summary()
	if n := num(t, c, "moved_to_other_camps"); n != 0 {
		t.Errorf("%.0f moved to other camps that offer nothing", n)
	}
}

// TestTransfersClearTheCamp: a clearance (a share of 1 a day) empties the
// camp on its day, and everyone is still counted in exactly one state.
func TestTransfersClearTheCamp(t *testing.T) {
	cfg := load(t, "baseline-2015", 10)
	day := engine.Date{Year: 2015, Month: 7, Day: 5}
	cfg.Migrants.Transfers = []camp.Transfer{{From: day, To: day, Share: 1}}
	cfg.Migrants.Arrivals = []camp.DatedRate{{From: engine.Date{Year: 2015, Month: 7, Day: 1}, PerDay: 80}, {From: day, PerDay: 0}}
	m := run(t, cfg)
	s := m.Summary()
	if num(t, s, "migrants_transferred_to_centres") < 2000 {
		t.Errorf("the clearance took %.0f people, want the camp of about 3,000", num(t, s, "migrants_transferred_to_centres"))
	}
	_, series, err := m.DailySeries()
	if err != nil {
		t.Fatal(err)
	}
	if n := series["migrants_in_camp"][4]; n > 50 {
		t.Errorf("%.0f people in the camp on the clearance day at noon, want about none", n)
	}
	if err := m.CheckInvariants(); err != nil {
		t.Error(err)
	}
}

// TestSmugglersAskMoreWhenCalaisIsHard: the smugglers' price follows the
// free spots' prospects.
func TestSmugglersAskMoreWhenCalaisIsHard(t *testing.T) {
	a := run(t, load(t, "baseline-2015", 14)).Summary()
	hard := load(t, "baseline-2015", 14)
	hardCalais(hard)
	b := run(t, hard).Summary()
	pa, pb := num(t, a, "smugglers_price_max_gbp"), num(t, b, "smugglers_price_max_gbp")
	if !(pb > pa) {
		t.Errorf("price %.0f with Calais hard vs %.0f, want higher", pb, pa)
	}
	if max := hard.Migrants.Smugglers.MaxGBP; pb > max {
		t.Errorf("price %.0f above the cap %.0f", pb, max)
	}
}

// TestRoadblocksFromDespair: barricades come from the camp's prospects:
// more nights when every spot is hard.
func TestRoadblocksFromDespair(t *testing.T) {
	easy := load(t, "roadblocks-2016", 21)
	hard := load(t, "roadblocks-2016", 21)
	hardCalais(hard)
	a, b := run(t, easy).Summary(), run(t, hard).Summary()
	if num(t, b, "roadblock_nights") <= num(t, a, "roadblock_nights") {
		t.Errorf("roadblock nights %.0f with Calais hard vs %.0f, want more", num(t, b, "roadblock_nights"), num(t, a, "roadblock_nights"))
	}
}

// TestRetrySameNight: people handed back before dawn who go straight out
// again make more attempts each.
func TestRetrySameNight(t *testing.T) {
	never := load(t, "baseline-2015", 14)
	never.Migrants.RetrySameNight = 0
	always := load(t, "baseline-2015", 14)
	always.Migrants.RetrySameNight = 1
	a, b := run(t, never).Summary(), run(t, always).Summary()
	if num(t, b, "attempts_per_person_mean") <= num(t, a, "attempts_per_person_mean") {
		t.Errorf("attempts per person %.2f with retries vs %.2f without", num(t, b, "attempts_per_person_mean"), num(t, a, "attempts_per_person_mean"))
	}
}

// TestGiveUpAfterFailure: people leave after failing only when the chance
// is set.
func TestGiveUpAfterFailure(t *testing.T) {
	none := load(t, "baseline-2015", 14)
	none.Migrants.GiveUp = 0
	some := load(t, "baseline-2015", 14)
	some.Migrants.GiveUp = 0.05
	a, b := run(t, none).Summary(), run(t, some).Summary()
	if num(t, a, "migrants_gave_up") != 0 || num(t, b, "migrants_gave_up") == 0 {
		t.Errorf("gave up: %.0f with no chance, %.0f with 0.05", num(t, a, "migrants_gave_up"), num(t, b, "migrants_gave_up"))
	}
	if num(t, b, "migrants_in_camp_end") >= num(t, a, "migrants_in_camp_end") {
		t.Error("giving up did not shrink the camp")
	}
}

// TestReinforcementDisplaces: the doubled October 2015 reinforcement
// (police-reinforcement-oct-2015) against the baseline: attempts at the
// policed spots fall, people move to the other camps and the smugglers ask
// more — the comparison shows where the attempts went, not only that
// detections changed.
func TestReinforcementDisplaces(t *testing.T) {
	a := run(t, load(t, "baseline-2015", 153)).Summary()
	b := run(t, load(t, "police-reinforcement-oct-2015", 153)).Summary()
	for _, spot := range []string{"lorry-park", "spot-a16"} {
		if attemptsAt(b, spot) >= attemptsAt(a, spot) {
			t.Errorf("attempts at %s: %d with the reinforcement, %d without; want fewer", spot, attemptsAt(b, spot), attemptsAt(a, spot))
		}
	}
	if num(t, b, "moved_to_other_camps") <= num(t, a, "moved_to_other_camps") {
		t.Errorf("moves to other camps: %.0f with the reinforcement, %.0f without; want more", num(t, b, "moved_to_other_camps"), num(t, a, "moved_to_other_camps"))
	}
	if num(t, b, "smugglers_price_max_gbp") <= num(t, a, "smugglers_price_max_gbp") {
		t.Errorf("smugglers' price: %.0f with the reinforcement, %.0f without; want higher", num(t, b, "smugglers_price_max_gbp"), num(t, a, "smugglers_price_max_gbp"))
	}
}

// TestOtherCampsTryTheirOwnSpots: the people of the other camps
// (Grande-Synthe) try the spots of their camp, the Calais camp's people
// never do: with nobody in the other camps and no moves there, nobody
// tries the Grande-Synthe service area; with them, people do, and those
// caught go back to their own camp (the invariants hold).
func TestOtherCampsTryTheirOwnSpots(t *testing.T) {
	with := load(t, "baseline-2015", 14)
	m := run(t, with)
	if err := m.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	if n := attemptsAt(m.Summary(), "aire-grande-synthe"); n == 0 {
		t.Error("the other camps' people never tried their service area in two weeks")
	}
	none := load(t, "baseline-2015", 14)
	none.Migrants.Elsewhere.Initial = 0
	none.Migrants.Elsewhere.Arrivals = nil
	none.Migrants.Elsewhere.Move = 0
	s := run(t, none).Summary()
	if n := attemptsAt(s, "aire-grande-synthe"); n != 0 {
		t.Errorf("%d attempts at the other camps' service area with nobody in the other camps", n)
	}
	if num(t, s, "boarding_attempts") == 0 {
		t.Error("no attempts at all")
	}
}
