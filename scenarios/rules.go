package scenarios

import (
	"channelsim/agents"
	"channelsim/sim"
)

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
// section's key.
func under(section string, add func(path, msg string)) func(path, msg string) {
	return func(path, msg string) { add(section+"."+path, msg) }
}

// FormatNumber writes a number for a message as TOML writes it: inf,
// -inf and nan for the values that are not finite, else the shortest
// decimal that reads back the same (agents.FormatNumber).
func FormatNumber(x float64) string { return agents.FormatNumber(x) }
