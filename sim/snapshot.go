package sim

import (
	"time"

	"channelsim/agents"
	"channelsim/agents/freight"
)

// Snapshot is the state of the whole system at one instant: immutable once
// filled, so a viewer may lay it out and draw it on another goroutine while
// the model runs on. Fill reuses dst's slices to avoid allocating per frame.
type Snapshot struct {
	T     float64   // simulated minutes since the start
	Time  time.Time // UTC
	Night bool
	// Agents are the typed views of every agent on the map: freight's
	// first, then each submodel's.
	Agents []agents.View
	// Queues are the UK-bound lorries queuing at each site (port, tunnel).
	Queues [freight.NumRoutes]int
	// Today are the current day's daily-series values, by column name.
	Today map[string]float64
	// Summary is the run's summary so far.
	Summary Summary
}

// Snapshot fills dst with the state of the system now.
func (m *Model) Snapshot(dst *Snapshot) {
	now := m.K.Now()
	dst.T = now
	dst.Time = m.Cal.Time(now)
	dst.Night = agents.IsNight(&m.Cal, now)
	dst.Agents = m.freight.Views(dst.Agents[:0], now)
	for r := range dst.Queues {
		dst.Queues[r] = m.freight.Queued(freight.Route(r))
	}
	for _, sub := range m.subs {
		dst.Agents = sub.Views(dst.Agents, now)
	}
	if dst.Today == nil {
		dst.Today = map[string]float64{}
	}
	d := m.env.Today()
	for j, v := range m.freight.Daily(d) {
		dst.Today[m.freight.DailyColumns()[j]] = v
	}
	for _, sub := range m.subs {
		for j, v := range sub.Daily(d) {
			dst.Today[sub.DailyColumns()[j]] = v
		}
	}
	dst.Summary = m.Summary()
}
