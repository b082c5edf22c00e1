package scanner

import (
	"math"
	"math/rand/v2"
)

// Manual is a visual and rummage search of a lorry by officers, without
// unloading: the cab, the underside and axles, the roof, and the load space
// as far as it can be reached.
//
// The chance of finding people hidden at a place follows a hazard-rate
// search model, P = 1 − exp(−t/τ), with t the time spent and τ set by how hard
// the place is to search (scanner-physics §8.6). The time a search takes, by
// load, is an estimate within the 10–30 minutes, two officers, given for a
// rummage search without unloading (scanner-physics §7, EST); a full unload
// takes 9 to over 24 hours (Commercial Motor, 10 Jan 2002) and is not modelled
// as routine.
type Manual struct {
	// Officers searching; zero means 2 (scanner-physics §7, EST).
	Officers int
	// Thoroughness scales the time spent (1 = the estimates below); zero
	// means 1. Policy rules raise it when a method has alarmed.
	Thoroughness float64
}

// manualMinutes is the mean time of a rummage search by load (EST, within
// the 10–30 min band of scanner-physics §7; dense or awkward loads longer).
var manualMinutes = [NumCargoKinds]float64{
	Empty:   10,
	General: 20,
	Produce: 25,
	Paper:   22,
	Metal:   15,
	Liquid:  12,
}

// manualTauMin is τ_find, minutes, by hiding place for a load of average
// difficulty (scanner-physics §8.6: headboard or roof void 5–10 min, deep in
// pallets 30–120 min; axle, roof and cab are looked at first and quickly, EST).
var manualTauMin = [NumPlaces]float64{
	InTrailer: 18,
	Axle:      3,
	Roof:      4,
	Cab:       2,
}

// cargoTauFactor scales τ_find inside the trailer by load: an empty trailer
// hides nobody for long, dense pallets hide people deep (EST).
var cargoTauFactor = [NumCargoKinds]float64{
	Empty:   0.25,
	General: 1,
	Produce: 1.3,
	Paper:   1.2,
	Metal:   0.7,
	Liquid:  0.8,
}

// manualContrabandTauMin is τ_find for contraband in the load (EST).
const manualContrabandTauMin = 40.0

// manualCrowdExponent makes several people at one place easier to find than
// one: τ_find(n) = τ_find · n^(−0.5). More people take more room, make more
// noise and leave more traces (EST).
const manualCrowdExponent = 0.5

// manualShape is the shape of the gamma distribution of search durations
// (gamma4: shape 4, coefficient of variation 0.5; EST).
const manualShape = 4.0

// Name returns "manual".
func (Manual) Name() string { return "manual" }

// Resources returns the officers the search occupies.
func (m Manual) Resources() Resources {
	n := m.Officers
	if n == 0 {
		n = 2
	}
	return Resources{Officers: n}
}

// Applicable returns nil: every vehicle can be searched by hand.
func (Manual) Applicable(*Vehicle) error { return nil }

// MeanMinutes is the mean duration of a manual search of v.
func (m Manual) MeanMinutes(v *Vehicle) float64 {
	k := m.Thoroughness
	if k == 0 {
		k = 1
	}
	base := manualMinutes[v.Cargo]
	if v.Trailer == Tanker || v.Trailer == Flatbed {
		base = 10 // little load space to rummage (EST)
	}
	return k * base
}

// TauMin is τ_find, minutes, for the people hidden at p in v (for one
// person when nobody is at p).
func (m Manual) TauMin(v *Vehicle, p Place) float64 {
	tau := manualTauMin[p]
	if p == InTrailer {
		tau *= cargoTauFactor[v.Cargo]
	}
	if n := v.People[p]; n > 1 {
		tau *= math.Pow(float64(n), -manualCrowdExponent)
	}
	return tau
}

// FindProbability is the chance that a manual search of v lasting t minutes
// finds people hidden at place p: 1 − exp(−t/τ).
func (m Manual) FindProbability(v *Vehicle, p Place, t float64) float64 {
	return 1 - math.Exp(-t/m.TauMin(v, p))
}

// gammaMiss is E[exp(−T·λ)] for T gamma-distributed with shape manualShape
// and mean mu: (1 + λ·mu/shape)^(−shape).
func gammaMiss(lambda, mu float64) float64 {
	return math.Pow(1+lambda*mu/manualShape, -manualShape)
}

// Analyze returns the probabilities Search samples from, averaged over the
// random search duration: each place is found with probability
// 1 − E[exp(−T/τ)], and the vehicle's people are found (somewhere) with
// 1 − E[exp(−T·Σ 1/τ_p)], exact because all places share one search time.
// A manual search raises no false alarms and gives no dose.
func (m Manual) Analyze(v *Vehicle, _ Conditions) Analysis {
	mu := m.MeanMinutes(v)
	a := Analysis{MeanDurationMin: mu}
	rate := 0.0
	for p := Place(0); p < NumPlaces; p++ {
		if v.People[p] > 0 {
			l := 1 / m.TauMin(v, p)
			a.Find[p] = 1 - gammaMiss(l, mu)
			rate += l
		}
	}
	a.Detect = 1 - gammaMiss(rate, mu)
	a.ContrabandFind = 1 - gammaMiss(1/manualContrabandTauMin, mu)
	return a
}

// PDetect is the chance that a manual search finds at least one of the
// people hidden in v.
func (m Manual) PDetect(v *Vehicle, c Conditions) float64 { return m.Analyze(v, c).Detect }

// PFalseAlarm is 0: officers searching by hand do not report people who are
// not there.
func (m Manual) PFalseAlarm(*Vehicle, Conditions) float64 { return 0 }

// Search draws a duration (gamma with shape 4 around the mean, so searches
// vary but are rarely very short) and, for each place where people hide,
// whether they are found in that time.
func (m Manual) Search(v *Vehicle, _ Conditions, r *rand.Rand) Outcome {
	t := m.MeanMinutes(v) * gamma4(r)
	o := Outcome{DurationMin: t}
	for p := Place(0); p < NumPlaces; p++ {
		if v.People[p] > 0 && r.Float64() < 1-math.Exp(-t/m.TauMin(v, p)) {
			o.Found[p] = true
			o.Detected = true
			o.Alarm = true
		}
	}
	if v.Contraband && r.Float64() < 1-math.Exp(-t/manualContrabandTauMin) {
		o.ContrabandFound = true
	}
	return o
}

// gamma4 draws from a gamma distribution with shape 4 and mean 1 (the sum of
// four exponentials), coefficient of variation 0.5.
func gamma4(r *rand.Rand) float64 {
	return (r.ExpFloat64() + r.ExpFloat64() + r.ExpFloat64() + r.ExpFloat64()) / 4
}
