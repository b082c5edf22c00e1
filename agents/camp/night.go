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
	c.k.At(c.cal.NextLocal(c.k.Now(), dayAt), freight.PrioControl, e, 0)
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
		p = math.Min(1, c.cfg.TryShare*(newsFloor+avg/newsScale)*(1+pull))
		// The night's later events and tomorrow's wave, at their local
		// times whatever the change of clocks in between.
		now := c.k.Now()
		c.k.At(c.cal.NextLocal(now, midnightAt), freight.PrioControl, e, 1)
		c.k.At(c.cal.NextLocal(now, dawnAt), freight.PrioControl, dawn{c}, 0)
		c.k.At(c.cal.NextLocal(now, eveningAt), freight.PrioControl, e, 0)
		if c.cfg.Barricades.Enabled && c.r.Float64() < c.cfg.Barricades.NightChance {
			start := c.cal.NextLocal(now, c.cfg.Barricades.Start.Minute)
			c.k.At(start, freight.PrioControl, barricade{c, true}, 0)
			c.k.At(start+c.cfg.Barricades.Length.Min(), freight.PrioControl, barricade{c, false}, 0)
		}
	} else {
		// The midnight wave: only queues draw more people out.
		p = math.Min(1, c.cfg.TryShare*pull)
	}
	c.sendOut(p, waveSpreadMin)
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
		c.k.After(walkMin+c.r.Float64()*spreadMin, freight.PrioLorry, groupTry{c}, int64(g))
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
