package freight

import (
	"math"
	"time"

	"channelsim/engine"
)

// Kent Police manage the France-bound lorries in Kent. Lorries wait at the
// UK terminals up to their holding; lorries for Dover beyond it are held on
// the A20 (Dover TAP); beyond that, and beyond the tunnel's holding, Kent
// Police run Operation Stack, parking lorries on the M20 phase by phase.
//
// They decide on what they see and are told: the lorries on the road now,
// and a forecast over the next hours of the freight expected (the arrival
// profile) against what the ferries and shuttles can carry under the
// disruption reported from Calais and Coquelles. Stack is called as soon
// as either overflows, with the fewest phases that hold the larger of the
// two; phases are lifted at each review as the need falls; Stack is stood
// down once both have fitted for stand_down.
type kentPolice struct {
	on        bool
	phases    int     // phases of Stack in force (0 while Stack is off)
	tap       bool    // lorries held on the A20
	calmSince float64 // when the queues and forecast last came to fit while Stack was on (NaN while they do not)
	forecast  int     // lorries the last review expects beyond the room in Kent
	onRoad    int     // lorries beyond the terminals' holding and TAP now

	episodes, preemptive int64
}

// forecastStep is the step of Kent Police's fluid forecast of the queues,
// in minutes.
const forecastStep = 15.0

func (m *Model) initStack() {
	m.stack.calmSince = math.NaN()
}

// scheduleStack starts Kent Police's reviews of the forecast.
func (m *Model) scheduleStack() {
	if m.cfg.Stack.Review.Duration > 0 && m.cfg.Stack.Forecast.Duration > 0 {
		m.K.At(0, PrioControl, kentReview{m}, 0)
	}
}

type kentReview struct{ m *Model }

func (e kentReview) Handle(int64) {
	m := e.m
	now := m.K.Now()
	m.stack.forecast = m.forecastOverflow(now)
	if st := &m.stack; st.on {
		st.phases = max(1, m.phasesFor(max(st.onRoad, st.forecast))) // phases lifted as the need falls
	}
	m.kentChanged(now)
	m.K.After(m.cfg.Stack.Review.Min(), PrioControl, e, 0)
}

// kentLen is the number of France-bound lorries waiting in Kent for site s.
func (s *site) kentLen() int { return s.kent.Len() + s.banned.Len() }

// room returns the France-bound lorries site r's side of Kent holds before
// Stack: the terminal's holding, and for the port the A20 (TAP).
func (m *Model) room(r Route) int {
	n := m.sites[r].cfg.UKHoldingCapacity
	if r == ViaPort {
		n += m.cfg.Stack.TAP
	}
	return n
}

// kentChanged follows a change in the France-bound queues in Kent.
func (m *Model) kentChanged(now float64) {
	st := &m.stack
	total, onRoad := 0, 0
	st.tap = false
	for r, s := range m.sites {
		n := s.kentLen()
		total += n
		onRoad += max(0, n-m.room(Route(r)))
		if Route(r) == ViaPort && n > s.cfg.UKHoldingCapacity && m.cfg.Stack.TAP > 0 {
			st.tap = true
		}
	}
	st.onRoad = onRoad
	switch need := max(onRoad, st.forecast); {
	case need > 0:
		if !st.on {
			st.on = true
			st.episodes++
			if onRoad == 0 {
				st.preemptive++
			}
		}
		st.phases = max(st.phases, m.phasesFor(need))
		st.calmSince = math.NaN()
	case st.on:
		if math.IsNaN(st.calmSince) {
			st.calmSince = now
		}
		if now-st.calmSince >= m.cfg.Stack.StandDown.Min() {
			st.on, st.phases = false, 0
		}
	}
	m.stats.kentLevel(now, total, onRoad, st)
}

// phasesFor returns the fewest phases of Stack that hold n lorries (all of
// them when none does; 1 when the scenario names no phases).
func (m *Model) phasesFor(n int) int {
	ph := m.cfg.Stack.Phases
	k, held := 0, 0
	for k < len(ph) && held < n {
		held += ph[k].Capacity
		k++
	}
	return max(k, 1)
}

// forecastOverflow runs Kent Police's forecast from now: each terminal's
// queue, fed by the France-bound lorries expected (the arrival profile)
// and emptied by what the ferries and shuttles can carry under the
// disruption reported, stepped as a fluid. It returns the lorries the
// forecast puts beyond the room in Kent at the worst moment of the horizon.
func (m *Model) forecastOverflow(now float64) int {
	horizon := m.cfg.Stack.Forecast.Min()
	share := [NumRoutes]float64{ViaPort: m.cfg.Traffic.PortShare * (1 - m.diverted), ViaTunnel: 1 - m.cfg.Traffic.PortShare}
	over := 0
	for r, s := range m.sites {
		q, peak := float64(s.kentLen()), 0.0
		for t := now; t < now+horizon; t += forecastStep {
			arrive := m.frProfile.Rate(m.Cal, t) * share[r] * forecastStep
			q = max(0, q+arrive-m.capacityToFrance(Route(r), now, t)*forecastStep)
			peak = max(peak, q)
		}
		over += max(0, int(peak)-m.room(Route(r)))
	}
	return over
}

// capacityToFrance returns the France-bound lorries a minute site r can
// carry at minute t, as Kent Police know it at minute now: nothing while a
// closure that has begun lasts (to its announced end) or while intruders
// stop the departures; the ferries in service now; the shuttle timetable,
// thinned during a sweep.
func (m *Model) capacityToFrance(r Route, now, t float64) float64 {
	s := m.sites[r]
	if t < s.stoppedUntil {
		return 0
	}
	for _, c := range m.closures[r] {
		if c[0] <= now && t >= c[0] && t < c[1] {
			return 0
		}
	}
	if r == ViaPort {
		p := m.cfg.Port
		cycle := 2 * (p.Crossing.Min() + p.Turnaround.Min())
		return float64(m.inService*p.LorriesPerSailing) / cycle
	}
	return m.shuttleRate(t) * float64(m.cfg.Tunnel.LorriesPerShuttle) / 60
}

// StackPhases returns the phases of Operation Stack in force now (0 when
// Stack is off).
func (m *Model) StackPhases() int { return m.stack.phases }

// OnTAP reports whether lorries for Dover are held on the A20 now.
func (m *Model) OnTAP() bool { return m.stack.tap }

// weekendBan follows France's weekend lorry ban. At its start, the
// France-bound lorries waiting in Kent that are not exempt and find no
// place in the parks by the French terminals are set aside, in their
// order; at its end they go back to the head of their terminal's queue.
type weekendBan struct {
	m     *Model
	start bool
}

// scheduleWeekendBan schedules the ban's starts (Saturday 22:00) and ends
// (Sunday 22:00), French local time, over the run.
func (m *Model) scheduleWeekendBan() {
	if !m.cfg.Traffic.WeekendBan.Enabled {
		return
	}
	holiday := map[engine.Date]bool{}
	for _, h := range m.cfg.Traffic.WeekendBan.Holidays {
		holiday[h] = true
	}
	// The ban begins at 22:00 on the eve of a Sunday or holiday and lasts
	// until 22:00 on the last of a run of such days.
	banned := func(d int) bool { return m.Cal.Date(d).Weekday() == time.Sunday || holiday[m.Cal.DayDate(d)] }
	for d := -1; d <= m.env.Days; d++ {
		if !banned(d+1) || banned(d) {
			continue
		}
		end := d + 1
		for banned(end + 1) {
			end++
		}
		m.K.At(max(m.Cal.Local(m.Cal.DayDate(d), 22*60), 0), PrioControl, weekendBan{m, true}, 0)
		m.K.At(m.Cal.Local(m.Cal.DayDate(end), 22*60), PrioControl, weekendBan{m, false}, 0)
	}
}

func (e weekendBan) Handle(int64) {
	m := e.m
	now := m.K.Now()
	if !e.start {
		for _, s := range m.sites {
			prepend(&s.kent, &s.banned)
		}
		m.kentChanged(now)
		return
	}
	if m.banLifted(now) {
		return
	}
	b := &m.cfg.Traffic.WeekendBan
	places := b.Parking
	for _, s := range m.sites {
		n := s.kent.Len()
		for k := 0; k < n; k++ {
			i := s.kent.Pop()
			if m.rBan.Float64() < b.ExemptShare {
				s.kent.Push(i)
				continue
			}
			if places > 0 {
				places--
				s.kent.Push(i)
				continue
			}
			s.banned.Push(i)
			m.stats.banned++
		}
	}
	m.kentChanged(now)
}

// banLifted reports whether France has lifted the weekend ban at minute t.
func (m *Model) banLifted(t float64) bool {
	for _, p := range m.cfg.Traffic.WeekendBan.Lifted {
		if t >= m.Cal.Minutes(m.Cal.Wall(p.From.Time)) && t < m.Cal.Minutes(m.Cal.Wall(p.To.Time)) {
			return true
		}
	}
	return false
}

// prepend moves every lorry of src, in order, to the head of dst.
func prepend(dst, src *engine.FIFO) {
	var out engine.FIFO
	for src.Len() > 0 {
		out.Push(src.Pop())
	}
	for dst.Len() > 0 {
		out.Push(dst.Pop())
	}
	*dst = out
}
