package freight

import "math"

// Disruption on the UK side: the departures a site stops when intruders
// reach its tracks or berths, and Kent Police's Operation Stack, which
// parks France-bound lorries on the M20 when the UK terminals cannot hold
// them.

// operationStack is whether Kent Police run Operation Stack.
type operationStack struct {
	on bool
	// calmSince is when every terminal's queue last came to fit within its
	// holding while Stack was on (NaN while one does not).
	calmSince float64
	standDown float64 // minutes the queues must fit before Stack is stood down
}

func (m *Model) initStack() {
	m.stack.calmSince = math.NaN()
	if m.cfg.Stack != nil {
		m.stack.standDown = m.cfg.Stack.StandDown.Min()
	}
}

// kentChanged follows a change in the France-bound queues in Kent: Stack is
// called as soon as one terminal's queue overflows its holding onto the
// M20, and stood down once every queue has fitted for stand_down.
func (m *Model) kentChanged(now float64) {
	over := false
	total := 0
	for _, s := range m.sites {
		total += s.kent.Len()
		over = over || s.kent.Len() > s.cfg.UKHoldingCapacity
	}
	st := &m.stack
	switch {
	case over:
		st.on, st.calmSince = true, math.NaN()
	case st.on:
		if math.IsNaN(st.calmSince) {
			st.calmSince = now
		}
		if now-st.calmSince >= st.standDown {
			st.on = false
		}
	}
	m.stats.kentLevel(now, total, st.on)
}

// Stop halts site r's departures both ways for the site's intrusion_stop
// from now: intruders are on its tracks, platforms or berths. Stops that
// overlap extend each other.
func (m *Model) Stop(r Route) {
	s := m.sites[r]
	now := m.K.Now()
	until := now + s.cfg.IntrusionStop.Min()
	if until <= s.stoppedUntil {
		return
	}
	m.stats.stopped(now < s.stoppedUntil, until-max(now, s.stoppedUntil))
	s.stoppedUntil = until
}
