package scanner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Analysis is a method's analytic description of one search of one vehicle:
// the probabilities and expectations that Search samples from. Tests and the
// physics explorer use it to compute probabilities without sampling.
type Analysis struct {
	MeanDurationMin float64 // mean whole-process time, minutes
	BeamMin         float64 // radiation source on, minutes (X-ray, gamma)
	// Find[p] is the chance that the people hidden at p (if any) are found
	// by the method itself; 0 where nobody hides or the method cannot sense.
	Find [NumPlaces]float64
	// FalseAlarm is the chance of an alarm that is not caused by people
	// (noise, clutter, respiring produce, wind): for an empty vehicle it is
	// P(false alarm).
	FalseAlarm float64
	// Detect is P(alarm | the people in the vehicle): with nobody hidden it
	// equals FalseAlarm.
	Detect float64
	// Inconclusive is true when the method cannot see into the load space
	// (the load is too dense to penetrate); Find[InTrailer] is then 0 and
	// the caller should send the vehicle to manual search.
	Inconclusive bool
	// ContrabandFind is the chance of finding contraband that is carried.
	ContrabandFind float64
	// DoseUSv[p] is the effective dose to each person hidden at p, µSv
	// (0 where nobody hides).
	DoseUSv       [NumPlaces]float64
	DoseDriverUSv float64 // effective dose to the driver, µSv
}

// Analyzer is implemented by every method of this package: Analyze gives the
// analytic probabilities that Search samples from.
type Analyzer interface {
	Method
	Analyze(v *Vehicle, c Conditions) Analysis
}

// combine fills a.Detect from a.Find and a.FalseAlarm assuming the places
// and the noise are independent: 1 − (1 − P_FA)·Π(1 − Find[p]).
func (a *Analysis) combine() {
	miss := 1 - a.FalseAlarm
	for _, f := range a.Find {
		miss *= 1 - f
	}
	a.Detect = 1 - miss
}

// sample draws one Outcome from a with the whole-process duration dur.
// It draws a noise alarm with probability FalseAlarm and, independently, each
// place where people hide is found with probability Find[p].
func (a *Analysis) sample(v *Vehicle, r *rand.Rand, dur float64) Outcome {
	o := Outcome{
		DurationMin:   dur,
		BeamMin:       a.BeamMin,
		Inconclusive:  a.Inconclusive,
		DoseUSv:       a.DoseUSv,
		DoseDriverUSv: a.DoseDriverUSv,
	}
	alarm := r.Float64() < a.FalseAlarm
	for p := Place(0); p < NumPlaces; p++ {
		if v.People[p] > 0 && a.Find[p] > 0 && r.Float64() < a.Find[p] {
			o.Found[p] = true
			alarm = true
		}
	}
	if alarm {
		o.Alarm = true
		if v.Hidden() > 0 {
			o.Detected = true
		} else {
			o.FalseAlarm = true
		}
	}
	if v.Contraband && a.ContrabandFind > 0 && r.Float64() < a.ContrabandFind {
		o.ContrabandFound = true
	}
	return o
}

// methodNames lists the methods New knows, in the order Names returns them.
var methodNames = [...]string{"manual", "dog", "co2", "heartbeat", "pmmw", "xray", "gamma"}

// Names returns the names of all methods New can build.
func Names() []string {
	out := make([]string, len(methodNames))
	copy(out, methodNames[:])
	return out
}

// New returns the method named name with its 2015 default configuration.
// Every method it returns also implements Analyzer.
func New(name string) (Method, error) {
	switch name {
	case "manual":
		return Manual{}, nil
	case "dog":
		return Dog{}, nil
	case "co2":
		return CO2{}, nil
	case "heartbeat":
		return Heartbeat{}, nil
	case "pmmw":
		return PMMW{}, nil
	case "xray":
		return XRay{Source: Linac6MeV}, nil
	case "gamma":
		return XRay{Source: Cobalt60}, nil
	}
	return nil, fmt.Errorf("unknown search method %q (want one of %s)", name, strings.Join(methodNames[:], ", "))
}

// Tabulate returns m with what its analysis takes from its configuration
// alone computed once, for a caller that searches many vehicles with one
// method (the simulation's controls): the same name, resources,
// applicability, analyses and searches, bit for bit and drawing the same
// random numbers. Methods with nothing to tabulate come back as they are;
// the heartbeat detector's responses by trailer and load are tabulated for
// every Heartbeat at start-up.
func Tabulate(m Method) Method {
	if q, ok := m.(CO2); ok {
		return &co2Table{CO2: q, k: q.consts()}
	}
	return m
}

// Signal detection helpers (scanner-physics.md §8.1: a signal-known-exactly
// observer with a threshold set by the false-alarm rate, P_FA = 1 − Φ(t),
// P_D = 1 − Φ(t − SNR)).

// normCDF is the standard normal distribution function Φ.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normQuantile is Φ⁻¹(p).
func normQuantile(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

// ThresholdForFalseAlarm returns the detection threshold t (in units of the
// noise standard deviation) that gives a false-alarm probability pfa spread
// over m independent places where a target could appear: each place is
// tested at pfa/m, so t = Φ⁻¹(1 − pfa/m). With pfa = 0.02 over ~140 places
// t ≈ 3.6, the origin of Rose's rule of thumb k ≈ 3–5 (scanner-physics §8.1).
func ThresholdForFalseAlarm(pfa, m float64) float64 {
	if m < 1 {
		m = 1
	}
	return normQuantile(1 - pfa/m)
}

// PDetectSNR returns P_D = 1 − Φ(t − snr), the Gaussian ROC of §8.1.
func PDetectSNR(snr, t float64) float64 { return 1 - normCDF(t-snr) }

// excess converts P(alarm | target) at one place into the chance that the
// target itself caused it, (P_D − p₀)/(1 − p₀), where p₀ is the chance that
// noise alone would alarm there; combining it with the noise alarm gives back
// P_D exactly.
func excess(pd, p0 float64) float64 {
	if pd <= p0 {
		return 0
	}
	return (pd - p0) / (1 - p0)
}

// or returns the first value if it is non-zero, else the default d.
func or(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}
