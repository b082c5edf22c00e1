package removals

import (
	"math"

	"channelsim/agents"
	"channelsim/engine"
)

// The escort contractor keeps a roster: each escort has the trips booked
// to them (and a rostered leave pattern). An escorted removal asks for
// escorts on the date its directions name; the contractor books them if
// enough are free for the whole trip, otherwise it offers the first later
// date on which they are (ICIBI 2016: escorts came on average 15 days after
// the date asked for, domain-facts §4b). Lateness is thus the contractor's
// backlog, not a constant.

// escort is one of the contractor's overseas escorting staff.
type escort struct {
	gone      bool    // left the contractor (live lever); kept so that ids stay stable
	leaveFrac float64 // where in the leave cycle its blocks start, in [0, 1)
	jobs      []job   // trips booked, in no order
}

// job is a trip booked to an escort: away from start to back, resting
// until end.
type job struct {
	start, back, end float64
	plan             int32 // the scheduled plan escorted, or -1 for a charter
}

// leaveBlockMin is the length of a block of leave (EST: a week).
const leaveBlockMin = 7 * engine.Day

// maxEscortWaitDays is how far ahead the contractor's roster looks for
// free escorts (EST); a request it cannot meet within it is cancelled.
const maxEscortWaitDays = 365

// newEscort returns escort k of the roster: its leave blocks are spread
// over the staff by a golden-ratio sequence, so that the share on leave
// stays close to leave_share on every day.
func newEscort(k int) escort {
	const phi = 0.6180339887498949
	x := float64(k) * phi
	return escort{leaveFrac: x - math.Floor(x)}
}

// leaveCycle is the period of the leave blocks at leave share ls (per
// escort: one block every cycle), or +Inf with no leave.
func leaveCycle(ls float64) float64 {
	if ls <= 0 {
		return math.Inf(1)
	}
	return leaveBlockMin / ls
}

// onLeave reports whether escort k has leave overlapping [t0, t1).
func (r *Model) onLeave(k int, t0, t1 float64) bool {
	cycle := leaveCycle(r.cfg.Escort.LeaveShare)
	if math.IsInf(cycle, 1) {
		return false
	}
	ph := r.escorts[k].leaveFrac * cycle
	for s := ph + math.Floor((t0-ph)/cycle)*cycle; s < t1; s += cycle {
		if s+leaveBlockMin > t0 {
			return true
		}
	}
	return false
}

// free reports whether escort k can take a trip occupying [t0, t1).
func (r *Model) free(k int, t0, t1 float64) bool {
	e := &r.escorts[k]
	if e.gone || r.onLeave(k, t0, t1) {
		return false
	}
	for _, j := range e.jobs {
		if j.start < t1 && t0 < j.end {
			return false
		}
	}
	return true
}

// reserve books n escorts for a trip of length trip leaving at minute at,
// for plan (-1: a charter); it reports false (and books none) if fewer
// than n are free for the trip and the rest after it.
func (r *Model) reserve(n int, at, trip float64, plan int32) bool {
	end := at + trip + r.cfg.Escort.RestDays*engine.Day
	free := 0
	for k := range r.escorts {
		if r.free(k, at, end) {
			free++
			if free == n {
				break
			}
		}
	}
	if free < n {
		return false
	}
	for k := 0; n > 0; k++ {
		if r.free(k, at, end) {
			r.escorts[k].jobs = append(r.escorts[k].jobs, job{start: at, back: at + trip, end: end, plan: plan})
			n--
		}
	}
	return true
}

// release frees the escorts booked for plan pi (the plan was cancelled).
func (r *Model) release(pi int32) {
	for k := range r.escorts {
		e := &r.escorts[k]
		kept := e.jobs[:0]
		for _, j := range e.jobs {
			if j.plan != pi {
				kept = append(kept, j)
			}
		}
		e.jobs = kept
	}
}

// untie makes the trips booked for plan pi, which has flown, trips of no
// plan: the plan's slot may then be reused while its escorts are away.
func (r *Model) untie(pi int32) {
	for k := range r.escorts {
		jobs := r.escorts[k].jobs
		for a := range jobs {
			if jobs[a].plan == pi {
				jobs[a].plan = -1
			}
		}
	}
}

// escortsBooked returns how many escorts still with the contractor are booked
// for plan pi.
func (r *Model) escortsBooked(pi int32) int {
	n := 0
	for k := range r.escorts {
		if r.escorts[k].gone {
			continue
		}
		for _, j := range r.escorts[k].jobs {
			if j.plan == pi {
				n++
			}
		}
	}
	return n
}

// escortCheck: the day before an escorted flight the contractor names its
// escorts. Those booked are there unless staff were cut since (the live
// lever); a missing escort is replaced by a free one, and if none is free
// the removal is cancelled for escort shortage and set for the first date
// the contractor can supply.
type escortCheck struct{ r *Model }

func (e escortCheck) Handle(arg int64) {
	r := e.r
	pi := int32(arg)
	p := &r.plans[pi]
	p.pending--
	if p.cancelled || p.done {
		r.settle(pi)
		return
	}
	short := r.cfg.Escorts - r.escortsBooked(pi)
	if short <= 0 || r.reserve(short, p.flightMin, r.tripMin(p.cse), pi) {
		return
	}
	r.redate(pi) // the plan's flight is still pending
}

// tripMin is how long the escorts of case i's removal are away.
func (r *Model) tripMin(i int32) float64 {
	return r.cfg.Regions[r.cases[i].region].TripDays * engine.Day
}

// escortDay runs each day: trips over are dropped from the roster, the
// day's escorts away are counted, and the seats booked on the day just
// ended are forgotten (every flight of that day has left: a plan's flight
// is on its seat's day, and no plan is set for a past day).
type escortDay struct{ r *Model }

func (e escortDay) Handle(int64) {
	r := e.r
	now := r.k.Now()
	if past := int32(now/engine.Day) - 1; past >= 0 {
		for g := range len(r.cfg.Regions) + 1 {
			delete(r.booked, r.seatKey(past, g))
		}
	}
	away := 0
	for k := range r.escorts {
		es := &r.escorts[k]
		kept := es.jobs[:0]
		for _, j := range es.jobs {
			if j.end > now {
				kept = append(kept, j)
			}
			if j.start <= now && now < j.back && !es.gone {
				away++
			}
		}
		es.jobs = kept
	}
	r.day()[rdEscortsAway] = float64(away)
	r.k.After(engine.Day, agents.PrioControl, e, 0)
}

// overseas reports whether escort k is away on a trip at minute now.
func (r *Model) overseas(k int, now float64) bool {
	for _, j := range r.escorts[k].jobs {
		if j.start <= now && now < j.back {
			return true
		}
	}
	return false
}

// EscortStaff returns the escort contractor's overseas staff now.
func (r *Model) EscortStaff() int {
	n := 0
	for k := range r.escorts {
		if !r.escorts[k].gone {
			n++
		}
	}
	return n
}

// SetEscortStaff changes the escort contractor's staff from now on:
// recruits start free; leavers are first those with no trip booked, then
// those whose trips lie furthest ahead. A removal whose escort left finds
// a replacement the day before its flight, or is cancelled for escort
// shortage.
func (r *Model) SetEscortStaff(n int) {
	from := r.EscortStaff()
	if n >= from {
		for k := 0; k < n-from; k++ {
			r.escorts = append(r.escorts, newEscort(len(r.escorts)))
		}
		return
	}
	now := r.k.Now()
	drop := from - n
	// Rounds: free now with no trip booked; free now; anyone.
	for round := 0; round < 3 && drop > 0; round++ {
		for k := len(r.escorts) - 1; k >= 0 && drop > 0; k-- {
			e := &r.escorts[k]
			if e.gone {
				continue
			}
			if (round == 0 && len(e.jobs) > 0) || (round < 2 && r.overseas(k, now)) {
				continue
			}
			e.gone = true
			drop--
		}
	}
}
