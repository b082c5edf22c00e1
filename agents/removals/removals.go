package removals

import (
	"fmt"
	"math"
	"math/rand/v2"

	"channelsim/agents"
	"channelsim/engine"
)

// CaseState is where a removal case is. Every case is in exactly one state.
type CaseState uint8

// Case states.
const (
	CasePreparing   CaseState = iota // documents and decisions before a plan
	CasePlanned                      // removal directions set, tickets booked
	CaseCharterWait                  // waiting for a seat on a charter
	CaseRemoved                      // removed
	CaseReleased                     // case ended without removal
	NumCaseStates
)

var caseStateNames = [NumCaseStates]string{"preparing", "planned", "charter_wait", "removed", "released"}

func (s CaseState) String() string { return caseStateNames[s] }

// Cancellation causes; escort shortage is emergent, the others drawn.
var causeNames = []string{"legal", "administrative", "documents", "disruptive", "medical", "flight", "escort_shortage"}

const causeEscort = 6

// removalCase is a person due for removal.
type removalCase struct {
	state      CaseState
	enforced   bool
	detained   bool
	centre     int8 // the removal centre holding the case, or -1
	region     int
	disruptive bool // a past plan was cancelled for disruption: escorted next time
	startMin   float64
	plan       int32 // current plan, or -1
	id         int32 // the case's number, in the order cases were opened
}

// Terminal reports whether s is a state that a case never leaves (removed,
// released): no event, plan or charter queue names such a case any more,
// and its slot is reused for a new case.
func (s CaseState) Terminal() bool { return s == CaseRemoved || s == CaseReleased }

// plan is one set of removal directions with its tickets.
type plan struct {
	cse       int32
	flightMin float64
	day       int32 // flight day index
	asked     int32 // the flight day the caseworkers asked for (escorted plans set again for the escorts' date keep it)
	escorted  bool
	tickets   []float64 // prices
	cancelled bool
	done      bool
	pending   uint8 // the plan's events not yet fired (cancellation, escort check, flight)
}

// Model is the UK removals submodel.
type Model struct {
	env *agents.Env
	k   *engine.Kernel
	cfg *Config
	r   *rand.Rand

	cases     []removalCase // the slab of open cases, and free slots
	freeCases engine.FreeSlots
	opened    int32  // cases ever opened (the next case's id)
	plans     []plan // the slab of plans live or with events pending, and free slots
	freePlans engine.FreeSlots
	escorts   []escort
	count     [NumCaseStates]int
	charter   [][]int32 // waiting cases by charter route (FIFO)
	booked    map[int64][2]int
	regCum    []float64

	st       remStats
	days     [][remDaily]float64
	airborne []flight // flights that took off in the last hour, climbing out
	beds     []int    // free beds by centre
}

// flight is a removal flight once it has taken off: a scheduled flight
// with a removal (and its escorts) aboard, or a charter.
type flight struct {
	t       float64 // take-off
	airport string
	charter bool
	id      uint64
}

type remStats struct {
	plans, cancelled, removed, escorted, charterRemoved, enforced int64
	charterFlights                                                int64
	byCause                                                       [7]int64
	issued, used, cancelledTickets                                int64
	spend, lossTrue, lossRecorded                                 float64
	escortDays                                                    float64
	escortedPlans, escortedCancelled                              int64 // escorted plans made, and cancelled
	escortDeferred                                                int64 // escort requests the contractor could not meet on the date asked
	lateDays, late                                                int64 // days late summed over escorted removals, and those late
	detentionDays                                                 float64
	detentionEnded                                                int64
	detentionFull                                                 int64
	released                                                      int64
}

const (
	rdPlans = iota
	rdRemovals
	rdCancellations
	rdEscortsAway
	remDaily
)

// New builds the removals submodel and schedules its first events.
func New(env *agents.Env, cfg *Config) *Model {
	r := &Model{env: env, k: env.K, cfg: cfg, r: env.Streams.New("removals"), booked: map[int64][2]int{}}
	var tot float64
	for _, g := range cfg.Regions {
		tot += g.Share
		r.regCum = append(r.regCum, tot)
	}
	for i := range r.regCum {
		r.regCum[i] /= math.Max(tot, 1e-300)
	}
	r.escorts = make([]escort, cfg.Escort.Staff)
	for k := range r.escorts {
		r.escorts[k] = newEscort(k)
	}
	for _, c := range cfg.Centres {
		r.beds = append(r.beds, c.Beds)
	}
	r.charter = make([][]int32, cfg.Charter.Routes)
	r.days = make([][remDaily]float64, env.Days)
	for i := 0; i < cfg.InitialCases; i++ {
		// Cases already under way: their preparation is part done.
		r.newCase(false, r.r.Float64()*cfg.PrepDays*engine.Day)
	}
	if cfg.CasesPerYear > 0 {
		r.k.After(r.r.ExpFloat64()*365*engine.Day/cfg.CasesPerYear, agents.PrioLorry, caseArrival{r}, 0)
	}
	for k := 0; k < cfg.Charter.Routes; k++ {
		// Routes are flown in turn, spread over the interval.
		first := (float64(k) + 0.5) * cfg.Charter.IntervalDays / float64(cfg.Charter.Routes) * engine.Day
		r.k.At(math.Max(0, first-charterLeadMin), agents.PrioDepart, charterFlight{r, first}, int64(k))
	}
	r.k.At(0, agents.PrioControl, escortDay{r}, 0)
	return r
}

// Refer takes n people found in the UK into the caseload.
func (r *Model) Refer(n int) {
	for k := 0; k < n; k++ {
		if r.r.Float64() < r.cfg.BorderShare {
			r.newCase(true, 0)
		}
	}
}

// newCase opens a case whose first plan is due after the preparation time
// less done minutes already spent.
func (r *Model) newCase(fromBorder bool, done float64) {
	cfg := r.cfg
	now := r.k.Now()
	c := removalCase{
		state:    CasePreparing,
		enforced: fromBorder || r.r.Float64() < cfg.EnforcedShare,
		detained: fromBorder || r.r.Float64() < cfg.Detained,
		startMin: now - done,
		plan:     -1,
		centre:   -1,
	}
	if c.detained {
		// The centre with the most free beds takes the case; with none
		// free, the case waits in the community.
		best := -1
		for k, n := range r.beds {
			if n > 0 && (best < 0 || n > r.beds[best]) {
				best = k
			}
		}
		if best < 0 {
			c.detained = false
			r.st.detentionFull++
		} else {
			r.beds[best]--
			c.centre = int8(best)
		}
	}
	u := r.r.Float64()
	for c.region < len(r.regCum)-1 && u >= r.regCum[c.region] {
		c.region++
	}
	c.id = r.opened
	r.opened++
	i := engine.Take(&r.cases, &r.freeCases)
	r.cases[i] = c
	r.count[CasePreparing]++
	wait := math.Max(0, r.r.ExpFloat64()*cfg.PrepDays*engine.Day-done)
	r.k.After(wait, agents.PrioLorry, makePlan{r}, int64(i))
}

// set moves case i to state s; a case that reaches a terminal state
// leaves detention and gives its slot back.
func (r *Model) set(i int32, s CaseState) {
	c := &r.cases[i]
	r.count[c.state]--
	r.count[s]++
	c.state = s
	if s.Terminal() {
		if c.detained {
			r.st.detentionDays += (r.k.Now() - c.startMin) / engine.Day
			r.st.detentionEnded++
			if c.centre >= 0 {
				r.beds[c.centre]++
				c.centre = -1
			}
		}
		r.freeCases.Put(i)
	}
}

func (r *Model) day() *[remDaily]float64 {
	return &r.days[r.env.Today()]
}

type caseArrival struct{ r *Model }

func (e caseArrival) Handle(int64) {
	r := e.r
	r.newCase(false, 0)
	r.k.After(r.r.ExpFloat64()*365*engine.Day/r.cfg.CasesPerYear, agents.PrioLorry, e, 0)
}

// makePlan sets removal directions for case i: a charter seat if its
// destination has charters, else a scheduled flight with tickets.
type makePlan struct{ r *Model }

func (e makePlan) Handle(arg int64) {
	r := e.r
	i := int32(arg)
	cfg := r.cfg
	c := &r.cases[i]
	if cfg.Charter.Routes > 0 && r.r.Float64() < cfg.Charter.EligibleShare {
		route := r.r.IntN(cfg.Charter.Routes)
		r.charter[route] = append(r.charter[route], i)
		r.set(i, CaseCharterWait)
		return
	}
	now := r.k.Now()
	escorted := c.disruptive || r.r.Float64() < cfg.EscortedShare
	notice := cfg.NoticeMin.Min() + r.r.Float64()*(cfg.NoticeMax.Min()-cfg.NoticeMin.Min())
	// The first flight day with a seat for this kind of removal, at a
	// daytime hour.
	day := int32((now + notice) / engine.Day)
	for !r.seatFree(day, c.region, escorted) {
		day++
	}
	tod := firstFlightAt + r.r.Float64()*flightHours*engine.Hour
	flight := math.Max(float64(day)*engine.Day+tod, now+cfg.NoticeMin.Min())
	pi := r.book(i, day, flight, escorted, day)
	if escorted && !r.reserve(cfg.Escorts, flight, r.tripMin(i), pi) {
		// The contractor cannot supply escorts on the date asked for.
		r.redate(pi)
		r.settle(pi) // never scheduled: no event names it
		return
	}
	r.schedule(pi)
}

// settle gives plan pi's slot back once the plan has an outcome (removed
// or cancelled) and none of its events is still pending: nothing names it
// any more (its case and escorts' trips were untied from it at the
// outcome).
func (r *Model) settle(pi int32) {
	if p := &r.plans[pi]; p.pending == 0 && (p.cancelled || p.done) {
		r.freePlans.Put(pi)
	}
}

// seatKey is the key of the seats booked to a region on a day.
func (r *Model) seatKey(day int32, region int) int64 {
	return int64(day)*int64(len(r.cfg.Regions)+1) + int64(region)
}

// seatFree reports whether an airline takes one more removal of this kind
// to region on day: seats_escorted escorted and seats_unescorted
// unescorted removals a flight, flights_per_day flights.
func (r *Model) seatFree(day int32, region int, escorted bool) bool {
	b := r.booked[r.seatKey(day, region)]
	if escorted {
		return b[1] < r.cfg.SeatsEscorted*r.cfg.FlightsPerDay
	}
	return b[0] < r.cfg.SeatsUnescorted*r.cfg.FlightsPerDay
}

// book sets removal directions for case i on a flight at minute flight of
// day, takes the seat and books the tickets: the person's, and for an
// escorted plan the escorts' (out, and back if their returns are booked
// with the plan). It returns the plan.
func (r *Model) book(i int32, day int32, flight float64, escorted bool, asked int32) int32 {
	c := &r.cases[i]
	key := r.seatKey(day, c.region)
	b := r.booked[key]
	if escorted {
		b[1]++
	} else {
		b[0]++
	}
	r.booked[key] = b
	// The plan takes a free slot, and reuses its finished plan's tickets'
	// storage.
	pi := engine.Take(&r.plans, &r.freePlans)
	p := &r.plans[pi]
	*p = plan{cse: i, flightMin: flight, day: day, asked: asked, escorted: escorted, tickets: p.tickets[:0]}
	for k := 0; k < r.ticketsPerPlan(escorted); k++ {
		price := r.price()
		p.tickets = append(p.tickets, price)
		r.st.issued++
		r.st.spend += price
	}
	c.plan = pi
	r.set(i, CasePlanned)
	r.st.plans++
	if escorted {
		r.st.escortedPlans++
	}
	r.day()[rdPlans]++
	return pi
}

// ticketsPerPlan is the number of tickets a plan books: one for the
// person, and for an escorted plan escorts_per_detainee for the escorts
// out, and as many back when their returns are booked with the plan.
func (r *Model) ticketsPerPlan(escorted bool) int {
	n := 1
	if escorted {
		n += r.cfg.Escorts
		if r.cfg.EscortReturns {
			n += r.cfg.Escorts
		}
	}
	return n
}

// schedule sets plan pi's fate: a cause other than escorts may strike, at
// a time drawn from the observed pattern (45 % in the last day, over two
// thirds in the week); the contractor names the escorts the day before;
// the flight leaves.
func (r *Model) schedule(pi int32) {
	cfg := r.cfg
	now := r.k.Now()
	p := &r.plans[pi]
	flight := p.flightMin
	if r.r.Float64() < cfg.CancelShare {
		cause := r.drawCause()
		before := r.cancelLead(flight - now)
		r.k.At(flight-before, agents.PrioService, cancelPlan{r, cause}, int64(pi))
		p.pending++
	}
	if p.escorted {
		r.k.At(math.Max(now, flight-engine.Day), agents.PrioService, escortCheck{r}, int64(pi))
		p.pending++
	}
	r.k.At(flight, agents.PrioDepart, removalFlight{r}, int64(pi))
	p.pending++
}

// redate handles an escorted plan whose escorts cannot be supplied: its
// directions and tickets are cancelled for escort shortage, and new ones
// are set for the first day on which the contractor can supply escorts
// (and an airline has an escorted seat), at the same hour and with the
// notice the rules require. The new plan keeps the date first asked for,
// so that the removal's lateness can be measured. If the roster has no
// such day within a year, the case is rebooked as after any cancellation.
func (r *Model) redate(pi int32) {
	cfg := r.cfg
	p := r.plans[pi]
	i := p.cse
	region := r.cases[i].region
	r.st.escortDeferred++
	r.drop(pi, causeEscort)
	now := r.k.Now()
	tod := p.flightMin - float64(p.day)*engine.Day
	trip := r.tripMin(i)
	for day := p.day + 1; day <= p.day+maxEscortWaitDays; day++ {
		t := float64(day)*engine.Day + tod
		if t < now+cfg.NoticeMin.Min() || !r.seatFree(day, region, true) {
			continue
		}
		// reserve books nothing when it fails, so escorts can be
		// booked before the plan exists: the plan takes the next slot.
		if !r.reserve(cfg.Escorts, t, trip, r.freePlans.Peek(len(r.plans))) {
			continue
		}
		r.schedule(r.book(i, day, t, true, p.asked))
		return
	}
	r.followUp(i, causeEscort)
}

// price draws a fare from a log-normal with the configured mean and CV.
func (r *Model) price() float64 {
	t := &r.cfg.Tickets
	s2 := math.Log(1 + t.PriceCV*t.PriceCV)
	mu := math.Log(t.PriceMeanGBP) - s2/2
	return math.Exp(mu + math.Sqrt(s2)*r.r.NormFloat64())
}

func (r *Model) drawCause() int {
	c := &r.cfg.Causes
	w := []float64{c.Legal, c.Administrative, c.Documents, c.Disruptive, c.Medical, c.Flight}
	var tot float64
	for _, x := range w {
		tot += x
	}
	u := r.r.Float64() * tot
	for k, x := range w {
		if u < x {
			return k
		}
		u -= x
	}
	return 0
}

// cancelLead draws how long before the flight a cancellation comes, within
// the notice given.
func (r *Model) cancelLead(notice float64) float64 {
	u := r.r.Float64()
	day, week := engine.Day, 7*engine.Day
	switch {
	case u < r.cfg.WithinDay:
		return r.r.Float64() * math.Min(day, notice)
	case u < r.cfg.WithinWeek && notice > day:
		return day + r.r.Float64()*(math.Min(week, notice)-day)
	case notice > week:
		return week + r.r.Float64()*(notice-week)
	}
	return r.r.Float64() * notice
}

type cancelPlan struct {
	r     *Model
	cause int
}

func (e cancelPlan) Handle(arg int64) {
	pi := int32(arg)
	e.r.plans[pi].pending--
	e.r.cancel(pi, e.cause)
	e.r.settle(pi)
}

// cancel cancels plan pi for cause: its tickets are cancelled, the loss is
// counted (in full on non-refundable fares, the change fee on others; only
// part of it is recorded), and the case is rebooked or released.
func (r *Model) cancel(pi int32, cause int) {
	if r.drop(pi, cause) {
		r.followUp(r.plans[pi].cse, cause)
	}
}

// drop cancels plan pi for cause, its seat, escorts and tickets, and
// counts the loss; it reports false if the plan had already an outcome.
func (r *Model) drop(pi int32, cause int) bool {
	p := &r.plans[pi]
	if p.cancelled || p.done {
		return false
	}
	p.cancelled = true
	// The seat on the flight is given up.
	key := r.seatKey(p.day, r.cases[p.cse].region)
	b := r.booked[key]
	if p.escorted {
		b[1]--
		r.release(pi)
		r.st.escortedCancelled++
	} else {
		b[0]--
	}
	r.booked[key] = b
	t := &r.cfg.Tickets
	for _, price := range p.tickets {
		loss := t.ChangeFeeGBP
		if r.r.Float64() < t.NonRefundable {
			loss = price
		}
		r.st.lossTrue += loss
		if r.r.Float64() < t.RecordedShare {
			r.st.lossRecorded += loss
		}
		r.st.cancelledTickets++
	}
	r.st.cancelled++
	r.st.byCause[cause]++
	r.day()[rdCancellations]++
	r.cases[p.cse].plan = -1
	return true
}

// followUp decides what becomes of case i after its plan was cancelled for
// cause: released after a successful legal challenge, else back to
// preparation and a new plan after a while.
func (r *Model) followUp(i int32, cause int) {
	c := &r.cases[i]
	if cause == 3 {
		c.disruptive = true
	}
	if cause == 0 && r.r.Float64() < r.cfg.ReleaseLegal {
		r.st.released++
		r.set(i, CaseReleased)
		return
	}
	r.set(i, CasePreparing)
	wait := r.r.ExpFloat64() * r.cfg.RebookDays * engine.Day
	r.k.After(wait, agents.PrioLorry, makePlan{r}, int64(i))
}

// Summary returns the removals' summary keys, in order.
func (r *Model) Summary() []agents.Entry {
	st := &r.st
	ticketed := st.removed - st.charterRemoved
	causes := map[string]int64{}
	for k, n := range st.byCause {
		causes[causeNames[k]] = n
	}
	days := float64(r.env.Days)
	util := 0.0
	if len(r.escorts) > 0 {
		util = st.escortDays / (float64(len(r.escorts)) * days)
	}
	open := st.issued - st.used - st.cancelledTickets
	return []agents.Entry{
		{Key: "removal_plans", Value: st.plans},
		{Key: "removal_plans_cancelled", Value: st.cancelled},
		{Key: "removal_cancellation_rate", Value: ratio(float64(st.cancelled), float64(st.cancelled+ticketed))},
		{Key: "cancellations_by_cause", Value: causes},
		{Key: "removals_completed", Value: st.removed},
		{Key: "removals_enforced", Value: st.enforced},
		{Key: "removals_escorted", Value: st.escorted},
		{Key: "removals_charter", Value: st.charterRemoved},
		{Key: "removals_ticketed", Value: ticketed},
		{Key: "charter_flights", Value: st.charterFlights},
		{Key: "tickets_issued", Value: st.issued},
		{Key: "tickets_used", Value: st.used},
		{Key: "tickets_cancelled", Value: st.cancelledTickets},
		{Key: "tickets_open", Value: open},
		{Key: "tickets_per_removal", Value: ratio(float64(st.used+st.cancelledTickets), float64(ticketed))},
		{Key: "ticket_spend_gbp", Value: st.spend},
		{Key: "ticket_loss_gbp", Value: st.lossRecorded},
		{Key: "ticket_loss_true_gbp", Value: st.lossTrue},
		{Key: "ticket_loss_share", Value: ratio(st.lossRecorded, st.spend)},
		{Key: "escort_utilisation", Value: util},
		{Key: "detention_days_mean", Value: ratio(st.detentionDays, float64(st.detentionEnded))},
		{Key: "detained_end", Value: int64(r.detainedNow())},
		{Key: "detention_full_refusals", Value: st.detentionFull},
		{Key: "removal_cases_released", Value: st.released},
		{Key: "removal_cases_open", Value: int64(r.count[CasePreparing] + r.count[CasePlanned] + r.count[CaseCharterWait])},
		{Key: "removal_plans_escorted", Value: st.escortedPlans},
		{Key: "removal_plans_escorted_share", Value: ratio(float64(st.escortedCancelled+st.escorted), float64(st.cancelled+ticketed))},
		{Key: "escort_requests_deferred", Value: st.escortDeferred},
		{Key: "escort_days_late_mean", Value: ratio(float64(st.lateDays), float64(st.escorted))},
		{Key: "escort_late_share", Value: ratio(float64(st.late), float64(st.escorted))},
	}
}

var remColumns = []string{"removal_plans", "removals", "removal_cancellations", "escorts_away"}

// detainedNow is the number of cases held in removal centres.
func (r *Model) detainedNow() int {
	n := 0
	for k, c := range r.cfg.Centres {
		n += c.Beds - r.beds[k]
	}
	return n
}

// Slabs is what the removals' slabs of records hold (for inspection): they
// grow to the most cases open, and plans live or with events pending, at
// once, not to all ever made.
type Slabs struct {
	Cases, FreeCases int   // slots of the slab of cases, and of them free
	Plans, FreePlans int   // slots of the slab of plans, and of them free
	PlansMade        int64 // plans ever made
}

// Slabs returns what the slabs of cases and plans hold now.
func (r *Model) Slabs() Slabs {
	return Slabs{len(r.cases), r.freeCases.Len(), len(r.plans), r.freePlans.Len(), r.st.plans}
}

// Counts returns the number of cases in each state (for the terminal
// states, all that reached them).
func (r *Model) Counts() [NumCaseStates]int { return r.count }

// DailyColumns names the removals' daily series.
func (r *Model) DailyColumns() []string { return remColumns }

// Daily returns day d's values, one per column.
func (r *Model) Daily(d int) []float64 { x := r.days[d]; return x[:] }

// Views appends the removals' agents to dst: escorts away on a trip
// (state "overseas"), detained cases at their removal centre (Place the
// centre's site), and flights climbing out from their airport (Place the
// airport, SinceMin the minutes since take-off). Detained cases come in
// the order they were opened, whatever slots they hold.
func (r *Model) Views(dst []agents.View, now float64) []agents.View {
	for i := range r.escorts {
		if !r.escorts[i].gone && r.overseas(i, now) {
			dst = append(dst, agents.View{Kind: agents.KindEscort, ID: uint64(i), State: "overseas", Rank: i, Index: int32(i)})
		}
	}
	for i := r.freeCases.Oldest(); i >= 0; i = r.freeCases.After(i) {
		c := &r.cases[i]
		if c.centre < 0 {
			continue
		}
		dst = append(dst, agents.View{Kind: agents.KindDetainee, ID: uint64(c.id), State: c.state.String(),
			Place: r.cfg.Centres[c.centre].Site, Rank: int(c.id), Index: i})
	}
	for _, f := range r.airborne {
		if now-f.t > climbMin || now < f.t {
			continue
		}
		state := "scheduled"
		if f.charter {
			state = "charter"
		}
		dst = append(dst, agents.View{Kind: agents.KindFlight, ID: f.id, State: state, Place: f.airport, SinceMin: now - f.t})
	}
	return dst
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// CheckInvariants: every case in exactly one state, the counts (running
// totals for the terminal states, whose slots are reused) adding up to the
// cases ever opened; a case's or plan's slot is free exactly when nothing
// can name it any more; tickets issued = used + cancelled + open (the open
// ones on live plans); no escort is booked for two trips at once or for a
// plan that is not live.
func (r *Model) CheckInvariants() error {
	freeCase := make([]bool, len(r.cases))
	for _, i := range r.freeCases.Slots() {
		if freeCase[i] {
			return fmt.Errorf("case slot %d is free twice", i)
		}
		freeCase[i] = true
		if c := &r.cases[i]; !c.state.Terminal() || c.centre >= 0 {
			return fmt.Errorf("case slot %d is free but case %d is %s (centre %d)", i, c.id, c.state, c.centre)
		}
	}
	var recount [NumCaseStates]int
	held := 0
	for i := range r.cases {
		if freeCase[i] {
			continue
		}
		c := &r.cases[i]
		if c.state.Terminal() {
			return fmt.Errorf("case %d is %s but its slot %d is not free", c.id, c.state, i)
		}
		recount[c.state]++
		if c.centre >= 0 {
			held++
		}
	}
	total, open := 0, 0
	for s, n := range r.count {
		total += n
		if !CaseState(s).Terminal() {
			open += n
			if recount[s] != n {
				return fmt.Errorf("case state counts %v, recount %v", r.count, recount)
			}
		}
	}
	if total != int(r.opened) || open+r.freeCases.Len() != len(r.cases) || open != r.freeCases.Used() {
		return fmt.Errorf("%d cases counted in states (%d open), %d opened, %d slots of which %d in use and %d free", total, open, r.opened, len(r.cases), r.freeCases.Used(), r.freeCases.Len())
	}
	if err := r.freeCases.CheckOrder(freeCase, "case", func(i int32) int64 { return int64(r.cases[i].id) }); err != nil {
		return err
	}
	freePlan := make([]bool, len(r.plans))
	for _, i := range r.freePlans.Slots() {
		if freePlan[i] {
			return fmt.Errorf("plan slot %d is free twice", i)
		}
		freePlan[i] = true
	}
	var tickets int64
	seats := map[int64][2]int{} // taken by live plans
	for i := range r.plans {
		p := &r.plans[i]
		live := !p.cancelled && !p.done
		if live && !freePlan[i] {
			key, b := r.seatKey(p.day, r.cases[p.cse].region), 0
			if p.escorted {
				b = 1
			}
			s := seats[key]
			s[b]++
			seats[key] = s
		}
		switch {
		case freePlan[i] && (live || p.pending > 0):
			return fmt.Errorf("plan slot %d is free but its plan is live or has %d events pending", i, p.pending)
		case !freePlan[i] && !live && p.pending == 0:
			return fmt.Errorf("plan %d has an outcome and no event pending, but its slot is not free", i)
		case live && p.pending == 0:
			return fmt.Errorf("plan %d is live with no flight pending", i)
		case live:
			tickets += int64(len(p.tickets))
		}
	}
	if held != r.detainedNow() {
		return fmt.Errorf("%d cases in centres, but %d beds taken", held, r.detainedNow())
	}
	for key, s := range seats {
		// Booked seats are those of live plans and of plans flown.
		if b := r.booked[key]; b[0] < s[0] || b[1] < s[1] {
			return fmt.Errorf("seats %d booked %v, but live plans hold %v", key, b, s)
		}
	}
	if r.st.issued != r.st.used+r.st.cancelledTickets+tickets {
		return fmt.Errorf("tickets issued %d ≠ used %d + cancelled %d + open %d", r.st.issued, r.st.used, r.st.cancelledTickets, tickets)
	}
	// The roster: no escort has two trips at once, and every live
	// escorted plan has its escorts booked (unless staff were cut since).
	for k := range r.escorts {
		jobs := r.escorts[k].jobs
		for a := range jobs {
			for b := a + 1; b < len(jobs); b++ {
				if jobs[a].start < jobs[b].end && jobs[b].start < jobs[a].end {
					return fmt.Errorf("escort %d booked twice: [%.0f, %.0f) and [%.0f, %.0f)", k, jobs[a].start, jobs[a].end, jobs[b].start, jobs[b].end)
				}
			}
			if p := jobs[a].plan; p >= 0 && (freePlan[p] || r.plans[p].cancelled || r.plans[p].done) {
				return fmt.Errorf("escort %d still booked for plan %d, which is not live", k, p)
			}
		}
	}
	return nil
}
