// Package agents is what every kind of agent in the border system shares:
// the environment a submodel is built in (the event kernel, the calendar,
// the random streams and the map), the event priorities every submodel
// schedules with (priorities.go), local time at Calais and in the UK
// (localtime.go), the description of a submodel's metrics (metrics.go),
// and the typed views of agents that snapshots are made of. Each kind of
// agent has a package of its own, which declares its summary keys and
// daily columns in its metrics.go:
//
//   - freight: lorries and their drivers, the juxtaposed-control sites
//     with their booths, Border Force officers and their searches, and the
//     ferries and shuttles;
//   - camp: the people in the Calais camp and the other camps
//     (Grande-Synthe), their groups, boarding spots and nights, how word of
//     a spot spreads, and stowaways' fate;
//   - removals: the UK removals system: cases, plans and tickets, escorts
//     and flights.
//
// Package sim wires them together through the small interfaces they
// declare (camp.Lorries, freight.Watcher, camp.Referrer) and owns the live
// policy levers.
package agents

import (
	"channelsim/engine"
	"channelsim/world"
)

// Env is the environment a submodel runs in: the run's kernel, calendar,
// random streams and map, its length, and the index of the current day of
// the daily series (which turns at the end-of-day event, not at the first
// event after midnight).
type Env struct {
	K       *engine.Kernel
	Cal     *engine.Calendar
	Streams engine.Streams
	World   *world.World
	Days    int     // the run's length in days
	Horizon float64 // the run's last minute
	today   *int
}

// NewEnv returns the environment of a run; *today is the current day's
// index, kept by the caller's end-of-day event.
func NewEnv(k *engine.Kernel, cal *engine.Calendar, streams engine.Streams, w *world.World, days int, today *int) *Env {
	return &Env{K: k, Cal: cal, Streams: streams, World: w, Days: days, Horizon: float64(days) * engine.Day, today: today}
}

// Today returns the index of the current day of the daily series, never
// past the last day of the run.
func (e *Env) Today() int { return min(*e.today, e.Days-1) }

// Kind is the kind of an agent in a snapshot. New kinds are added at the
// end; a viewer draws kinds it does not know as plain dots.
type Kind uint8

// Agent kinds.
const (
	KindLorry Kind = iota
	KindFerry
	KindShuttle
	KindOfficer
	KindMigrant
	KindEscort
	KindFlight
	KindDetainee
	KindBoat
	NumKinds
)

var kindNames = [NumKinds]string{"lorry", "ferry", "shuttle", "officer", "migrant", "escort", "flight", "detainee", "boat"}

// String returns the kind's name.
func (k Kind) String() string {
	if k < NumKinds {
		return kindNames[k]
	}
	return "agent"
}

// Flags of a view.
const (
	FlagFranceBound uint8 = 1 << iota // a lorry going to France
	FlagPeople                        // a lorry carrying hidden people
	FlagSearched                      // a lorry that has been searched
	FlagStack                         // a France-bound lorry beyond its terminal's holding: on the M20 (Operation Stack)
)

// View is one agent at one instant. Where the model itself knows the
// agent's position (a lorry or vessel moving along a path, a lorry queued
// on a road) OnMap is true and Pos holds it. Otherwise the agent is at a
// place the model names — Place (a site's route, "port" or "tunnel"; a
// boarding spot, removal centre or airport named by the scenario; "camp")
// with its state, and Rank (its position in line there, or a stable number
// to spread a crowd) — and the viewer lays it out.
type View struct {
	Kind    Kind
	ID      uint64
	State   string // the agent's state, snake_case
	OnMap   bool
	Pos     world.Point // when OnMap
	Heading float64     // radians, east = 0, counter-clockwise (when OnMap)
	Place   string
	Rank    int
	// SinceMin is the minutes since the agent entered its state, for those
	// whose drawing depends on it (a flight climbing out).
	SinceMin float64
	Flags    uint8
	Index    int32 // index in its submodel's slab, for inspection
}

// Entry is one summary metric. Value is an int64, a float64, a string or a
// map[string]int64.
type Entry struct {
	Key   string
	Value any
}
