package camp

import (
	"math"

	"channelsim/agents/freight"
	"channelsim/scanner"
)

// returnToCamp: someone handed to French police is back in their camp.
type returnToCamp struct{ c *Model }

func (e returnToCamp) Handle(arg int64) {
	c := e.c
	i := int32(arg)
	if c.people[i].State != Returning {
		return
	}
	c.set(i, c.home(i))
	// Back before the night is over, some go straight out again ('the same
	// person is often caught several times a day and night'); the others
	// count the night as failed.
	if h := c.cal.Hour(c.k.Now()); (h >= eveningAt/60 || h < dawnAt/60-1) && c.r.Float64() < c.cfg.RetrySameNight {
		c.dispatch([]int32{i}, 0)
		return
	}
	c.failedNight(i)
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
	// The time back varies uniformly from half to one and a half times the
	// mean (EST).
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

// LeavingRest: before leaving a lorry park or rest area the driver checks
// the load with a chance equal to their vigilance, and then finds the
// people hidden on it with the chance driver_find; they are put off the
// lorry and make their way back to the camp.
func (c *Model) LeavingRest(li int32) {
	if c.head(li) < 0 {
		return
	}
	if c.rBoard.Float64() >= c.fr.Lorry(li).Vigilance*c.cfg.DriverFind {
		return
	}
	c.each(li, scanner.NumPlaces, func(i int32) {
		c.st.foundDriver++
		c.handBack(i, li)
	})
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
			c.handBack(i, li)
		})
	}
	if n > 0 {
		c.penalise(n)
	}
}

// dropPlace draws where a lorry's stowaways get out, by the places' shares.
func (c *Model) dropPlace() int {
	total := 0.0
	for _, d := range c.cfg.Drops {
		total += d.Share
	}
	u := c.rBoard.Float64() * total
	for k, d := range c.cfg.Drops {
		if u < d.Share {
			return k
		}
		u -= d.Share
	}
	return len(c.cfg.Drops) - 1
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
	place := -1
	if len(c.cfg.Drops) > 0 {
		place = c.dropPlace()
		found = c.rBoard.Float64() < c.cfg.Drops[place].Found
	}
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
		c.st.foundToday += int64(n)
		if place >= 0 {
			c.st.byDrop[place] += int64(n)
		}
		c.penalise(n)
	}
}
