package freight

import (
	"channelsim/agents"
	"channelsim/engine"
)

// Officers: UK Border Force officers at each site work the shifts of the
// scenario. On duty, they staff the document-check booths first (up to the
// number of booths) and form search teams with the rest.

// onDuty returns the officers on duty at site r at minute t.
func (m *Model) onDuty(r Route, t float64) int {
	tod := float64(agents.UKHour(m.Cal, t))*60 + mod(t, 60) // UK minutes after midnight
	n := 0
	for _, sh := range m.cfg.Officers.Shifts {
		if RouteOf(sh.Site) != r {
			continue
		}
		start, length := float64(sh.Start.Minute), sh.Length.Min()
		since := mod(tod-start, engine.Day)
		if since < length {
			n += sh.Officers
		}
	}
	return n
}

// RouteOf maps a scenario site name to its route.
func RouteOf(name string) Route {
	if name == "tunnel" {
		return ViaTunnel
	}
	return ViaPort
}

// roster recomputes the officers on duty at both sites; it runs at every
// quarter hour (shifts start and end on the quarter hour in scenarios).
type roster struct{ m *Model }

func (e roster) Handle(int64) {
	m := e.m
	now := m.K.Now()
	for _, s := range m.sites {
		n := m.onDuty(s.route, now)
		if n == s.onDuty && now > 0 {
			continue
		}
		s.onDuty = n
		s.booths = min(s.cfg.UKBooths, n)
		s.teams = (n - s.booths) / max(1, m.cfg.Officers.SearchTeamSize)
		s.uk.SetServers(s.booths)
		s.search.SetServers(s.teams)
	}
	m.K.After(15, PrioControl, e, 0)
}

func (m *Model) scheduleShifts() { m.K.At(0, PrioControl, roster{m}, 0) }

// closure opens or closes a site.
type closure struct {
	m     *Model
	sites []Route
	open  bool
}

func (e closure) Handle(int64) {
	for _, r := range e.sites {
		s := e.m.sites[r]
		if e.open {
			s.closed--
			s.admit()
		} else {
			s.closed++
		}
	}
}

func (m *Model) scheduleClosures() {
	for _, c := range m.cfg.Closures {
		var rs []Route
		switch c.Site {
		case "port":
			rs = []Route{ViaPort}
		case "tunnel":
			rs = []Route{ViaTunnel}
		default:
			rs = []Route{ViaPort, ViaTunnel}
		}
		from := m.Cal.Minutes(m.Cal.Wall(c.From.Time))
		to := m.Cal.Minutes(m.Cal.Wall(c.To.Time))
		if to <= 0 || from >= m.horizon() || to <= from {
			continue
		}
		m.K.At(max(from, 0), PrioControl, closure{m, rs, false}, 0)
		m.K.At(to, PrioControl, closure{m, rs, true}, 0)
	}
}
