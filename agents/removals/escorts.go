package removals

import (
	"math"

	"channelsim/agents/freight"
	"channelsim/engine"
)

// escortCheck: the day before an escorted flight the contractor must name
// its escorts; if too few are free, the plan is cancelled.
type escortCheck struct{ r *Model }

func (e escortCheck) Handle(arg int64) {
	r := e.r
	p := &r.plans[arg]
	if p.cancelled || p.done {
		return
	}
	trip := r.cfg.Regions[r.cases[p.cse].region].TripDays * engine.Day
	if !r.reserve(r.cfg.Escorts, p.flightMin, trip) {
		r.cancel(int32(arg), causeEscort)
	}
}

// reserve books n escorts free at minute at for a trip of length trip;
// it reports false (and books none) if fewer than n are free.
func (r *Model) reserve(n int, at, trip float64) bool {
	free := 0
	for k := range r.escorts {
		if r.escorts[k].busyUntil <= at && r.escorts[k].leaveUntil <= at {
			free++
		}
	}
	if free < n {
		return false
	}
	rest := r.cfg.Escort.RestDays * engine.Day
	for k := range r.escorts {
		if n == 0 {
			break
		}
		e := &r.escorts[k]
		if e.busyUntil <= at && e.leaveUntil <= at {
			e.busyUntil = at + trip + rest
			e.tripUntil = at + trip
			r.st.escortDays += trip / engine.Day
			n--
		}
	}
	return true
}

// escortDay runs each day: staff start leave so that the leave share
// holds, and the day's escorts away are counted.
type escortDay struct{ r *Model }

func (e escortDay) Handle(int64) {
	r := e.r
	now := r.k.Now()
	ls := r.cfg.Escort.LeaveShare
	p := ls / 7 / math.Max(1e-9, 1-ls) // week-long blocks
	away := 0
	for k := range r.escorts {
		es := &r.escorts[k]
		if es.leaveUntil <= now && es.busyUntil <= now && r.r.Float64() < p {
			es.leaveUntil = now + 7*engine.Day
		}
		if es.tripUntil > now {
			away++
		}
	}
	r.day()[rdEscortsAway] = float64(away)
	r.k.After(engine.Day, freight.PrioControl, e, 0)
}

// EscortStaff returns the escort contractor's overseas staff now.
func (r *Model) EscortStaff() int { return len(r.escorts) }

// SetEscortStaff changes the escort contractor's staff from now on:
// recruits start free; leavers are taken from those not on a trip.
func (r *Model) SetEscortStaff(n int) {
	from := len(r.escorts)
	if n >= from {
		r.escorts = append(r.escorts, make([]escort, n-from)...)
		return
	}
	now := r.k.Now()
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
