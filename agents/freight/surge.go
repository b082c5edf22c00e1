package freight

import (
	"math"

	"channelsim/engine"
)

// surgeState is the control intensity: the share of lorries selected for a
// search for people when the search area is not busy. It is a base level,
// which the scenario and the live lever set, plus the offset of a surge in
// progress, which decays; a lever moved during a surge changes the base and
// the surge stays on top of it.
type surgeState struct {
	base   float64
	offset float64
}

// scheduleSurges schedules the scenario's surges from their dates.
func (m *Model) scheduleSurges() {
	for _, s := range m.cfg.Controls.Surges {
		m.K.At(math.Max(0, m.Cal.Local(s.From, 0)), PrioControl, surgeStep{m, s, 0}, 0)
	}
}

// surgeStep moves the surge offset: on the day of the shock it lifts the
// intensity from the base level then in force (prior) to the peak, then it
// decays daily back to nothing.
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
	var off float64
	switch {
	case e.s.HalfLife.Duration > 0:
		off = (e.s.Peak - e.prior) * math.Exp2(-d*engine.Day/e.s.HalfLife.Min())
	case e.s.LinearDays > 0:
		off = (e.s.Peak - e.prior) * math.Max(0, 1-d/e.s.LinearDays)
	default:
		off = e.s.Peak - e.prior
	}
	m.surge.offset = off
	if day > 0 && e.prior+off <= 1.1*e.prior && m.stats.surgeReturn == 0 {
		m.stats.surgeReturn = d
	}
	if math.Abs(off) > 1e-4*math.Max(e.prior, 1e-9) && (e.s.HalfLife.Duration > 0 || d < e.s.LinearDays) {
		m.K.After(engine.Day, PrioControl, e, day+1)
	} else {
		m.surge.offset = 0
	}
}

// SearchShare returns the control intensity in force: the base level plus
// any surge, within 0–1.
func (m *Model) SearchShare() float64 {
	return max(0, min(1, m.surge.base+m.surge.offset))
}

// SearchShareBase returns the base level of control intensity, which the
// scenario and the live lever set.
func (m *Model) SearchShareBase() float64 { return m.surge.base }

// SurgeOffset returns what a surge in progress adds to the base level (0
// when none is).
func (m *Model) SurgeOffset() float64 { return m.surge.offset }

// SetSearchShare sets the base level of control intensity from now on; a
// surge in progress stays on top of it.
func (m *Model) SetSearchShare(x float64) { m.surge.base = x }
