package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"channelsim/world"
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
}

// plan is one set of removal directions with its tickets.
type plan struct {
	cse       int32
	flightMin float64
	day       int32 // flight day index
	escorted  bool
	tickets   []float64 // prices
	cancelled bool
	done      bool
}

// escort is one of the contractor's overseas escorting staff.
type escort struct {
	busyUntil  float64 // on a trip (and resting) until
	leaveUntil float64
	tripUntil  float64 // away overseas until (for utilisation and drawing)
}

// removals is the UK removals submodel.
type removals struct {
	m   *Model
	cfg *Removals
	r   *rand.Rand

	cases   []removalCase
	plans   []plan
	escorts []escort
	count   [NumCaseStates]int
	charter [][]int32 // waiting cases by charter route (FIFO)
	booked  map[int64][2]int
	regCum  []float64

	st     remStats
	days   [][remDaily]float64
	recent []flightView // departures in the last hour, for drawing
	beds   []int        // free beds by centre
}

type flightView struct {
	t       float64
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

func (m *Model) buildRemovals() {
	cfg := &m.Cfg.Removals
	if !cfg.Enabled {
		return
	}
	r := &removals{m: m, cfg: cfg, r: m.streams.New("removals"), booked: map[int64][2]int{}}
	var tot float64
	for _, g := range cfg.Regions {
		tot += g.Share
		r.regCum = append(r.regCum, tot)
	}
	for i := range r.regCum {
		r.regCum[i] /= math.Max(tot, 1e-300)
	}
	r.escorts = make([]escort, cfg.Escort.Staff)
	for _, c := range cfg.Centres {
		r.beds = append(r.beds, c.Beds)
	}
	r.charter = make([][]int32, cfg.Charter.Routes)
	r.days = make([][remDaily]float64, m.Cfg.Days)
	m.rem = r
	m.subs = append(m.subs, r)
	for i := 0; i < cfg.InitialCases; i++ {
		// Cases already under way: their preparation is part done.
		r.newCase(false, r.r.Float64()*cfg.PrepDays*24*60)
	}
	if cfg.CasesPerYear > 0 {
		m.K.After(r.r.ExpFloat64()*365*24*60/cfg.CasesPerYear, prioLorry, caseArrival{r}, 0)
	}
	for k := 0; k < cfg.Charter.Routes; k++ {
		// Routes are flown in turn, spread over the interval.
		first := (float64(k) + 0.5) * cfg.Charter.IntervalDays / float64(cfg.Charter.Routes) * 24 * 60
		m.K.At(first, prioDepart, charterFlight{r}, int64(k))
	}
	m.K.At(0, prioControl, escortDay{r}, 0)
}

// refer takes n people found in the UK into the caseload.
func (r *removals) refer(n int) {
	for k := 0; k < n; k++ {
		if r.r.Float64() < r.cfg.BorderShare {
			r.newCase(true, 0)
		}
	}
}

// newCase opens a case whose first plan is due after the preparation time
// less done minutes already spent.
func (r *removals) newCase(fromBorder bool, done float64) {
	cfg := r.cfg
	now := r.m.K.Now()
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
	i := int32(len(r.cases))
	r.cases = append(r.cases, c)
	r.count[CasePreparing]++
	wait := math.Max(0, r.r.ExpFloat64()*cfg.PrepDays*24*60-done)
	r.m.K.After(wait, prioLorry, makePlan{r}, int64(i))
}

func (r *removals) set(i int32, s CaseState) {
	c := &r.cases[i]
	r.count[c.state]--
	r.count[s]++
	c.state = s
	if (s == CaseRemoved || s == CaseReleased) && c.detained {
		r.st.detentionDays += (r.m.K.Now() - c.startMin) / (24 * 60)
		r.st.detentionEnded++
		if c.centre >= 0 {
			r.beds[c.centre]++
			c.centre = -1
		}
	}
}

func (r *removals) day() *[remDaily]float64 {
	return &r.days[min(r.m.stats.day, len(r.days)-1)]
}

type caseArrival struct{ r *removals }

func (e caseArrival) Handle(int64) {
	r := e.r
	r.newCase(false, 0)
	r.m.K.After(r.r.ExpFloat64()*365*24*60/r.cfg.CasesPerYear, prioLorry, e, 0)
}

// makePlan sets removal directions for case i: a charter seat if its
// destination has charters, else a scheduled flight with tickets.
type makePlan struct{ r *removals }

func (e makePlan) Handle(arg int64) {
	r, m := e.r, e.r.m
	i := int32(arg)
	cfg := r.cfg
	c := &r.cases[i]
	if cfg.Charter.Routes > 0 && r.r.Float64() < cfg.Charter.EligibleShare {
		route := r.r.IntN(cfg.Charter.Routes)
		r.charter[route] = append(r.charter[route], i)
		r.set(i, CaseCharterWait)
		return
	}
	now := m.K.Now()
	escorted := c.disruptive || r.r.Float64() < cfg.EscortedShare
	notice := cfg.NoticeMin.Min() + r.r.Float64()*(cfg.NoticeMax.Min()-cfg.NoticeMin.Min())
	// The first flight day with a seat for this kind of removal.
	day := int32((now + notice) / (24 * 60))
	for ; ; day++ {
		key := int64(day)*int64(len(cfg.Regions)+1) + int64(c.region)
		b := r.booked[key]
		k, seats := 0, cfg.SeatsUnescorted
		if escorted {
			k, seats = 1, cfg.SeatsEscorted
		}
		if b[k] < seats*cfg.FlightsPerDay {
			b[k]++
			r.booked[key] = b
			break
		}
	}
	flight := float64(day)*24*60 + 8*60 + r.r.Float64()*14*60 // a daytime flight
	flight = math.Max(flight, now+cfg.NoticeMin.Min())
	p := plan{cse: i, flightMin: flight, day: day, escorted: escorted}
	n := 1
	if escorted {
		n += cfg.Escorts
		if cfg.EscortReturns {
			n += cfg.Escorts
		}
	}
	for k := 0; k < n; k++ {
		price := r.price()
		p.tickets = append(p.tickets, price)
		r.st.issued++
		r.st.spend += price
	}
	pi := int32(len(r.plans))
	r.plans = append(r.plans, p)
	c.plan = pi
	r.set(i, CasePlanned)
	r.st.plans++
	r.day()[rdPlans]++
	// A cause other than escorts may strike, at a time drawn from the
	// observed pattern: 45 % in the last day, over two thirds in the week.
	if r.r.Float64() < cfg.CancelShare {
		cause := r.drawCause()
		before := r.cancelLead(flight - now)
		m.K.At(flight-before, prioService, cancelPlan{r, cause}, int64(pi))
	}
	if escorted {
		m.K.At(math.Max(now, flight-24*60), prioService, escortCheck{r}, int64(pi))
	}
	m.K.At(flight, prioDepart, removalFlight{r}, int64(pi))
}

// price draws a fare from a log-normal with the configured mean and CV.
func (r *removals) price() float64 {
	t := &r.cfg.Tickets
	s2 := math.Log(1 + t.PriceCV*t.PriceCV)
	mu := math.Log(t.PriceMeanGBP) - s2/2
	return math.Exp(mu + math.Sqrt(s2)*r.r.NormFloat64())
}

func (r *removals) drawCause() int {
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
func (r *removals) cancelLead(notice float64) float64 {
	u := r.r.Float64()
	day, week := 24*60.0, 7*24*60.0
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
	r     *removals
	cause int
}

func (e cancelPlan) Handle(arg int64) { e.r.cancel(int32(arg), e.cause) }

// cancel cancels plan pi for cause: its tickets are cancelled, the loss is
// counted (in full on non-refundable fares, the change fee on others; only
// part of it is recorded), and the case is rebooked or released.
func (r *removals) cancel(pi int32, cause int) {
	p := &r.plans[pi]
	if p.cancelled || p.done {
		return
	}
	p.cancelled = true
	// The seat on the flight is given up.
	key := int64(p.day)*int64(len(r.cfg.Regions)+1) + int64(r.cases[p.cse].region)
	b := r.booked[key]
	b[b2i(p.escorted)]--
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
	c := &r.cases[p.cse]
	c.plan = -1
	if cause == 3 {
		c.disruptive = true
	}
	if cause == 0 && r.r.Float64() < r.cfg.ReleaseLegal {
		r.st.released++
		r.set(p.cse, CaseReleased)
		return
	}
	r.set(p.cse, CasePreparing)
	wait := r.r.ExpFloat64() * r.cfg.RebookDays * 24 * 60
	if cause == causeEscort {
		wait += r.cfg.EscortLagDays * 24 * 60
	}
	r.m.K.After(wait, prioLorry, makePlan{r}, int64(p.cse))
}

// escortCheck: the day before an escorted flight the contractor must name
// its escorts; if too few are free, the plan is cancelled.
type escortCheck struct{ r *removals }

func (e escortCheck) Handle(arg int64) {
	r := e.r
	p := &r.plans[arg]
	if p.cancelled || p.done {
		return
	}
	trip := r.cfg.Regions[r.cases[p.cse].region].TripDays * 24 * 60
	if !r.reserve(r.cfg.Escorts, p.flightMin, trip) {
		r.cancel(int32(arg), causeEscort)
	}
}

// reserve books n escorts free at minute at for a trip of length trip;
// it reports false (and books none) if fewer than n are free.
func (r *removals) reserve(n int, at, trip float64) bool {
	free := 0
	for k := range r.escorts {
		if r.escorts[k].busyUntil <= at && r.escorts[k].leaveUntil <= at {
			free++
		}
	}
	if free < n {
		return false
	}
	rest := r.cfg.Escort.RestDays * 24 * 60
	for k := range r.escorts {
		if n == 0 {
			break
		}
		e := &r.escorts[k]
		if e.busyUntil <= at && e.leaveUntil <= at {
			e.busyUntil = at + trip + rest
			e.tripUntil = at + trip
			r.st.escortDays += trip / (24 * 60)
			n--
		}
	}
	return true
}

// removalFlight: the flight leaves with the person (and escorts).
type removalFlight struct{ r *removals }

func (e removalFlight) Handle(arg int64) {
	r := e.r
	p := &r.plans[arg]
	if p.cancelled || p.done {
		return
	}
	p.done = true
	r.st.used += int64(len(p.tickets))
	r.st.removed++
	if p.escorted {
		r.st.escorted++
	}
	c := &r.cases[p.cse]
	if c.enforced {
		r.st.enforced++
	}
	c.plan = -1
	r.set(p.cse, CaseRemoved)
	r.day()[rdRemovals]++
	r.depart(r.cfg.Regions[c.region].Airport, false)
}

// charterFlight plans a charter on a route two days ahead: the contractor
// rosters its escorts for charters first (they are planned weeks ahead),
// and the flight takes as many waiting cases as the escorts allow.
type charterFlight struct{ r *removals }

// charterLeadMin is how far ahead a charter's escorts are rostered (EST).
const charterLeadMin = 2 * 24 * 60

func (e charterFlight) Handle(route int64) {
	r, m := e.r, e.r.m
	ch := &r.cfg.Charter
	m.K.After(ch.IntervalDays*24*60, prioDepart, e, route)
	at := m.K.Now() + charterLeadMin
	n := min(len(r.charter[route]), ch.Seats)
	for n > 0 && !r.reserve(int(math.Ceil(float64(n)*ch.EscortsPer)), at, ch.TripDays*24*60) {
		n--
	}
	if n > 0 {
		m.K.At(at, prioDepart, charterDepart{r, n}, route)
	}
}

type charterDepart struct {
	r *removals
	n int
}

func (e charterDepart) Handle(route int64) {
	r := e.r
	q := r.charter[route]
	for _, i := range q[:e.n] {
		r.st.enforced++ // a charter removal is an enforced removal
		r.set(i, CaseRemoved)
		r.st.removed++
		r.st.charterRemoved++
		r.day()[rdRemovals]++
	}
	r.charter[route] = append(q[:0], q[e.n:]...)
	r.st.charterFlights++
	r.depart("stansted", true)
}

// depart records a departure for the viewer.
func (r *removals) depart(airport string, charter bool) {
	now := r.m.K.Now()
	k := 0
	for _, f := range r.recent {
		if now-f.t < 60 {
			r.recent[k] = f
			k++
		}
	}
	r.recent = append(r.recent[:k], flightView{t: now, airport: airport, charter: charter, id: uint64(r.st.removed)})
}

// escortDay runs each day: staff start leave so that the leave share
// holds, and the day's escorts away are counted.
type escortDay struct{ r *removals }

func (e escortDay) Handle(int64) {
	r, m := e.r, e.r.m
	now := m.K.Now()
	ls := r.cfg.Escort.LeaveShare
	p := ls / 7 / math.Max(1e-9, 1-ls) // week-long blocks
	away := 0
	for k := range r.escorts {
		es := &r.escorts[k]
		if es.leaveUntil <= now && es.busyUntil <= now && r.r.Float64() < p {
			es.leaveUntil = now + 7*24*60
		}
		if es.tripUntil > now {
			away++
		}
	}
	r.day()[rdEscortsAway] = float64(away)
	m.K.After(24*60, prioControl, e, 0)
}

func (r *removals) summary() []Entry {
	st := &r.st
	ticketed := st.removed - st.charterRemoved
	causes := map[string]int64{}
	for k, n := range st.byCause {
		causes[causeNames[k]] = n
	}
	days := float64(r.m.Cfg.Days)
	util := 0.0
	if len(r.escorts) > 0 {
		util = st.escortDays / (float64(len(r.escorts)) * days)
	}
	open := st.issued - st.used - st.cancelledTickets
	return []Entry{
		{"removal_plans", st.plans},
		{"removal_plans_cancelled", st.cancelled},
		{"removal_cancellation_rate", ratio(float64(st.cancelled), float64(st.cancelled+ticketed))},
		{"cancellations_by_cause", causes},
		{"removals_completed", st.removed},
		{"removals_enforced", st.enforced},
		{"removals_escorted", st.escorted},
		{"removals_charter", st.charterRemoved},
		{"removals_ticketed", ticketed},
		{"charter_flights", st.charterFlights},
		{"tickets_issued", st.issued},
		{"tickets_used", st.used},
		{"tickets_cancelled", st.cancelledTickets},
		{"tickets_open", open},
		{"tickets_per_removal", ratio(float64(st.used+st.cancelledTickets), float64(ticketed))},
		{"ticket_spend_gbp", st.spend},
		{"ticket_loss_gbp", st.lossRecorded},
		{"ticket_loss_true_gbp", st.lossTrue},
		{"ticket_loss_share", ratio(st.lossRecorded, st.spend)},
		{"escort_utilisation", util},
		{"detention_days_mean", ratio(st.detentionDays, float64(st.detentionEnded))},
		{"detained_end", int64(r.detainedNow())},
		{"detention_full_refusals", st.detentionFull},
		{"removal_cases_released", st.released},
		{"removal_cases_open", int64(r.count[CasePreparing] + r.count[CasePlanned] + r.count[CaseCharterWait])},
	}
}

var remColumns = []string{"removal_plans", "removals", "removal_cancellations", "escorts_away"}

// detainedNow is the number of cases held in removal centres.
func (r *removals) detainedNow() int {
	n := 0
	for k, c := range r.cfg.Centres {
		n += c.Beds - r.beds[k]
	}
	return n
}

func (r *removals) dailyColumns() []string { return remColumns }

func (r *removals) daily(d int) []float64 { x := r.days[d]; return x[:] }

func (r *removals) snapshot(dst *Snapshot, now float64) {
	site := func(id string) (world.Point, bool) {
		if s, ok := r.m.World.Site(id); ok {
			return s.Pos, true
		}
		return world.Point{}, false
	}
	for i := range r.escorts {
		if r.escorts[i].tripUntil > now {
			if p, ok := site("heathrow"); ok {
				dst.Agents = append(dst.Agents, AgentView{Kind: KindEscort, ID: uint64(i), State: "overseas", Pos: jitter(p, uint64(i), 800), Index: int32(i)})
			}
		}
	}
	// Detained cases are drawn at their removal centre.
	for i := range r.cases {
		c := &r.cases[i]
		if c.centre < 0 {
			continue
		}
		if p, ok := site(r.cfg.Centres[c.centre].Site); ok {
			dst.Agents = append(dst.Agents, AgentView{Kind: KindDetainee, ID: uint64(i), State: c.state.String(), Pos: jitter(p, uint64(i), 300), Index: int32(i)})
		}
	}
	for _, f := range r.recent {
		if now-f.t > 60 || now < f.t {
			continue
		}
		p, ok := site(f.airport)
		if !ok {
			continue
		}
		// Climbing out to the south-east at 400 km/h for the hour after take-off.
		d := (now - f.t) / 60 * 400_000
		pos := world.Point{X: p.X + d*0.6, Y: p.Y - d*0.8}
		state := "scheduled"
		if f.charter {
			state = "charter"
		}
		dst.Agents = append(dst.Agents, AgentView{Kind: KindFlight, ID: f.id, State: state, Pos: pos, Heading: math.Atan2(-0.8, 0.6)})
	}
}

// checkInvariants: every case in exactly one state; tickets issued = used
// + cancelled + open (the open ones on live plans).
func (r *removals) checkInvariants() error {
	var recount [NumCaseStates]int
	for i := range r.cases {
		recount[r.cases[i].state]++
	}
	if recount != r.count {
		return fmt.Errorf("case state counts %v, recount %v", r.count, recount)
	}
	var open int64
	for i := range r.plans {
		if p := &r.plans[i]; !p.cancelled && !p.done {
			open += int64(len(p.tickets))
		}
	}
	held := 0
	for i := range r.cases {
		if r.cases[i].centre >= 0 {
			held++
		}
	}
	if held != r.detainedNow() {
		return fmt.Errorf("%d cases in centres, but %d beds taken", held, r.detainedNow())
	}
	if r.st.issued != r.st.used+r.st.cancelledTickets+open {
		return fmt.Errorf("tickets issued %d ≠ used %d + cancelled %d + open %d", r.st.issued, r.st.used, r.st.cancelledTickets, open)
	}
	return nil
}
