// Package boats is the small-boat crossing of the Channel after 2018: the
// smugglers with their boats and engines, the launch points on the French
// coast, the French police and gendarmes on the beaches, the crossing with
// its dangers, and the UK's Border Force, which meets the boats in English
// waters and brings their people to Dover.
//
// The people in the boats belong to the camp (package camp): it decides
// who goes to the beach on a night, and the boats tell it, through the
// small Passengers interface, what became of them. The weather is the
// run's (Sea), the same for every route.
//
// Scheduling: a daily event at noon brings the week's supply; the camp
// hands the night's people to Launch before dawn; each boat that leaves
// has its own event, at its landing or its distress.
package boats

import (
	"fmt"
	"math"
	"math/rand/v2"

	"channelsim/agents"
	"channelsim/engine"
)

// Sea is the weather the boats need: the significant wave height on each
// day of the run (package world/weather).
type Sea interface {
	WaveM(day int) float64
}

// Passengers is told what became of the people the camp put in the boats
// (their indices in the camp's slab, opaque here). Each person is told
// exactly one outcome for each Launch they were in.
type Passengers interface {
	NoBoat(people []int32)    // no boat for them tonight: back to the camp
	Prevented(people []int32) // stopped on the beach by French police
	AtSea(people []int32)     // their boat has left
	Rescued(people []int32)   // their boat got into distress; brought back to France
	Died(people []int32)      // died at sea
	Landed(people []int32)    // brought to Dover by Border Force
}

// BoatState is where a boat is. Every boat supplied to the smugglers is
// in exactly one state.
type BoatState uint8

// Boat states.
const (
	InStock BoatState = iota // with the smugglers on the coast
	AtSea                    // crossing
	Arrived                  // reached English waters; its people landed at Dover
	Lost                     // in distress at sea; its people rescued by France or dead
	Seized                   // taken or destroyed on the beach by French police
	NumBoatStates
)

var boatStateNames = [NumBoatStates]string{"in_stock", "at_sea", "arrived", "lost", "seized"}

// String returns the state's snake_case name.
func (s BoatState) String() string {
	if s < NumBoatStates {
		return boatStateNames[s]
	}
	return "unknown"
}

// Model is the small-boat submodel.
type Model struct {
	env *agents.Env
	k   *engine.Kernel
	cal *engine.Calendar
	cfg *Config
	sea Sea
	pax Passengers
	r   *rand.Rand

	count    [NumBoatStates]int64 // boats by state (InStock and AtSea: now; the others: running totals)
	created  uint64               // boats ever supplied
	departed uint64               // boats ever set out (the last one's ID)
	atSea    []boat               // boats at sea, by slot
	free     engine.FreeSlots

	patrolFactor, supplyFactor float64 // the live levers (boats.patrol_factor, supply_factor)
	from                       starts  // the minute each dated input takes effect

	w, p  []float64 // scratch: the launch points' weights and chances of prevention tonight
	st    stats
	daily []float64 // day d's values at daily[d*numDaily:]
}

type boat struct {
	ID        uint64
	people    []int32
	launch    int
	leftMin   float64
	arriveMin float64
}

type stats struct {
	launches, prevented, peoplePrevented int64
	arrivedPeople, rescued, died, noBoat int64
	boatsArrived                         int64
	calmNights                           int64
}

// The daily columns.
const (
	dArrivals = iota
	dBoatsArrived
	dLaunches
	dPrevented
	dPeoplePrevented
	dDeaths
	dRescued
	dStock
	dWave
	dCalm
	dPatrols
	dPrice
	numDaily
)

var dailyColumns = [numDaily]string{"small_boat_arrivals", "small_boats_arrived", "small_boat_launches",
	"small_boat_launches_prevented", "small_boat_people_prevented", "small_boat_deaths",
	"small_boat_people_rescued", "boats_in_stock", "wave_height_m", "calm_night", "beach_patrols", "seat_price_gbp"}

// New builds the small-boat submodel and schedules its first events.
func New(env *agents.Env, cfg *Config, sea Sea, pax Passengers) (*Model, error) {
	if sea == nil || pax == nil {
		return nil, fmt.Errorf("boats: built without weather or passengers")
	}
	m := &Model{env: env, k: env.K, cal: env.Cal, cfg: cfg, sea: sea, pax: pax, r: env.Streams.New("boats"),
		w: make([]float64, len(cfg.Launches)), p: make([]float64, len(cfg.Launches)),
		patrolFactor: cfg.PatrolFactor, supplyFactor: cfg.SupplyFactor}
	m.from = starts{
		supply:   m.minutes(len(cfg.Supply), func(i int) engine.Date { return cfg.Supply[i].From }),
		officers: m.minutes(len(cfg.Patrols), func(i int) engine.Date { return cfg.Patrols[i].From }),
		taxi:     m.minutes(len(cfg.Taxi), func(i int) engine.Date { return cfg.Taxi[i].From }),
		price:    m.minutes(len(cfg.Price), func(i int) engine.Date { return cfg.Price[i].From }),
		seats:    m.minutes(len(cfg.Seats), func(i int) engine.Date { return cfg.Seats[i].From }),
		launch:   m.minutes(len(cfg.Launches), func(i int) engine.Date { return cfg.Launches[i].From }),
	}
	m.daily = make([]float64, env.Days*numDaily)
	m.supply(cfg.InitialBoats)
	m.k.At(m.cal.Local(m.cal.DayDate(0), noon), agents.PrioControl, daily{m}, 0)
	return m, nil
}

const noon = 12 * 60

func (m *Model) supply(n int) {
	m.count[InStock] += int64(n)
	m.created += uint64(n)
}

// daily brings the day's supply and records the day.
type daily struct{ m *Model }

func (e daily) Handle(int64) {
	m := e.m
	now := m.k.Now()
	dt := m.dated(now)
	n := engine.Poisson(m.r, dt.supply/7)
	if w := m.cfg.StockWeeks; w > 0 {
		// Boats beyond the smugglers' holding on the coast are not brought.
		n = max(0, min(n, int(w*dt.supply)-int(m.count[InStock])))
	}
	m.supply(n)
	m.levels(m.day(), now)
	m.k.At(m.cal.NextLocal(now, noon), agents.PrioControl, e, 0)
}

// starts are the simulated minutes at which each entry of the dated
// inputs takes effect (00:00 French time on its date), resolved once: the
// camp asks for the price and whether boats are offered for every group.
type starts struct{ supply, officers, taxi, price, seats, launch []float64 }

// minutes resolves n dates to the minutes they begin.
func (m *Model) minutes(n int, date func(i int) engine.Date) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = m.cal.Local(date(i), 0)
	}
	return out
}

// inForce returns the last entry (in the scenario's order) in force at
// minute t, or −1 before the first.
func inForce(starts []float64, t float64) int {
	k := -1
	for i, s := range starts {
		if s <= t {
			k = i
		}
	}
	return k
}

// datedNow is what holds at a minute of the dated inputs, the levers
// applied.
type datedNow struct {
	supply, officers, taxi, price float64
	seats                         int
}

func (m *Model) dated(t float64) datedNow {
	d := datedNow{seats: 1}
	if k := inForce(m.from.supply, t); k >= 0 {
		d.supply = m.cfg.Supply[k].PerWeek * m.supplyFactor
	}
	if k := inForce(m.from.officers, t); k >= 0 {
		d.officers = m.cfg.Patrols[k].Officers * m.patrolFactor
	}
	if k := inForce(m.from.taxi, t); k >= 0 {
		d.taxi = m.cfg.Taxi[k].Share
	}
	if k := inForce(m.from.price, t); k >= 0 {
		d.price = m.cfg.Price[k].GBP
	}
	if k := inForce(m.from.seats, t); k >= 0 {
		d.seats = m.cfg.Seats[k].People
	}
	return d
}

// inUse reports whether launch point j is in use at minute t.
func (m *Model) inUse(j int, t float64) bool { return m.from.launch[j] <= t }

// PatrolFactor returns the beach patrols' factor on their dated numbers
// now (a live lever).
func (m *Model) PatrolFactor() float64 { return m.patrolFactor }

// SetPatrolFactor sets the beach patrols to f times their dated numbers
// from now on (f at least 0).
func (m *Model) SetPatrolFactor(f float64) { m.patrolFactor = math.Max(0, f) }

// SupplyFactor returns the boat supply's factor on its dated rate now.
func (m *Model) SupplyFactor() float64 { return m.supplyFactor }

// SetSupplyFactor sets the boats reaching the coast to f times their
// dated rate from now on (f at least 0): disruption upstream.
func (m *Model) SetSupplyFactor(f float64) { m.supplyFactor = math.Max(0, f) }

// Patrols returns the police and gendarmes on the beaches now.
func (m *Model) Patrols() float64 { return m.dated(m.k.Now()).officers }

// WaveM returns the significant wave height of the next launch's day
// (tonight's sea, in the evening) and whether boats can go on it.
func (m *Model) WaveM() (float64, bool) {
	w := m.sea.WaveM(m.launchDay())
	return w, w <= m.cfg.MaxWaveM
}

// Price returns what a seat costs now.
func (m *Model) Price() float64 { return m.dated(m.k.Now()).price }

// Offered reports whether smugglers offer boats at all yet: some launch
// point is in use.
func (m *Model) Offered() bool {
	return inForce(m.from.launch, m.k.Now()) >= 0
}

// LaunchAt is when the night's boats leave, French time (EST: crossings
// start in the dark, to land in daylight).
const LaunchAt = 3 * 60

// LaunchAt returns when the night's boats leave (minutes after local
// midnight): the camp takes the night's people to them then.
func (m *Model) LaunchAt() int { return LaunchAt }

// launchDay is the day of the run of the next launch: the next 03:00 after
// now (in the evening, the next day's; in the small hours, today's).
func (m *Model) launchDay() int {
	return min(m.cal.Day(m.cal.NextLocal(m.k.Now(), LaunchAt)), m.env.Days-1)
}

// Open reports whether boats go at the next launch: the sea on its day
// calm enough and boats in stock. The smugglers know the forecast; the
// camp asks as its groups choose.
func (m *Model) Open() bool {
	return m.count[InStock] > 0 && m.sea.WaveM(m.launchDay()) <= m.cfg.MaxWaveM
}

// Launch puts the night's people (the camp's indices, in the order they
// reached the beach) into boats: as few boats as their number needs at
// the season's load, no more than the smugglers hold. Those for whom there
// is no boat go back. Each boat leaves from a launch point the smugglers
// choose where the patrols are thin; police there may stop it on the
// beach; else it sets out, and its own event lands or loses it.
func (m *Model) Launch(people []int32) {
	if len(people) == 0 {
		return
	}
	now := m.k.Now()
	d := m.dated(now)
	m.st.calmNights++
	nb := int(min(m.count[InStock], int64((len(people)+d.seats-1)/d.seats)))
	if nb == 0 {
		m.st.noBoat += int64(len(people))
		m.pax.NoBoat(people)
		return
	}
	if room := nb * d.seats; room < len(people) {
		m.st.noBoat += int64(len(people) - room)
		m.pax.NoBoat(people[room:])
		people = people[:room]
	}
	m.chances(now, d)
	row := m.day()
	for b := range nb {
		// Even loads: boat b takes its share of the people in turn.
		lo, hi := b*len(people)/nb, (b+1)*len(people)/nb
		group := people[lo:hi]
		j := m.choose()
		m.st.launches++
		row[dLaunches]++
		if m.r.Float64() < m.p[j] {
			m.st.prevented++
			m.st.peoplePrevented += int64(len(group))
			row[dPrevented]++
			row[dPeoplePrevented] += float64(len(group))
			if m.r.Float64() < m.cfg.Seize {
				m.count[InStock]--
				m.count[Seized]++
			}
			m.pax.Prevented(group)
			continue
		}
		m.setOut(group, j, now)
	}
	row[dStock] = float64(m.count[InStock])
}

// chances sets tonight's weights of the launch points in use (their
// weight where no police are, times the chance of getting past them) and
// each one's chance of a prevented launch: 1 − exp(−k·n), n the officers
// watching it, but for taxi boats, boarded in the water where French
// forces do not intervene.
func (m *Model) chances(now float64, d datedNow) {
	var patrol float64
	for j, l := range m.cfg.Launches {
		if m.inUse(j, now) {
			patrol += l.Patrol
		}
	}
	for j, l := range m.cfg.Launches {
		m.w[j], m.p[j] = 0, 0
		if !m.inUse(j, now) {
			continue
		}
		n := 0.0
		if patrol > 0 {
			n = d.officers * l.Patrol / patrol
		}
		m.p[j] = (1 - d.taxi) * (1 - math.Exp(-m.cfg.Prevent*n))
		m.w[j] = l.Weight * (1 - m.p[j])
	}
}

// choose draws a launch point by tonight's weights; if none has weight
// (every point fully watched), the first point in use.
func (m *Model) choose() int {
	var total float64
	for _, w := range m.w {
		total += w
	}
	u := m.r.Float64() * total
	for j, w := range m.w {
		if w > 0 && u < w {
			return j
		}
		u -= w
	}
	now := m.k.Now()
	for j := range m.cfg.Launches {
		if m.inUse(j, now) {
			return j
		}
	}
	return 0
}

// setOut sends a boat with group from launch point j: it crosses at the
// boat's speed, and may get into distress on the way.
func (m *Model) setOut(group []int32, j int, now float64) {
	m.count[InStock]--
	m.count[AtSea]++
	i := engine.Take(&m.atSea, &m.free)
	m.departed++
	b := &m.atSea[i]
	hours := m.cfg.Launches[j].DistanceKm / (m.cfg.SpeedKnots * knotKmh)
	*b = boat{ID: m.departed, people: append(b.people[:0], group...), launch: j, leftMin: now, arriveMin: now + hours*60}
	m.pax.AtSea(group)
	if m.r.Float64() < m.cfg.Distress {
		m.k.At(now+m.r.Float64()*hours*60, agents.PrioLorry, distress{m}, int64(i))
		return
	}
	m.k.At(b.arriveMin, agents.PrioLorry, landing{m}, int64(i))
}

const knotKmh = 1.852

// landing: Border Force meets the boat in English waters and lands its
// people at Dover.
type landing struct{ m *Model }

func (e landing) Handle(arg int64) {
	m := e.m
	b := &m.atSea[arg]
	n := len(b.people)
	m.st.arrivedPeople += int64(n)
	m.st.boatsArrived++
	row := m.day()
	row[dArrivals] += float64(n)
	row[dBoatsArrived]++
	m.finish(int32(arg), Arrived)
	m.pax.Landed(b.people)
}

// distress: the boat fails at sea. French vessels rescue its people and
// bring them back to France, but for those who die.
type distress struct{ m *Model }

func (e distress) Handle(arg int64) {
	m := e.m
	b := &m.atSea[arg]
	dead := 0
	for range b.people {
		if m.r.Float64() < m.cfg.Fatality {
			dead++
		}
	}
	m.st.died += int64(dead)
	m.st.rescued += int64(len(b.people) - dead)
	row := m.day()
	row[dDeaths] += float64(dead)
	row[dRescued] += float64(len(b.people) - dead)
	m.finish(int32(arg), Lost)
	if dead > 0 {
		m.pax.Died(b.people[:dead])
	}
	if dead < len(b.people) {
		m.pax.Rescued(b.people[dead:])
	}
}

// finish ends boat i's crossing in state s and frees its slot (its people
// list stays readable until the slot is taken again).
func (m *Model) finish(i int32, s BoatState) {
	m.count[AtSea]--
	m.count[s]++
	m.free.Put(i)
}

// day returns today's row of the daily series.
func (m *Model) day() []float64 {
	d := m.env.Today() * numDaily
	return m.daily[d : d+numDaily]
}

// Counts returns the boats in each state: in stock and at sea now, and
// the running totals of the others.
func (m *Model) Counts() [NumBoatStates]int64 { return m.count }

// CheckInvariants checks that no boat was created or lost: the boats in
// each state add up to the boats ever supplied, and the slots of the boats
// at sea are exactly those in use.
func (m *Model) CheckInvariants() error {
	var total int64
	for s, n := range m.count {
		if n < 0 {
			return fmt.Errorf("boats: %d in state %s", n, BoatState(s))
		}
		total += n
	}
	if uint64(total) != m.created {
		return fmt.Errorf("boats: %d counted in states, %d supplied", total, m.created)
	}
	if int64(m.free.Used()) != m.count[AtSea] {
		return fmt.Errorf("boats: %d at sea, %d slots in use", m.count[AtSea], m.free.Used())
	}
	var seats int
	for _, x := range m.cfg.Seats {
		seats = max(seats, x.People)
	}
	for i := m.free.Oldest(); i >= 0; i = m.free.After(i) {
		if n := len(m.atSea[i].people); n == 0 || n > seats {
			return fmt.Errorf("boats: boat %d at sea with %d people (at most %d)", m.atSea[i].ID, n, seats)
		}
	}
	return nil
}

// Summary returns the submodel's summary keys, in order.
func (m *Model) Summary() []agents.Entry {
	st := &m.st
	perBoat := 0.0
	if st.boatsArrived > 0 {
		perBoat = float64(st.arrivedPeople) / float64(st.boatsArrived)
	}
	return []agents.Entry{
		{Key: "small_boat_arrivals", Value: st.arrivedPeople},
		{Key: "small_boats_arrived", Value: st.boatsArrived},
		{Key: "small_boat_people_per_boat", Value: perBoat},
		{Key: "small_boat_launches", Value: st.launches},
		{Key: "small_boat_launches_prevented", Value: st.prevented},
		{Key: "small_boat_people_prevented", Value: st.peoplePrevented},
		{Key: "small_boat_deaths", Value: st.died},
		{Key: "small_boat_people_rescued", Value: st.rescued},
		{Key: "small_boat_no_boat", Value: st.noBoat},
		{Key: "small_boats_seized", Value: m.count[Seized]},
		{Key: "small_boat_launch_nights", Value: st.calmNights},
	}
}

// DailyColumns names the daily series.
func (m *Model) DailyColumns() []string { return dailyColumns[:] }

// Daily returns day d's values, one per column. Before the day's noon
// record, today's levels (stock, sea, patrols, price) are as they are now.
func (m *Model) Daily(d int) []float64 {
	r := append([]float64(nil), m.daily[d*numDaily:(d+1)*numDaily]...)
	if now := m.k.Now(); d == m.env.Today() && now < m.cal.Local(m.cal.DayDate(d), noon) {
		m.levels(r, now)
	}
	return r
}

// levels writes the day's levels into row r: the stock, the day's sea
// and whether boats can go on it, the patrols and the price at minute t.
func (m *Model) levels(r []float64, t float64) {
	dt := m.dated(t)
	r[dWave] = m.sea.WaveM(min(m.cal.Day(t), m.env.Days-1))
	r[dCalm] = 0
	if r[dWave] <= m.cfg.MaxWaveM {
		r[dCalm] = 1
	}
	r[dPatrols], r[dPrice], r[dStock] = dt.officers, dt.price, float64(m.count[InStock])
}

// Views appends the boats at sea to dst, on the map between their launch
// point and the landing when the map has both sites (else at Place
// "sea"), in the order they left.
func (m *Model) Views(dst []agents.View, now float64) []agents.View {
	land, okLand := m.env.World.Site(m.cfg.Landing)
	for i := m.free.Oldest(); i >= 0; i = m.free.After(i) {
		b := &m.atSea[i]
		v := agents.View{Kind: agents.KindBoat, ID: b.ID, State: AtSea.String(), Index: i, Rank: len(b.people),
			SinceMin: now - b.leftMin, Place: "sea"}
		if from, ok := m.env.World.Site(m.cfg.Launches[b.launch].Name); ok && okLand {
			f := math.Max(0, math.Min(1, (now-b.leftMin)/math.Max(1, b.arriveMin-b.leftMin)))
			v.OnMap = true
			v.Pos.X = from.Pos.X + f*(land.Pos.X-from.Pos.X)
			v.Pos.Y = from.Pos.Y + f*(land.Pos.Y-from.Pos.Y)
			v.Heading = math.Atan2(land.Pos.Y-from.Pos.Y, land.Pos.X-from.Pos.X)
		}
		dst = append(dst, v)
	}
	return dst
}
