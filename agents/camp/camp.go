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
	fr     *freight.Model
	refer  Referrer
	cfg    *Config
	r      *rand.Rand // camp dynamics and choices
	rBoard *rand.Rand // boarding attempts and what follows

	people   []Migrant
	nextStow []int32 // next stowaway on the same lorry, or -1
	count    [NumMigrantStates]int
	inCamp   []int32 // indices of people in the camp (unordered)
	campSlot []int32 // position of each person in inCamp, or -1

	info   *Info
	spots  []spotState
	groups []group

	park    []int32 // lorries in the lorry park
	moving  [freight.NumRoutes][]int32
	barrier bool // the rocade is barricaded
	drivers *freight.DriverPool
	stow    []int32 // first stowaway on each lorry (by slab index), or -1
	slot    []int32 // each lorry's position in park or moving, or -1

	st      campStats
	days    [][campDaily]float64
	natCum  []float64
	started bool
}

type spotState struct {
	cfg                 *Spot
	kind                spotKind
	route               freight.Route
	police              float64
	attempts, successes int // tonight
	totalAttempts       int64
	totalBoarded        int64
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
}

const (
	cdCamp = iota
	cdAttempts
	cdDetections
	cdInCountry
	campDaily
)

// Referrer takes people found in the UK into the asylum and removals
// system (the removals submodel).
type Referrer interface{ Refer(n int) }

// spotKind is where the lorries at a spot are.
type spotKind uint8

const (
	spotTerminal spotKind = iota // inside a terminal's fence, in the lanes
	spotQueue                    // stopped in the queue before a site's gate
	spotTraffic                  // moving on the site's approach road
	spotPark                     // resting in a lorry park
)

var spotKinds = map[string]spotKind{"terminal": spotTerminal, "queue": spotQueue, "traffic": spotTraffic, "park": spotPark}

// New builds the camp submodel on the freight it watches, and schedules
// its first events. ref takes people found in the UK (nil: nobody).
func New(env *agents.Env, cfg *Config, fr *freight.Model, ref Referrer) (*Model, error) {
	c := &Model{env: env, k: env.K, cal: env.Cal, fr: fr, refer: ref, cfg: cfg, drivers: fr.Drivers(),
		r: env.Streams.New("migrants"), rBoard: env.Streams.New("boarding")}
	if c.drivers == nil {
		return nil, fmt.Errorf("migrants: the freight submodel was built without drivers")
	}
	c.info = NewInfo(len(cfg.Spots), infoPrior, cfg.InfoMemory)
	for i := range cfg.Spots {
		sp := &cfg.Spots[i]
		kind, ok := spotKinds[sp.Kind]
		if !ok {
			return nil, fmt.Errorf("migrants.spots[%d].kind: unknown kind %q", i, sp.Kind)
		}
		c.spots = append(c.spots, spotState{cfg: sp, kind: kind, route: freight.RouteOf(sp.Site), police: sp.Police})
	}
	var tot float64
	for _, s := range cfg.Nationality {
		tot += s
		c.natCum = append(c.natCum, tot)
	}
	for i := range c.natCum {
		c.natCum[i] /= math.Max(tot, 1e-300)
	}
	c.days = make([][campDaily]float64, env.Days)
	for i := 0; i < cfg.InitialCamp; i++ {
		c.newMigrant(0)
	}
	c.st.campStart = int64(c.count[InCamp])
	c.st.arrived = 0
	for _, p := range cfg.Police {
		t := c.cal.Local(p.From, 0)
		if t >= 0 && t < env.Horizon {
			c.k.At(t, freight.PrioControl, policeStep{c, p}, 0)
		} else if t < 0 {
			policeStep{c, p}.Handle(0)
		}
	}
	first := c.cal.DayDate(0)
	c.k.At(c.cal.Local(first, dayAt), freight.PrioControl, campDay{c}, 0)
	c.k.At(c.cal.Local(first, eveningAt), freight.PrioControl, campNight{c}, 0)
	fr.Watch(c)
	return c, nil
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
	i := int32(len(c.people))
	nat := 0
	u := c.r.Float64()
	for nat < len(c.natCum)-1 && u >= c.natCum[nat] {
		nat++
	}
	money := c.cfg.MoneyMinGBP + c.r.Float64()*(c.cfg.MoneyMaxGBP-c.cfg.MoneyMinGBP)
	c.people = append(c.people, Migrant{ID: uint64(i) + 1, Nationality: uint8(nat), Group: -1,
		MoneyGBP: money, State: InCamp, Lorry: -1, ArrivedMin: now})
	c.nextStow = append(c.nextStow, -1)
	c.campSlot = append(c.campSlot, -1)
	c.count[InCamp]++
	c.addCamp(i)
	c.st.arrived++
	return i
}

func (c *Model) addCamp(i int32) {
	c.campSlot[i] = int32(len(c.inCamp))
	c.inCamp = append(c.inCamp, i)
}

func (c *Model) removeCamp(i int32) {
	k := c.campSlot[i]
	last := c.inCamp[len(c.inCamp)-1]
	c.inCamp[k] = last
	c.campSlot[last] = k
	c.inCamp = c.inCamp[:len(c.inCamp)-1]
	c.campSlot[i] = -1
}

// set moves person i to state s, keeping the counts and the camp list.
func (c *Model) set(i int32, s MigrantState) {
	p := &c.people[i]
	if p.State == s {
		return
	}
	if p.State == InCamp {
		c.removeCamp(i)
	}
	c.count[p.State]--
	c.count[s]++
	p.State = s
	if s == InCamp {
		c.addCamp(i)
	}
}

func (c *Model) day() *[campDaily]float64 {
	return &c.days[c.env.Today()]
}

// arrivalsPerDay returns the dated arrival rate on minute t.
func (c *Model) arrivalsPerDay(t float64) float64 {
	rate := 0.0
	for _, a := range c.cfg.Arrivals {
		if c.cal.Local(a.From, 0) <= t {
			rate = a.PerDay
		}
	}
	return rate
}

// campDay: arrivals and departures, once a day at noon.
type campDay struct{ c *Model }

func (e campDay) Handle(int64) {
	c := e.c
	now := c.k.Now()
	n := engine.Poisson(c.r, c.arrivalsPerDay(now))
	for k := 0; k < n; k++ {
		c.newMigrant(now)
	}
	// Departures: each person in the camp leaves with the daily chance.
	for k := len(c.inCamp) - 1; k >= 0; k-- {
		if c.r.Float64() < c.cfg.LeaveRate {
			i := c.inCamp[k]
			c.set(i, LeftCamp)
			c.st.left++
		}
	}
	// In-country encounters of people who came by other routes.
	c.st.otherCarry += c.cfg.OtherRoutesPerDay
	other := engine.Poisson(c.r, c.cfg.OtherRoutesPerDay)
	c.st.inCountryOther += int64(other)
	c.day()[cdInCountry] += float64(other)
	c.day()[cdCamp] = float64(c.count[InCamp])
	// The drivers' 30-day memory of penalties moves on with the camp's day.
	c.drivers.NextDay()
	c.k.After(engine.Day, freight.PrioControl, e, 0)
}

// campNight sends groups out for the night.
type campNight struct{ c *Model }

func (e campNight) Handle(wave int64) {
	c := e.c
	// Stationary lorries on the approach roads draw people out: news of a
	// jam spreads fast ('extra security slows the traffic, creates queues
	// and can increase the vulnerability of the lorries', HAC HC 902).
	held := float64(c.fr.HeldLen(freight.ViaPort) + c.fr.HeldLen(freight.ViaTunnel))
	pull := c.cfg.QueuePull * held / (held + queuePullHalf)
	var p float64
	if wave == 0 {
		c.groups = c.groups[:0]
		for k := range c.spots {
			c.spots[k].attempts, c.spots[k].successes = 0, 0
		}
		// The evening wave: the camp's propensity, raised when recent news
		// is good and when lorries stand in queues.
		var avg float64
		for _, s := range c.info.Success {
			avg += s
		}
		avg /= math.Max(1, float64(len(c.info.Success)))
		p = math.Min(1, c.cfg.TryShare*(0.5+avg/0.6)*(1+pull))
		c.k.After(4*60, freight.PrioControl, e, 1) // the midnight wave
		c.k.After(9*60, freight.PrioControl, dawn{c}, 0)
		c.k.After(engine.Day, freight.PrioControl, e, 0)
		if c.cfg.Barricades.Enabled && c.r.Float64() < c.cfg.Barricades.NightChance {
			start := float64(c.cfg.Barricades.Start.Minute) - eveningAt
			if start < 0 {
				start += engine.Day
			}
			c.k.After(start, freight.PrioControl, barricade{c, true}, 0)
			c.k.After(start+c.cfg.Barricades.Length.Min(), freight.PrioControl, barricade{c, false}, 0)
		}
	} else {
		// The midnight wave: only queues draw more people out.
		p = math.Min(1, c.cfg.TryShare*pull)
	}
	c.sendOut(p, 240)
}

// queuePullHalf is the queue, in lorries, that gives half the largest (EST)
// pull: the pull saturates, since the camp cannot go out more than once.
const queuePullHalf = 200

// sendOut sends a share p of the people in the camp out in groups, who
// reach their spots within spreadMin minutes.
func (c *Model) sendOut(p, spreadMin float64) {
	if p <= 0 {
		return
	}
	var out []int32
	for _, i := range c.inCamp {
		if c.r.Float64() < p {
			out = append(out, i)
		}
	}
	c.r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	attract := make([]float64, len(c.spots))
	for len(out) > 0 {
		size := min(len(out), 1+engine.Poisson(c.r, c.cfg.GroupMean-1))
		members := out[:size]
		out = out[size:]
		lead := &c.people[members[0]]
		for k := range c.spots {
			attract[k] = c.attractiveness(k, lead.MoneyGBP)
		}
		spot := ChooseSpot(attract, c.cfg.ChoiceBeta, c.r)
		if spot < 0 {
			continue
		}
		g := int32(len(c.groups))
		c.groups = append(c.groups, group{members: append([]int32(nil), members...), spot: spot, out: true})
		for _, i := range members {
			c.set(i, OutTonight)
			c.people[i].Group = g
			c.people[i].Spot = int8(spot)
		}
		c.k.After(30+c.r.Float64()*spreadMin, freight.PrioLorry, groupTry{c}, int64(g))
	}
}

// attractiveness is a spot's expected yield for a group: the camp's news of
// success there, times the chance of getting past the police, times the
// lorries they can see there now (square root: more lorries help, with
// diminishing returns). Spots run by smugglers need the price.
func (c *Model) attractiveness(k int, money float64) float64 {
	sp := &c.spots[k]
	if sp.cfg.PriceGBP > money {
		return 0
	}
	opp := float64(c.opportunities(k))
	return c.info.Success[k] * (1 - Interception(sp.police, c.cfg.InterceptPerOfficer)) * math.Sqrt(1+opp)
}

// opportunities returns the lorries a group at spot k can reach now.
func (c *Model) opportunities(k int) int {
	sp := &c.spots[k]
	switch sp.kind {
	case spotQueue:
		return c.fr.HeldLen(sp.route)
	case spotTraffic:
		return len(c.moving[sp.route])
	case spotPark:
		return len(c.park)
	default:
		return c.fr.LanesLen(sp.route)
	}
}

// pick returns a random lorry at spot k (there is at least one).
func (c *Model) pick(k int) int32 {
	sp := &c.spots[k]
	switch sp.kind {
	case spotQueue:
		return c.fr.Held(sp.route, c.rBoard.IntN(c.fr.HeldLen(sp.route)))
	case spotTraffic:
		mv := c.moving[sp.route]
		return mv[c.rBoard.IntN(len(mv))]
	case spotPark:
		return c.park[c.rBoard.IntN(len(c.park))]
	default:
		return c.fr.Lane(sp.route, c.rBoard.IntN(c.fr.LanesLen(sp.route)))
	}
}

// groupTry: a group at its spot tries to get on lorries.
type groupTry struct{ c *Model }

func (e groupTry) Handle(arg int64) {
	c := e.c
	g := &c.groups[arg]
	if !g.out {
		return
	}
	sp := &c.spots[g.spot]
	n := c.opportunities(g.spot)
	if n > 0 {
		if c.rBoard.Float64() < Interception(sp.police, c.cfg.InterceptPerOfficer) {
			// Stopped by police before reaching a lorry: back to camp.
			c.st.intercepted += int64(len(g.members))
			c.endGroup(g)
			return
		}
		moving := sp.kind == spotTraffic && !c.barrier
		for try := 0; try < min(n, c.cfg.MaxTries); try++ {
			li := c.pick(g.spot)
			l := c.fr.Lorry(li)
			c.st.attempts += int64(len(g.members))
			c.day()[cdAttempts] += float64(len(g.members))
			sp.attempts += len(g.members)
			sp.totalAttempts += int64(len(g.members))
			for _, i := range g.members {
				c.people[i].Attempts++
			}
			if moving && c.rBoard.Float64() < c.cfg.InjuryPerAttempt {
				c.people[g.members[0]].Injured = true
				c.st.injured++
			}
			b := Boarding{Base: sp.cfg.Base, Moving: moving, Fence: sp.cfg.Fence,
				Lighting: sp.cfg.Lighting, Vigilance: l.Vigilance, Sealed: l.Vehicle.Sealed}
			prob := b.Probability()
			complicit := l.Complicit && sp.kind == spotPark && c.people[g.members[0]].MoneyGBP >= c.drivers.PaymentGBP()
			if complicit {
				prob = 0.9 // arranged in advance (EST)
			}
			if c.rBoard.Float64() < prob {
				sp.successes += len(g.members)
				sp.totalBoarded += int64(len(g.members))
				c.hide(g, li, complicit)
				return
			}
		}
	}
	c.k.After(c.cfg.RetryAfter.Min(), freight.PrioLorry, e, arg)
}

// hide puts a group's members on lorry li.
func (c *Model) hide(g *group, li int32, complicit bool) {
	l := c.fr.Lorry(li)
	place := HidingPlace(l.Vehicle.Trailer, complicit, c.rBoard)
	now := c.k.Now()
	for _, i := range g.members {
		p := &c.people[i]
		c.set(i, Hidden)
		p.Lorry, p.Place, p.BoardedMin, p.Group = li, uint8(place), now, -1
		if complicit {
			p.MoneyGBP -= c.drivers.PaymentGBP()
			c.st.paymentsGBP += c.drivers.PaymentGBP()
		}
		c.nextStow[i] = c.stow[li]
		c.stow[li] = i
		l.Vehicle.People[place]++
		c.st.boarded++
		c.st.byPlace[place]++
	}
	if l.Vehicle.ClosedMin == 0 {
		l.Vehicle.ClosedMin = now // the minute the load space was last closed
	}
	g.out = false
	g.members = g.members[:0]
}

// endGroup sends a group's members back to the camp.
func (c *Model) endGroup(g *group) {
	for _, i := range g.members {
		if c.people[i].State == OutTonight {
			c.people[i].Group = -1
			c.set(i, InCamp)
		}
	}
	g.out = false
	g.members = g.members[:0]
}

// dawn ends the night: groups still out go back; the camp learns.
type dawn struct{ c *Model }

func (e dawn) Handle(int64) {
	c := e.c
	for k := range c.groups {
		if c.groups[k].out {
			c.endGroup(&c.groups[k])
		}
	}
	for k := range c.spots {
		c.info.Observe(k, c.spots[k].attempts, c.spots[k].successes)
	}
}

type barricade struct {
	c  *Model
	on bool
}

// Handle blocks or clears the rocade: while blocked, port lorries stop on
// the approach (the port is closed to arrivals at its gate).
func (e barricade) Handle(int64) {
	e.c.barrier = e.on
	if e.on {
		e.c.fr.Block(freight.ViaPort)
	} else {
		e.c.fr.Unblock(freight.ViaPort)
	}
}

type policeStep struct {
	c *Model
	p PoliceStep
}

func (e policeStep) Handle(int64) {
	c := e.c
	for k := range c.spots {
		if e.p.Spot == "all" {
			c.spots[k].police += e.p.Officers / float64(len(c.spots))
		} else if c.spots[k].cfg.Name == e.p.Spot {
			c.spots[k].police += e.p.Officers
		}
		c.spots[k].police = math.Max(0, c.spots[k].police)
	}
}

// returnToCamp: someone handed to French police is back in the camp.
type returnToCamp struct{ c *Model }

func (e returnToCamp) Handle(arg int64) {
	c := e.c
	if c.people[arg].State == Returning {
		c.set(int32(arg), InCamp)
	}
}

// unlink removes person i from lorry li's stowaway list.
func (c *Model) unlink(li int32, i int32) {
	l := c.fr.Lorry(li)
	if c.stow[li] == i {
		c.stow[li] = c.nextStow[i]
	} else {
		for j := c.stow[li]; j >= 0; j = c.nextStow[j] {
			if c.nextStow[j] == i {
				c.nextStow[j] = c.nextStow[i]
				break
			}
		}
	}
	c.nextStow[i] = -1
	l.Vehicle.People[c.people[i].Place]--
}

// leaveLorry ends a person's time on a lorry: harm is recorded.
func (c *Model) leaveLorry(i int32, li int32) {
	p := &c.people[i]
	now := c.k.Now()
	hours := (now - p.BoardedMin) / 60
	p.HoursConcealed += hours
	c.st.hoursConcealed += hours
	c.st.stowawaysEnded++
	l := c.fr.Lorry(li)
	if scanner.Place(p.Place) == scanner.InTrailer && l.Vehicle.Trailer != scanner.CurtainSider {
		var q scanner.CO2
		n := float64(l.Vehicle.People[scanner.InTrailer])
		// CO₂ excess after the time closed, from n people breathing
		// 0.005 L/s each (the scanner's default: 0.0040–0.0052 at rest,
		// scanner-physics §4).
		ppm := scanner.CO2DeltaPPM(n*0.005, now-p.BoardedMin, q.AirM3(&l.Vehicle), q.ACH(&l.Vehicle, 0))
		p.MaxCO2ppm = math.Max(p.MaxCO2ppm, ppm)
		c.st.maxCO2 = math.Max(c.st.maxCO2, ppm)
	}
	c.unlink(li, i)
	p.Lorry = -1
}

// each calls f for every stowaway on lorry li at place p (all places when
// p is NumPlaces); f may remove the stowaway.
func (c *Model) each(li int32, p scanner.Place, f func(i int32)) {
	for i := c.head(li); i >= 0; {
		next := c.nextStow[i]
		if p == scanner.NumPlaces || scanner.Place(c.people[i].Place) == p {
			f(i)
		}
		i = next
	}
}

// handBack sends person i, found in France, back to the camp after the
// French police release them.
func (c *Model) handBack(i int32, li int32) {
	c.leaveLorry(i, li)
	c.people[i].Caught++
	c.set(i, Returning)
	c.k.After(c.cfg.ReturnAfter.Min()*(0.5+c.rBoard.Float64()), freight.PrioLorry, returnToCamp{c}, int64(i))
}

// penalise records civil penalties for people found on lorry li.
func (c *Model) penalise(people int) { c.drivers.Penalise(people, c.rBoard) }

// Watcher hooks: the freight submodel calls these as a lorry moves on.

// referUK passes one person found in the UK to the removals system.
func (c *Model) referUK() {
	if c.refer != nil {
		c.refer.Refer(1)
	}
}

// AtGate: French police and site security check lorries entering a site.
func (c *Model) AtGate(li int32) {
	if c.head(li) < 0 || c.rBoard.Float64() >= c.cfg.FrenchPoliceFind {
		return
	}
	c.each(li, scanner.NumPlaces, func(i int32) {
		c.st.foundFrench++
		c.handBack(i, li)
	})
}

// Searched: people found at place p by the UK controls.
func (c *Model) Searched(li int32, o *scanner.Outcome) {
	c.each(li, scanner.NumPlaces, func(i int32) {
		p := scanner.Place(c.people[i].Place)
		c.people[i].DoseUSv += o.DoseUSv[p]
		c.st.doseTotal += o.DoseUSv[p]
		c.st.doseMax = math.Max(c.st.doseMax, c.people[i].DoseUSv)
	})
	n := 0
	for p := scanner.Place(0); p < scanner.NumPlaces; p++ {
		if !o.Found[p] {
			continue
		}
		c.each(li, p, func(i int32) {
			n++
			c.st.detectedControls++
			c.day()[cdDetections]++
			c.handBack(i, li)
		})
	}
	if n > 0 {
		c.penalise(n)
	}
}

// Boarded: the lorry boards a ferry or shuttle; its stowaways have passed
// the juxtaposed controls undetected.
func (c *Model) Boarded(li int32) {
	searched := c.fr.Lorry(li).Searched
	c.each(li, scanner.NumPlaces, func(i int32) {
		c.set(i, CrossingUK)
		c.st.clandestineUK++
		if !searched {
			c.st.clandestineUnsearched++
		}
	})
}

// ArrivedUK: checks at Dover or Folkestone on arrival.
func (c *Model) ArrivedUK(li int32) {
	if c.head(li) < 0 || c.rBoard.Float64() >= c.cfg.FoundOnArrival {
		return
	}
	n := 0
	c.each(li, scanner.NumPlaces, func(i int32) {
		n++
		c.st.detectedArrival++
		c.leaveLorry(i, li)
		c.set(i, InUK)
		c.referUK()
	})
	c.penalise(n)
}

// StoppedUK: the lorry stops in the UK; its stowaways get out. Some are
// found (an in-country encounter), the rest disappear.
func (c *Model) StoppedUK(li int32) {
	if c.head(li) < 0 {
		return
	}
	found := c.rBoard.Float64() < c.cfg.FoundInCountry
	n := 0
	c.each(li, scanner.NumPlaces, func(i int32) {
		c.leaveLorry(i, li)
		if found {
			n++
			c.st.inCountry++
			c.day()[cdInCountry]++
			c.set(i, InUK)
			c.referUK()
		} else {
			c.st.disappeared++
			c.set(i, Disappeared)
		}
	})
	if n > 0 {
		c.penalise(n)
	}
}

// Parked and Unparked keep the list of lorries in the lorry park; Moving
// and Stopped the lorries moving on each site's approach roads.
func (c *Model) Parked(li int32) {
	c.grow(li)
	c.slot[li] = int32(len(c.park))
	c.park = append(c.park, li)
}

// Unparked takes lorry li off the lorry park's list.
func (c *Model) Unparked(li int32) { c.park = c.removeSlot(c.park, li) }

// Moving adds lorry li to its route's moving lorries.
func (c *Model) Moving(li int32) {
	c.grow(li)
	r := c.fr.Lorry(li).Route
	c.slot[li] = int32(len(c.moving[r]))
	c.moving[r] = append(c.moving[r], li)
}

// Stopped takes lorry li off its route's moving lorries.
func (c *Model) Stopped(li int32) {
	r := c.fr.Lorry(li).Route
	c.moving[r] = c.removeSlot(c.moving[r], li)
}

// grow makes room in the per-lorry lists for slab index li; a lorry new to
// the camp carries nobody.
func (c *Model) grow(li int32) {
	for int(li) >= len(c.stow) {
		c.stow = append(c.stow, -1)
		c.slot = append(c.slot, -1)
	}
}

// removeSlot removes lorry li from list xs, where slot[x] is each lorry's
// position in xs.
func (c *Model) removeSlot(xs []int32, li int32) []int32 {
	k := c.slot[li]
	last := xs[len(xs)-1]
	xs[k] = last
	c.slot[last] = k
	c.slot[li] = -1
	return xs[:len(xs)-1]
}

// checkInvariants recounts the migrants' states: each person is in exactly
// one state, the counts add up to everyone ever created, the camp list holds
// exactly those in the camp, and each stowaway is on a live lorry whose
// hidden count includes them.
func (c *Model) CheckInvariants() error {
	var recount [NumMigrantStates]int
	for i := range c.people {
		recount[c.people[i].State]++
	}
	if recount != c.count {
		return fmt.Errorf("migrant state counts %v, recount %v", c.count, recount)
	}
	total := 0
	for _, n := range c.count {
		total += n
	}
	if total != len(c.people) {
		return fmt.Errorf("%d migrants counted in states, %d created", total, len(c.people))
	}
	if len(c.inCamp) != c.count[InCamp] {
		return fmt.Errorf("%d in the camp list, %d in the camp state", len(c.inCamp), c.count[InCamp])
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
	}
	if hidden != c.count[Hidden]+c.count[CrossingUK] {
		return fmt.Errorf("%d stowaways on lorries, %d hidden or crossing", hidden, c.count[Hidden]+c.count[CrossingUK])
	}
	return nil
}

// Counts returns the number of migrants in each state.
func (c *Model) Counts() [NumMigrantStates]int { return c.count }

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
	people := int64(len(c.people))
	attemptsPer := 0.0
	if people > 0 {
		var a int64
		for i := range c.people {
			a += int64(c.people[i].Attempts)
		}
		attemptsPer = float64(a) / float64(people)
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
	for _, sp := range c.spots {
		attBySpot[sp.cfg.Name] += sp.totalAttempts
		boardBySpot[sp.cfg.Name] += sp.totalBoarded
	}
	return []agents.Entry{
		{Key: "migrants_in_camp_start", Value: st.campStart},
		{Key: "migrants_in_camp_end", Value: int64(c.count[InCamp] + c.count[OutTonight])},
		{Key: "migrants_arrived", Value: st.arrived},
		{Key: "migrants_left_camp", Value: st.left},
		{Key: "boarding_attempts", Value: st.attempts},
		{Key: "boarding_attempts_by_spot", Value: attBySpot},
		{Key: "intercepted_at_spots", Value: st.intercepted},
		{Key: "stowaways_boarded", Value: st.boarded},
		{Key: "stowaways_by_place", Value: byPlace},
		{Key: "stowaways_by_spot", Value: boardBySpot},
		{Key: "stowaways_found_french_police", Value: st.foundFrench},
		{Key: "stowaways_detected_controls", Value: st.detectedControls},
		{Key: "stowaways_detected_uk_arrival", Value: st.detectedArrival},
		{Key: "clandestine_arrivals_uk", Value: st.clandestineUK},
		{Key: "clandestine_arrivals_unsearched", Value: st.clandestineUnsearched},
		{Key: "in_country_encounters", Value: st.inCountry + st.inCountryOther},
		{Key: "in_country_encounters_via_calais", Value: st.inCountry},
		{Key: "disappeared_in_uk", Value: st.disappeared},
		{Key: "attempts_per_person_mean", Value: attemptsPer},
		{Key: "civil_penalties_gbp", Value: c.drivers.PenaltiesGBP()},
		{Key: "complicit_payments_gbp", Value: st.paymentsGBP},
		{Key: "hours_concealed_mean", Value: hours},
		{Key: "stowaway_co2_max_ppm", Value: st.maxCO2},
		{Key: "boarding_injuries", Value: st.injured},
	}
}

var campColumns = []string{"migrants_in_camp", "boarding_attempts", "detections_controls", "in_country_encounters"}

// DailyColumns names the camp's daily series.
func (c *Model) DailyColumns() []string { return campColumns }

// Daily returns day d's values, one per column.
func (c *Model) Daily(d int) []float64 {
	r := c.days[d]
	if d == c.env.Today() && c.k.Now() < c.cal.Local(c.cal.DayDate(d), dayAt) {
		// Before the day's noon count, the camp as it is now.
		r[cdCamp] = float64(c.count[InCamp])
	}
	return r[:]
}

// Views appends the people of the camp to dst: in the camp (Place "camp")
// or out at their boarding spot tonight (Place the spot's name), ranked by
// their number. People hidden on lorries are drawn as their lorry's
// FlagPeople; those who have left are not drawn.
func (c *Model) Views(dst []agents.View, now float64) []agents.View {
	for i := range c.people {
		p := &c.people[i]
		v := agents.View{Kind: agents.KindMigrant, ID: p.ID, State: p.State.String(), Index: int32(i), Rank: i}
		switch p.State {
		case InCamp, Returning:
			v.Place = "camp"
		case OutTonight:
			v.Place = c.spots[p.Spot].cfg.Name
		default:
			continue
		}
		dst = append(dst, v)
	}
	return dst
}
