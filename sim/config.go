package sim

import (
	"strings"

	"channelsim/agents/boats"
	"channelsim/agents/camp"
	"channelsim/agents/freight"
	"channelsim/agents/removals"
	"channelsim/engine"
	"channelsim/world/weather"
)

// Config is a whole scenario: every parameter of a run. Package scenarios
// decodes it from TOML (with `extends`), checks each key against the range
// in its `range` tag, and documents every key from its `doc`, `unit` and
// `src` tags; a figure without a published source is marked EST there.
//
// The sections are defined beside the agents they configure (packages
// agents/freight, agents/camp and agents/removals); the TOML layout is
// unchanged by where the Go types live.
//
// Tags: toml is the key; unit the unit; range "min,max" inclusive (either
// side may be empty); doc what it means; src where the figure comes from.
type Config struct {
	Name        string      `toml:"name" doc:"scenario name, as listed by 'channelsim scenarios'"`
	Description string      `toml:"description" doc:"one-paragraph description"`
	Extends     string      `toml:"extends" doc:"embedded scenario name, or a path relative to this file, whose keys this file overrides"`
	Seed        uint64      `toml:"seed" range:"0," doc:"master seed of the run's random streams"`
	Start       engine.Date `toml:"start" doc:"first simulated day (a TOML date); the run starts at 00:00 French time"`
	Days        int         `toml:"days" unit:"days" range:"1,3660" doc:"horizon in days"`

	Freight   freight.Traffic   `toml:"freight"`
	Port      freight.Port      `toml:"port"`
	Tunnel    freight.Tunnel    `toml:"tunnel"`
	Officers  freight.Officers  `toml:"officers"`
	Screening freight.Screening `toml:"screening"`
	Controls  freight.Controls  `toml:"controls"`
	Migrants  camp.Config       `toml:"migrants"`
	Removals  removals.Config   `toml:"removals"`
	Closures  []freight.Closure `toml:"closures" doc:"closures of the port or the tunnel (strikes, incursions, tunnel incidents); an array of tables"`
	Stack     freight.Stack     `toml:"stack" doc:"Kent Police's Operation Stack"`
	Boats     boats.Config      `toml:"boats" doc:"small-boat crossings, the second way across after 2018"`
	Weather   weather.Config    `toml:"weather" doc:"the sea in the Dover Strait, day by day (used by the small boats)"`
}

// InUse reports whether the run uses the section at the top of a key's
// path ("boats.speed_knots": boats): the small boats and the weather they
// sail in only with boats.enabled; every other section always.
func (c *Config) InUse(path string) bool {
	section, _, _ := strings.Cut(path, ".")
	switch section {
	case "boats", "weather":
		return c.Boats.Enabled
	}
	return true
}
