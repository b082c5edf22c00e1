package camp

import (
	"math"
	"math/rand/v2"

	"channelsim/scanner"
)

// Info is what the camp knows of each boarding spot: an exponentially
// weighted average of recent success (people who got on a lorry and were
// not caught at the spot, per attempt). News of what worked or failed
// spreads through the camp within a day or two, so every group sees the
// same estimates (information sharing; EST memory of Memory nights).
type Info struct {
	Success []float64
	Memory  float64 // nights over which old news fades (e-folding)
}

// NewInfo returns camp knowledge of n spots, each starting at prior.
func NewInfo(n int, prior, memoryNights float64) *Info {
	in := &Info{Success: make([]float64, n), Memory: memoryNights}
	for i := range in.Success {
		in.Success[i] = prior
	}
	return in
}

// Observe folds one night's outcome at a spot into the camp's estimate.
func (in *Info) Observe(spot int, attempts, successes int) {
	if attempts == 0 {
		return
	}
	w := 1 - math.Exp(-1/in.Memory)
	rate := float64(successes) / float64(attempts)
	in.Success[spot] += w * (rate - in.Success[spot])
}

// ChooseSpot picks a boarding spot by a multinomial logit over the
// attractiveness of each (expected success, opportunities, police), with
// sensitivity beta: beta = 0 chooses at random, large beta picks the best.
// Spots with attractiveness 0 (closed, or unaffordable) are never chosen;
// it returns -1 if none can be.
func ChooseSpot(attract []float64, beta float64, r *rand.Rand) int {
	return chooseSpot(attract, make([]float64, len(attract)), beta, r)
}

// chooseSpot is ChooseSpot with w, as long as attract, for the weights
// (the camp's scratch: a group's choice allocates nothing).
func chooseSpot(attract, w []float64, beta float64, r *rand.Rand) int {
	var total float64
	var best float64
	for _, a := range attract {
		best = math.Max(best, a)
	}
	if best <= 0 {
		return -1
	}
	w = w[:len(attract)]
	for i, a := range attract {
		w[i] = 0
		if a > 0 {
			w[i] = math.Exp(beta * (a - best) / best)
			total += w[i]
		}
	}
	u := r.Float64() * total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] > 0 {
			return i
		}
	}
	return -1
}

// Boarding are the conditions of one attempt to get on one lorry.
type Boarding struct {
	Base      float64 // chance at an unguarded, unlit spot on an unlocked, stationary lorry
	Moving    bool    // the lorry is moving slowly, not stopped
	Fence     float64 // 0–1, how much fences keep people from lorries here
	Lighting  float64 // 0–1, lighting and cameras
	Vigilance float64 // 0–1, the driver's vigilance (checks, locks; Code of Practice)
	Sealed    bool    // the trailer has an intact seal or padlock
}

// Probability returns the chance that one attempt gets the person on the
// lorry. Each obstacle multiplies the chance down (EST effect sizes: a
// locked, sealed trailer halves it; a vigilant driver who checks at every
// stop cuts it by 60 %; moving traffic by 70 %).
func (b Boarding) Probability() float64 {
	p := b.Base * (1 - 0.8*b.Fence) * (1 - 0.5*b.Lighting) * (1 - 0.6*b.Vigilance)
	if b.Sealed {
		p *= 0.5
	}
	if b.Moving {
		p *= 0.3
	}
	return math.Max(0, math.Min(1, p))
}

// HidingPlace draws where a person hides on a trailer type. Curtain-siders
// are entered by cutting the curtain; rigid boxes and reefers mostly by the
// roof hatch or on the axles; tankers and flatbeds only on the chassis or
// roof. A complicit driver hides people in the cab (domain-facts §3e–3f;
// shares EST).
func HidingPlace(t scanner.Trailer, complicit bool, r *rand.Rand) scanner.Place {
	if complicit {
		return scanner.Cab
	}
	u := r.Float64()
	switch t {
	case scanner.CurtainSider:
		switch {
		case u < 0.80:
			return scanner.InTrailer
		case u < 0.92:
			return scanner.Axle
		}
		return scanner.Roof
	case scanner.Box, scanner.Reefer:
		switch {
		case u < 0.55:
			return scanner.InTrailer
		case u < 0.85:
			return scanner.Axle
		}
		return scanner.Roof
	}
	if u < 0.7 {
		return scanner.Axle
	}
	return scanner.Roof
}

// Interception returns the chance that police at a spot stop a group
// before it reaches any lorry: 1 − exp(−k·officers), saturating (EST k;
// the July 2015 reinforcement of 120 riot police cut nightly attempts at the
// tunnel from about 2,000 to about 300: domain-facts §3b).
func Interception(officers, perOfficer float64) float64 {
	return 1 - math.Exp(-perOfficer*officers)
}
