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
	freight, migrants := under("freight", add), under("migrants", add)
	// Cross-section: the camp's arrivals must cover the run from the
	// scenario's start, and a park spot's place is a rest place of the
	// freight section.
	cfg.Migrants.CheckArrivalsAndSpots(migrants, cfg.Start, cfg.Freight.IsRestPlace)
	// Cross-section: the freight's rest areas have been checked only with
	// the camp enabled (they came with the camp's park spots that name
	// them), although the freight model has lorries rest there without the
	// camp too; checking them always would refuse scenarios that load now.
	if cfg.Migrants.Enabled {
		cfg.Freight.CheckRestAreas(freight)
	}
	cfg.Migrants.CheckWorksAndTransfers(migrants)
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
