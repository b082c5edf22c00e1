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
//
// Each section checks its own rules with its Check methods, beside its
// fields, reporting at the paths of its keys, which under prefixes with
// the section's key. What is here is what no one section can check
// alone. The calls are in the order in which the errors have always been
// reported (a sweep shows a point's first error): that is why the camp
// and the removals each check in parts.
func rules(cfg *sim.Config, add func(path, msg string)) {
	// The scenario's own keys, at the top of the file, belong to no
	// section.
	if cfg.Name == "" {
		add("name", "expected a scenario name, got nothing")
	}
	if cfg.Start.IsZero() {
		add("start", "expected a start date such as 2015-07-01")
	}
	freight, migrants, removals := under("freight", add), under("migrants", add), under("removals", add)
	// Cross-section: the camp's arrivals must cover the run from the
	// scenario's start, and a park spot's place is a rest place of the
	// freight section.
	cfg.Migrants.CheckArrivalsAndSpots(migrants, cfg.Start, cfg.Freight.IsRestPlace)
	// The freight's rest areas, here in the order their errors have always
	// come (after the camp's spots that name them), whether the camp is on
	// or not: the freight model has lorries rest there without the camp
	// too, so shares over 1 or two areas of one name are wrong either way.
	cfg.Freight.CheckRestAreas(freight)
	cfg.Migrants.CheckWorksAndTransfers(migrants)
	// Cross-section: the removal centres are sites of the map (the world
	// package's), which no section holds. A map that cannot be read (a
	// fault in the embedded data, reported where a run builds on it)
	// rules nothing out.
	cfg.Removals.CheckRegionsAndCentres(removals, func(id string) bool {
		w, err := world.Default()
		if err != nil {
			return true
		}
		_, ok := w.Site(id)
		return ok
	})
	cfg.Freight.Check(freight)
	cfg.Migrants.Check(migrants)
	cfg.Removals.Check(removals)
	cfg.Boats.Check(under("boats", add))
	if cfg.Boats.Enabled {
		// Cross-section: the sea's weather is read by the boats alone, so
		// it is checked only with them on.
		cfg.Weather.Check(under("weather", add))
		// Across sections: the boats carry the camps' people.
		if !cfg.Migrants.Enabled {
			add("boats.enabled", "expected migrants.enabled = true with the small boats on (the boats carry the camps' people)")
		}
	}
	cfg.Port.Check(under("port", add))
	for i := range cfg.Closures {
		cfg.Closures[i].Check(under(fmt.Sprintf("closures[%d]", i), add))
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
