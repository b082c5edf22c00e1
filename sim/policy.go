package sim

import "math"

// PolicyChange is a change of policy made while the model runs (from the
// viewer): what changed, when, and from what to what. Charts mark them.
type PolicyChange struct {
	Min      float64 // simulated minute of the change
	What     string  // "search_share", "screening_share", "xray_for_people", "escort_staff", "beach_patrols", "boat_supply"
	From, To float64
}

// PolicyLog returns the live policy changes made so far, in order.
func (m *Model) PolicyLog() []PolicyChange { return m.policyLog }

func (m *Model) logPolicy(what string, from, to float64) {
	m.policyLog = append(m.policyLog, PolicyChange{Min: m.K.Now(), What: what, From: from, To: to})
}

// SearchShare returns the control intensity in force: the base level plus
// any surge in progress.
func (m *Model) SearchShare() float64 { return m.freight.SearchShare() }

// SearchShareBase returns the base level of control intensity, which the
// scenario and SetSearchShare set.
func (m *Model) SearchShareBase() float64 { return m.freight.SearchShareBase() }

// SurgeOffset returns what a surge in progress adds to the base level.
func (m *Model) SurgeOffset() float64 { return m.freight.SurgeOffset() }

// SetSearchShare sets the base level of control intensity from now on
// (clamped to 0–1). A surge in progress stays on top of it and decays as
// it would have: the lever is not undone by the surge's next step.
func (m *Model) SetSearchShare(x float64) {
	x = math.Max(0, math.Min(1, x))
	m.logPolicy("search_share", m.freight.SearchShareBase(), x)
	m.freight.SetSearchShare(x)
}

// ScreeningShare returns the screening layer's intensity: the share of
// UK-bound lorries the port operator's and contractors' staff screen.
func (m *Model) ScreeningShare() float64 { return m.freight.ScreeningShare() }

// SetScreeningShare sets the screening layer's intensity from now on
// (clamped to 0–1).
func (m *Model) SetScreeningShare(x float64) {
	x = math.Max(0, math.Min(1, x))
	m.logPolicy("screening_share", m.freight.ScreeningShare(), x)
	m.freight.SetScreeningShare(x)
}

// XrayForPeople reports whether X-ray may look for people now.
func (m *Model) XrayForPeople() bool { return m.freight.XrayForPeople() }

// SetXrayForPeople lifts or restores the ban on X-ray for people from now
// on. Lifting it puts the site's scanner first in the screening sequence
// (subject to the scenario's dose cap).
func (m *Model) SetXrayForPeople(on bool) {
	was := m.freight.XrayForPeople()
	m.freight.SetXrayForPeople(on)
	m.logPolicy("xray_for_people", b2f(was), b2f(m.freight.XrayForPeople()))
}

// EscortStaff returns the escort contractor's overseas staff now (0 with
// the removals submodel off).
func (m *Model) EscortStaff() int {
	if m.removals == nil {
		return 0
	}
	return m.removals.EscortStaff()
}

// SetEscortStaff changes the escort contractor's staff from now on:
// recruits start free; leavers are taken from those not on a trip.
func (m *Model) SetEscortStaff(n int) {
	if m.removals == nil || n < 0 {
		return
	}
	from := m.removals.EscortStaff()
	m.removals.SetEscortStaff(n)
	m.logPolicy("escort_staff", float64(from), float64(m.removals.EscortStaff()))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// KentPolice returns Kent Police's measures in force now: the phases of
// Operation Stack open (0 when Stack is off) and whether lorries for Dover
// are held on the A20 (TAP).
func (m *Model) KentPolice() (stackPhases int, tap bool) {
	return m.freight.StackPhases(), m.freight.OnTAP()
}

// Boats reports whether the run has the small boats.
func (m *Model) Boats() bool { return m.boats != nil }

// BeachPatrols returns the factor on the beach patrols' dated numbers and
// the officers it puts on the beaches now (0, 0 without the boats).
func (m *Model) BeachPatrols() (factor, officers float64) {
	if m.boats == nil {
		return 0, 0
	}
	return m.boats.PatrolFactor(), m.boats.Patrols()
}

// SetBeachPatrols sets the beach patrols to factor times their dated
// numbers from now on (at least 0; no effect without the boats).
func (m *Model) SetBeachPatrols(factor float64) {
	if m.boats == nil {
		return
	}
	from := m.boats.PatrolFactor()
	m.boats.SetPatrolFactor(factor)
	m.logPolicy("beach_patrols", from, m.boats.PatrolFactor())
}

// BoatSupply returns the factor on the boats' dated supply (0 without the
// boats).
func (m *Model) BoatSupply() float64 {
	if m.boats == nil {
		return 0
	}
	return m.boats.SupplyFactor()
}

// SetBoatSupply sets the boats reaching the coast to factor times their
// dated supply from now on (at least 0; no effect without the boats).
func (m *Model) SetBoatSupply(factor float64) {
	if m.boats == nil {
		return
	}
	from := m.boats.SupplyFactor()
	m.boats.SetSupplyFactor(factor)
	m.logPolicy("boat_supply", from, m.boats.SupplyFactor())
}

// Sea returns today's significant wave height in the Strait and whether
// boats can go on it (0, false without the boats).
func (m *Model) Sea() (waveM float64, calm bool) {
	if m.boats == nil {
		return 0, false
	}
	return m.boats.WaveM()
}
