package camp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"channelsim/agents"
	"channelsim/agents/freight"
	"channelsim/engine"
	"channelsim/scanner"
)

// Model is the camp submodel: the Calais camp, the nightly attempts to
// board UK-bound lorries, the stowaways' fate at the controls and in the
// UK, the drivers' penalties and the harm people suffer.
//
// Scheduling: a daily event at noon brings arrivals and departures; an
// evening event at 21:00 French time sends groups out; each group acts at
// its spot by events of its own until it gets on a lorry, is stopped, or
// dawn (06:00) sends it back. A stowaway's fate is decided by the lorry's
// own events (gate, search, boarding, arrival, stop in the UK).
type Model struct {
	env    *agents.Env
	k      *engine.Kernel
	cal    *engine.Calendar
	fr     Lorries
	refer  Referrer
	cfg    *Config
	r      *rand.Rand // camp dynamics and choices
	rBoard *rand.Rand // boarding attempts and what follows

	people   []Migrant        // the slab of people not in a terminal state, and free slots
	free     engine.FreeSlots // slots of people in a terminal state, for reuse
	created  uint64           // people ever created (the last one's ID)
	nextStow []int32          // next stowaway on the same lorry, or -1
	count    [NumMigrantStates]int
	inCamp   []int32 // indices of people in the camp (unordered)
	away     []int32 // indices of people in the other camps (unordered)
	campSlot []int32 // position of each person in inCamp or away, or -1

	info    *Info
	spots   []spotState
	groups  []group
	attract []float64 // scratch: each spot's attractiveness to a group
	weights []float64 // scratch: each spot's weight in the group's choice
	out     []int32   // scratch: the people a wave sends out

	boat    *boatChoice // the small boats as a way across (nil: none)
	barrier bool        // the rocade is barricaded
	drivers *freight.DriverPool
	stow    []int32   // first stowaway on each lorry (by slab index), or -1
	marks   []tryMark // each lorry's tries tonight (by slab index)
	night   int32     // the nights begun, for the marks

	st     campStats
	ncol   int       // daily columns: the fixed ones, then one per spot
	daily  []float64 // day d's values at daily[d*ncol:]
	natCum []float64
	cols   []string
}

type spotState struct {
	cfg                 *Spot
	place               freight.Place // where the spot's lorries are
	police              float64
	attempts, successes int // tonight
	totalAttempts       int64
	totalBoarded        int64
	fence, lighting     float64 // as built now (migrants.works)
	aware               float64 // the share of the camp that knows the spot (migrants.knowledge)
	found               int     // the day half the camp knew it (-1: known from the start or not yet)
	price               float64 // what smugglers ask now (0: a free spot)
	tries, lorries      int     // tonight: groups' tries of a lorry, and the lorries tried
}

// known reports whether most of the camp knows the spot: the camp's own
// decisions (how many go out, the police's deployment, prices) weigh the
// spots most people know.
func (sp *spotState) known() bool { return sp.aware >= 0.5 }

// tryMark is a lorry's tries tonight: its ID (slots are reused), the
// night, the spot of its last try, the tries and how many it can take.
type tryMark struct {
	id       uint64
	night    int32
	spot     int16
	n, limit uint8
}

type group struct {
	members []int32
	spot    int
	out     bool
}

type campStats struct {
	campStart, arrived, left       int64
	attempts, boarded, intercepted int64
	detectedControls, foundFrench  int64
	foundDriver                    int64
	triedOut                       int64 // lorries tried by tries_per_lorry_night groups in a night
	detectedArrival, clandestineUK int64
	clandestineUnsearched          int64
	inCountry, inCountryOther      int64
	disappeared, injured           int64
	paymentsGBP                    float64
	hoursConcealed                 float64
	stowawaysEnded                 int64
	maxCO2, doseTotal, doseMax     float64
	byPlace                        [scanner.NumPlaces]int64
	otherCarry                     float64
	foundToday                     int64   // in-country encounters via Calais since the day began
	byDrop                         []int64 // in-country encounters via Calais by lorry_drops place
	transferred, gaveUp            int64
	movedAway, movedBack           int64
	roadblockNights                int64
	priceMax                       float64
}

// The camp's daily columns: these, then the boarding attempts at each spot.
const (
	cdCamp = iota
	cdAttempts
	cdInCountry
	cdAway
	cdMovedAway
	cdMovedBack
	cdTransferred
	cdGaveUp
	cdSpotsKnown
	cdPrice
	cdRoadblock
	campDaily
)

// The camp's daily columns; detections at the controls are freight's
// "detections" column (the same people, counted once).
var campColumns = [campDaily]string{"migrants_in_camp", "boarding_attempts", "in_country_encounters",
	"migrants_in_other_camps", "moved_to_other_camps", "moved_back_from_other_camps",
	"transferred_to_centres", "gave_up", "spots_known", "smugglers_price_gbp", "roadblock"}

// Referrer takes people found in the UK into the asylum and removals
// system (the removals submodel).
type Referrer interface{ Refer(n int) }

// Lorries is what the camp needs of the traffic: the UK-bound lorries at
// each place where people can try (Count, At), the lorries themselves,
// and the levers people pull on the traffic — reaching the tracks (Stop)
// and barricading a road (Block, Unblock). The freight submodel
// implements it; the camp never sees its queues or booths.
type Lorries interface {
	Count(p freight.Place) int
	At(p freight.Place, k int) int32
	RestPlace(name string) (int, bool)
	Lorry(i int32) *freight.Lorry
	Live(i int32) bool
	Slots() int
	Stop(r freight.Route)
	Block(r freight.Route)
	Unblock(r freight.Route)
	Drivers() *freight.DriverPool
	Watch(w freight.Watcher)
}

// spotKinds are the kinds of spot (migrants.spots' kind) and where their
// lorries are.
var spotKinds = map[string]freight.Where{"terminal": freight.InLanes, "queue": freight.InQueue,
	"traffic": freight.OnRoad, "park": freight.AtRest}

// New builds the camp submodel on the lorries it watches, and schedules
// its first events. ref takes people found in the UK (nil: nobody).
func New(env *agents.Env, cfg *Config, fr Lorries, ref Referrer) (*Model, error) {
	c := &Model{env: env, k: env.K, cal: env.Cal, fr: fr, refer: ref, cfg: cfg, drivers: fr.Drivers(),
		r: env.Streams.New("migrants"), rBoard: env.Streams.New("boarding")}
	if c.drivers == nil {
		return nil, fmt.Errorf("migrants: the freight submodel was built without drivers")
	}
	c.info = NewInfo(len(cfg.Spots), infoPrior, cfg.InfoMemory)
	c.st.byDrop = make([]int64, len(cfg.Drops))
	for i := range cfg.Spots {
		sp := &cfg.Spots[i]
		where, ok := spotKinds[sp.Kind]
		if !ok {
			return nil, fmt.Errorf("migrants.spots[%d].kind: unknown kind %q", i, sp.Kind)
		}
		place := freight.Place{Where: where, Route: freight.RouteOf(sp.Site)}
		if where == freight.AtRest {
			name := sp.Place
			if name == "" {
				name = freight.LorryParkName
			}
			if place.Rest, ok = fr.RestPlace(name); !ok {
				return nil, fmt.Errorf("migrants.spots[%d].place: no lorry park or rest area %q (freight.rest_areas)", i, name)
			}
		}
		aware := 1.0
		if sp.Unknown {
			aware = cfg.Knowledge.InitialShare
		}
		c.spots = append(c.spots, spotState{cfg: sp, place: place, police: sp.Police,
			aware: aware, found: -1, price: sp.PriceGBP, fence: sp.Fence, lighting: sp.Lighting})
	}
	var tot float64
	for _, s := range cfg.Nationality {
		tot += s
		c.natCum = append(c.natCum, tot)
	}
	for i := range c.natCum {
		c.natCum[i] /= math.Max(tot, 1e-300)
	}
	c.cols = append(c.cols, campColumns[:]...)
	for _, sp := range cfg.Spots {
		c.cols = append(c.cols, "attempts_"+sp.Name)
	}
	c.ncol = len(c.cols)
	c.daily = make([]float64, env.Days*c.ncol)
	for i := 0; i < cfg.InitialCamp; i++ {
		c.newMigrant(0)
	}
	if cfg.Elsewhere.Enabled {
		for i := 0; i < cfg.Elsewhere.Initial; i++ {
			c.toOtherCamps(c.newMigrant(0))
		}
	}
	c.st.campStart = int64(c.count[InCamp])
	c.st.arrived = 0
	for _, p := range cfg.Police {
		c.onDate(p.From, policeStep{c, p})
	}
	for _, w := range cfg.Works {
		c.onDate(w.From, works{c, w})
	}
	first := c.cal.DayDate(0)
	c.k.At(c.cal.Local(first, dayAt), freight.PrioControl, campDay{c}, 0)
	c.k.At(c.cal.Local(first, eveningAt), freight.PrioControl, campNight{c}, 0)
	fr.Watch(c)
	return c, nil
}

// onDate runs h at the start of date d: at once when d is before the run
// (a change already in place), never when it is after its end.
func (c *Model) onDate(d engine.Date, h engine.Handler) {
	switch t := c.cal.Local(d, 0); {
	case t < 0:
		h.Handle(0)
	case t < c.env.Horizon:
		c.k.At(t, freight.PrioControl, h, 0)
	}
}

// The camp's daily rhythm, French local time (EST: the evening wave after
// dark in summer, people back by dawn; night attempts, domain-facts §3b).
const (
	dayAt      = 12 * 60 // the daily count, arrivals and departures
	eveningAt  = 21 * 60 // the evening wave goes out
	midnightAt = 1 * 60  // the second wave (four hours after the first)
	dawnAt     = 6 * 60  // groups still out go back
)

// infoPrior is the camp's prior belief in each spot's success before any
// news (EST).
const infoPrior = 0.3

func (c *Model) newMigrant(now float64) int32 {
	nat := 0
	u := c.r.Float64()
	for nat < len(c.natCum)-1 && u >= c.natCum[nat] {
		nat++
	}
	money := c.cfg.MoneyMinGBP + c.r.Float64()*(c.cfg.MoneyMaxGBP-c.cfg.MoneyMinGBP)
	i := engine.Take(&c.people, &c.free)
	c.created++
	c.people[i] = Migrant{ID: c.created, Nationality: uint8(nat), Group: -1,
		MoneyGBP: money, State: InCamp, Lorry: -1, ArrivedMin: now}
	if int(i) == len(c.nextStow) {
		c.nextStow = append(c.nextStow, -1)
		c.campSlot = append(c.campSlot, -1)
	}
	c.count[InCamp]++
	c.addCamp(i)
	c.st.arrived++
	return i
}

func (c *Model) addCamp(i int32) {
	c.campSlot[i] = int32(len(c.inCamp))
	c.inCamp = append(c.inCamp, i)
}

// removeFrom removes person i from list xs (inCamp or away), where
// campSlot holds each person's position.
func (c *Model) removeFrom(xs []int32, i int32) []int32 {
	k := c.campSlot[i]
	last := xs[len(xs)-1]
	xs[k] = last
	c.campSlot[last] = k
	c.campSlot[i] = -1
	return xs[:len(xs)-1]
}

// set moves person i to state s, keeping the counts and the lists of those
// in the camp and in the other camps. A person who reaches a terminal
// state gives their slot back.
func (c *Model) set(i int32, s MigrantState) {
	p := &c.people[i]
	if p.State == s {
		return
	}
	switch p.State {
	case InCamp:
		c.inCamp = c.removeFrom(c.inCamp, i)
	case InOtherCamp:
		c.away = c.removeFrom(c.away, i)
	}
	c.count[p.State]--
	c.count[s]++
	p.State = s
	switch s {
	case InCamp:
		c.addCamp(i)
	case InOtherCamp:
		c.campSlot[i] = int32(len(c.away))
		c.away = append(c.away, i)
	}
	if s.Terminal() {
		c.free.Put(i)
	}
}

// day returns today's row of the daily series.
func (c *Model) day() []float64 {
	d := c.env.Today() * c.ncol
	return c.daily[d : d+c.ncol]
}

// datedRate returns a dated rate's value on minute t (0 before its first
// date).
func datedRate(rates []DatedRate, cal *engine.Calendar, t float64) float64 {
	rate := 0.0
	for _, a := range rates {
		if cal.Local(a.From, 0) <= t {
			rate = a.PerDay
		}
	}
	return rate
}

// home is the state of person i at home: in the Calais camp or in the
// other camps.
func (c *Model) home(i int32) MigrantState {
	if c.people[i].Other {
		return InOtherCamp
	}
	return InCamp
}

// toOtherCamps makes the other camps person i's home, and puts them there.
func (c *Model) toOtherCamps(i int32) {
	c.people[i].Other = true
	c.set(i, InOtherCamp)
}

// CheckInvariants recounts the migrants' states: each person is in exactly
// one state, the counts (running totals for the terminal states, whose
// people's slots are reused) add up to everyone ever created, a slot is
// free exactly when its person reached a terminal state, the lists of the
// camp and the other camps hold exactly those in them, and each stowaway is
// on a live lorry whose hidden count includes them.
func (c *Model) CheckInvariants() error {
	free := make([]bool, len(c.people))
	for _, i := range c.free.Slots() {
		if free[i] {
			return fmt.Errorf("slot %d is free twice", i)
		}
		free[i] = true
		if p := &c.people[i]; !p.State.Terminal() || c.campSlot[i] >= 0 || c.nextStow[i] >= 0 {
			return fmt.Errorf("slot %d is free but migrant %d is %s (camp list %d, next stowaway %d)", i, p.ID, p.State, c.campSlot[i], c.nextStow[i])
		}
	}
	var recount [NumMigrantStates]int
	for i := range c.people {
		if free[i] {
			continue
		}
		s := c.people[i].State
		if s.Terminal() {
			return fmt.Errorf("migrant %d is %s but their slot %d is not free", c.people[i].ID, s, i)
		}
		recount[s]++
	}
	total, live := 0, 0
	for s, n := range c.count {
		total += n
		if !MigrantState(s).Terminal() {
			live += n
			if recount[s] != n {
				return fmt.Errorf("migrant state counts %v, recount %v", c.count, recount)
			}
		}
	}
	if uint64(total) != c.created {
		return fmt.Errorf("%d migrants counted in states, %d created", total, c.created)
	}
	if live+c.free.Len() != len(c.people) || live != c.free.Used() {
		return fmt.Errorf("%d migrants live, %d slots in use and %d free, %d slots", live, c.free.Used(), c.free.Len(), len(c.people))
	}
	if err := c.free.CheckOrder(free, "migrant", func(i int32) int64 { return int64(c.people[i].ID) }); err != nil {
		return err
	}
	if len(c.inCamp) != c.count[InCamp] {
		return fmt.Errorf("%d in the camp list, %d in the camp state", len(c.inCamp), c.count[InCamp])
	}
	if len(c.away) != c.count[InOtherCamp] {
		return fmt.Errorf("%d in the other camps' list, %d in that state", len(c.away), c.count[InOtherCamp])
	}
	hidden := 0
	for li := range int32(c.fr.Slots()) {
		if !c.fr.Live(li) {
			if c.head(li) >= 0 {
				return fmt.Errorf("lorry %d has left the map with people on board", li)
			}
			continue
		}
		l := c.fr.Lorry(li)
		var n [scanner.NumPlaces]int
		for i := c.head(li); i >= 0; i = c.nextStow[i] {
			p := &c.people[i]
			if p.Lorry != int32(li) || (p.State != Hidden && p.State != CrossingUK) {
				return fmt.Errorf("migrant %d on lorry %d's list is %s on lorry %d", p.ID, li, p.State, p.Lorry)
			}
			n[p.Place]++
			hidden++
		}
		if n != l.Vehicle.People {
			return fmt.Errorf("lorry %d lists %v stowaways by place but carries %v", li, n, l.Vehicle.People)
		}
		if h := l.Vehicle.Hidden(); h > c.cfg.TrailerCapacity {
			return fmt.Errorf("lorry %d carries %d stowaways, more than a trailer holds (%d)", li, h, c.cfg.TrailerCapacity)
		}
	}
	if err := c.checkSpots(); err != nil {
		return err
	}
	if hidden != c.count[Hidden]+c.count[CrossingUK] {
		return fmt.Errorf("%d stowaways on lorries, %d hidden or crossing", hidden, c.count[Hidden]+c.count[CrossingUK])
	}
	return nil
}

// checkSpots checks that no spot had more tries tonight than its lorries
// allow (tries_per_lorry_night each), nor more attempts than those tries
// could carry people (a group larger than a trailer holds does not try).
func (c *Model) checkSpots() error {
	for k := range c.spots {
		sp := &c.spots[k]
		if sp.tries > int(math.Ceil(c.cfg.TriesPerLorry))*sp.lorries {
			return fmt.Errorf("spot %s: %d tries tonight on %d lorries, more than %g a lorry", sp.cfg.Name, sp.tries, sp.lorries, c.cfg.TriesPerLorry)
		}
		if sp.attempts > sp.tries*c.cfg.TrailerCapacity {
			return fmt.Errorf("spot %s: %d attempts tonight in %d tries of groups of at most %d", sp.cfg.Name, sp.attempts, sp.tries, c.cfg.TrailerCapacity)
		}
	}
	return nil
}

// Counts returns the number of migrants in each state.
func (c *Model) Counts() [NumMigrantStates]int { return c.count }

// Slots returns the size of the slab of people and how many of its slots
// are free: the slab grows to the most people ever in the border system at
// once, not to everyone ever created.
func (c *Model) Slots() (slots, free int) { return len(c.people), c.free.Len() }

// MaxDoseUSv returns the largest radiation dose any one person received
// from scans so far.
func (c *Model) MaxDoseUSv() float64 { return c.st.doseMax }

// head returns the first stowaway on lorry li, or −1.
func (c *Model) head(li int32) int32 {
	if int(li) >= len(c.stow) {
		return -1
	}
	return c.stow[li]
}

// Summary returns the camp's summary keys, in order.
func (c *Model) Summary() []agents.Entry {
	st := &c.st
	attemptsPer := 0.0
	if c.created > 0 {
		// Every attempt is one person's: st.attempts is the sum of
		// everyone's Attempts, those whose slots were reused included.
		attemptsPer = float64(st.attempts) / float64(c.created)
	}
	hours := 0.0
	if st.stowawaysEnded > 0 {
		hours = st.hoursConcealed / float64(st.stowawaysEnded)
	}
	byPlace := map[string]int64{}
	for p := scanner.Place(0); p < scanner.NumPlaces; p++ {
		byPlace[p.String()] = st.byPlace[p]
	}
	attBySpot, boardBySpot := map[string]int64{}, map[string]int64{}
	found := map[string]int64{}
	for _, sp := range c.spots {
		attBySpot[sp.cfg.Name] += sp.totalAttempts
		boardBySpot[sp.cfg.Name] += sp.totalBoarded
		if sp.found >= 0 {
			found[sp.cfg.Name] = int64(sp.found)
		}
	}
	return append([]agents.Entry{
		{Key: "migrants_in_camp_start", Value: st.campStart},
		{Key: "migrants_in_camp_end", Value: int64(c.count[InCamp] + c.count[OutTonight])},
		{Key: "migrants_arrived", Value: st.arrived},
		{Key: "migrants_left_camp", Value: st.left},
		{Key: "migrants_transferred_to_centres", Value: st.transferred},
		{Key: "migrants_gave_up", Value: st.gaveUp},
		{Key: "moved_to_other_camps", Value: st.movedAway},
		{Key: "moved_back_from_other_camps", Value: st.movedBack},
		{Key: "migrants_in_other_camps_end", Value: int64(c.count[InOtherCamp])},
		{Key: "spots_found_day", Value: found},
		{Key: "roadblock_nights", Value: st.roadblockNights},
		{Key: "smugglers_price_max_gbp", Value: st.priceMax},
		{Key: "boarding_attempts", Value: st.attempts},
		{Key: "boarding_attempts_by_spot", Value: attBySpot},
		{Key: "intercepted_at_spots", Value: st.intercepted},
		{Key: "lorries_tried_to_the_limit", Value: st.triedOut},
		{Key: "stowaways_boarded", Value: st.boarded},
		{Key: "stowaways_by_place", Value: byPlace},
		{Key: "stowaways_by_spot", Value: boardBySpot},
		{Key: "stowaways_found_french_police", Value: st.foundFrench},
		{Key: "stowaways_found_by_drivers", Value: st.foundDriver},
		{Key: "stowaways_detected_controls", Value: st.detectedControls},
		{Key: "stowaways_detected_uk_arrival", Value: st.detectedArrival},
		{Key: "clandestine_arrivals_uk", Value: st.clandestineUK},
		{Key: "clandestine_arrivals_unsearched", Value: st.clandestineUnsearched},
		{Key: "in_country_encounters", Value: st.inCountry + st.inCountryOther},
		{Key: "in_country_encounters_via_calais", Value: st.inCountry},
		{Key: "in_country_encounters_other_routes", Value: st.inCountryOther},
		{Key: "in_country_encounters_by_place", Value: c.dropCounts()},
		{Key: "disappeared_in_uk", Value: st.disappeared},
		{Key: "attempts_per_person_mean", Value: attemptsPer},
		{Key: "civil_penalties_gbp", Value: c.drivers.PenaltiesGBP()},
		{Key: "complicit_payments_gbp", Value: st.paymentsGBP},
		{Key: "hours_concealed_mean", Value: hours},
		{Key: "stowaway_co2_max_ppm", Value: st.maxCO2},
		{Key: "boarding_injuries", Value: st.injured},
	}, c.boatSummary()...)
}

// DailyColumns names the camp's daily series: the fixed columns, then the
// boarding attempts at each spot ("attempts_" and the spot's name).
func (c *Model) DailyColumns() []string { return c.cols }

// Daily returns day d's values, one per column.
func (c *Model) Daily(d int) []float64 {
	r := append([]float64(nil), c.daily[d*c.ncol:(d+1)*c.ncol]...)
	if d == c.env.Today() && c.k.Now() < c.cal.Local(c.cal.DayDate(d), dayAt) {
		// Before the day's noon count, the camp as it is now.
		r[cdCamp] = float64(c.count[InCamp])
		r[cdAway] = float64(c.count[InOtherCamp])
		r[cdSpotsKnown] = float64(c.knownSpots())
		if r[cdPrice] == 0 {
			r[cdPrice] = c.meanPrice() // before dawn's new price
		}
	}
	return r
}

// Views appends the people of the camp to dst: in the camp (Place "camp")
// or out at their boarding spot tonight (Place the spot's name), ranked by
// their number. People hidden on lorries are drawn as their lorry's
// FlagPeople; those who have left are not drawn. Views come in the order
// of the people's IDs, whatever slots they hold.
func (c *Model) Views(dst []agents.View, now float64) []agents.View {
	for i := c.free.Oldest(); i >= 0; i = c.free.After(i) {
		p := &c.people[i]
		v := agents.View{Kind: agents.KindMigrant, ID: p.ID, State: p.State.String(), Index: int32(i), Rank: int(p.ID - 1)}
		switch p.State {
		case InCamp, Returning:
			v.Place = "camp"
		case OutTonight:
			v.Place = "beach" // waiting for the boats
			if p.Spot >= 0 {
				v.Place = c.spots[p.Spot].cfg.Name
			}
		default:
			continue
		}
		dst = append(dst, v)
	}
	return dst
}

// dropCounts returns the in-country encounters via Calais by the place the
// people left their lorry (empty without lorry_drops).
func (c *Model) dropCounts() map[string]int64 {
	out := map[string]int64{}
	for k, d := range c.cfg.Drops {
		out[d.Name] = c.st.byDrop[k]
	}
	return out
}
