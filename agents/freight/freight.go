// Package freight is the lorry traffic through the juxtaposed controls:
// lorries and their drivers on the approach roads and in the lorry parks,
// the two sites (Calais port and the Eurotunnel terminal at Coquelles) with
// their check-in, French and UK booths, the Border Force officers on their
// shifts and their searches, and the ferries and shuttles across.
//
// Where to look:
//   - lorry.go: a lorry, its states and routes; arrivals.go: when lorries
//     come and what they carry; driver.go: drivers' vigilance, complicity
//     and penalties;
//   - site.go: the gate, booths and lanes of a site; officers.go: shifts,
//     booths and search teams, closures;
//   - search.go: which lorries officers select and how a search runs, step
//     by step; surge.go: raised intensity after a shock;
//   - places.go: where UK-bound lorries are as people trying to board see
//     it (lanes, queue, road, rest places) and the rest areas on the way;
//   - vessel.go: ferries and shuttles; path.go: the roads lorries drive;
//   - stats.go: the freight metrics, summary keys and daily columns;
//     views.go: freight's part of a snapshot.
//
// Other submodels follow the lorries through the Watcher interface.
package freight

import (
	"fmt"
	"math/rand/v2"

	"channelsim/agents"
	"channelsim/engine"
	"channelsim/scanner"
	"channelsim/world"
)

// The event priorities of package agents, which every submodel
// schedules with, under the names freight's own code uses.
const (
	PrioControl = agents.PrioControl
	PrioDepart  = agents.PrioDepart
	PrioArrive  = agents.PrioArrive
	PrioService = agents.PrioService
	PrioLorry   = agents.PrioLorry
	PrioDaily   = agents.PrioDaily
)

// LorrySpacingM is the road length one queued lorry takes: a 16.5 m
// articulated lorry plus a gap (EU maximum length, Directive 96/53/EC; EST gap).
const LorrySpacingM = 18.0

// Config gathers the scenario's freight sections.
type Config struct {
	Traffic   *Traffic
	Port      *Port
	Tunnel    *Tunnel
	Officers  *Officers
	Screening *Screening
	Controls  *Controls
	Closures  []Closure
	Stack     *Stack
	// Drivers, when set, makes drivers respond to stowaways and civil
	// penalties (the camp submodel is on); nil leaves drivers inert.
	Drivers *Drivers
}

// Watcher follows UK-bound lorries as they move on: the camp submodel uses
// it to decide the fate of the people hidden on them (which lorries are
// where it asks of Count and At). Lorries are named by their index in the
// slab.
type Watcher interface {
	LeavingRest(i int32) // about to leave a lorry park or rest area (the driver may check the load)
	AtGate(i int32)      // admitted through the gate (French police and site security)
	// Searched: the UK controls searched the lorry; o says which hiding
	// places they found people at and the dose each place received.
	Searched(i int32, o *scanner.Outcome)
	Boarded(i int32)   // boarded a ferry or shuttle: the controls are passed
	ArrivedUK(i int32) // unloaded at Dover or Folkestone
	StoppedUK(i int32) // stopped in the UK, leaving the map
}

// Model is the freight submodel. It is not safe for concurrent use.
type Model struct {
	env *agents.Env
	K   *engine.Kernel
	Cal *engine.Calendar
	cfg Config

	rArrive   *rand.Rand // UK-bound arrival times
	rArriveFR *rand.Rand // France-bound arrival times
	rLorry    *rand.Rand // lorry attributes: a fixed number of draws a lorry
	rSvc      *rand.Rand // booth and check-in service times
	rSelect   *rand.Rand // selection for search
	rSearch   *rand.Rand // search outcomes
	rXray     *rand.Rand // X-ray and gamma scans

	lorries   []Lorry
	freeL     []int32
	nextID    uint64
	count     [NumLorryStates]int
	sites     [NumRoutes]*site
	ferries   []*vessel // the route's fleet; the first inService sail, the rest lie up
	inService int
	diverted  float64              // share of the port's lorries crossing by another port
	rDivert   *rand.Rand           // which of them
	rRest     *rand.Rand           // which rest area drivers stop at, and how long
	shuttles  []*vessel            // pool; live ones have live=true
	moving    [NumRoutes]placeList // lorries driving each site's approach road
	rest      []restPlace          // the lorry park near Calais, then the rest areas
	restMax   []float64            // the most lorries at each rest area, by day (days × areas)
	cols      []string             // the daily columns: dailyColumns, then one per rest area
	paths     paths
	drivers   *DriverPool // nil when drivers are inert

	search      searchRules
	surge       surgeState
	screenShare float64         // screening intensity (live lever)
	outcomes    []searchOutcome // each lorry's controls outcome, by slab index
	searched    scanner.Outcome // the outcome handed to the watcher, reused

	ukProfile, frProfile *Profile
	trailerCum           [scanner.NumTrailers]float64

	stack kentPolice

	timetableFrom    []float64               // minute each tunnel.timetable entry takes effect
	suspensions      [][2]float64            // minutes of tunnel.sales_suspended
	closures         [NumRoutes][][2]float64 // minutes of each site's closures
	rUnbooked        *rand.Rand              // which tunnel lorries are unbooked
	rBan             *rand.Rand              // which France-bound lorries are exempt from the weekend ban
	stats            stats
	watch            Watcher
	created, removed int64
}

// paths are the routes lorries and vessels follow, joined from the map's
// roads. approach[route][0] comes from the Boulogne side, [1] from Dunkirk.
type paths struct {
	approach [NumRoutes][2]*Path
	crossing [NumRoutes]*Path
	toLondon [NumRoutes]*Path
}

// New builds the freight submodel and schedules its first events. It
// returns an error if the map lacks a road the model needs.
func New(env *agents.Env, cfg Config) (*Model, error) {
	m := &Model{env: env, K: env.K, Cal: env.Cal, cfg: cfg}
	st := env.Streams
	m.rArrive = st.New("arrivals")
	m.rArriveFR = st.New("arrivals-france")
	m.rLorry = st.New("lorries")
	rDriver := st.New("drivers")
	m.rSvc = st.New("service")
	m.rSelect = st.New("selection")
	m.rSearch = st.New("search")
	m.rXray = st.New("xray")
	m.rDivert = st.New("diverted")
	m.rRest = st.New("rest-areas")
	m.rUnbooked = st.New("unbooked")
	m.rBan = st.New("weekend-ban")
	if cfg.Drivers != nil {
		m.drivers = newDriverPool(cfg.Drivers, rDriver)
	}

	if err := m.buildPaths(env.World); err != nil {
		return nil, err
	}
	if err := m.buildSearch(); err != nil {
		return nil, err
	}
	days := env.Days
	m.ukProfile = NewProfile(cfg.Traffic.UKBoundPerYear, cfg.Traffic, *m.Cal, days)
	m.frProfile = NewProfile(cfg.Traffic.FranceBoundPerYear, cfg.Traffic, *m.Cal, days)
	mix := cfg.Traffic.TrailerMix
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
	m.stats.init(env, days)
	m.initStack()
	m.buildSchedules()
	m.buildRestPlaces()
	m.buildSites()
	m.buildVessels()
	return m, nil
}

// Start schedules the freight's own recurring events: shifts, closures,
// arrivals and the end of each day. Call it once, after every submodel
// has been built, so that the order of simultaneous events is that of
// the submodels' construction.
func (m *Model) Start() {
	m.scheduleShifts()
	m.scheduleClosures()
	m.scheduleStack()
	m.scheduleWeekendBan()
	m.K.At(m.ukProfile.Next(m.Cal, 0, m.rArrive), PrioLorry, ukArrivals{m}, 0)
	m.K.At(m.frProfile.Next(m.Cal, 0, m.rArriveFR), PrioLorry, frArrivals{m}, 0)
}

// Watch sets the watcher of lorries' progress (nil for none).
func (m *Model) Watch(w Watcher) { m.watch = w }

// Drivers returns the drivers' pool, or nil when drivers are inert.
func (m *Model) Drivers() *DriverPool { return m.drivers }

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
	m.lorries[i] = Lorry{ID: m.nextID, State: s, live: true}
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

// Lorry returns lorry i of the slab.
func (m *Model) Lorry(i int32) *Lorry { return &m.lorries[i] }

// Slots returns the size of the lorry slab (live and recycled lorries).
func (m *Model) Slots() int { return len(m.lorries) }

// Live reports whether slab slot i holds a lorry on the map.
func (m *Model) Live(i int32) bool { return m.lorries[i].live }

// HeldLen returns the number of UK-bound lorries queued on site r's
// approach road.
func (m *Model) HeldLen(r Route) int { return m.sites[r].held.Len() }

// Held returns the k-th lorry from the front of site r's approach queue.
func (m *Model) Held(r Route, k int) int32 { return m.sites[r].held.Peek(k) }

// LanesLen returns the number of lorries in site r's embarkation lanes.
func (m *Model) LanesLen(r Route) int { return m.sites[r].embark.Len() }

// Lane returns the k-th lorry in site r's embarkation lanes.
func (m *Model) Lane(r Route, k int) int32 { return m.sites[r].embark.Peek(k) }

// Block closes site r's gate to arrivals (a barricade on its approach);
// Unblock reopens it. Blocks and closures add up.
func (m *Model) Block(r Route) { m.sites[r].closed++ }

// Unblock lifts one block of site r and admits the lorries held.
func (m *Model) Unblock(r Route) {
	s := m.sites[r]
	s.closed--
	s.admit()
}

// CheckInvariants recounts every lorry's state from scratch and compares
// with the running counts, and checks that nothing was created or lost:
// lorries live = created − removed, and each queue holds only lorries in
// the matching state. It returns the first violation found, or nil.
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
		for _, q := range []*engine.FIFO{&s.kent, &s.banned} {
			for k := 0; k < q.Len(); k++ {
				if st := m.lorries[q.Peek(k)].State; st != KentQueue {
					return fmt.Errorf("lorry in the %s Kent queue is %s", s.route, st)
				}
			}
		}
		n := s.checkin.Waiting() + s.french.Waiting() + s.uk.Waiting() + s.scan.Waiting() + s.search.Waiting()
		for _, q := range s.screen {
			if q != nil {
				n += q.Waiting()
			}
		}
		if n != s.waiting {
			return fmt.Errorf("%d lorries waiting in the %s queues, but the shared count says %d", n, s.route, s.waiting)
		}
		if w := s.search.Waiting(); w != 0 && m.lorries[s.search.At(0)].State != SearchQueue {
			return fmt.Errorf("lorry at the head of the %s search queue is %s", s.route, m.lorries[s.search.At(0)].State)
		}
	}
	return m.checkPlaces()
}

// buildPaths joins the map's roads into the routes lorries drive.
func (m *Model) buildPaths(w *world.World) error {
	ids := []string{"a16-south", "a16-east", "rocade", "coquelles-access", "ferry-route", "tunnel", "dover-a20", "folkestone-m20", "m20-london"}
	roads := map[string]*world.Road{}
	for _, id := range ids {
		r, ok := w.Road(id)
		if !ok {
			return fmt.Errorf("map has no road %q", id)
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

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mod is a floating-point modulus in [0, b).
func mod(a, b float64) float64 {
	r := a - b*float64(int(a/b))
	if r < 0 {
		r += b
	}
	return r
}

// horizon is the run's last minute.
func (m *Model) horizon() float64 { return m.env.Horizon }
