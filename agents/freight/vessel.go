package freight

// VesselKind tells ferries from shuttles.
type VesselKind uint8

// Vessel kinds.
const (
	Ferry VesselKind = iota
	Shuttle
)

// VesselState is where a ferry or shuttle is.
type VesselState uint8

// Vessel states.
const (
	AtFrance VesselState = iota // berthed at Calais, or (shuttle) at Coquelles
	ToUK                        // crossing towards Dover or Folkestone
	AtUK                        // berthed at Dover or at Folkestone
	ToFrance                    // crossing towards France
)

// vessel is a ferry (a ship that shuttles Calais–Dover all day) or a
// shuttle (a train that carries one departure's lorries through the tunnel).
type vessel struct {
	m     *Model
	kind  VesselKind
	index int
	state VesselState
	load  []int32 // lorries on board
	move  Movement
	live  bool
	// readyMin is when a berthed ferry has turned round and can sail.
	readyMin float64
}

// Ferries sail to a timetable: from each side, a sailing every
// cycle/ships minutes (cycle = 2·(crossing + turnaround)). At each sailing
// the ship that has been ready longest at that berth takes it; a ship is
// ready once it has turned round. A closure cancels sailings, and ships
// pile up at the berths; when it ends they leave one a sailing, so the
// timetable's spacing comes back by itself.
type ferryDeparture struct {
	m        *Model
	toFrance bool
}

type ferryArrival struct{ v *vessel }

func (m *Model) buildVessels() {
	p := m.cfg.Port
	cross, turn := p.Crossing.Min(), p.Turnaround.Min()
	cycle := 2 * (cross + turn)
	path := m.paths.crossing[ViaPort]
	// The fleet: every ship the route has at any time; those beyond the
	// number in service lie up at Dover.
	m.inService = p.Ships
	fleet := p.Ships
	for _, f := range p.Fleet {
		fleet = max(fleet, f.Ships)
		at := m.Cal.Minutes(m.Cal.Wall(f.From.Time))
		if at <= 0 {
			m.inService, m.diverted = f.Ships, f.Diverted
		} else if at < m.horizon() {
			m.K.At(at, PrioControl, fleetChange{m, f.Ships, f.Diverted}, 0)
		}
	}
	for j := 0; j < fleet; j++ {
		v := &vessel{m: m, kind: Ferry, index: j, live: true, load: make([]int32, 0, p.LorriesPerSailing)}
		m.ferries = append(m.ferries, v)
		if j >= m.inService {
			v.state = AtUK
			v.move = berth(path, path.LengthM)
			continue
		}
		// Ships start spread evenly over the cycle; phase is the minutes
		// since the ship last left Calais.
		phase := float64(j) * cycle / float64(m.inService)
		switch {
		case phase < cross:
			v.state = ToUK
			v.move = Movement{Path: path, T0: -phase, T1: cross - phase, D0: 0, D1: path.LengthM}
			m.K.At(cross-phase, PrioArrive, ferryArrival{v}, 0)
		case phase < cross+turn:
			v.state = AtUK
			v.readyMin = 0
			v.move = berth(path, path.LengthM)
		case phase < 2*cross+turn:
			v.state = ToFrance
			t0 := cross + turn - phase
			v.move = Movement{Path: path, T0: t0, T1: t0 + cross, D0: path.LengthM, D1: 0}
			m.K.At(t0+cross, PrioArrive, ferryArrival{v}, 0)
		default:
			v.state = AtFrance
			v.readyMin = 0
			v.move = berth(path, 0)
		}
	}
	if fleet > 0 {
		headway := cycle / float64(max(m.inService, 1))
		m.K.At(0, PrioDepart, &ferryDeparture{m, false}, 0)
		m.K.At(mod(cross+turn, headway), PrioDepart, &ferryDeparture{m, true}, 0)
	}
	for d := 0; d < 2; d++ {
		m.K.At(0, PrioDepart, &shuttleDeparture{m, d == 1}, 0)
	}
}

// Handle runs one timetabled sailing and schedules the next.
func (e *ferryDeparture) Handle(int64) {
	m := e.m
	p := m.cfg.Port
	now := m.K.Now()
	if m.inService == 0 {
		m.K.After(noFleetRecheckMin, PrioDepart, e, 0)
		return
	}
	m.K.After(2*(p.Crossing.Min()+p.Turnaround.Min())/float64(m.inService), PrioDepart, e, 0)
	s := m.sites[ViaPort]
	if s.closed > 0 || now < s.stoppedUntil {
		return
	}
	side := AtFrance
	if e.toFrance {
		side = AtUK
	}
	var v *vessel
	for _, f := range m.ferries[:m.inService] {
		if f.state == side && f.readyMin <= now && (v == nil || f.readyMin < v.readyMin) {
			v = f
		}
	}
	if v == nil {
		return // no ship ready: the sailing is cancelled
	}
	s.sail(v, e.toFrance, p.LorriesPerSailing, p.BoardingCutoff.Min(), p.Crossing.Min())
	m.K.At(v.move.T1, PrioArrive, ferryArrival{v}, 0)
}

// noFleetRecheckMin is how often the timetable looks again for ships while
// none is in service.
const noFleetRecheckMin = 60

// fleetChange sets the number of ferries in service and the share of the
// port's traffic that crosses elsewhere meanwhile.
type fleetChange struct {
	m        *Model
	ships    int
	diverted float64
}

func (e fleetChange) Handle(int64) { e.m.inService, e.m.diverted = e.ships, e.diverted }

// divert reports whether a lorry bound for the port crosses by another
// port instead (an operator off the route); it draws only while some
// traffic is diverted.
func (m *Model) divert(r Route) bool {
	if r != ViaPort || m.diverted == 0 || m.rDivert.Float64() >= m.diverted {
		return false
	}
	m.stats.diverted++
	return true
}

// sail loads vessel v at site s (UK-bound lorries from the lanes, or
// France-bound ones from Kent) and sets it crossing for crossMin minutes.
func (s *site) sail(v *vessel, toFrance bool, capacity int, cutoff, crossMin float64) {
	now := s.m.K.Now()
	path := s.m.paths.crossing[s.route]
	if toFrance {
		s.boardFrance(v, capacity)
		v.state = ToFrance
		v.move = Movement{Path: path, T0: now, T1: now + crossMin, D0: path.LengthM}
		return
	}
	s.board(v, capacity, cutoff)
	v.state = ToUK
	v.move = Movement{Path: path, T0: now, T1: now + crossMin, D1: path.LengthM}
}

// Handle berths a ship, unloads it and starts its turnaround.
func (e ferryArrival) Handle(int64) {
	v, m := e.v, e.v.m
	now := m.K.Now()
	if v.state == ToUK {
		m.unloadUK(v, ViaPort)
		v.state = AtUK
		v.move = berth(v.move.Path, v.move.Path.LengthM)
	} else {
		m.unloadFrance(v)
		v.state = AtFrance
		v.move = berth(v.move.Path, 0)
	}
	// A ship can turn round faster than the timetable allows (EST: in 80 %
	// of the scheduled time), so it is ready for its next slot.
	v.readyMin = now + minTurnaroundShare*m.cfg.Port.Turnaround.Min()
}

// minTurnaroundShare is the share of the scheduled turnaround a ship needs
// at least (EST).
const minTurnaroundShare = 0.8

// shuttleDeparture is the timetable of shuttle departures in one direction.
type shuttleDeparture struct {
	m        *Model
	toFrance bool
}

func (e *shuttleDeparture) Handle(int64) {
	m := e.m
	now := m.K.Now()
	t := m.cfg.Tunnel
	s := m.sites[ViaTunnel]
	rate := m.shuttleRate(now)
	if s.closed == 0 && rate > 0 && now >= s.stoppedUntil {
		v := m.shuttle()
		s.sail(v, e.toFrance, t.LorriesPerShuttle, t.BoardingCutoff.Min(), t.Crossing.Min())
		m.K.At(v.move.T1, PrioArrive, shuttleArrival{v}, 0)
	}
	next := 60.0
	if rate > 0 {
		next = 60 / rate
	}
	m.K.After(next, PrioDepart, e, 0)
}

type shuttleArrival struct{ v *vessel }

func (e shuttleArrival) Handle(int64) {
	v, m := e.v, e.v.m
	if v.state == ToUK {
		m.unloadUK(v, ViaTunnel)
	} else {
		m.unloadFrance(v)
	}
	v.live = false
}

// shuttle returns a free shuttle from the pool.
func (m *Model) shuttle() *vessel {
	for _, v := range m.shuttles {
		if !v.live {
			v.live = true
			v.load = v.load[:0]
			return v
		}
	}
	v := &vessel{m: m, kind: Shuttle, index: len(m.shuttles), live: true,
		load: make([]int32, 0, m.cfg.Tunnel.LorriesPerShuttle)}
	m.shuttles = append(m.shuttles, v)
	return v
}

// unloadUK sends the lorries on v up the road towards London.
func (m *Model) unloadUK(v *vessel, r Route) {
	now := m.K.Now()
	p := m.paths.toLondon[r]
	for _, i := range v.load {
		l := &m.lorries[i]
		m.setState(i, Onward)
		if m.watch != nil {
			m.watch.ArrivedUK(i)
		}
		l.Move = Movement{Path: p, T0: now, T1: now + p.FreeFlowMin, D1: p.LengthM}
		m.K.At(l.Move.T1, PrioLorry, leaveMap{m}, int64(i))
	}
	v.load = v.load[:0]
}

// unloadFrance takes France-bound lorries off the map at Calais or Coquelles.
func (m *Model) unloadFrance(v *vessel) {
	for _, i := range v.load {
		m.removeLorry(i)
	}
	v.load = v.load[:0]
}

// leaveMap takes a lorry off the map when it reaches London.
type leaveMap struct{ m *Model }

func (e leaveMap) Handle(arg int64) {
	if e.m.watch != nil {
		e.m.watch.StoppedUK(int32(arg))
	}
	e.m.removeLorry(int32(arg))
	e.m.stats.reachedLondon++
}

// berth is a vessel standing still at distance d along its path.
func berth(p *Path, d float64) Movement { return Movement{Path: p, D0: d, D1: d} }
