package agents

import (
	"time"
	_ "time/tzdata" // the French and UK zones on cluster nodes without zoneinfo

	"channelsim/engine"
)

// Local time. A run's calendar (engine.Calendar) keeps French local time,
// which is what behaviour at Calais keys on; the UK is an hour behind all
// year, for the two zones change to and from summer time at the same
// instant (01:00 UTC, the EU rule).
var (
	France = mustZone("Europe/Paris")
	UK     = mustZone("Europe/London")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("agents: time zone " + name + ": " + err.Error())
	}
	return loc
}

// UKHour returns the UK local hour (0–23) at minute t of a calendar in
// French time.
func UKHour(cal *engine.Calendar, t float64) int { return (cal.Hour(t) + 23) % 24 }

// Night at Calais: 22:00–06:00 French time (EST; sunset in Calais is
// 20:00–22:00 in summer and about 17:00 in November).
const (
	NightFromHour  = 22
	NightUntilHour = 6
)

// IsNight reports whether it is dark enough in Calais at minute t for
// night behaviour (NightFromHour–NightUntilHour).
func IsNight(cal *engine.Calendar, t float64) bool {
	h := cal.Hour(t)
	return h >= NightFromHour || h < NightUntilHour
}
