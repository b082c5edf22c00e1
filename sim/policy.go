package sim

import "math"

// PolicyChange is a change of policy made while the model runs (from the
// viewer): what changed, when, and from what to what. Charts mark them.
type PolicyChange struct {
	Min      float64 // simulated minute of the change
	What     string  // "search_share", "xray_for_people", "escort_staff"
	From, To float64
}

// PolicyLog returns the live policy changes made so far, in order.
func (m *Model) PolicyLog() []PolicyChange { return m.policyLog }

func (m *Model) logPolicy(what string, from, to float64) {
	m.policyLog = append(m.policyLog, PolicyChange{Min: m.K.Now(), What: what, From: from, To: to})
}

// SetSearchShare sets the control intensity from now on (clamped to 0–1).
func (m *Model) SetSearchShare(x float64) {
	x = math.Max(0, math.Min(1, x))
	m.logPolicy("search_share", m.searchShare, x)
	m.searchShare = x
}

// XrayForPeople reports whether X-ray may look for people now.
func (m *Model) XrayForPeople() bool { return m.doseOK[methodIndex[m.Cfg.Controls.XraySource]] }

// SetXrayForPeople lifts or restores the ban on X-ray for people from now
// on. Lifting it puts the site's scanner first in the screening sequence
// (subject to the scenario's dose cap).
func (m *Model) SetXrayForPeople(on bool) {
	k := methodIndex[m.Cfg.Controls.XraySource]
	was := m.doseOK[k]
	cap := m.Cfg.Controls.DoseCapUSv
	m.doseOK[k] = on && (cap == 0 || maxDoseUSv(m.methods[k]) <= cap)
	has := false
	for _, j := range m.screening {
		has = has || j == k
	}
	if m.doseOK[k] && !has {
		m.screening = append([]int{k}, m.screening...)
	}
	m.logPolicy("xray_for_people", b2f(was), b2f(m.doseOK[k]))
}

// EscortStaff returns the escort contractor's overseas staff now (0 with
// the removals submodel off).
func (m *Model) EscortStaff() int {
	if m.rem == nil {
		return 0
	}
	return len(m.rem.escorts)
}

// SetEscortStaff changes the escort contractor's staff from now on:
// recruits start free; leavers are taken from those not on a trip.
func (m *Model) SetEscortStaff(n int) {
	if m.rem == nil || n < 0 {
		return
	}
	r := m.rem
	from := len(r.escorts)
	if n >= from {
		r.escorts = append(r.escorts, make([]escort, n-from)...)
	} else {
		now := m.K.Now()
		keep := r.escorts[:0]
		drop := from - n
		for _, e := range r.escorts {
			if drop > 0 && e.busyUntil <= now {
				drop--
				continue
			}
			keep = append(keep, e)
		}
		r.escorts = keep
	}
	m.logPolicy("escort_staff", float64(from), float64(len(r.escorts)))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
