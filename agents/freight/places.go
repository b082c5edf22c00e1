package freight

import "fmt"

// Where is a kind of place where UK-bound lorries stand or drive, as people
// trying to get on them see it.
type Where uint8

// Kinds of place.
const (
	InLanes Where = iota // the embarkation lanes inside a terminal's fence
	InQueue              // stopped in the queue on a site's approach road
	OnRoad               // moving along a site's approach road
	AtRest               // resting at a lorry park or service area
)

// Place is where lorries are: a kind of place, the site whose lorries it
// holds (InLanes, InQueue, OnRoad) or, for AtRest, the rest place's index
// (RestPlace).
type Place struct {
	Where Where
	Route Route
	Rest  int
}

// placeList is the lorries at one place, unordered: a lorry leaves by
// swapping the last one into its slot (Lorry.pos).
type placeList []int32

func (m *Model) addTo(xs *placeList, i int32) {
	m.lorries[i].pos = int32(len(*xs))
	*xs = append(*xs, i)
}

func (m *Model) removeFrom(xs *placeList, i int32) {
	k := m.lorries[i].pos
	s := *xs
	last := s[len(s)-1]
	s[k] = last
	m.lorries[last].pos = k
	m.lorries[i].pos = -1
	*xs = s[:len(s)-1]
}

// Count returns the number of lorries at place p now.
func (m *Model) Count(p Place) int {
	switch p.Where {
	case InLanes:
		return m.sites[p.Route].embark.Len()
	case InQueue:
		return m.sites[p.Route].held.Len()
	case OnRoad:
		return len(m.moving[p.Route])
	}
	return len(m.rest[p.Rest].lorries)
}

// At returns the k-th lorry at place p (0 ≤ k < Count(p)). The order is
// the queue's for InQueue and InLanes and arbitrary otherwise.
func (m *Model) At(p Place, k int) int32 {
	switch p.Where {
	case InLanes:
		return m.sites[p.Route].embark.Peek(k)
	case InQueue:
		return m.sites[p.Route].held.Peek(k)
	case OnRoad:
		return m.moving[p.Route][k]
	}
	return m.rest[p.Rest].lorries[k]
}

// RestPlace returns the index of the rest place named name: "lorry-park"
// for the lorry park near Calais, or a freight.rest_areas entry.
func (m *Model) RestPlace(name string) (int, bool) {
	for k := range m.rest {
		if m.rest[k].name == name {
			return k, true
		}
	}
	return 0, false
}

// lorryPark is the index of the lorry park near Calais among the rest
// places: the drivers of traffic.park_share take their break there.
const lorryPark = 0

// LorryParkName is the rest place of the lorry park near Calais.
const LorryParkName = "lorry-park"

// restPlace is a lorry park or service area and the lorries resting there.
type restPlace struct {
	name    string
	cfg     *RestArea // nil for the lorry park near Calais
	lorries placeList
	full    int64 // drivers who found no room and drove on
	stopped int64 // lorries that stopped here
}

func (m *Model) buildRestPlaces() {
	m.rest = []restPlace{{name: LorryParkName}}
	for k := range m.cfg.Traffic.RestAreas {
		ra := &m.cfg.Traffic.RestAreas[k]
		m.rest = append(m.rest, restPlace{name: ra.Name, cfg: ra})
	}
	m.restMax = make([]float64, m.env.Days*len(m.cfg.Traffic.RestAreas))
	m.cols = append([]string(nil), dailyColumns...)
	for _, rp := range m.rest[1:] {
		m.cols = append(m.cols, "lorries_at_"+rp.name)
	}
}

// restMaxAt is day d's most lorries at once at rest area k (k ≥ 1: the
// lorry park near Calais has no column).
func (m *Model) restMaxAt(d, k int) *float64 {
	return &m.restMax[d*(len(m.rest)-1)+k-1]
}

// chooseRest draws the rest area where a new UK-bound lorry's driver stops
// on the way, or −1 for none (or none with room). The draws are the rest
// areas' own stream, so that lorries' other attributes do not depend on
// which rest areas a scenario has.
func (m *Model) chooseRest() int {
	if len(m.rest) == 1 {
		return -1
	}
	u := m.rRest.Float64()
	for k := 1; k < len(m.rest); k++ {
		rp := &m.rest[k]
		if u >= rp.cfg.Share {
			u -= rp.cfg.Share
			continue
		}
		if len(rp.lorries) >= rp.cfg.Capacity {
			rp.full++
			return -1
		}
		return k
	}
	return -1
}

// Evening hours in which a driver stopping at a rest area may take the
// daily rest there, and the morning window in which rested drivers leave
// (EST: Reg. (EC) 561/2006 sets at least 9 h of daily rest; the hours are
// those of a driver ending the day's driving near the coast).
const (
	restFromHour  = 18
	restUntilHour = 2
	leaveAt       = 5 * 60 // 05:00 French time
	leaveSpread   = 120    // minutes
)

// restStay draws a driver's stay at rest area k from now: a break of 45
// minutes and more or, arriving in the evening, the night.
func (m *Model) restStay(k int) float64 {
	ra, now := m.rest[k].cfg, m.K.Now()
	stay := 45 + m.rRest.ExpFloat64()*ra.Break.Min()
	if h := m.Cal.Hour(now); (h >= restFromHour || h < restUntilHour) && m.rRest.Float64() < ra.RestShare {
		stay = m.Cal.NextLocal(now, leaveAt) + m.rRest.Float64()*leaveSpread - now
	}
	return stay
}

// park puts lorry i at rest place k for stay minutes.
func (m *Model) park(i int32, k int, stay float64) {
	rp := &m.rest[k]
	m.setState(i, Parked)
	m.lorries[i].rest = int32(k)
	m.addTo(&rp.lorries, i)
	rp.stopped++
	if k != lorryPark {
		at := m.restMaxAt(m.env.Today(), k)
		*at = max(*at, float64(len(rp.lorries)))
	}
	m.K.After(stay, PrioLorry, leavePark{m}, int64(i))
}

// checkPlaces checks that the lists of lorries at places hold each live
// lorry at most once, in the state the place implies, at the position it
// records; and that every parked lorry is at one rest place.
func (m *Model) checkPlaces() error {
	seen := make(map[int32]bool)
	check := func(what string, xs placeList, s LorryState) error {
		for k, i := range xs {
			l := &m.lorries[i]
			if !l.live || l.State != s || int(l.pos) != k || seen[i] {
				return fmt.Errorf("%s lists lorry %d at %d: live %v, %s, position %d, listed twice %v", what, l.ID, k, l.live, l.State, l.pos, seen[i])
			}
			seen[i] = true
		}
		return nil
	}
	for r := range m.moving {
		if err := check("the approach road of "+Route(r).String(), m.moving[r], Approaching); err != nil {
			return err
		}
	}
	parked := 0
	for k := range m.rest {
		if err := check(m.rest[k].name, m.rest[k].lorries, Parked); err != nil {
			return err
		}
		parked += len(m.rest[k].lorries)
	}
	if parked != m.count[Parked] {
		return fmt.Errorf("%d lorries at rest places, %d parked", parked, m.count[Parked])
	}
	return nil
}
