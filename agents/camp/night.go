package camp

import (
	"math"

	"channelsim/agents/freight"
	"channelsim/engine"
)

// campDay: arrivals and departures, once a day at noon.
type campDay struct{ c *Model }

func (e campDay) Handle(int64) {
	c := e.c
	now := c.k.Now()
	n := engine.Poisson(c.r, datedRate(c.cfg.Arrivals, c.cal, now))
	for k := 0; k < n; k++ {
		c.newMigrant(now)
	}
	if e := &c.cfg.Elsewhere; e.Enabled && len(e.Arrivals) > 0 {
		for k := engine.Poisson(c.r, datedRate(e.Arrivals, c.cal, now)); k > 0; k-- {
			c.toOtherCamps(c.newMigrant(now))
		}
	}
	// Departures: each person in the camp leaves with the daily chance.
	for k := len(c.inCamp) - 1; k >= 0; k-- {
		if c.r.Float64() < c.cfg.LeaveRate {
			i := c.inCamp[k]
			c.set(i, LeftCamp)
			c.st.left++
		}
	}
	c.transfers()
	c.moveBetweenCamps()
	// In-country encounters of people who came by other routes.
	mean := c.cfg.OtherRoutesPerDay + c.cfg.OtherRoutesRatio*float64(c.st.foundToday)
	c.st.foundToday = 0
	c.st.otherCarry += mean
	other := engine.Poisson(c.r, mean)
	c.st.inCountryOther += int64(other)
	c.day()[cdInCountry] += float64(other)
	c.day()[cdCamp] = float64(c.count[InCamp])
	c.day()[cdAway] = float64(c.count[InOtherCamp])
	c.day()[cdSpotsKnown] = float64(c.knownSpots())
	// The drivers' 30-day memory of penalties moves on with the camp's day.
	c.drivers.NextDay()
	c.k.At(c.cal.NextLocal(c.k.Now(), dayAt), freight.PrioControl, e, 0)
}

// campNight sends groups out for the night.
type campNight struct{ c *Model }

func (e campNight) Handle(wave int64) {
	c := e.c
	// Stationary lorries on the approach roads draw people out: news of a
	// jam spreads fast ('extra security slows the traffic, creates queues
	// and can increase the vulnerability of the lorries', HAC HC 902).
	held := float64(c.fr.Count(freight.Place{Where: freight.InQueue, Route: freight.ViaPort}) +
		c.fr.Count(freight.Place{Where: freight.InQueue, Route: freight.ViaTunnel}))
	pull := c.cfg.QueuePull * held / (held + queuePullHalf)
	var p float64
	if wave == 0 {
		c.groups = c.groups[:0]
		c.night++
		for k := range c.spots {
			sp := &c.spots[k]
			sp.attempts, sp.successes, sp.tries, sp.lorries = 0, 0, 0, 0
		}
		// The evening wave: the camp's propensity, raised when the best
		// spot it knows looks good and when lorries stand in queues; it
		// falls only when every option is worse.
		if c.boat != nil {
			c.boatNews()
		}
		best := c.bestProspect(false, false)
		p = math.Min(1, c.cfg.TryShare*(newsFloor+c.withBoats(best)/newsScale)*(1+pull))
		// The other camps go out to their own spots by the same rule (no
		// queue at Calais draws them).
		if o := c.withBoats(c.bestProspect(false, true)); o > 0 {
			c.sendOut(c.away, math.Min(1, c.cfg.TryShare*(newsFloor+o/newsScale)), waveSpreadMin)
		}
		// The night's later events and tomorrow's wave, at their local
		// times whatever the change of clocks in between.
		now := c.k.Now()
		c.k.At(c.cal.NextLocal(now, midnightAt), freight.PrioControl, e, 1)
		c.k.At(c.cal.NextLocal(now, dawnAt), freight.PrioControl, dawn{c}, 0)
		c.k.At(c.cal.NextLocal(now, eveningAt), freight.PrioControl, e, 0)
		if c.cfg.Barricades.Enabled && c.r.Float64() < c.cfg.Barricades.NightChance*despair(best) {
			c.st.roadblockNights++
			c.day()[cdRoadblock] = 1
			start := c.cal.NextLocal(now, c.cfg.Barricades.Start.Minute)
			c.k.At(start, freight.PrioControl, barricade{c, true}, 0)
			c.k.At(start+c.cfg.Barricades.Length.Min(), freight.PrioControl, barricade{c, false}, 0)
		}
	} else {
		// The midnight wave: only queues draw more people out.
		p = math.Min(1, c.cfg.TryShare*pull)
	}
	c.sendOut(c.inCamp, p, waveSpreadMin)
}

// How news moves the evening wave (EST): the share going out is try_share
// times newsFloor + s/newsScale, s the camp's mean news of success over
// spots, so that with no news half the usual share goes out and news of
// success at the prior's scale doubles it.
const (
	newsFloor = 0.5
	newsScale = 0.6
)

// A wave's groups reach their spots after walkMin and within waveSpreadMin
// more (EST: no source gives walking times to the spots).
const (
	walkMin       = 30
	waveSpreadMin = 240
)

// queuePullHalf is the queue, in lorries, that gives half the largest (EST)
// pull: the pull saturates, since the camp cannot go out more than once.
const queuePullHalf = 200

// sendOut sends a share p of the people of a camp (its list: inCamp or
// away) out in groups, who reach their spots within spreadMin minutes.
func (c *Model) sendOut(camp []int32, p, spreadMin float64) {
	if p <= 0 {
		return
	}
	out := c.out[:0]
	for _, i := range camp {
		if c.r.Float64() < p*c.keen(i) {
			out = append(out, i)
		}
	}
	c.out = out // kept for the next wave: dispatch copies the members
	if c.boat != nil {
		c.boat.outTonight += len(out)
	}
	c.r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	for len(out) > 0 {
		size := min(len(out), 1+engine.Poisson(c.r, c.cfg.GroupMean-1))
		c.dispatch(out[:size], spreadMin)
		out = out[size:]
	}
}

// dispatch sends a group out to the spot its leader chooses, which it
// reaches after the walk and within spreadMin more; a group that can
// choose no spot (none known or affordable) stays in the camp.
func (c *Model) dispatch(members []int32, spreadMin float64) {
	lead := &c.people[members[0]]
	n := len(c.spots)
	if c.boat != nil {
		n++ // the boats, last
	}
	if cap(c.attract) < n {
		c.attract = make([]float64, n)
		c.weights = make([]float64, n)
	}
	attract := c.attract[:n]
	for k := range c.spots {
		attract[k] = 0
		if c.spots[k].cfg.Others == lead.Other { // each camp's own spots
			attract[k] = c.attractiveness(k, lead.MoneyGBP)
		}
		// A spot not everyone knows: the leader knows it with the share
		// of the camp that does.
		if a := c.spots[k].aware; a < 1 && attract[k] > 0 && c.r.Float64() >= a {
			attract[k] = 0
		}
	}
	if c.boat != nil {
		// The boats: the leader knows of them with the share of the camp
		// that does.
		attract[n-1] = 0
		if a := c.boat.aware; a >= 1 || c.r.Float64() < a {
			attract[n-1] = c.boatAttractiveness(lead)
		}
	}
	spot := chooseSpot(attract, c.weights, c.cfg.ChoiceBeta, c.r)
	if spot < 0 {
		return
	}
	if c.boat != nil && spot == n-1 {
		c.toBeach(members)
		return
	}
	g := int32(len(c.groups))
	// The groups are cleared each evening; a new group reuses the member
	// list of the last night's group in its place, which nothing names now.
	var mem []int32
	if len(c.groups) < cap(c.groups) {
		mem = c.groups[:g+1][g].members[:0]
	}
	c.groups = append(c.groups, group{members: append(mem, members...), spot: spot, out: true})
	for _, i := range members {
		c.set(i, OutTonight)
		c.people[i].Group = g
		c.people[i].Spot = int8(spot)
	}
	c.k.After(walkMin+c.spots[spot].cfg.Walk.Min()+c.r.Float64()*spreadMin, freight.PrioLorry, groupTry{c}, int64(g))
}

// attractiveness is a spot's expected yield for a group: the camp's news of
// success there, times the chance of getting past the police, times the
// lorries they can see there now (square root: more lorries help, with
// diminishing returns). Spots run by smugglers need the price.
func (c *Model) attractiveness(k int, money float64) float64 {
	sp := &c.spots[k]
	if sp.aware <= 0 || sp.price > money {
		return 0
	}
	return c.prospect(k) * math.Sqrt(1+float64(c.opportunities(k)))
}

// opportunities returns the lorries a group at spot k can reach now: the
// spot's share of the lorries at its place.
func (c *Model) opportunities(k int) int {
	sp := &c.spots[k]
	n := c.fr.Count(sp.place)
	if sp.cfg.Share < 1 {
		return int(sp.cfg.Share * float64(n))
	}
	return n
}

// pick returns a random lorry at spot k that a group of size people can
// try tonight (canTry), or −1 if there is none: a few random draws, then
// a walk through the place from a random start.
func (c *Model) pick(k, size int) int32 {
	p := c.spots[k].place
	n := c.fr.Count(p)
	for range pickDraws {
		if li := c.fr.At(p, c.rBoard.IntN(n)); c.canTry(li, size) {
			return li
		}
	}
	start := c.rBoard.IntN(n)
	for j := range n {
		if li := c.fr.At(p, (start+j)%n); c.canTry(li, size) {
			return li
		}
	}
	return -1
}

// pickDraws is how many random lorries pick tries before it walks the
// place: enough that a place with room is rarely walked.
const pickDraws = 4

// canTry reports whether a group of size people can try lorry li tonight:
// it has room for them all (trailer_capacity) and fewer than
// tries_per_lorry_night groups have tried it.
func (c *Model) canTry(li int32, size int) bool {
	l := c.fr.Lorry(li)
	if l.Vehicle.Hidden()+size > c.cfg.TrailerCapacity {
		return false
	}
	if int(li) < len(c.marks) {
		if m := c.marks[li]; m.id == l.ID && m.night == c.night && m.n >= m.limit {
			return false
		}
	}
	return true
}

// mark counts a group's try of lorry li at spot k: the lorry's tries
// tonight, and the spot's tries and lorries tried.
func (c *Model) mark(li int32, k int) {
	for int(li) >= len(c.marks) {
		c.marks = append(c.marks, tryMark{})
	}
	l := c.fr.Lorry(li)
	m := &c.marks[li]
	if m.id != l.ID || m.night != c.night {
		// Tonight's first try: how many groups the lorry can take.
		x := c.cfg.TriesPerLorry
		limit := math.Floor(x)
		if c.rBoard.Float64() < x-limit {
			limit++
		}
		*m = tryMark{id: l.ID, night: c.night, spot: -1, limit: uint8(min(limit, 255))}
	}
	if int(m.spot) != k {
		c.spots[k].lorries++ // new to this spot tonight
		m.spot = int16(k)
	}
	m.n++
	c.spots[k].tries++
	if m.n == m.limit {
		c.st.triedOut++
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
		if sp.cfg.Stop > 0 && c.rBoard.Float64() < sp.cfg.Stop {
			c.fr.Stop(sp.place.Route) // on the tracks: the site stops its trains
		}
		moving := sp.place.Where == freight.OnRoad && !c.barrier
		for try := 0; try < min(n, c.cfg.MaxTries); try++ {
			li := c.pick(g.spot, len(g.members))
			if li < 0 {
				break // every lorry here is full or has been tried enough tonight
			}
			c.mark(li, g.spot)
			l := c.fr.Lorry(li)
			c.st.attempts += int64(len(g.members))
			row := c.day()
			row[cdAttempts] += float64(len(g.members))
			row[campDaily+g.spot] += float64(len(g.members))
			sp.attempts += len(g.members)
			sp.totalAttempts += int64(len(g.members))
			for _, i := range g.members {
				c.people[i].Attempts++
			}
			if moving && c.rBoard.Float64() < c.cfg.InjuryPerAttempt {
				c.people[g.members[0]].Injured = true
				c.st.injured++
			}
			b := Boarding{Base: sp.cfg.Base, Moving: moving, Fence: sp.fence,
				Lighting: sp.lighting, Vigilance: l.Vigilance, Sealed: l.Vehicle.Sealed}
			prob := b.Probability()
			complicit := l.Complicit && sp.place.Where == freight.AtRest && c.people[g.members[0]].MoneyGBP >= c.drivers.PaymentGBP()
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
	for int(li) >= len(c.stow) {
		c.stow = append(c.stow, -1) // a slab slot new to the camp carries nobody
	}
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

// endGroup sends a group's members back to the camp, having failed: some
// give up and leave it.
func (c *Model) endGroup(g *group) {
	for _, i := range g.members {
		if c.people[i].State == OutTonight {
			c.people[i].Group = -1
			c.set(i, c.home(i))
			c.failedNight(i)
		}
	}
	g.out = false
	g.members = g.members[:0]
}

// keen is how readily person i goes out: 1/(1 + f/weariness_nights) after
// f failed nights (1 without weariness).
func (c *Model) keen(i int32) float64 {
	if c.cfg.Weariness <= 0 {
		return 1
	}
	return 1 / (1 + float64(c.people[i].Failed)/c.cfg.Weariness)
}

// failedNight: person i is back in the camp after a failure; it counts
// towards their weariness, and they give up with the chance
// give_up_per_failed_night.
func (c *Model) failedNight(i int32) {
	c.people[i].Failed++
	if c.cfg.GiveUp > 0 && c.r.Float64() < c.cfg.GiveUp {
		c.set(i, LeftCamp)
		c.st.gaveUp++
		c.day()[cdGaveUp]++
	}
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
	if c.boat != nil {
		c.clearBeach()
	}
	c.spread()
	c.setPrices()
}

// spread: word of each spot travels from those who know it to those who
// do not (migrants.knowledge), faster when its news is good.
func (c *Model) spread() {
	for k := range c.spots {
		sp := &c.spots[k]
		if sp.aware >= 1 {
			continue
		}
		news := math.Min(2, c.info.Success[k]/infoPrior)
		sp.aware = math.Min(1, sp.aware+c.cfg.Knowledge.WordOfMouth*sp.aware*(1-sp.aware)*news)
		if sp.found < 0 && sp.known() {
			sp.found = c.env.Today()
		}
	}
}

// prospect is what the camp expects of one attempt at spot k tonight: its
// news of success there times the chance of getting past the police.
func (c *Model) prospect(k int) float64 {
	sp := &c.spots[k]
	return c.info.Success[k] * (1 - Interception(sp.police, c.cfg.InterceptPerOfficer))
}

// bestProspect returns the best prospect among a camp's known spots (the
// other camps' when others; only the free ones when free): a camp goes out
// less only when every option is worse.
func (c *Model) bestProspect(free, others bool) float64 {
	best := 0.0
	for k := range c.spots {
		if c.spots[k].cfg.Others == others && c.spots[k].known() && (!free || c.spots[k].cfg.PriceGBP == 0) {
			best = math.Max(best, c.prospect(k))
		}
	}
	return best
}

// despair is how far the best prospect has fallen below the camp's first
// expectation of any spot (infoPrior): 0 while some spot is as good as
// expected, 1 when none offers any hope.
func despair(best float64) float64 {
	return math.Max(0, math.Min(1, 1-best/infoPrior))
}

// setPrices: smugglers ask more as the free spots get harder, up to their
// cap: price_gbp × (1 + price_response × despair of the free spots).
func (c *Model) setPrices() {
	d := despair(c.bestProspect(true, false))
	for k := range c.spots {
		sp := &c.spots[k]
		if sp.cfg.PriceGBP == 0 {
			continue
		}
		sp.price = sp.cfg.PriceGBP * (1 + c.cfg.Smugglers.Response*d)
		if m := c.cfg.Smugglers.MaxGBP; m > 0 {
			sp.price = math.Min(sp.price, math.Max(m, sp.cfg.PriceGBP))
		}
		c.st.priceMax = math.Max(c.st.priceMax, sp.price)
	}
	c.day()[cdPrice] = c.meanPrice()
}

// meanPrice is the mean price at the smugglers' spots the camp knows (0:
// none).
func (c *Model) meanPrice() float64 {
	var sum float64
	var n int
	for k := range c.spots {
		if sp := &c.spots[k]; sp.cfg.PriceGBP > 0 && sp.known() {
			sum += sp.price
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// knownSpots counts the spots the camp knows.
func (c *Model) knownSpots() int {
	n := 0
	for k := range c.spots {
		if c.spots[k].known() {
			n++
		}
	}
	return n
}

// transfers takes people from the camp to reception centres on the dates
// of migrants.transfers.
func (c *Model) transfers() {
	today := c.cal.DayDate(c.env.Today())
	for _, t := range c.cfg.Transfers {
		if today.Before(t.From) || t.To.Before(today) {
			continue
		}
		for k := len(c.inCamp) - 1; k >= 0 && t.Share > 0; k-- {
			if c.r.Float64() < t.Share {
				c.transfer(c.inCamp[k])
			}
		}
		for n := engine.Poisson(c.r, t.PerDay); n > 0 && len(c.inCamp) > 0; n-- {
			c.transfer(c.inCamp[c.r.IntN(len(c.inCamp))])
		}
	}
}

func (c *Model) transfer(i int32) {
	c.set(i, LeftCamp)
	c.st.transferred++
	c.day()[cdTransferred]++
}

// moveBetweenCamps: people move to the other camps when the Calais spots
// look worse than what they expect there, and back when Calais looks
// better, at a daily chance proportional to the relative gap. People in the
// other camps also leave the system at the camp's leave rate (they cross
// from there or give up: not simulated).
func (c *Model) moveBetweenCamps() {
	e := &c.cfg.Elsewhere
	if !e.Enabled {
		return
	}
	for k := len(c.away) - 1; k >= 0; k-- {
		if c.r.Float64() < c.cfg.LeaveRate {
			c.set(c.away[k], LeftCamp)
			c.st.left++
		}
	}
	here := c.bestProspect(false, false)
	if here < e.Success && e.Success > 0 {
		p := e.Move * (e.Success - here) / e.Success
		for k := len(c.inCamp) - 1; k >= 0; k-- {
			if c.r.Float64() < p {
				c.toOtherCamps(c.inCamp[k])
				c.st.movedAway++
				c.day()[cdMovedAway]++
			}
		}
	} else if here > e.Success {
		p := e.Move * (here - e.Success) / here
		for k := len(c.away) - 1; k >= 0; k-- {
			if c.r.Float64() < p {
				i := c.away[k]
				c.people[i].Other = false
				c.set(i, InCamp)
				c.st.movedBack++
				c.day()[cdMovedBack]++
			}
		}
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

// Handle adds the step's officers at its spot, or spreads them evenly over
// the Calais spots the camp knows then ("all": police go where people try).
func (e policeStep) Handle(int64) {
	c := e.c
	known := 0.0
	for k := range c.spots {
		if c.spots[k].known() && !c.spots[k].cfg.Others {
			known++
		}
	}
	known = max(1, known)
	for k := range c.spots {
		if e.p.Spot == "all" {
			if c.spots[k].known() && !c.spots[k].cfg.Others {
				c.spots[k].police += e.p.Officers / known
			}
		} else if c.spots[k].cfg.Name == e.p.Spot {
			c.spots[k].police += e.p.Officers
		}
		c.spots[k].police = math.Max(0, c.spots[k].police)
	}
}

type works struct {
	c *Model
	w Works
}

func (e works) Handle(int64) {
	for k := range e.c.spots {
		if sp := &e.c.spots[k]; sp.cfg.Name == e.w.Spot {
			sp.fence, sp.lighting = e.w.Fence, e.w.Lighting
		}
	}
}
