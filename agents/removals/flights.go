package removals

import (
	"math"

	"channelsim/agents/freight"
	"channelsim/engine"
)

// removalFlight: the flight leaves with the person (and escorts).
type removalFlight struct{ r *Model }

func (e removalFlight) Handle(arg int64) {
	r := e.r
	p := &r.plans[arg]
	if p.cancelled || p.done {
		return
	}
	p.done = true
	r.st.used += int64(len(p.tickets))
	r.st.removed++
	if p.escorted {
		r.st.escorted++
	}
	c := &r.cases[p.cse]
	if c.enforced {
		r.st.enforced++
	}
	c.plan = -1
	r.set(p.cse, CaseRemoved)
	r.day()[rdRemovals]++
	r.depart(r.cfg.Regions[c.region].Airport, false)
}

// charterFlight plans a charter on a route two days ahead: the contractor
// rosters its escorts for charters first (they are planned weeks ahead),
// and the flight takes as many waiting cases as the escorts allow.
type charterFlight struct{ r *Model }

// charterLeadMin is how far ahead a charter's escorts are rostered (EST).
const charterLeadMin = 2 * engine.Day

func (e charterFlight) Handle(route int64) {
	r := e.r
	ch := &r.cfg.Charter
	r.k.After(ch.IntervalDays*engine.Day, freight.PrioDepart, e, route)
	at := r.k.Now() + charterLeadMin
	n := min(len(r.charter[route]), ch.Seats)
	for n > 0 && !r.reserve(int(math.Ceil(float64(n)*ch.EscortsPer)), at, ch.TripDays*engine.Day) {
		n--
	}
	if n > 0 {
		r.k.At(at, freight.PrioDepart, charterDepart{r, n}, route)
	}
}

type charterDepart struct {
	r *Model
	n int
}

func (e charterDepart) Handle(route int64) {
	r := e.r
	q := r.charter[route]
	for _, i := range q[:e.n] {
		r.st.enforced++ // a charter removal is an enforced removal
		r.set(i, CaseRemoved)
		r.st.removed++
		r.st.charterRemoved++
		r.day()[rdRemovals]++
	}
	r.charter[route] = append(q[:0], q[e.n:]...)
	r.st.charterFlights++
	r.depart(charterAirport, true)
}

// depart is a flight's take-off: it joins those climbing out, and those
// that took off over an hour ago leave the map.
func (r *Model) depart(airport string, charter bool) {
	now := r.k.Now()
	k := 0
	for _, f := range r.airborne {
		if now-f.t < climbMin {
			r.airborne[k] = f
			k++
		}
	}
	r.airborne = append(r.airborne[:k], flight{t: now, airport: airport, charter: charter, id: uint64(r.st.removed)})
}

// Scheduled removal flights leave in the day, between 08:00 and 22:00
// (EST); charters leave from Stansted (Titan Airways' charter removals,
// Corporate Watch 2017).
const (
	firstFlightAt  = 8 * engine.Hour
	flightHours    = 14
	charterAirport = "stansted"
)

// climbMin is how long a flight stays on the map after take-off.
const climbMin = 60.0
