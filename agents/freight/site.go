package freight

import (
	"math/rand/v2"

	"channelsim/engine"
)

// site is one juxtaposed-control site: Calais port or the Eurotunnel
// terminal at Coquelles. A UK-bound lorry passes check-in, the French exit
// control and the UK document check; then the two layers of controls (the
// screening layer's methods, Border Force's scanner and search teams, each
// a queue with its own units: search.go); then it waits in the embarkation
// lanes for a ferry or shuttle.
type site struct {
	m     *Model
	route Route
	cfg   *Site

	held    engine.FIFO // UK-bound lorries queued on the approach road
	inside  int         // UK-bound lorries inside the site (check-in to embarkation)
	checkin *engine.Queue
	french  *engine.Queue
	uk      *engine.Queue
	screen  [numMethods]*engine.Queue // the screening layer's units, by method
	scan    *engine.Queue             // the scanner
	search  *engine.Queue             // Border Force's search teams
	embark  engine.FIFO               // UK-bound lorries waiting for a departure
	kent    engine.FIFO               // France-bound lorries waiting on the UK side
	banned  engine.FIFO               // France-bound lorries in Kent held by the French weekend ban
	closed  int                       // closures in force (they may overlap)
	// stoppedUntil is when departures stopped by intruders may resume.
	stoppedUntil float64
	// sweepUntil is when the tunnel's sweep after intruders ends.
	sweepUntil float64
	waiting    int // lorries waiting in all the site's queues (ShareWaiting)

	onDuty, booths, teams int
}

// boothServer draws booth and check-in times: Erlang-3 around the mean
// (coefficient of variation 0.58; EST: booth work is fairly regular).
type boothServer struct {
	mean float64
	r    *rand.Rand
}

func (b boothServer) ServiceMin(int64) float64 {
	return b.mean * (b.r.ExpFloat64() + b.r.ExpFloat64() + b.r.ExpFloat64()) / 3
}

// stage is the handler run when a lorry finishes one of a site's queues.
type stage struct {
	s    *site
	next LorryState
}

func (m *Model) buildSites() {
	for r := Route(0); r < NumRoutes; r++ {
		cfg := &m.cfg.Port.Site
		if r == ViaTunnel {
			cfg = &m.cfg.Tunnel.Site
		}
		s := &site{m: m, route: r, cfg: cfg}
		s.checkin = engine.NewQueue(r.String()+"-checkin", m.K, cfg.CheckinLanes,
			boothServer{cfg.CheckinService.Min(), m.rSvc}, stage{s, FrenchControl}, PrioService)
		s.french = engine.NewQueue(r.String()+"-french", m.K, cfg.FrenchBooths,
			boothServer{cfg.FrenchService.Min(), m.rSvc}, stage{s, UKControl}, PrioService)
		s.uk = engine.NewQueue(r.String()+"-uk", m.K, cfg.UKBooths,
			boothServer{cfg.UKService.Min(), m.rSvc}, stage{s, SearchQueue}, PrioService)
		for _, k := range m.search.sequence {
			if s.screen[k] == nil {
				s.screen[k] = engine.NewQueue(r.String()+"-"+methodNames[k], m.K, m.screenUnits(k), screenServer{s, k}, screenDone{s}, PrioService)
			}
		}
		s.scan = engine.NewQueue(r.String()+"-scanner", m.K, m.cfg.Controls.Equipment.Xray, scanServer{s}, scanDone{s}, PrioService)
		s.search = engine.NewQueue(r.String()+"-search", m.K, 0, searchServer{s}, stage{s, Embarking}, PrioService)
		for _, q := range append([]*engine.Queue{s.checkin, s.french, s.uk, s.scan, s.search}, s.screen[:]...) {
			if q != nil {
				q.ShareWaiting(&s.waiting)
			}
		}
		m.sites[r] = s
	}
}

// approach sends lorry i down its approach road to the site's gate.
func (s *site) approach(i int32) {
	m := s.m
	l := &m.lorries[i]
	p := m.paths.approach[s.route][b2i(l.FromEast)]
	now := m.K.Now()
	// Stopped traffic starts where the queue on the approach road ends.
	end := max(0, p.LengthM-LorrySpacingM*float64(s.held.Len()))
	t := p.Enter(now) * end / p.LengthM
	l.Move = Movement{Path: p, T0: now, T1: now + t, D0: 0, D1: end}
	m.setState(i, Approaching)
	m.addTo(&m.moving[s.route], i)
	m.K.At(now+t, PrioLorry, gateArrival{s}, int64(i))
}

type gateArrival struct{ s *site }

// Handle: lorry arg reaches the gate (or the tail of the queue before it).
func (g gateArrival) Handle(arg int64) {
	s := g.s
	i := int32(arg)
	s.m.removeFrom(&s.m.moving[s.route], i)
	if s.closed > 0 || s.inside >= s.cfg.HoldingCapacity || s.held.Len() > 0 {
		s.m.setState(i, Held)
		s.held.Push(i)
		s.m.stats.queueLevel(s.m.K.Now(), s.m)
		return
	}
	s.enter(i)
}

// enter admits lorry i through the gate to check-in.
func (s *site) enter(i int32) {
	m := s.m
	l := &m.lorries[i]
	l.GateMin = m.K.Now()
	if m.watch != nil {
		m.watch.AtGate(i)
	}
	s.inside++
	m.setState(i, CheckIn)
	s.checkin.Arrive(int64(i))
	m.stats.queueLevel(m.K.Now(), m)
}

// admit lets held lorries in while the site is open and has room.
func (s *site) admit() {
	for s.held.Len() > 0 && s.closed == 0 && s.inside < s.cfg.HoldingCapacity {
		s.enter(s.held.Pop())
	}
}

// Handle moves a lorry on when it finishes a queue.
func (st stage) Handle(arg int64) {
	s, m, i := st.s, st.s.m, int32(arg)
	switch st.next {
	case FrenchControl:
		m.setState(i, FrenchControl)
		s.french.Arrive(arg)
	case UKControl:
		m.setState(i, UKControl)
		s.uk.Arrive(arg)
	case SearchQueue:
		s.afterBooth(i)
	case Embarking:
		s.finish(i)
	}
	m.stats.queueLevel(m.K.Now(), m)
}

func (s *site) toLanes(i int32) {
	s.m.setState(i, Embarking)
	s.m.lorries[i].laneMin = s.m.K.Now()
	s.embark.Push(i)
}

// board takes up to capacity lorries from the lanes that were there by the
// cutoff, onto vessel v.
func (s *site) board(v *vessel, capacity int, cutoff float64) {
	m := s.m
	now := m.K.Now()
	for len(v.load) < capacity && s.embark.Len() > 0 {
		i := s.embark.Peek(0)
		l := &m.lorries[i]
		if l.laneMin > now-cutoff {
			break
		}
		s.embark.Pop()
		if m.watch != nil {
			m.watch.Boarded(i)
		}
		v.load = append(v.load, i)
		l.BoardMin = now
		m.setState(i, CrossingToUK)
		s.inside--
		m.stats.depart(now, s.route, now-l.GateMin)
	}
	s.admit()
	m.stats.queueLevel(now, m)
}

// boardFrance takes France-bound lorries waiting on the UK side.
func (s *site) boardFrance(v *vessel, capacity int) {
	m := s.m
	now := m.K.Now()
	for len(v.load) < capacity && s.kent.Len() > 0 {
		i := s.kent.Pop()
		v.load = append(v.load, i)
		m.setState(i, CrossingToFrance)
		m.stats.franceDeparted++
		m.stats.kentWait(now - m.lorries[i].GateMin)
	}
	m.kentChanged(now)
}
