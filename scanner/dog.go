package scanner

import (
	"math"
	"math/rand/v2"
)

// Dog is a sniffer (body-detection) dog led round the lorry, sniffing the
// air that escapes from gaps; it "freezes, sits and stares" at the point of
// strongest scent and the trailer is then opened (Home Office IND; Calais
// documentary; SRC). Model (scanner-physics.md §8.5), a source-leak odour
// model with an exponential detection kernel:
//
//	S = n · f_leak · m_cargo / (1 + U/U₀)     (odour reaching the dog)
//	P = h(T) · e^(−t_work/τ_dog) · (1 − e^(−S·t_sniff/t₅₀))
//
// f_leak by trailer (or hiding place outside the load space), m_cargo the
// masking by strong-smelling loads, U the wind that dilutes the plume, h the
// loss in heat (substantial in hot-humid conditions, SRC), and fatigue over
// the dog's working period. t₅₀ is calibrated so that one person in a
// curtain-sider in a light breeze is found with P ≈ 0.9 (target 0.8–0.95,
// §8.5, EST).
type Dog struct {
	// SweepMin is the time round the lorry; zero means 2 min (EST 1–3 min).
	SweepMin float64
	// WorkedMin is how long the dog has worked since its last rest (the
	// caller tracks it); zero means fresh.
	WorkedMin float64
	// FalseAlarm is the false-alert rate per clean lorry; zero means 0.05
	// (EST 0.02–0.10; 1978 personnel search < 5 %, Smith AGNS-1040-36, SRC).
	FalseAlarm float64
}

// Dog parameters (EST unless marked).
const (
	dogT50Min        = 0.6  // EST: calibrated (see the type's comment)
	dogWindRefMS     = 5.0  // EST: wind that halves the odour at the nose
	dogFatigueMin    = 45.0 // EST: τ_dog 30–60 min (§8.5)
	dogHeatStartC    = 20.0 // EST: performance starts to fall above 20 °C
	dogHeatSlope     = 0.4 / 15
	dogHeatFloor     = 0.5
	dogProduceFAMult = 1.6 // EST: "anything that is not conventional can provoke interest" (Commercial Motor 2009, SRC)
)

// dogLeak is f_leak for people in the load space, by trailer (EST: curtains
// leak freely, reefers are nearly hermetic; §6 P_D 0.7–0.95 vs low for
// sealed reefers).
var dogLeak = [NumTrailers]float64{CurtainSider: 1.0, Box: 0.4, Reefer: 0.15, Tanker: 0.1, Flatbed: 1.0}

// dogPlaceLeak is f_leak for hiding places outside the load space (EST).
var dogPlaceLeak = [NumPlaces]float64{Axle: 1.2, Roof: 0.4, Cab: 0.5}

// dogMask is the masking of human odour by the load's own smell (EST).
var dogMask = [NumCargoKinds]float64{Empty: 1, General: 1, Produce: 0.6, Paper: 1, Metal: 1, Liquid: 0.9}

// Name returns "dog".
func (Dog) Name() string { return "dog" }

// Resources returns the handler and the dog.
func (Dog) Resources() Resources { return Resources{Officers: 1, Equipment: "dog"} }

// Applicable returns nil: a dog can sniff round any lorry.
func (Dog) Applicable(*Vehicle) error { return nil }

// HeatFactor is h(T): 1 up to 20 °C, falling linearly to 0.6 at 35 °C, never
// below 0.5 (EST, shape from the canine-environment study cited in §6).
func HeatFactor(tempC float64) float64 {
	if tempC <= dogHeatStartC {
		return 1
	}
	return math.Max(dogHeatFloor, 1-dogHeatSlope*(tempC-dogHeatStartC))
}

// findProb is the chance the dog alerts on n people at p.
func (d Dog) findProb(v *Vehicle, c Conditions, p Place, n int) float64 {
	leak := dogPlaceLeak[p]
	if p == InTrailer {
		leak = dogLeak[v.Trailer]
	}
	s := float64(n) * leak * dogMask[v.Cargo] / (1 + math.Max(c.WindMS, 0)/dogWindRefMS)
	fatigue := math.Exp(-math.Max(d.WorkedMin, 0) / dogFatigueMin)
	return HeatFactor(c.TempC) * fatigue * (1 - math.Exp(-s*or(d.SweepMin, 2)/dogT50Min))
}

// Analyze returns the detection probabilities for v under c.
func (d Dog) Analyze(v *Vehicle, c Conditions) Analysis {
	a := Analysis{MeanDurationMin: or(d.SweepMin, 2)}
	a.FalseAlarm = or(d.FalseAlarm, 0.05)
	if v.Cargo == Produce {
		a.FalseAlarm = math.Min(1, a.FalseAlarm*dogProduceFAMult)
	}
	for p := Place(0); p < NumPlaces; p++ {
		if n := v.People[p]; n > 0 {
			a.Find[p] = d.findProb(v, c, p, n)
		}
	}
	a.combine()
	return a
}

// PDetect is P(alert | the people in v).
func (d Dog) PDetect(v *Vehicle, c Conditions) float64 { return d.Analyze(v, c).Detect }

// PFalseAlarm is P(alert | nobody hidden).
func (d Dog) PFalseAlarm(v *Vehicle, c Conditions) float64 { return d.Analyze(v, c).FalseAlarm }

// Search sweeps v once; the sweep time is gamma-distributed (shape 4).
func (d Dog) Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome {
	a := d.Analyze(v, c)
	return a.sample(v, r, or(d.SweepMin, 2)*gamma4(r))
}
