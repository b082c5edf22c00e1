package scenarios

import (
	"strings"
	"testing"
	"time"

	"channelsim/agents/camp"
	"channelsim/agents/freight"
	"channelsim/agents/removals"
	"channelsim/engine"
	"channelsim/sim"
)

// brokenEverywhere returns the baseline with every rule that ties keys
// together broken at once (but those that exclude each other: an empty
// list and a rule on its elements), in every section.
func brokenEverywhere(t *testing.T) *sim.Config {
	t.Helper()
	sc, err := Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	c := sc.Config
	day := func(s string) engine.Date {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return engine.Date{Year: d.Year(), Month: d.Month(), Day: d.Day()}
	}
	at := func(s string) engine.DateTime {
		d, err := time.Parse("2006-01-02T15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return engine.DateTime{Time: d}
	}
	mg := &c.Migrants
	mg.Enabled = true
	mg.Arrivals = []camp.DatedRate{{From: day("2015-07-05")}, {From: day("2015-08-01")}, {From: day("2015-08-01")}}
	mg.Elsewhere.Enabled = false
	mg.Elsewhere.Arrivals = []camp.DatedRate{{From: day("2015-09-01")}, {From: day("2015-08-01")}}
	mg.Police = []camp.PoliceStep{{Spot: "all"}, {Spot: "spot-nowhere"}}
	mg.Spots = []camp.Spot{
		{Name: "a", Kind: "traffic", Site: "tunnel", Share: 0},
		{Name: "b", Kind: "queue", Site: "port", Share: 1, Stop: 0.5, Others: true},
		{Name: "c", Kind: "park", Place: "aire-nowhere", Site: "calais", Share: 1},
		{Name: "d", Kind: "park", Place: "services-a26", Share: 1},
		{Name: "e", Kind: "terminal", Place: "lorry-park", Share: 1},
		{Name: "f", Kind: "queue", Site: "calais", Share: 1, Stop: 0.1},
	}
	c.Freight.RestAreas = []freight.RestArea{
		{Name: "services-a26", Share: 0.6},
		{Name: "lorry-park", Share: 0.3},
		{Name: "", Share: 0.2},
		{Name: "services-a26", Share: 0.1},
	}
	mg.Works = []camp.Works{{Spot: "a"}, {Spot: "all"}, {Spot: "z"}}
	mg.Transfers = []camp.Transfer{{From: day("2015-09-01"), To: day("2015-08-01")}, {From: day("2015-09-01"), To: day("2015-09-01")}}
	mg.MoneyMinGBP, mg.MoneyMaxGBP = 900, 800
	mg.Nationality = make([]float64, 7)

	rm := &c.Removals
	rm.Enabled = true
	rm.Regions = nil
	rm.NoticeMin.Duration, rm.NoticeMax.Duration = 96*time.Hour, 72*time.Hour
	rm.Centres = []removals.Centre{{Site: "no-such-centre"}, {Site: rm.Centres[0].Site}}
	rm.Causes = removals.CancelCause{}
	rm.WithinDay, rm.WithinWeek = 0.5, 0.4

	c.Freight.HourProfile = make([]float64, 24)
	c.Freight.TrailerMix = freight.TrailerMix{}
	c.Port.Fleet = []freight.FleetChange{{From: at("2015-07-10T00:00")}, {From: at("2015-07-10T00:00")}, {From: at("2015-07-09T12:00")}}
	c.Closures = []freight.Closure{
		{Site: "port", From: at("2015-07-03T10:00"), To: at("2015-07-03T09:00")},
		{Site: "both", From: at("2015-07-04T10:00"), To: at("2015-07-04T11:00")},
		{Site: "tunnel", From: at("2015-07-05T10:00"), To: at("2015-07-05T10:00")},
	}
	return c
}

// TestRulesReportEveryRuleInOrder pins each rule's message, the key it
// names and the order the rules are reported in (a sweep shows a point's
// first error; a scenario file's errors at one position keep this order):
// the rules live beside their sections' fields, and moving them must not
// change what a user reads.
func TestRulesReportEveryRuleInOrder(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *sim.Config)
		want string
	}{
		{"every rule", func(*sim.Config) {}, `(scenario): migrants.arrivals[0].from: expected the series to start on or before the start date 2015-07-01 (it must cover the whole run), got 2015-07-05
(scenario): migrants.arrivals[2].from: expected dates in increasing order
(scenario): migrants.elsewhere.arrivals[1].from: expected dates in increasing order
(scenario): migrants.police[1].spot: expected "all" or the name of a spot in migrants.spots, got "spot-nowhere"
(scenario): migrants.spots[0].lorry_share: expected a share above 0 and at most 1 (1: every lorry of the spot's kind), got 0
(scenario): migrants.spots[1].stop_chance: expected 0 at a "queue" spot: only people inside a terminal reach its tracks
(scenario): migrants.spots[1].other_camps: expected migrants.elsewhere.enabled = true: a spot of the other camps needs the other camps
(scenario): migrants.spots[2].place: expected "lorry-park" or the name of a freight.rest_areas entry, got "aire-nowhere"
(scenario): migrants.spots[2].site: expected "port", "tunnel" or nothing (a park's lorries go to both sites), got "calais"
(scenario): migrants.spots[4].place: expected no place at a "terminal" spot: only a park's lorries are at a rest place
(scenario): migrants.spots[4].site: expected one of "port", "tunnel" at a "terminal" spot, got ""
(scenario): migrants.spots[5].stop_chance: expected 0 at a "queue" spot: only people inside a terminal reach its tracks
(scenario): migrants.spots[5].site: expected one of "port", "tunnel" at a "queue" spot, got "calais"
(scenario): freight.rest_areas: expected shares of the UK-bound lorries that add up to at most 1, got 1.2
(scenario): freight.rest_areas[1].name: expected a name not "lorry-park" and not used by another rest area, got "lorry-park"
(scenario): freight.rest_areas[2].name: expected a name not "lorry-park" and not used by another rest area, got ""
(scenario): freight.rest_areas[3].name: expected a name not "lorry-park" and not used by another rest area, got "services-a26"
(scenario): migrants.works[1].spot: expected the name of a spot in migrants.spots, got "all"
(scenario): migrants.works[2].spot: expected the name of a spot in migrants.spots, got "z"
(scenario): migrants.transfers[0].to: expected a last day on or after the first (2015-09-01), got 2015-08-01
(scenario): migrants.money_max_gbp: expected at least money_min_gbp
(scenario): removals.regions: expected at least one destination region
(scenario): removals.notice_max: expected at least notice_min
(scenario): removals.centres[0].site: expected a site id of the map, got "no-such-centre"
(scenario): freight.hour_profile: expected 24 hourly weights with a positive sum (they are normalised), got all zero
(scenario): freight.trailer_mix: expected trailer shares with a positive sum (they are normalised), got all zero
(scenario): migrants.nationality_shares: expected nationality shares with a positive sum (they are normalised), got all zero
(scenario): removals.causes: expected weights of the causes with a positive sum (they are normalised), got all zero
(scenario): removals.within_week: expected at least within_day (0.5: the share within a week includes the last day), got 0.4
(scenario): port.fleet[1].from: expected a date-time after the one before (2015-07-10T00:00)
(scenario): port.fleet[2].from: expected a date-time after the one before (2015-07-10T00:00)
(scenario): closures[0].to: expected an end after the start (2015-07-03T10:00)
(scenario): closures[2].to: expected an end after the start (2015-07-05T10:00)`},
		{"empty lists and no start", func(c *sim.Config) {
			c.Name = ""
			c.Start = engine.Date{}
			c.Migrants.Arrivals = nil
			c.Migrants.Spots = nil
			c.Migrants.Police = nil
			c.Migrants.Works = nil
			c.Removals.Regions = []removals.Region{{Name: "x"}, {Name: "y"}}
		}, `(scenario): name: expected a scenario name, got nothing
(scenario): start: expected a start date such as 2015-07-01
(scenario): migrants.arrivals: expected at least one dated arrival rate
(scenario): migrants.elsewhere.arrivals[1].from: expected dates in increasing order
(scenario): freight.rest_areas: expected shares of the UK-bound lorries that add up to at most 1, got 1.2
(scenario): freight.rest_areas[1].name: expected a name not "lorry-park" and not used by another rest area, got "lorry-park"
(scenario): freight.rest_areas[2].name: expected a name not "lorry-park" and not used by another rest area, got ""
(scenario): freight.rest_areas[3].name: expected a name not "lorry-park" and not used by another rest area, got "services-a26"
(scenario): migrants.transfers[0].to: expected a last day on or after the first (2015-09-01), got 2015-08-01
(scenario): migrants.spots: expected at least one boarding spot
(scenario): migrants.money_max_gbp: expected at least money_min_gbp
(scenario): removals.notice_max: expected at least notice_min
(scenario): removals.centres[0].site: expected a site id of the map, got "no-such-centre"
(scenario): freight.hour_profile: expected 24 hourly weights with a positive sum (they are normalised), got all zero
(scenario): freight.trailer_mix: expected trailer shares with a positive sum (they are normalised), got all zero
(scenario): migrants.nationality_shares: expected nationality shares with a positive sum (they are normalised), got all zero
(scenario): removals.causes: expected weights of the causes with a positive sum (they are normalised), got all zero
(scenario): removals.regions: expected regions' shares with a positive sum (they are normalised), got all zero
(scenario): removals.within_week: expected at least within_day (0.5: the share within a week includes the last day), got 0.4
(scenario): port.fleet[1].from: expected a date-time after the one before (2015-07-10T00:00)
(scenario): port.fleet[2].from: expected a date-time after the one before (2015-07-10T00:00)
(scenario): closures[0].to: expected an end after the start (2015-07-03T10:00)
(scenario): closures[2].to: expected an end after the start (2015-07-05T10:00)`},
		// With the camp and removals off, their rules are not checked; the
		// rest areas' are, since the freight model has lorries rest there
		// without the camp.
		{"camp and removals off", func(c *sim.Config) {
			c.Migrants.Enabled = false
			c.Removals.Enabled = false
		}, `(scenario): freight.rest_areas: expected shares of the UK-bound lorries that add up to at most 1, got 1.2
(scenario): freight.rest_areas[1].name: expected a name not "lorry-park" and not used by another rest area, got "lorry-park"
(scenario): freight.rest_areas[2].name: expected a name not "lorry-park" and not used by another rest area, got ""
(scenario): freight.rest_areas[3].name: expected a name not "lorry-park" and not used by another rest area, got "services-a26"
(scenario): freight.hour_profile: expected 24 hourly weights with a positive sum (they are normalised), got all zero
(scenario): freight.trailer_mix: expected trailer shares with a positive sum (they are normalised), got all zero
(scenario): port.fleet[1].from: expected a date-time after the one before (2015-07-10T00:00)
(scenario): port.fleet[2].from: expected a date-time after the one before (2015-07-10T00:00)
(scenario): closures[0].to: expected an end after the start (2015-07-03T10:00)
(scenario): closures[2].to: expected an end after the start (2015-07-05T10:00)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := brokenEverywhere(t)
			tc.edit(c)
			err := ValidateRules(c)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("errors differ:\ngot:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestValidateKeepsRulesOrder: Validate reports the rules in the same
// order after the keys' own ranges (a configuration built in code has no
// positions to sort by).
func TestValidateKeepsRulesOrder(t *testing.T) {
	c := brokenEverywhere(t)
	rulesErr := ValidateRules(c).Error()
	all := Validate(c).Error()
	if !strings.HasSuffix(all, rulesErr) {
		t.Errorf("Validate does not end with the rules in their order:\n%s", all)
	}
}
