package freight

import (
	"math"

	"channelsim/engine"
)

// Disruption at the terminals that Kent Police are told of: the departures
// a site stops when intruders reach its tracks or berths, the sweep of the
// tunnel's terminal that follows, and the ferry operators' and Eurotunnel's
// timetables by date.

// Stop halts site r's departures both ways for the site's intrusion_stop
// from now: intruders are on its tracks, platforms or berths. Stops that
// overlap extend each other. At the tunnel a sweep of the terminal follows,
// with fewer departures, for the tunnel's sweep.
func (m *Model) Stop(r Route) {
	s := m.sites[r]
	now := m.K.Now()
	until := now + s.cfg.IntrusionStop.Min()
	if until <= s.stoppedUntil {
		return
	}
	m.stats.stopped(now < s.stoppedUntil, until-max(now, s.stoppedUntil))
	s.stoppedUntil = until
	if r == ViaTunnel {
		s.sweepUntil = max(s.sweepUntil, until+m.cfg.Tunnel.Sweep.Min())
	}
}

// shuttleRate returns the shuttle departures an hour each way scheduled at
// minute t: the timetable in force then, thinned during a sweep.
func (m *Model) shuttleRate(t float64) float64 {
	t0, latest := m.cfg.Tunnel.DeparturesPerHour, math.Inf(-1)
	for k, from := range m.timetableFrom {
		if t >= from && from >= latest {
			t0, latest = m.cfg.Tunnel.Timetable[k].DeparturesPerHour, from
		}
	}
	rate := t0[m.Cal.Hour(t)]
	if s := m.sites[ViaTunnel]; t >= s.stoppedUntil && t < s.sweepUntil {
		rate *= m.cfg.Tunnel.SweepShare
	}
	return rate
}

// unbookedToPort reports whether a lorry for the tunnel is sent to the port
// because Eurotunnel sells no tickets to unbooked lorries at minute now.
// It draws only while a suspension is in force.
func (m *Model) unbookedToPort(now float64) bool {
	for k, p := range m.suspensions {
		if now >= p[0] && now < p[1] {
			return m.rUnbooked.Float64() < m.cfg.Tunnel.SalesSuspended[k].UnbookedShare
		}
	}
	return false
}

// buildSchedules turns the dated timetables, suspensions and closures into
// minutes of the run.
func (m *Model) buildSchedules() {
	at := func(d engine.DateTime) float64 { return m.Cal.Minutes(m.Cal.Wall(d.Time)) }
	for _, tt := range m.cfg.Tunnel.Timetable {
		m.timetableFrom = append(m.timetableFrom, at(tt.From))
	}
	for _, p := range m.cfg.Tunnel.SalesSuspended {
		m.suspensions = append(m.suspensions, [2]float64{at(p.From), at(p.To)})
	}
	for _, c := range m.cfg.Closures {
		span := [2]float64{at(c.From), at(c.To)}
		for r := Route(0); r < NumRoutes; r++ {
			if c.Site == "both" || c.Site == r.String() {
				m.closures[r] = append(m.closures[r], span)
			}
		}
	}
}
