package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"channelsim/agents"
	"channelsim/scanner"
	"channelsim/world"
)

// camp is the migrants submodel: the Calais camp, the nightly attempts to
// board UK-bound lorries, the stowaways' fate at the controls and in the
// UK, the drivers' penalties and the harm people suffer.
//
// Scheduling: a daily event at noon brings arrivals and departures; an
// evening event at 21:00 French time sends groups out; each group acts at
// its spot by events of its own until it gets on a lorry, is stopped, or
// dawn (06:00) sends it back. A stowaway's fate is decided by the lorry's
// own events (gate, search, boarding, arrival, stop in the UK).
type camp struct {
	m      *Model
	cfg    *Migrants
	r      *rand.Rand // camp dynamics and choices
	rBoard *rand.Rand // boarding attempts and what follows

	people   []agents.Migrant
	nextStow []int32 // next stowaway on the same lorry, or -1
	count    [agents.NumMigrantStates]int
	inCamp   []int32 // indices of people in the camp (unordered)
	campSlot []int32 // position of each person in inCamp, or -1

	info   *agents.Info
	spots  []spotState
	groups []group

	park     []int32 // lorries in the lorry park
	moving   [NumRoutes][]int32
	barrier  bool // the rocade is barricaded
	pressure penaltyWindow

	st      campStats
	days    [][campDaily]float64
	natCum  []float64
	started bool
}

type spotState struct {
	cfg                 *Spot
	route               Route
	police              float64
	pos                 world.Point
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
	penaltiesGBP, paymentsGBP      float64
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

// penaltyWindow keeps 30 days of penalties and lorries for the drivers'
// response to civil penalties.
type penaltyWindow struct {
	penalties, lorries [30]float64
	day                int
}

func (p *penaltyWindow) perThousand() float64 {
	var n, l float64
	for i := range p.penalties {
		n += p.penalties[i]
		l += p.lorries[i]
	}
	if l == 0 {
		return 0
	}
	return 1000 * n / l
}

func (m *Model) buildCamp() {
	cfg := &m.Cfg.Migrants
	if !cfg.Enabled {
		return
	}
	c := &camp{m: m, cfg: cfg, r: m.streams.New("migrants"), rBoard: m.streams.New("boarding")}
	c.info = agents.NewInfo(len(cfg.Spots), 0.3, cfg.InfoMemory)
	for i := range cfg.Spots {
		sp := &cfg.Spots[i]
		pos := m.lay[siteRoute(sp.Site)].gate
		if s, ok := m.World.Site(sp.Name); ok {
			pos = s.Pos
		}
		c.spots = append(c.spots, spotState{cfg: sp, route: siteRoute(sp.Site), police: sp.Police, pos: pos})
	}
	var tot float64
	for _, s := range cfg.Nationality {
		tot += s
		c.natCum = append(c.natCum, tot)
	}
	for i := range c.natCum {
		c.natCum[i] /= math.Max(tot, 1e-300)
	}
	c.days = make([][campDaily]float64, m.Cfg.Days)
	for i := 0; i < cfg.InitialCamp; i++ {
		c.newMigrant(0)
	}
	c.st.campStart = int64(c.count[agents.InCamp])
	c.st.arrived = 0
	m.camp = c
	m.subs = append(m.subs, c)
	for _, p := range cfg.Police {
		t := m.localMinutes(p.From, 0)
		if t >= 0 && t < m.horizon {
			m.K.At(t, prioControl, policeStep{c, p}, 0)
		} else if t < 0 {
			policeStep{c, p}.Handle(0)
		}
	}
	m.K.At(m.localMinutes(cfgDay(m, 0), 12*60), prioControl, campDay{c}, 0)
	m.K.At(m.localMinutes(cfgDay(m, 0), 21*60), prioControl, campNight{c}, 0)
}

// localMinutes returns the simulated minute of French local time minOfDay
// on date d.
func (m *Model) localMinutes(d Date, minOfDay int) float64 {
	t := time.Date(d.Year, d.Month, d.Day, 0, minOfDay, 0, 0, paris)
	return m.Cal.Minutes(t)
}

// cfgDay returns the date of day index i of the run.
func cfgDay(m *Model, i int) Date {
	t := m.Cal.Date(i)
	return Date{t.Year(), t.Month(), t.Day()}
}

func (c *camp) newMigrant(now float64) int32 {
	i := int32(len(c.people))
	nat := 0
	u := c.r.Float64()
	for nat < len(c.natCum)-1 && u >= c.natCum[nat] {
		nat++
	}
	money := c.cfg.MoneyMinGBP + c.r.Float64()*(c.cfg.MoneyMaxGBP-c.cfg.MoneyMinGBP)
	c.people = append(c.people, agents.Migrant{ID: uint64(i) + 1, Nationality: uint8(nat), Group: -1,
		MoneyGBP: money, State: agents.InCamp, Lorry: -1, ArrivedMin: now})
	c.nextStow = append(c.nextStow, -1)
	c.campSlot = append(c.campSlot, -1)
	c.count[agents.InCamp]++
	c.addCamp(i)
	c.st.arrived++
	return i
}

func (c *camp) addCamp(i int32) {
	c.campSlot[i] = int32(len(c.inCamp))
	c.inCamp = append(c.inCamp, i)
}

func (c *camp) removeCamp(i int32) {
	k := c.campSlot[i]
	last := c.inCamp[len(c.inCamp)-1]
	c.inCamp[k] = last
	c.campSlot[last] = k
	c.inCamp = c.inCamp[:len(c.inCamp)-1]
	c.campSlot[i] = -1
}

// set moves person i to state s, keeping the counts and the camp list.
func (c *camp) set(i int32, s agents.MigrantState) {
	p := &c.people[i]
	if p.State == s {
		return
	}
	if p.State == agents.InCamp {
		c.removeCamp(i)
	}
	c.count[p.State]--
	c.count[s]++
	p.State = s
	if s == agents.InCamp {
		c.addCamp(i)
	}
}

func (c *camp) day() *[campDaily]float64 {
	d := min(c.m.stats.day, len(c.days)-1)
	return &c.days[d]
}

// arrivalsPerDay returns the dated arrival rate on minute t.
func (c *camp) arrivalsPerDay(t float64) float64 {
	rate := 0.0
	for _, a := range c.cfg.Arrivals {
		if c.m.localMinutes(a.From, 0) <= t {
			rate = a.PerDay
		}
	}
	return rate
}

// campDay: arrivals and departures, once a day at noon.
type campDay struct{ c *camp }

func (e campDay) Handle(int64) {
	c, m := e.c, e.c.m
	now := m.K.Now()
	n := poisson(c.r, c.arrivalsPerDay(now))
	for k := 0; k < n; k++ {
		c.newMigrant(now)
	}
	// Departures: each person in the camp leaves with the daily chance.
	for k := len(c.inCamp) - 1; k >= 0; k-- {
		if c.r.Float64() < c.cfg.LeaveRate {
			i := c.inCamp[k]
			c.set(i, agents.LeftCamp)
			c.st.left++
		}
	}
	// In-country encounters of people who came by other routes.
	c.st.otherCarry += c.cfg.OtherRoutesPerDay
	other := poisson(c.r, c.cfg.OtherRoutesPerDay)
	c.st.inCountryOther += int64(other)
	c.day()[cdInCountry] += float64(other)
	c.day()[cdCamp] = float64(c.count[agents.InCamp])
	// Drivers' 30-day memory of penalties.
	c.pressure.day = (c.pressure.day + 1) % len(c.pressure.penalties)
	c.pressure.penalties[c.pressure.day] = 0
	c.pressure.lorries[c.pressure.day] = 0
	m.K.After(24*60, prioControl, e, 0)
}

// campNight sends groups out for the night.
type campNight struct{ c *camp }

func (e campNight) Handle(wave int64) {
	c, m := e.c, e.c.m
	// Stationary lorries on the approach roads draw people out: news of a
	// jam spreads fast ('extra security slows the traffic, creates queues
	// and can increase the vulnerability of the lorries', HAC HC 902).
	held := float64(m.sites[ViaPort].held.Len() + m.sites[ViaTunnel].held.Len())
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
		m.K.After(4*60, prioControl, e, 1) // the midnight wave
		m.K.After(9*60, prioControl, dawn{c}, 0)
		m.K.After(24*60, prioControl, e, 0)
		if c.cfg.Barricades.Enabled && c.r.Float64() < c.cfg.Barricades.NightChance {
			start := float64(c.cfg.Barricades.Start.Minute) - 21*60
			if start < 0 {
				start += 24 * 60
			}
			m.K.After(start, prioControl, barricade{c, true}, 0)
			m.K.After(start+c.cfg.Barricades.Length.Min(), prioControl, barricade{c, false}, 0)
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
func (c *camp) sendOut(p, spreadMin float64) {
	m := c.m
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
		size := min(len(out), 1+poisson(c.r, c.cfg.GroupMean-1))
		members := out[:size]
		out = out[size:]
		lead := &c.people[members[0]]
		for k := range c.spots {
			attract[k] = c.attractiveness(k, lead.MoneyGBP)
		}
		spot := agents.ChooseSpot(attract, c.cfg.ChoiceBeta, c.r)
		if spot < 0 {
			continue
		}
		g := int32(len(c.groups))
		c.groups = append(c.groups, group{members: append([]int32(nil), members...), spot: spot, out: true})
		for _, i := range members {
			c.set(i, agents.OutTonight)
			c.people[i].Group = g
			c.people[i].Spot = int8(spot)
		}
		m.K.After(30+c.r.Float64()*spreadMin, prioLorry, groupTry{c}, int64(g))
	}
}

// attractiveness is a spot's expected yield for a group: the camp's news of
// success there, times the chance of getting past the police, times the
// lorries they can see there now (square root: more lorries help, with
// diminishing returns). Spots run by smugglers need the price.
func (c *camp) attractiveness(k int, money float64) float64 {
	sp := &c.spots[k]
	if sp.cfg.PriceGBP > money {
		return 0
	}
	opp := float64(c.opportunities(k))
	return c.info.Success[k] * (1 - agents.Interception(sp.police, c.cfg.InterceptPerOfficer)) * math.Sqrt(1+opp)
}

// opportunities returns the lorries a group at spot k can reach now.
func (c *camp) opportunities(k int) int {
	sp := &c.spots[k]
	s := c.m.sites[sp.route]
	switch sp.cfg.Kind {
	case "queue":
		return s.held.Len()
	case "traffic":
		return len(c.moving[sp.route])
	case "park":
		return len(c.park)
	default:
		return s.embark.Len()
	}
}

// pick returns a random lorry at spot k (there is at least one).
func (c *camp) pick(k int) int32 {
	sp := &c.spots[k]
	s := c.m.sites[sp.route]
	switch sp.cfg.Kind {
	case "queue":
		return s.held.Peek(c.rBoard.IntN(s.held.Len()))
	case "traffic":
		mv := c.moving[sp.route]
		return mv[c.rBoard.IntN(len(mv))]
	case "park":
		return c.park[c.rBoard.IntN(len(c.park))]
	default:
		return s.embark.Peek(c.rBoard.IntN(s.embark.Len()))
	}
}

// groupTry: a group at its spot tries to get on lorries.
type groupTry struct{ c *camp }

func (e groupTry) Handle(arg int64) {
	c, m := e.c, e.c.m
	g := &c.groups[arg]
	if !g.out {
		return
	}
	sp := &c.spots[g.spot]
	n := c.opportunities(g.spot)
	if n > 0 {
		if c.rBoard.Float64() < agents.Interception(sp.police, c.cfg.InterceptPerOfficer) {
			// Stopped by police before reaching a lorry: back to camp.
			c.st.intercepted += int64(len(g.members))
			c.endGroup(g)
			return
		}
		moving := sp.cfg.Kind == "traffic" && !c.barrier
		for try := 0; try < min(n, c.cfg.MaxTries); try++ {
			li := c.pick(g.spot)
			l := &m.lorries[li]
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
			b := agents.Boarding{Base: sp.cfg.Base, Moving: moving, Fence: sp.cfg.Fence,
				Lighting: sp.cfg.Lighting, Vigilance: l.Vigilance, Sealed: l.Vehicle.Sealed}
			prob := b.Probability()
			complicit := l.Complicit && sp.cfg.Kind == "park" && c.people[g.members[0]].MoneyGBP >= m.Cfg.Migrants.Drivers.PaymentGBP
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
	m.K.After(c.cfg.RetryAfter.Min(), prioLorry, e, arg)
}

// hide puts a group's members on lorry li.
func (c *camp) hide(g *group, li int32, complicit bool) {
	m := c.m
	l := &m.lorries[li]
	place := agents.HidingPlace(l.Vehicle.Trailer, complicit, c.rBoard)
	now := m.K.Now()
	for _, i := range g.members {
		p := &c.people[i]
		c.set(i, agents.Hidden)
		p.Lorry, p.Place, p.BoardedMin, p.Group = li, uint8(place), now, -1
		if complicit {
			p.MoneyGBP -= m.Cfg.Migrants.Drivers.PaymentGBP
			c.st.paymentsGBP += m.Cfg.Migrants.Drivers.PaymentGBP
		}
		c.nextStow[i] = l.stow
		l.stow = i
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
func (c *camp) endGroup(g *group) {
	for _, i := range g.members {
		if c.people[i].State == agents.OutTonight {
			c.people[i].Group = -1
			c.set(i, agents.InCamp)
		}
	}
	g.out = false
	g.members = g.members[:0]
}

// dawn ends the night: groups still out go back; the camp learns.
type dawn struct{ c *camp }

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
	c  *camp
	on bool
}

// Handle blocks or clears the rocade: while blocked, port lorries stop on
// the approach (the port is closed to arrivals at its gate).
func (e barricade) Handle(int64) {
	s := e.c.m.sites[ViaPort]
	e.c.barrier = e.on
	if e.on {
		s.closed++
	} else {
		s.closed--
		s.admit()
	}
}

type policeStep struct {
	c *camp
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
type returnToCamp struct{ c *camp }

func (e returnToCamp) Handle(arg int64) {
	c := e.c
	if c.people[arg].State == agents.Returning {
		c.set(int32(arg), agents.InCamp)
	}
}

// unlink removes person i from lorry li's stowaway list.
func (c *camp) unlink(li int32, i int32) {
	l := &c.m.lorries[li]
	if l.stow == i {
		l.stow = c.nextStow[i]
	} else {
		for j := l.stow; j >= 0; j = c.nextStow[j] {
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
func (c *camp) leaveLorry(i int32, li int32) {
	p := &c.people[i]
	now := c.m.K.Now()
	hours := (now - p.BoardedMin) / 60
	p.HoursConcealed += hours
	c.st.hoursConcealed += hours
	c.st.stowawaysEnded++
	l := &c.m.lorries[li]
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
func (c *camp) each(li int32, p scanner.Place, f func(i int32)) {
	for i := c.m.lorries[li].stow; i >= 0; {
		next := c.nextStow[i]
		if p == scanner.NumPlaces || scanner.Place(c.people[i].Place) == p {
			f(i)
		}
		i = next
	}
}

// handBack sends person i, found in France, back to the camp after the
// French police release them.
func (c *camp) handBack(i int32, li int32) {
	c.leaveLorry(i, li)
	c.people[i].Caught++
	c.set(i, agents.Returning)
	c.m.K.After(c.cfg.ReturnAfter.Min()*(0.5+c.rBoard.Float64()), prioLorry, returnToCamp{c}, int64(i))
}

// penalise records civil penalties for people found on lorry li.
func (c *camp) penalise(li int32, people int) {
	d := &c.m.Cfg.Migrants.Drivers
	if c.rBoard.Float64() >= d.PenalisedShare {
		return // the driver showed an effective system
	}
	for k := 0; k < people*d.PenaltyParties; k++ {
		c.st.penaltiesGBP += d.PenaltyMinGBP + c.rBoard.Float64()*(d.PenaltyMaxGBP-d.PenaltyMinGBP)
	}
	c.pressure.penalties[c.pressure.day] += float64(people)
}

// Hooks called by the core as a lorry moves on.

// onArrive draws the driver of a new UK-bound lorry.
func (c *camp) onArrive(li int32) {
	l := &c.m.lorries[li]
	d := &c.cfg.Drivers
	l.Vigilance = agents.DriverVigilance(d.VigilanceBase, d.PenaltyResponse*c.pressure.perThousand(), c.m.rDriver)
	l.Complicit = c.m.rDriver.Float64() < d.ComplicitShare
	c.pressure.lorries[c.pressure.day]++
}

// onGate: French police and site security check lorries entering a site.
func (c *camp) onGate(li int32) {
	if c.m.lorries[li].stow < 0 || c.rBoard.Float64() >= c.cfg.FrenchPoliceFind {
		return
	}
	c.each(li, scanner.NumPlaces, func(i int32) {
		c.st.foundFrench++
		c.handBack(i, li)
	})
}

// onSearch: people found at place p by the UK controls.
func (c *camp) onSearch(li int32, o *scanner.Outcome) {
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
		c.penalise(li, n)
	}
}

// onBoard: the lorry boards a ferry or shuttle; its stowaways have passed
// the juxtaposed controls undetected.
func (c *camp) onBoard(li int32) {
	searched := c.m.lorries[li].Searched
	c.each(li, scanner.NumPlaces, func(i int32) {
		c.set(i, agents.CrossingUK)
		c.st.clandestineUK++
		if !searched {
			c.st.clandestineUnsearched++
		}
	})
}

// onUKArrival: checks at Dover or Folkestone on arrival.
func (c *camp) onUKArrival(li int32) {
	if c.m.lorries[li].stow < 0 || c.rBoard.Float64() >= c.cfg.FoundOnArrival {
		return
	}
	n := 0
	c.each(li, scanner.NumPlaces, func(i int32) {
		n++
		c.st.detectedArrival++
		c.leaveLorry(i, li)
		c.set(i, agents.InUK)
		c.m.referToRemovals(1)
	})
	c.penalise(li, n)
}

// onStopUK: the lorry stops in the UK; its stowaways get out. Some are
// found (an in-country encounter), the rest disappear.
func (c *camp) onStopUK(li int32) {
	if c.m.lorries[li].stow < 0 {
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
			c.set(i, agents.InUK)
			c.m.referToRemovals(1)
		} else {
			c.st.disappeared++
			c.set(i, agents.Disappeared)
		}
	})
	if n > 0 {
		c.penalise(li, n)
	}
}

// onPark and onUnpark keep the list of lorries in the lorry park; onMove
// and onStop the lorries moving on each site's approach roads.
func (c *camp) onPark(li int32) {
	c.m.lorries[li].slot = int32(len(c.park))
	c.park = append(c.park, li)
}

func (c *camp) onUnpark(li int32) { c.park = removeSlot(c.m.lorries, c.park, li) }

func (c *camp) onMove(li int32) {
	r := c.m.lorries[li].Route
	c.m.lorries[li].slot = int32(len(c.moving[r]))
	c.moving[r] = append(c.moving[r], li)
}

func (c *camp) onStop(li int32) {
	r := c.m.lorries[li].Route
	c.moving[r] = removeSlot(c.m.lorries, c.moving[r], li)
}

// removeSlot removes lorry li from list xs, where lorries[x].slot is each
// lorry's position in xs.
func removeSlot(lorries []Lorry, xs []int32, li int32) []int32 {
	k := lorries[li].slot
	last := xs[len(xs)-1]
	xs[k] = last
	lorries[last].slot = k
	lorries[li].slot = -1
	return xs[:len(xs)-1]
}

// checkInvariants recounts the migrants' states: each person is in exactly
// one state, the counts add up to everyone ever created, the camp list holds
// exactly those in the camp, and each stowaway is on a live lorry whose
// hidden count includes them.
func (c *camp) checkInvariants() error {
	var recount [agents.NumMigrantStates]int
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
	if len(c.inCamp) != c.count[agents.InCamp] {
		return fmt.Errorf("%d in the camp list, %d in the camp state", len(c.inCamp), c.count[agents.InCamp])
	}
	hidden := 0
	for li := range c.m.lorries {
		l := &c.m.lorries[li]
		if !l.live {
			continue
		}
		var n [scanner.NumPlaces]int
		for i := l.stow; i >= 0; i = c.nextStow[i] {
			p := &c.people[i]
			if p.Lorry != int32(li) || (p.State != agents.Hidden && p.State != agents.CrossingUK) {
				return fmt.Errorf("migrant %d on lorry %d's list is %s on lorry %d", p.ID, li, p.State, p.Lorry)
			}
			n[p.Place]++
			hidden++
		}
		if n != l.Vehicle.People {
			return fmt.Errorf("lorry %d lists %v stowaways by place but carries %v", li, n, l.Vehicle.People)
		}
	}
	if hidden != c.count[agents.Hidden]+c.count[agents.CrossingUK] {
		return fmt.Errorf("%d stowaways on lorries, %d hidden or crossing", hidden, c.count[agents.Hidden]+c.count[agents.CrossingUK])
	}
	return nil
}

// MigrantCounts returns the number of migrants in each state (zero when
// the migrants submodel is off).
func (m *Model) MigrantCounts() [agents.NumMigrantStates]int {
	if m.camp == nil {
		return [agents.NumMigrantStates]int{}
	}
	return m.camp.count
}

func (c *camp) summary() []Entry {
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
	return []Entry{
		{"migrants_in_camp_start", st.campStart},
		{"migrants_in_camp_end", int64(c.count[agents.InCamp] + c.count[agents.OutTonight])},
		{"migrants_arrived", st.arrived},
		{"migrants_left_camp", st.left},
		{"boarding_attempts", st.attempts},
		{"boarding_attempts_by_spot", attBySpot},
		{"intercepted_at_spots", st.intercepted},
		{"stowaways_boarded", st.boarded},
		{"stowaways_by_place", byPlace},
		{"stowaways_by_spot", boardBySpot},
		{"stowaways_found_french_police", st.foundFrench},
		{"stowaways_detected_controls", st.detectedControls},
		{"stowaways_detected_uk_arrival", st.detectedArrival},
		{"clandestine_arrivals_uk", st.clandestineUK},
		{"clandestine_arrivals_unsearched", st.clandestineUnsearched},
		{"in_country_encounters", st.inCountry + st.inCountryOther},
		{"in_country_encounters_via_calais", st.inCountry},
		{"disappeared_in_uk", st.disappeared},
		{"attempts_per_person_mean", attemptsPer},
		{"civil_penalties_gbp", st.penaltiesGBP},
		{"complicit_payments_gbp", st.paymentsGBP},
		{"hours_concealed_mean", hours},
		{"stowaway_co2_max_ppm", st.maxCO2},
		{"boarding_injuries", st.injured},
	}
}

var campColumns = []string{"migrants_in_camp", "boarding_attempts", "detections_controls", "in_country_encounters"}

func (c *camp) dailyColumns() []string { return campColumns }

func (c *camp) daily(d int) []float64 {
	r := c.days[d]
	if d == c.m.stats.day && c.m.K.Now() < c.m.localMinutes(cfgDay(c.m, d), 12*60) {
		// Before the day's noon count, the camp as it is now.
		r[cdCamp] = float64(c.count[agents.InCamp])
	}
	return r[:]
}

func (c *camp) snapshot(dst *Snapshot, now float64) {
	campPos := c.m.lay[ViaPort].gate
	if s, ok := c.m.World.Site("camp"); ok {
		campPos = s.Pos
	}
	for i := range c.people {
		p := &c.people[i]
		var pos world.Point
		switch p.State {
		case agents.InCamp, agents.Returning:
			pos = jitter(campPos, uint64(i), 250)
		case agents.OutTonight:
			pos = jitter(c.spots[p.Spot].pos, uint64(i), 60)
		case agents.Hidden, agents.CrossingUK:
			continue // drawn as their lorry's FlagPeople
		default:
			continue // left the map
		}
		dst.Agents = append(dst.Agents, AgentView{Kind: KindMigrant, ID: p.ID, State: p.State.String(), Pos: pos, Index: int32(i)})
	}
}

// jitter spreads agents around p deterministically by their id.
func jitter(p world.Point, id uint64, radius float64) world.Point {
	x := id * 0x9e3779b97f4a7c15
	a := float64(x>>40) / float64(1<<24) * 2 * math.Pi
	r := radius * math.Sqrt(float64(x&0xffffff)/float64(1<<24))
	return world.Point{X: p.X + r*math.Cos(a), Y: p.Y + r*math.Sin(a)}
}

// poisson draws a Poisson variate with mean mu (Knuth's method for small
// means, a rounded normal approximation above 50).
func poisson(r *rand.Rand, mu float64) int {
	if mu <= 0 {
		return 0
	}
	if mu > 50 {
		return max(0, int(math.Round(mu+math.Sqrt(mu)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-mu), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
