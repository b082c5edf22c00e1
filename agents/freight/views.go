package freight

import (
	"math"

	"channelsim/agents"
)

// Views appends freight's agents at minute now to dst: lorries, ferries and
// shuttles, and officers on duty. Lorries moving on a road, queued on an
// approach road or aboard a vessel are placed on the map; the others are
// at their site (Place "port" or "tunnel") in their state, with their rank
// in line (−1: at the booth, search bay or lanes themselves).
func (m *Model) Views(dst []agents.View, now float64) []agents.View {
	for i := range m.lorries {
		l := &m.lorries[i]
		if !l.live {
			continue
		}
		v := agents.View{Kind: agents.KindLorry, ID: l.ID, State: l.State.String(), Index: int32(i),
			Place: l.Route.String(), Rank: -1}
		if l.State == KentQueue || l.State == CrossingToFrance {
			v.Flags |= agents.FlagFranceBound
		}
		if l.Vehicle.Hidden() > 0 {
			v.Flags |= agents.FlagPeople
		}
		if l.Searched {
			v.Flags |= agents.FlagSearched
		}
		if l.State == Parked {
			// At its rest place, ranked by its position there.
			v.Place, v.Rank = m.rest[l.rest].name, int(l.pos)
		}
		if l.State == Approaching || l.State == Onward {
			d := l.Move.DistAt(now)
			v.OnMap, v.Pos, v.Heading = true, l.Move.Path.At(d), heading(l.Move.Path, d)
		}
		dst = append(dst, v)
	}
	// Lorries in line are placed by their order in it. The slab index of
	// each lorry locates its view: views were appended in slab order, one
	// per live lorry, so a prefix count maps slab index to view.
	first := len(dst) - int(m.created-m.removed)
	at := make([]int32, len(m.lorries))
	n := int32(first)
	for i := range m.lorries {
		at[i] = n
		if m.lorries[i].live {
			n++
		}
	}
	rank := func(i int32, k int) { dst[at[i]].Rank = k }
	for r, s := range m.sites {
		for k := 0; k < s.held.Len(); k++ {
			i := s.held.Peek(k)
			p := m.paths.approach[r][b2i(m.lorries[i].FromEast)]
			v := &dst[at[i]]
			v.OnMap, v.Pos, v.Rank = true, p.At(p.LengthM-LorrySpacingM*float64(k)), k
		}
		for _, q := range []interface {
			Waiting() int
			At(int) int64
		}{s.checkin, s.french, s.uk, s.scan, s.search} {
			for k := 0; k < q.Waiting(); k++ {
				rank(int32(q.At(k)), k)
			}
		}
		for _, q := range s.screen {
			if q != nil {
				for k := 0; k < q.Waiting(); k++ {
					rank(int32(q.At(k)), k)
				}
			}
		}
		for k := 0; k < s.embark.Len(); k++ {
			rank(s.embark.Peek(k), k)
		}
		// France-bound lorries wait at the UK terminal (those held by the
		// French weekend ban first); beyond what it holds, and the A20 for
		// the port, they stand on the M20 (Operation Stack), ranked there.
		room := m.room(s.route)
		for k := 0; k < s.kentLen(); k++ {
			var i int32
			if nb := s.banned.Len(); k < nb {
				i = s.banned.Peek(k)
			} else {
				i = s.kent.Peek(k - nb)
			}
			if over := k - room; over >= 0 {
				dst[at[i]].Flags |= agents.FlagStack
				rank(i, over)
				continue
			}
			rank(i, k)
		}
	}
	for _, vs := range [][]*vessel{m.ferries, m.shuttles} {
		for _, ve := range vs {
			if !ve.live {
				continue
			}
			p := ve.move.Path.At(ve.move.DistAt(now))
			for _, j := range ve.load {
				v := &dst[at[j]]
				v.OnMap, v.Pos, v.Heading = true, p, 0
			}
		}
	}
	for _, ve := range m.ferries {
		dst = append(dst, vesselView(ve, agents.KindFerry, now))
	}
	for _, ve := range m.shuttles {
		if ve.live {
			dst = append(dst, vesselView(ve, agents.KindShuttle, now))
		}
	}
	for r, s := range m.sites {
		for k := 0; k < s.onDuty; k++ {
			state := "booth"
			if k >= s.booths {
				state = "search_team"
			}
			dst = append(dst, agents.View{Kind: agents.KindOfficer, ID: uint64(r*1000 + k), State: state,
				Place: Route(r).String(), Rank: k, Index: int32(k)})
		}
	}
	return dst
}

func vesselView(v *vessel, k agents.Kind, now float64) agents.View {
	d := v.move.DistAt(now)
	state := [...]string{"at_france", "to_uk", "at_uk", "to_france"}[v.state]
	return agents.View{Kind: k, ID: uint64(v.index), State: state, OnMap: true, Pos: v.move.Path.At(d),
		Heading: heading(v.move.Path, d), Index: int32(v.index)}
}

func heading(p *Path, d float64) float64 {
	a, b := p.At(d-5), p.At(d+5)
	return math.Atan2(b.Y-a.Y, b.X-a.X)
}

// Queued returns the UK-bound lorries queuing at site r: on its approach
// road and waiting at check-in, the booths and the search area.
func (m *Model) Queued(r Route) int {
	return m.sites[r].queued()
}

// queued returns the UK-bound lorries queuing at the site, screening and
// scanner queues included: every one of the site's queues counts its
// waiting lorries in s.waiting, which is read on every lorry's step.
func (s *site) queued() int { return s.held.Len() + s.waiting }
