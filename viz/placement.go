package viz

import (
	"math"

	"channelsim/agents"
	"channelsim/agents/freight"
	"channelsim/sim"
	"channelsim/world"
)

// Placement places the agents a snapshot names by place rather than by
// position: lorries at a site's check-in, booths, search bay and lanes, in
// rows by their rank in line; lorries whose place is a site of the map (a
// truck stop, a rest area) around that site; France-bound lorries at the UK terminals or on
// the M20 in Operation Stack; officers at the booths and search bay; people
// in the camp and at their boarding spots, and on the beach waiting for
// the small boats around the launch points in use; escorts, detainees and
// flights at their sites. Positions come from the map's named sites, so
// the model knows nothing of how it is drawn.
type Placement struct {
	sites [freight.NumRoutes]siteLayout
	// holding is each UK terminal's capacity, beyond which France-bound
	// lorries stand on the M20.
	holding [freight.NumRoutes]int
	stack   *world.Road // the coastbound M20 used for Operation Stack, if mapped
	camp    world.Point
	places  map[string]world.Point // boarding spots, centres, airports: by name
	world   *world.World
	// parked counts, during Place, the lorries so far at each site that
	// have no rank there.
	parked map[string]int
	// launches are the small boats' launch points on the map (none
	// without the boats), and beach those in use at the snapshot being
	// placed.
	launches, beach []launchSpot
}

// launchSpot is a launch point of the small boats: where people wait on
// the beach for a boat.
type launchSpot struct {
	at     world.Point
	from   float64 // the minute smugglers start using it
	weight float64 // how much they use it (boats.launch_points' weight)
}

// siteLayout is where lorries in each stage of a site are drawn.
type siteLayout struct {
	gate, checkin, booths, search, lanes world.Point
	ukTerminal                           world.Point
}

// NewPlacement computes the placement of model m's map once.
func NewPlacement(m *sim.Model) *Placement {
	w := m.World
	l := &Placement{places: map[string]world.Point{}, world: w, parked: map[string]int{}}
	get := func(id string, fallback world.Point) world.Point {
		if s, ok := w.Site(id); ok {
			return s.Pos
		}
		return fallback
	}
	end := func(road string) world.Point {
		if r, ok := w.Road(road); ok {
			return r.At(r.LengthM)
		}
		return world.Point{}
	}
	p := &l.sites[freight.ViaPort]
	p.gate = end("rocade")
	p.checkin = get("calais-port-checkin", p.gate)
	p.booths = get("calais-uk-booths", p.checkin)
	p.search = get("calais-search", p.booths)
	p.lanes = get("calais-embark", p.booths)
	p.ukTerminal = get("dover-eastern-docks", end("ferry-route"))
	t := &l.sites[freight.ViaTunnel]
	t.gate = end("coquelles-access")
	t.checkin = get("coquelles-checkin", t.gate)
	t.booths = get("coquelles-uk-booths", t.checkin)
	t.search = get("coquelles-search", t.booths)
	t.lanes = get("coquelles-platforms", t.booths)
	t.ukTerminal = get("folkestone-terminal", end("tunnel"))
	l.holding[freight.ViaPort] = m.Cfg.Port.UKHoldingCapacity
	l.holding[freight.ViaTunnel] = m.Cfg.Tunnel.UKHoldingCapacity
	if r, ok := w.Road("m20-stack"); ok {
		l.stack = r
	}
	l.camp = get("camp", p.gate)
	for _, sp := range m.Cfg.Migrants.Spots {
		l.places[sp.Name] = get(sp.Name, l.sites[freight.RouteOf(sp.Site)].gate)
	}
	for _, c := range m.Cfg.Removals.Centres {
		if s, ok := w.Site(c.Site); ok {
			l.places[c.Site] = s.Pos
		}
	}
	for _, id := range []string{"heathrow", "gatwick", "stansted"} {
		if s, ok := w.Site(id); ok {
			l.places[id] = s.Pos
		}
	}
	if m.Boats() {
		for _, lp := range m.Cfg.Boats.Launches {
			if s, ok := w.Site(lp.Name); ok && lp.Weight > 0 {
				l.launches = append(l.launches, launchSpot{s.Pos, m.Cal.Local(lp.From, 0), lp.Weight})
			}
		}
	}
	return l
}

// Place fills in the position of every agent of s that the model placed by
// name, and drops those it cannot place (a site missing from the map).
func (l *Placement) Place(s *sim.Snapshot) {
	clear(l.parked)
	l.beach = l.beach[:0]
	for _, p := range l.launches {
		if p.from <= s.T {
			l.beach = append(l.beach, p)
		}
	}
	out := s.Agents[:0]
	for _, a := range s.Agents {
		if a.OnMap || l.place(&a) {
			out = append(out, a)
		}
	}
	s.Agents = out
}

// place sets a's position; it reports false if a cannot be placed.
func (l *Placement) place(a *agents.View) bool {
	switch a.Kind {
	case agents.KindLorry:
		// A lorry the model holds at a place of the map (parked at the
		// Transmarck truck stop or a rest area) is drawn there; the other
		// places are the routes' sites, laid out below by state.
		if s, ok := l.world.Site(a.Place); ok {
			// By rank where the model gives one, else in the order of
			// the snapshot (the slab's, stable from frame to frame).
			k := a.Rank
			if k < 0 {
				k = l.parked[a.Place]
				l.parked[a.Place]++
			}
			a.Pos = sunflower(s.Pos, k)
			return true
		}
		r := freight.RouteOf(a.Place)
		lay := &l.sites[r]
		var at world.Point
		switch a.State {
		case "check_in", "french_control":
			at = lay.checkin
		case "uk_control":
			at = lay.booths
		case "screening", "search_queue", "searching":
			at = lay.search
		case "kent_queue":
			if a.Flags&agents.FlagStack != 0 {
				if l.stack != nil {
					a.Pos = l.stack.At(l.stack.LengthM - freight.LorrySpacingM*float64(a.Rank/2))
					return true
				}
				a.Pos = grid(lay.ukTerminal, a.Rank+l.holding[r])
				return true
			}
			at = lay.ukTerminal
		default:
			at = lay.lanes
		}
		a.Pos = at
		if a.Rank >= 0 {
			a.Pos = grid(at, a.Rank)
		}
		return true
	case agents.KindOfficer:
		lay := &l.sites[freight.RouteOf(a.Place)]
		at := lay.booths
		if a.State == "search_team" {
			at = lay.search
		}
		a.Pos = grid(at, a.Rank)
		return true
	case agents.KindMigrant:
		if a.Place == "camp" {
			a.Pos = jitter(l.camp, uint64(a.Rank), 250)
			return true
		}
		if a.Place == "beach" {
			return l.onBeach(a)
		}
		p, ok := l.places[a.Place]
		a.Pos = jitter(p, uint64(a.Rank), 60)
		return ok
	case agents.KindEscort:
		// Escorts away on a trip are drawn by Heathrow, where most leave.
		p, ok := l.places["heathrow"]
		a.Pos = jitter(p, uint64(a.Rank), 800)
		return ok
	case agents.KindDetainee:
		p, ok := l.places[a.Place]
		a.Pos = jitter(p, uint64(a.Rank), 300)
		return ok
	case agents.KindFlight:
		p, ok := l.places[a.Place]
		// Climbing out to the south-east at 400 km/h for the hour after take-off.
		d := a.SinceMin / 60 * 400_000
		a.Pos = world.Point{X: p.X + d*0.6, Y: p.Y - d*0.8}
		a.Heading = math.Atan2(-0.8, 0.6)
		return ok
	}
	return false
}

// beachSpreadM is how far around a launch point's town the people waiting
// there are spread: the launch areas are stretches of beach a few
// kilometres long.
const beachSpreadM = 1500

// onBeach places a person waiting on the beach for a boat. The model does
// not say where (the smugglers choose each boat's launch point when it
// leaves), so the people are shared among the launch points in use in
// proportion to the smugglers' weights, each by their number, and spread
// around the point.
func (l *Placement) onBeach(a *agents.View) bool {
	var total float64
	for _, p := range l.beach {
		total += p.weight
	}
	if total <= 0 {
		return false
	}
	u := float64(mix(uint64(a.Rank))>>11) / (1 << 53) * total
	p := l.beach[len(l.beach)-1]
	for _, q := range l.beach {
		if u < q.weight {
			p = q
			break
		}
		u -= q.weight
	}
	a.Pos = jitter(p.at, uint64(a.Rank), beachSpreadM)
	return true
}

// mix scrambles n (SplitMix64's finaliser): consecutive numbers give
// unrelated values.
func mix(n uint64) uint64 {
	z := n + 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// grid places the k-th of many agents in a compact block around p: rows of
// ten, 20 m apart (a lorry park's bays).
func grid(p world.Point, k int) world.Point {
	const cols, step = 10, 20.0
	return world.Point{X: p.X + step*float64(k%cols-cols/2), Y: p.Y - step*float64(k/cols)}
}

// parkSpreadM sets how closely lorries parked around a site are packed: on
// the spiral each stands in a disc of π·12² ≈ 450 m², about 21 m from its
// neighbours, as far apart as the rows of a queue (grid), so that 20 lorries
// cover a disc some 110 m across and 200 one some 340 m across.
const parkSpreadM = 12.0

// sunflower places the k-th of many agents around p on Vogel's spiral:
// evenly spread in a disc that grows with their number, centred on p
// whatever the number (a grid would grow to one side), and each at the same
// point from frame to frame.
func sunflower(p world.Point, k int) world.Point {
	const golden = 2.399963229728653 // π(3 − √5): the golden angle
	r := parkSpreadM * math.Sqrt(float64(k)+0.5)
	a := golden * float64(k)
	return world.Point{X: p.X + r*math.Cos(a), Y: p.Y + r*math.Sin(a)}
}

// jitter spreads agents around p deterministically by their number.
func jitter(p world.Point, id uint64, radius float64) world.Point {
	x := id * 0x9e3779b97f4a7c15
	a := float64(x>>40) / float64(1<<24) * 2 * math.Pi
	r := radius * math.Sqrt(float64(x&0xffffff)/float64(1<<24))
	return world.Point{X: p.X + r*math.Cos(a), Y: p.Y + r*math.Sin(a)}
}
