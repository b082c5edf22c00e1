package sim

import (
	"math"
	"time"

	"channelsim/world"
)

// AgentKind is the kind of an agent in a snapshot. New kinds are added at
// the end; the viewer draws kinds it does not know as plain dots.
type AgentKind uint8

// Agent kinds.
const (
	KindLorry AgentKind = iota
	KindFerry
	KindShuttle
	KindOfficer
	KindMigrant
	KindEscort
	KindFlight
	KindDetainee
	NumAgentKinds
)

var kindNames = [NumAgentKinds]string{"lorry", "ferry", "shuttle", "officer", "migrant", "escort", "flight", "detainee"}

// String returns the kind's name.
func (k AgentKind) String() string {
	if k < NumAgentKinds {
		return kindNames[k]
	}
	return "agent"
}

// Agent flags.
const (
	FlagFranceBound uint8 = 1 << iota // lorry going to France
	FlagPeople                        // lorry carrying hidden people
	FlagSearched                      // lorry has been searched
	FlagNight                         // (reserved)
)

// AgentView is one agent at one instant, as the viewer draws it.
type AgentView struct {
	Kind    AgentKind
	ID      uint64
	State   string // the agent's state, snake_case
	Pos     world.Point
	Heading float64 // radians, east = 0, counter-clockwise
	Flags   uint8
	Index   int32 // index in the model's slab, for inspection
}

// Snapshot is the state of the whole system at one instant: immutable once
// filled, so a viewer may draw it on another goroutine while the model runs
// on. Fill reuses dst's slices to avoid allocating per frame.
type Snapshot struct {
	T      float64   // simulated minutes since the start
	Time   time.Time // UTC
	Night  bool
	Agents []AgentView
	// Queues are the UK-bound lorries queuing at each site (port, tunnel).
	Queues [NumRoutes]int
	// Today are the current day's daily-series values, by DailyColumns.
	Today map[string]float64
	// Summary is the run's summary so far.
	Summary Summary
}

// siteLayout is where lorries in each stage of a site are drawn.
type siteLayout struct {
	gate, checkin, booths, search, lanes world.Point
	ukTerminal                           world.Point
}

// siteLayout computes where lorries at site r are drawn; New stores it in
// m.lay once, since the map does not change.
func (m *Model) siteLayout(r Route) siteLayout {
	get := func(id string, fallback world.Point) world.Point {
		if s, ok := m.World.Site(id); ok {
			return s.Pos
		}
		return fallback
	}
	var lay siteLayout
	if r == ViaPort {
		lay.gate = m.paths.approach[ViaPort][0].At(math.Inf(1))
		lay.checkin = get("calais-port-checkin", lay.gate)
		lay.booths = get("calais-uk-booths", lay.checkin)
		lay.search = get("calais-search", lay.booths)
		lay.lanes = get("calais-embark", lay.booths)
		lay.ukTerminal = get("dover-eastern-docks", m.paths.crossing[ViaPort].At(math.Inf(1)))
	} else {
		lay.gate = m.paths.approach[ViaTunnel][0].At(math.Inf(1))
		lay.checkin = get("coquelles-checkin", lay.gate)
		lay.booths = get("coquelles-uk-booths", lay.checkin)
		lay.search = get("coquelles-search", lay.booths)
		lay.lanes = get("coquelles-platforms", lay.booths)
		lay.ukTerminal = get("folkestone-terminal", m.paths.crossing[ViaTunnel].At(math.Inf(1)))
	}
	return lay
}

// grid places the k-th of many lorries in a compact block around p:
// rows of ten, 20 m apart (a lorry park's bays).
func grid(p world.Point, k int) world.Point {
	const cols, step = 10, 20.0
	return world.Point{X: p.X + step*float64(k%cols-cols/2), Y: p.Y - step*float64(k/cols)}
}

// Snapshot fills dst with the state of the system now.
func (m *Model) Snapshot(dst *Snapshot) {
	now := m.K.Now()
	dst.T = now
	dst.Time = m.Cal.Time(now)
	dst.Night = m.Cal.IsNight(now)
	dst.Agents = dst.Agents[:0]
	// Lorries in queues and sites are placed by their order in line.
	placed := make(map[int32]world.Point, 256)
	for r, s := range m.sites {
		lay := m.lay[r]
		dst.Queues[r] = s.held.Len() + s.checkin.Waiting() + s.french.Waiting() + s.uk.Waiting() + s.search.Waiting()
		for k := 0; k < s.held.Len(); k++ {
			i := s.held.Peek(k)
			p := m.paths.approach[r][b2i(m.lorries[i].FromEast)]
			placed[i] = p.At(p.LengthM - lorrySpacingM*float64(k))
		}
		stageAt := func(q *Queue, at world.Point) {
			for k := 0; k < q.Waiting(); k++ {
				placed[int32(q.At(k))] = grid(at, k)
			}
		}
		stageAt(s.checkin, lay.checkin)
		stageAt(s.french, lay.checkin)
		stageAt(s.uk, lay.booths)
		stageAt(s.search, lay.search)
		for k := 0; k < s.embark.Len(); k++ {
			placed[s.embark.Peek(k)] = grid(lay.lanes, k)
		}
		// France-bound lorries wait at the UK terminal; beyond what it holds
		// they are parked on the coastbound M20 from junction 11 back towards
		// junction 8, two lanes abreast: Operation Stack.
		stack, hasStack := m.World.Road("m20-stack")
		for k := 0; k < s.kent.Len(); k++ {
			if over := k - s.cfg.UKHoldingCapacity; over >= 0 && hasStack {
				placed[s.kent.Peek(k)] = stack.At(stack.LengthM - lorrySpacingM*float64(over/2))
				continue
			}
			placed[s.kent.Peek(k)] = grid(lay.ukTerminal, k)
		}
	}
	for _, vs := range [][]*vessel{m.ferries, m.shuttles} {
		for _, v := range vs {
			if !v.live {
				continue
			}
			at := v.move.Path.At(v.move.DistAt(now))
			for _, j := range v.load {
				placed[j] = at
			}
		}
	}
	for i := range m.lorries {
		l := &m.lorries[i]
		if !l.live {
			continue
		}
		av := AgentView{Kind: KindLorry, ID: l.ID, State: l.State.String(), Index: int32(i)}
		if l.State == KentQueue || l.State == CrossingToFrance {
			av.Flags |= FlagFranceBound
		}
		if l.Vehicle.Hidden() > 0 {
			av.Flags |= FlagPeople
		}
		if l.Searched {
			av.Flags |= FlagSearched
		}
		if p, ok := placed[int32(i)]; ok {
			av.Pos = p
		} else {
			switch l.State {
			case Approaching, Onward:
				d := l.Move.DistAt(now)
				av.Pos = l.Move.Path.At(d)
				av.Heading = heading(l.Move.Path, d)
			default:
				// In service at a booth, being searched, or on a vessel:
				// drawn where that happens.
				lay := m.lay[l.Route]
				switch l.State {
				case CheckIn, FrenchControl:
					av.Pos = lay.checkin
				case UKControl:
					av.Pos = lay.booths
				case Searching:
					av.Pos = lay.search
				default:
					av.Pos = lay.lanes
				}
			}
		}
		dst.Agents = append(dst.Agents, av)
	}
	for _, v := range m.ferries {
		dst.Agents = append(dst.Agents, m.vesselView(v, KindFerry, now))
	}
	for _, v := range m.shuttles {
		if v.live {
			dst.Agents = append(dst.Agents, m.vesselView(v, KindShuttle, now))
		}
	}
	for r, s := range m.sites {
		lay := m.lay[r]
		for k := 0; k < s.onDuty; k++ {
			at, state := lay.booths, "booth"
			if k >= s.booths {
				at, state = lay.search, "search_team"
			}
			dst.Agents = append(dst.Agents, AgentView{Kind: KindOfficer, ID: uint64(r*1000 + k), State: state, Pos: grid(at, k), Index: int32(k)})
		}
	}
	for _, sub := range m.subs {
		sub.snapshot(dst, now)
	}
	if dst.Today == nil {
		dst.Today = map[string]float64{}
	}
	row := m.stats.row()
	for j, name := range DailyColumns {
		dst.Today[name] = dailyValue(row, j)
	}
	d := min(m.stats.day, len(m.stats.days)-1)
	for _, sub := range m.subs {
		for j, v := range sub.daily(d) {
			dst.Today[sub.dailyColumns()[j]] = v
		}
	}
	dst.Summary = m.Summary()
}

// dailyValue returns column j (of DailyColumns) of a day's row.
func dailyValue(r *[numDaily]float64, j int) float64 {
	switch DailyColumns[j] {
	case "freight_delay_mean_min":
		if r[dDelayN] == 0 {
			return 0
		}
		return r[dDelaySum] / r[dDelayN]
	case "queue_max_lorries":
		return r[dQueueMax]
	case "kent_queue_max_lorries":
		return r[dKentMax]
	case "operation_stack":
		return r[dStack]
	case "xray_scans":
		return r[dXray]
	}
	idx := [...]int{dArrived, dDepartedPort, dDepartedTunnel, dSearched, dDetections}
	return r[idx[j]]
}

func (m *Model) vesselView(v *vessel, k AgentKind, now float64) AgentView {
	d := v.move.DistAt(now)
	state := [...]string{"at_france", "to_uk", "at_uk", "to_france"}[v.state]
	return AgentView{Kind: k, ID: uint64(v.index), State: state, Pos: v.move.Path.At(d), Heading: heading(v.move.Path, d), Index: int32(v.index)}
}

func heading(p *Path, d float64) float64 {
	a, b := p.At(d-5), p.At(d+5)
	return math.Atan2(b.Y-a.Y, b.X-a.X)
}
