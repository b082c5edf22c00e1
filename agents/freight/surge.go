package freight

import (
	"math"

	"channelsim/engine"
)

// surgeState is the control intensity: the share of lorries selected for a
// search for people when the search area is not busy.
type surgeState struct {
	base float64 // the intensity now
}

// scheduleSurges schedules the scenario's surges from their dates.
func (m *Model) scheduleSurges() {
	for _, s := range m.cfg.Controls.Surges {
		m.K.At(math.Max(0, m.Cal.Local(s.From, 0)), PrioControl, surgeStep{m, s, 0}, 0)
	}
}

// surgeStep moves the control intensity during a surge: a jump to the peak
// on the day of the shock, then a daily step back towards the prior level.
type surgeStep struct {
	m     *Model
	s     Surge
	prior float64
}

func (e surgeStep) Handle(day int64) {
	m := e.m
	if day == 0 {
		e.prior = m.surge.base
	}
	d := float64(day)
	var level float64
	switch {
	case e.s.HalfLife.Duration > 0:
		level = e.prior + (e.s.Peak-e.prior)*math.Exp2(-d*engine.Day/e.s.HalfLife.Min())
	case e.s.LinearDays > 0:
		level = e.prior + (e.s.Peak-e.prior)*math.Max(0, 1-d/e.s.LinearDays)
	default:
		level = e.s.Peak
	}
	m.surge.base = level
	if day > 0 && level <= 1.1*e.prior && m.stats.surgeReturn == 0 {
		m.stats.surgeReturn = d
	}
	if math.Abs(level-e.prior) > 1e-4*math.Max(e.prior, 1e-9) && (e.s.HalfLife.Duration > 0 || d < e.s.LinearDays) {
		m.K.After(engine.Day, PrioControl, e, day+1)
	} else {
		m.surge.base = e.prior
	}
}

// SearchShare returns the control intensity now.
func (m *Model) SearchShare() float64 { return m.surge.base }

// SetSearchShare sets the control intensity from now on.
func (m *Model) SetSearchShare(x float64) { m.surge.base = x }
