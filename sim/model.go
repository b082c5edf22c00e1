package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"channelsim/scanner"
	"channelsim/world"
)

// Event priorities: at equal times, lower fires first. Capacity changes
// come before departures, departures before arrivals, so a lorry that
// reaches the lanes at the instant of a sailing waits for the next one.
const (
	prioControl int32 = iota // closures, shifts, policy changes
	prioDepart               // ferry and shuttle departures
	prioArrive               // vessel arrivals
	prioService              // queue completions
	prioLorry                // lorry arrivals and movements
	prioDaily                // end-of-day bookkeeping
)

// lorrySpacingM is the road length one queued lorry takes: a 16.5 m
// articulated lorry plus a gap (EU maximum length, Directive 96/53/EC; EST gap).
const lorrySpacingM = 18.0

// Model is one run of the border system: the kernel and its clock, the
// random streams, the agents and the metrics. It is not safe for concurrent
// use; parallel runs use one Model each.
type Model struct {
	Cfg   *Config
	World *world.World
	K     Kernel
	Cal   Calendar

	horizon   float64
	streams   Streams
	rArrive   *rand.Rand // UK-bound arrival times
	rArriveFR *rand.Rand // France-bound arrival times
	rLorry    *rand.Rand // lorry attributes: a fixed number of draws a lorry
	rDriver   *rand.Rand // drivers' vigilance and complicity
	rSvc      *rand.Rand // booth and check-in service times
	rSelect   *rand.Rand // selection for search
	rSearch   *rand.Rand // search outcomes
	rXray     *rand.Rand // X-ray and gamma scans

	lorries  []Lorry
	freeL    []int32
	nextID   uint64
	count    [NumLorryStates]int
	sites    [NumRoutes]*site
	ferries  []*vessel
	shuttles []*vessel // pool; live ones have live=true
	paths    paths
	lay      [NumRoutes]siteLayout // where lorries at each site are drawn
	methods  [numMethods]scanner.Method
	// doseOK[k] is whether method k is allowed to look for people.
	doseOK [numMethods]bool
	// searchShare is the control intensity now (surges move it).
	searchShare float64
	thorough    scanner.Method
	applicable  [numMethods][scanner.NumTrailers][scanner.NumCargoKinds]bool
	// screening is the sequence of methods (indices) for people.
	screening []int
	policyLog []PolicyChange

	ukProfile, frProfile *Profile
	trailerCum           [scanner.NumTrailers]float64

	stats            stats
	subs             []submodel
	camp             *camp     // nil when migrants are off
	rem              *removals // nil when removals are off
	created, removed int64     // lorries
}

// paths are the routes lorries and vessels follow, joined from the map's
// roads. approach[route][0] comes from the Boulogne side, [1] from Dunkirk.
type paths struct {
	approach [NumRoutes][2]*Path
	crossing [NumRoutes]*Path
	toLondon [NumRoutes]*Path
}

// New builds a model from a validated scenario and a map. It returns an
// error if the map lacks a site or road the model needs.
func New(cfg *Config, w *world.World) (*Model, error) {
	m := &Model{Cfg: cfg, World: w}
	m.Cal = NewCalendar(cfg.Start, cfg.Days)
	m.horizon = float64(cfg.Days) * 24 * 60
	m.streams = NewStreams(cfg.Seed)
	m.rArrive = m.streams.New("arrivals")
	m.rArriveFR = m.streams.New("arrivals-france")
	m.rLorry = m.streams.New("lorries")
	m.rDriver = m.streams.New("drivers")
	m.rSvc = m.streams.New("service")
	m.rSelect = m.streams.New("selection")
	m.rSearch = m.streams.New("search")
	m.rXray = m.streams.New("xray")

	if err := m.buildPaths(); err != nil {
		return nil, err
	}
	for r := Route(0); r < NumRoutes; r++ {
		m.lay[r] = m.siteLayout(r)
	}
	if err := m.buildMethods(); err != nil {
		return nil, err
	}
	m.ukProfile = NewProfile(cfg.Freight.UKBoundPerYear, &cfg.Freight, m.Cal, cfg.Days)
	m.frProfile = NewProfile(cfg.Freight.FranceBoundPerYear, &cfg.Freight, m.Cal, cfg.Days)
	mix := cfg.Freight.TrailerMix
	shares := [scanner.NumTrailers]float64{mix.Curtain, mix.Box, mix.Reefer, mix.Tanker, mix.Flatbed}
	var tot float64
	for i, s := range shares {
		tot += s
		m.trailerCum[i] = tot
	}
	for i := range m.trailerCum {
		if tot > 0 {
			m.trailerCum[i] /= tot
		}
	}
	m.stats.init(cfg.Days)
	m.buildSites()
	m.buildVessels()
	m.buildCamp()
	m.buildRemovals()
	m.scheduleShifts()
	m.scheduleClosures()

	m.K.At(m.ukProfile.Next(&m.Cal, 0, m.rArrive), prioLorry, ukArrivals{m}, 0)
	m.K.At(m.frProfile.Next(&m.Cal, 0, m.rArriveFR), prioLorry, frArrivals{m}, 0)
	m.K.At(24*60, prioDaily, dayEnd{m}, 0)
	return m, nil
}

// Run runs the model to its horizon.
func (m *Model) Run() { m.RunUntil(m.horizon) }

// RunUntil advances the model to minute t (not past the horizon).
func (m *Model) RunUntil(t float64) {
	m.K.RunUntil(math.Min(t, m.horizon))
}

// Horizon returns the last minute of the run.
func (m *Model) Horizon() float64 { return m.horizon }

// Done reports whether the run has reached its horizon.
func (m *Model) Done() bool { return m.K.Now() >= m.horizon }

// Now returns the current simulated minute.
func (m *Model) Now() float64 { return m.K.Now() }

// newLorry takes a lorry from the slab and counts it in state s.
func (m *Model) newLorry(s LorryState) int32 {
	var i int32
	if n := len(m.freeL); n > 0 {
		i = m.freeL[n-1]
		m.freeL = m.freeL[:n-1]
	} else {
		m.lorries = append(m.lorries, Lorry{})
		i = int32(len(m.lorries) - 1)
	}
	m.nextID++
	m.created++
	m.lorries[i] = Lorry{ID: m.nextID, State: s, live: true, stow: -1, slot: -1}
	m.count[s]++
	return i
}

// setState moves lorry i to state s.
func (m *Model) setState(i int32, s LorryState) {
	l := &m.lorries[i]
	m.count[l.State]--
	m.count[s]++
	l.State = s
}

// removeLorry takes lorry i off the map.
func (m *Model) removeLorry(i int32) {
	l := &m.lorries[i]
	m.count[l.State]--
	l.live = false
	m.removed++
	m.freeL = append(m.freeL, i)
}

// Lorry returns lorry i of the slab (for inspection and snapshots).
func (m *Model) Lorry(i int) *Lorry { return &m.lorries[i] }

// StateCounts returns the number of live lorries in each state.
func (m *Model) StateCounts() [NumLorryStates]int { return m.count }

// CheckInvariants recounts every agent's state from scratch and compares
// with the running counts, and checks that nothing was created or lost:
// lorries live = created − removed, each queue holds only lorries in the
// matching state, and every migrant is in exactly one state. It returns the
// first violation found, or nil.
func (m *Model) CheckInvariants() error {
	var recount [NumLorryStates]int
	live := int64(0)
	for i := range m.lorries {
		if m.lorries[i].live {
			recount[m.lorries[i].State]++
			live++
		}
	}
	if recount != m.count {
		return fmt.Errorf("lorry state counts %v, recount %v", m.count, recount)
	}
	if live != m.created-m.removed {
		return fmt.Errorf("%d lorries live, but %d created − %d removed", live, m.created, m.removed)
	}
	for _, s := range m.sites {
		for k := 0; k < s.held.Len(); k++ {
			if st := m.lorries[s.held.Peek(k)].State; st != Held {
				return fmt.Errorf("lorry in the %s approach queue is %s", s.route, st)
			}
		}
		for k := 0; k < s.embark.Len(); k++ {
			if st := m.lorries[s.embark.Peek(k)].State; st != Embarking {
				return fmt.Errorf("lorry in the %s lanes is %s", s.route, st)
			}
		}
		for k := 0; k < s.kent.Len(); k++ {
			if st := m.lorries[s.kent.Peek(k)].State; st != KentQueue {
				return fmt.Errorf("lorry in the %s Kent queue is %s", s.route, st)
			}
		}
		if w := s.search.Waiting(); w != 0 && m.lorries[s.search.At(0)].State != SearchQueue {
			return fmt.Errorf("lorry at the head of the %s search queue is %s", s.route, m.lorries[s.search.At(0)].State)
		}
	}
	if m.camp != nil {
		if err := m.camp.checkInvariants(); err != nil {
			return err
		}
	}
	if m.rem != nil {
		return m.rem.checkInvariants()
	}
	return nil
}

// drawTrailer draws a trailer type from the fleet mix.
func (m *Model) drawTrailer() scanner.Trailer {
	u := m.rLorry.Float64()
	for i, c := range m.trailerCum {
		if u < c {
			return scanner.Trailer(i)
		}
	}
	return scanner.CurtainSider
}

// drawCargo draws a load for a trailer type (EST shares: tankers carry
// liquids, reefers produce, flatbeds metal or general; a tenth of curtain
// and box trailers run empty or near-empty).
func (m *Model) drawCargo(t scanner.Trailer) scanner.CargoKind {
	u := m.rLorry.Float64()
	switch t {
	case scanner.Tanker:
		return scanner.Liquid
	case scanner.Reefer:
		if u < 0.8 {
			return scanner.Produce
		}
		return scanner.General
	case scanner.Flatbed:
		if u < 0.5 {
			return scanner.Metal
		}
		return scanner.General
	}
	switch {
	case u < 0.1:
		return scanner.Empty
	case u < 0.6:
		return scanner.General
	case u < 0.75:
		return scanner.Paper
	case u < 0.85:
		return scanner.Produce
	case u < 0.95:
		return scanner.Liquid
	}
	return scanner.Metal
}

// ukArrivals generates UK-bound lorries arriving on the approach roads.
type ukArrivals struct{ m *Model }

func (a ukArrivals) Handle(int64) {
	m := a.m
	now := m.K.Now()
	i := m.newLorry(Approaching)
	l := &m.lorries[i]
	l.Route = ViaTunnel
	if m.rLorry.Float64() < m.Cfg.Freight.PortShare {
		l.Route = ViaPort
	}
	l.FromEast = m.rLorry.Float64() < m.Cfg.Freight.EastShare
	l.Vehicle.Trailer = m.drawTrailer()
	l.Vehicle.Cargo = m.drawCargo(l.Vehicle.Trailer)
	l.Vehicle.Sealed = m.rLorry.Float64() < m.Cfg.Freight.SealedShare
	l.Vehicle.Contraband = m.rLorry.Float64() < m.Cfg.Controls.ContrabandRate
	parks := m.rLorry.Float64() < m.Cfg.Freight.ParkShare
	stay := m.rLorry.ExpFloat64() * m.Cfg.Freight.ParkStay.Min()
	// A lorry bound for a closed site goes to the other one if it is open.
	if m.sites[l.Route].closed > 0 && m.sites[1-l.Route].closed == 0 {
		l.Route = 1 - l.Route
	}
	m.stats.arrived(now)
	if m.camp != nil {
		m.camp.onArrive(i)
	}
	// Some drivers take their break in a lorry park near Calais first
	// (complicit drivers always do: that is where they meet their passengers).
	if parks || l.Complicit {
		m.setState(i, Parked)
		if m.camp != nil {
			m.camp.onPark(i)
		}
		m.K.After(stay, prioLorry, leavePark{m}, int64(i))
	} else {
		m.sites[l.Route].approach(i)
	}
	m.K.At(m.ukProfile.Next(&m.Cal, now, m.rArrive), prioLorry, a, 0)
}

// leavePark sends a parked lorry on to its site.
type leavePark struct{ m *Model }

func (e leavePark) Handle(arg int64) {
	m, i := e.m, int32(arg)
	if m.camp != nil {
		m.camp.onUnpark(i)
	}
	m.setState(i, Approaching)
	m.sites[m.lorries[i].Route].approach(i)
}

// referToRemovals passes n people found in the UK to the UK asylum and
// removals system.
func (m *Model) referToRemovals(n int) {
	if m.rem != nil {
		m.rem.refer(n)
	}
}

// frArrivals generates France-bound lorries arriving at Dover or Folkestone.
type frArrivals struct{ m *Model }

func (a frArrivals) Handle(int64) {
	m := a.m
	now := m.K.Now()
	i := m.newLorry(KentQueue)
	l := &m.lorries[i]
	l.Route = ViaTunnel
	if m.rArriveFR.Float64() < m.Cfg.Freight.PortShare {
		l.Route = ViaPort
	}
	l.Vehicle.Trailer = m.drawTrailer()
	l.GateMin = now
	s := m.sites[l.Route]
	s.kent.Push(i)
	m.stats.franceArrived++
	m.stats.kentLevel(now, m.sites[ViaPort].kent.Len()+m.sites[ViaTunnel].kent.Len(), s)
	m.K.At(m.frProfile.Next(&m.Cal, now, m.rArriveFR), prioLorry, a, 0)
}

// buildPaths joins the map's roads into the routes lorries drive.
func (m *Model) buildPaths() error {
	w := m.World
	road := func(id string) (*world.Road, error) {
		r, ok := w.Road(id)
		if !ok {
			return nil, fmt.Errorf("map has no road %q", id)
		}
		return r, nil
	}
	ids := []string{"a16-south", "a16-east", "rocade", "coquelles-access", "ferry-route", "tunnel", "dover-a20", "folkestone-m20", "m20-london"}
	roads := map[string]*world.Road{}
	for _, id := range ids {
		r, err := road(id)
		if err != nil {
			return err
		}
		roads[id] = r
	}
	full := func(id string) leg { r := roads[id]; return leg{r, 0, r.LengthM} }
	south := roads["a16-south"]
	access := roads["coquelles-access"]
	j42, _ := south.Locate(access.Points[0])
	m.paths.approach[ViaPort][0] = newPath("port-from-south", full("a16-south"), full("rocade"))
	m.paths.approach[ViaPort][1] = newPath("port-from-east", full("a16-east"), full("rocade"))
	m.paths.approach[ViaTunnel][0] = newPath("tunnel-from-south", leg{south, 0, j42}, full("coquelles-access"))
	m.paths.approach[ViaTunnel][1] = newPath("tunnel-from-east", full("a16-east"), leg{south, south.LengthM, j42}, full("coquelles-access"))
	m.paths.crossing[ViaPort] = newPath("ferry", full("ferry-route"))
	m.paths.crossing[ViaTunnel] = newPath("tunnel", full("tunnel"))
	m.paths.toLondon[ViaPort] = newPath("dover-london", full("dover-a20"), full("m20-london"))
	m.paths.toLondon[ViaTunnel] = newPath("folkestone-london", full("folkestone-m20"), full("m20-london"))
	return nil
}
