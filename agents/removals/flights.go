package removals

import (
	"math"

	"channelsim/agents"
	"channelsim/engine"
)

// removalFlight: the flight leaves with the person (and escorts).
type removalFlight struct{ r *Model }

func (e removalFlight) Handle(arg int64) {
	r := e.r
	pi := int32(arg)
	p := &r.plans[pi]
	p.pending--
	if p.cancelled || p.done {
		r.settle(pi)
		return
	}
	p.done = true
	r.st.used += int64(len(p.tickets))
	r.st.removed++
	if p.escorted {
		r.st.escorted++
		// Days late against the date the caseworkers asked for.
		if late := int64(p.day - p.asked); late > 0 {
			r.st.lateDays += late
			r.st.late++
		}
		r.st.escortDays += float64(r.escortsBooked(pi)) * r.tripMin(p.cse) / engine.Day
		r.untie(pi)
	}
	c := &r.cases[p.cse]
	if c.enforced {
		r.st.enforced++
	}
	c.plan = -1
	r.set(p.cse, CaseRemoved)
	r.day()[rdRemovals]++
	r.depart(r.cfg.Regions[c.region].Airport, false)
	r.settle(pi)
}

// charterFlight rosters the charter leaving on a route at minute at,
// charterLeadMin ahead: the contractor books escorts for as many of the
// cases waiting then as seats allow (fewer if its roster has too few
// free), and the flight takes them.
type charterFlight struct {
	r  *Model
	at float64
}

// charterLeadMin is how far ahead a charter's escorts are rostered: the
// charter programme is planned weeks ahead (Corporate Watch 2017: routes
// flown about every other month), ahead of most scheduled removals'
// requests (notice of 3 to 21 days), so charters come first (EST).
const charterLeadMin = 42 * engine.Day

func (e charterFlight) Handle(route int64) {
	r := e.r
	ch := &r.cfg.Charter
	at := e.at
	next := at + ch.IntervalDays*engine.Day
	r.k.At(math.Max(r.k.Now(), next-charterLeadMin), agents.PrioDepart, charterFlight{r, next}, route)
	n := min(len(r.charter[route]), ch.Seats)
	for n > 0 && !r.reserve(int(math.Ceil(float64(n)*ch.EscortsPer)), at, ch.TripDays*engine.Day, -1) {
		n--
	}
	if n > 0 {
		r.k.At(at, agents.PrioDepart, charterDepart{r, n}, route)
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
	ch := &r.cfg.Charter
	r.st.escortDays += math.Ceil(float64(e.n)*ch.EscortsPer) * ch.TripDays
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
// Corporate Watch 2017; domain-facts §4d).
const (
	firstFlightAt  = 8 * engine.Hour
	flightHours    = 14
	charterAirport = "stansted"
)

// climbMin is how long a flight stays on the map after take-off: how long
// it is shown, not a behaviour (no output depends on it).
const climbMin = 60.0
