package scenarios

import (
	"fmt"

	"channelsim/agents"
	"channelsim/sim"
	"channelsim/world"
)

// rules checks the rules that tie keys together (validate checks each
// key's own range before): a few comparisons, so that a sweep can check
// each of its points cheaply once each value was checked alone.
func rules(cfg *sim.Config, add func(path, msg string)) {
	if cfg.Name == "" {
		add("name", "expected a scenario name, got nothing")
	}
	if cfg.Start.IsZero() {
		add("start", "expected a start date such as 2015-07-01")
	}
	mg := &cfg.Migrants
	if mg.Enabled {
		if len(mg.Arrivals) == 0 {
			add("migrants.arrivals", "expected at least one dated arrival rate")
		} else if a := mg.Arrivals[0].From; !cfg.Start.IsZero() && cfg.Start.Before(a) {
			add("migrants.arrivals[0].from", fmt.Sprintf("expected the series to start on or before the start date %s (it must cover the whole run), got %s", cfg.Start, a))
		}
		for i := 1; i < len(mg.Arrivals); i++ {
			if !mg.Arrivals[i-1].From.Before(mg.Arrivals[i].From) {
				add(fmt.Sprintf("migrants.arrivals[%d].from", i), "expected dates in increasing order")
			}
		}
		for i := 1; i < len(mg.Elsewhere.Arrivals); i++ {
			if !mg.Elsewhere.Arrivals[i-1].From.Before(mg.Elsewhere.Arrivals[i].From) {
				add(fmt.Sprintf("migrants.elsewhere.arrivals[%d].from", i), "expected dates in increasing order")
			}
		}
		names := map[string]bool{"all": true}
		for _, sp := range mg.Spots {
			names[sp.Name] = true
		}
		for i, p := range mg.Police {
			if !names[p.Spot] {
				add(fmt.Sprintf("migrants.police[%d].spot", i), fmt.Sprintf("expected \"all\" or the name of a spot in migrants.spots, got %q", p.Spot))
			}
		}
		for i, sp := range mg.Spots {
			if sp.Share <= 0 {
				add(fmt.Sprintf("migrants.spots[%d].lorry_share", i), "expected a share above 0 and at most 1 (1: every lorry of the spot's kind), got 0")
			}
			if sp.Stop > 0 && sp.Kind != "terminal" {
				add(fmt.Sprintf("migrants.spots[%d].stop_chance", i), fmt.Sprintf("expected 0 at a %q spot: only people inside a terminal reach its tracks", sp.Kind))
			}
			if sp.Others && !mg.Elsewhere.Enabled {
				add(fmt.Sprintf("migrants.spots[%d].other_camps", i), "expected migrants.elsewhere.enabled = true: a spot of the other camps needs the other camps")
			}
			switch {
			case sp.Kind == "park":
				if sp.Place != "" && !cfg.Freight.IsRestPlace(sp.Place) {
					add(fmt.Sprintf("migrants.spots[%d].place", i), fmt.Sprintf("expected \"lorry-park\" or the name of a freight.rest_areas entry, got %q", sp.Place))
				}
				if sp.Site != "" && sp.Site != "port" && sp.Site != "tunnel" {
					add(fmt.Sprintf("migrants.spots[%d].site", i), fmt.Sprintf("expected \"port\", \"tunnel\" or nothing (a park's lorries go to both sites), got %q", sp.Site))
				}
			case sp.Place != "":
				add(fmt.Sprintf("migrants.spots[%d].place", i), fmt.Sprintf("expected no place at a %q spot: only a park's lorries are at a rest place", sp.Kind))
				fallthrough
			case sp.Site != "port" && sp.Site != "tunnel":
				add(fmt.Sprintf("migrants.spots[%d].site", i), fmt.Sprintf("expected one of \"port\", \"tunnel\" at a %q spot, got %q", sp.Kind, sp.Site))
			}
		}
		// Cross-section: the freight's rest areas have been checked only with
		// the camp enabled (they came with the camp's park spots that name
		// them), although the freight model has lorries rest there without the
		// camp too; checking them always would refuse scenarios that load now.
		cfg.Freight.CheckRestAreas(under("freight", add))
		for i, w := range mg.Works {
			if !names[w.Spot] || w.Spot == "all" {
				add(fmt.Sprintf("migrants.works[%d].spot", i), fmt.Sprintf("expected the name of a spot in migrants.spots, got %q", w.Spot))
			}
		}
		for i, t := range mg.Transfers {
			if t.To.Before(t.From) {
				add(fmt.Sprintf("migrants.transfers[%d].to", i), fmt.Sprintf("expected a last day on or after the first (%s), got %s", t.From, t.To))
			}
		}
		if len(mg.Spots) == 0 {
			add("migrants.spots", "expected at least one boarding spot")
		}
		if mg.MoneyMaxGBP < mg.MoneyMinGBP {
			add("migrants.money_max_gbp", "expected at least money_min_gbp")
		}
	}
	rm := &cfg.Removals
	if rm.Enabled {
		if len(rm.Regions) == 0 {
			add("removals.regions", "expected at least one destination region")
		}
		if rm.NoticeMax.Duration < rm.NoticeMin.Duration {
			add("removals.notice_max", "expected at least notice_min")
		}
		if w, err := world.Default(); err == nil {
			for i, c := range rm.Centres {
				if _, ok := w.Site(c.Site); !ok {
					add(fmt.Sprintf("removals.centres[%d].site", i), fmt.Sprintf("expected a site id of the map, got %q", c.Site))
				}
			}
		}
	}
	crossChecks(cfg, add)
	cfg.Port.Check(under("port", add))
	for i := range cfg.Closures {
		cfg.Closures[i].Check(under(fmt.Sprintf("closures[%d]", i), add))
	}
}

// crossChecks are the rules that tie keys together beyond their ranges
// that each configuration section checks itself (its Check method), at
// the section's key.
func crossChecks(cfg *sim.Config, add func(path, msg string)) {
	cfg.Freight.Check(under("freight", add))
	cfg.Migrants.Check(under("migrants", add))
	cfg.Removals.Check(under("removals", add))
	cfg.Boats.Check(under("boats", add))
	if cfg.Boats.Enabled {
		cfg.Weather.Check(under("weather", add))
		// Across sections: the boats carry the camps' people.
		if !cfg.Migrants.Enabled {
			add("boats.enabled", "expected migrants.enabled = true with the small boats on (the boats carry the camps' people)")
		}
	}
}

// under reports a section's errors at the paths of its keys under the
// section's key (or an element's, "closures[2]").
func under(section string, add func(path, msg string)) func(path, msg string) {
	return agents.Under(section, add)
}

// FormatNumber writes a number for a message as TOML writes it: inf,
// -inf and nan for the values that are not finite, else the shortest
// decimal that reads back the same (agents.FormatNumber).
func FormatNumber(x float64) string { return agents.FormatNumber(x) }
