package scanner

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// CO2 is a carbon-dioxide probe test: a probe between the rubber door seals
// pumps air from the load space to an NDIR sensor (Telaire; New Scientist;
// SRC), and the officer opens the trailer if the reading is "a few hundred
// ppm above outside levels" (Telaire, SRC).
//
// The load space is one well-mixed zone (scanner-physics.md §8.3):
//
//	dC/dt = [N·G + S_cargo − Q·(C − C₀)] / V_air,  Q = ACH·V_air
//	ΔC(t) = (N·G + S_cargo)/Q · (1 − e^(−ACH·t))     (ppm with G, S in m³/s ×10⁶)
//
// The probe reads ΔC·(1 − e^(−t_dwell/τ_s)) (sensor lag; a rushed test under-
// reads: Commercial Motor 11 Jan 2001, SRC) plus Gaussian noise; the alarm
// threshold is raised for respiring produce, which lowers P_D (§8.3).
type CO2 struct {
	// DwellMin is how long the probe stays in; zero means 2.5 min (the
	// manufacturer's "2–3 minutes": Commercial Motor 11 Jan 2001, SRC).
	DwellMin float64
	// ThresholdPPM is the alarm threshold above ambient; zero means 200 ppm
	// ("a few hundred ppm": Telaire, SRC; 150–300 ppm, §8.3).
	ThresholdPPM float64
	// ProduceThresholdPPM is the least threshold for respiring loads; zero
	// means 1000 ppm. Thresholds are "calibrated" per cargo (Commercial
	// Motor 4 Nov 1999, SRC): for produce the operator sets the threshold
	// at the reading the declared load alone is expected to give plus
	// ProduceMarginSigma of its spread, so the false-alarm rate on produce
	// is bounded (1 − Φ(margin)) rather than certain in a closed reefer.
	ProduceThresholdPPM float64
	// ProduceMarginSigma is that margin, in standard deviations of the
	// load's reading; zero means 2 (EST: a 2.3 % false-alarm rate).
	ProduceMarginSigma float64
	// GenLPerS is each person's CO₂ generation, L/s; zero means 0.005 (EST/
	// MEM: 0.0040–0.0052 at rest, 0.005–0.007 stressed; §4).
	GenLPerS float64
	// SensorLagS is the sensor's time constant; zero means 30 s (EST 20–40 s).
	SensorLagS float64
}

// CO₂ parameters (EST unless marked).
const (
	co2SetupMin       = 0.75  // EST: stop, find the door seal, insert the probe
	co2SensorSigma    = 30.0  // EST: NDIR ±(30 ppm + 3 %) (§8.3)
	co2SensorRel      = 0.03  // EST
	co2AmbientSigma   = 30.0  // EST: ambient variability, exhaust
	co2AmbientPPM     = 420.0 // SRC: 400–500 ppm (Telaire); ≈ 420 (§8.3)
	produceMassKg     = 18000 // EST: a produce load
	produceRespMgKgH  = 8.0   // EST: 5–50 mg CO₂/(kg·h) at 5–20 °C (§8.3); onions, potatoes at 10 °C
	produceQ10        = 2.0   // EST/MEM: respiration doubles per 10 °C
	reeferLoadTempC   = 5.0   // EST: chilled produce in a reefer
	produceClosedMin  = 240.0 // EST: produce has respired since loading, ≥ 4 h before the check
	co2KgPerM3        = 1.84  // MEM: density of CO₂ at 20 °C, 1 atm
	co2WindRefCurtain = 4.0   // EST: curtain-sider ACH doubles at 4 m/s wind
	co2WindRefRigid   = 10.0  // EST: rigid bodies, at 10 m/s
)

// trailerVolumeM3 is the load-space volume (SRC: curtain 85 m³, box 90 m³,
// nordicsped.com / medaport.gr; reefer about 79 m³, §4; tanker EST).
var trailerVolumeM3 = [NumTrailers]float64{
	CurtainSider: 85, Box: 90, Reefer: 79, Tanker: 30, Flatbed: 0,
}

// trailerACH is the stationary air-change rate, h⁻¹, in still air (EST:
// closed box or reefer 0.05–0.5, curtain-sider 0.5–5, §4).
var trailerACH = [NumTrailers]float64{
	CurtainSider: 2.0, Box: 0.2, Reefer: 0.1, Tanker: 0.05, Flatbed: 0,
}

// cargoSolidFraction is the share of the load space the load fills (EST).
var cargoSolidFraction = [NumCargoKinds]float64{
	Empty: 0, General: 0.3, Produce: 0.35, Paper: 0.4, Metal: 0.05, Liquid: 0.3,
}

// CO2DeltaPPM is the rise of CO₂ above ambient, ppm, in a well-mixed air
// volume airM3 with air-change rate ach (h⁻¹) after minutes, from sources
// totalling genLPerS litres per second: ΔC = G/Q·(1 − e^(−ACH·t)), and
// ΔC = G·t/V when ach = 0 (§8.3). people × 0.005 L/s gives calc.py's table.
func CO2DeltaPPM(genLPerS, minutes, airM3, ach float64) float64 {
	if airM3 <= 0 || minutes <= 0 || genLPerS <= 0 {
		return 0
	}
	g := genLPerS * 1e-3 * 3600 // m³/h
	t := minutes / 60
	x := ach * t
	if x < 1e-9 {
		return g * t / airM3 * 1e6
	}
	// −expm1(−x) = 1 − e^(−x), accurate for small x.
	return g / (ach * airM3) * -math.Expm1(-x) * 1e6
}

// Name returns "co2".
func (CO2) Name() string { return "co2" }

// Resources returns one officer and the probe.
func (CO2) Resources() Resources { return Resources{Officers: 1, Equipment: "co2"} }

// Applicable returns an error for a flatbed, which has no closed load space.
func (CO2) Applicable(v *Vehicle) error {
	if v.Trailer >= NumTrailers || trailerVolumeM3[v.Trailer] == 0 {
		return fmt.Errorf("co2: a %s has no closed load space to sample", v.Trailer)
	}
	return nil
}

// AirM3 is the air volume of v's load space.
func (CO2) AirM3(v *Vehicle) float64 {
	return trailerVolumeM3[v.Trailer] * (1 - cargoSolidFraction[v.Cargo])
}

// ACH is v's air-change rate in wind windMS, h⁻¹.
func (CO2) ACH(v *Vehicle, windMS float64) float64 {
	ref := co2WindRefRigid
	if v.Trailer == CurtainSider {
		ref = co2WindRefCurtain
	}
	return trailerACH[v.Trailer] * (1 + math.Max(windMS, 0)/ref)
}

// produceLPerS is the CO₂ a respiring load gives off, L/s.
func produceLPerS(v *Vehicle, c Conditions) float64 {
	if v.Cargo != Produce {
		return 0
	}
	temp := c.TempC
	if v.Trailer == Reefer {
		temp = reeferLoadTempC
	}
	mgPerH := produceMassKg * produceRespMgKgH * math.Pow(produceQ10, (temp-10)/10)
	return mgPerH * 1e-6 / co2KgPerM3 * 1e3 / 3600
}

// Readings returns the expected probe readings above ambient, ppm: from the
// people and the load together, and from the load alone.
func (q CO2) Readings(v *Vehicle, c Conditions) (withPeople, loadOnly float64) {
	return q.readings(v, c, q.lag())
}

// lag is the share of the load space's rise the probe reads after its
// dwell: 1 − e^(−t_dwell/τ_s).
func (q CO2) lag() float64 {
	return 1 - math.Exp(-or(q.DwellMin, 2.5)*60/or(q.SensorLagS, 30))
}

// co2Sigma is the spread of a probe reading d ppm above ambient.
func co2Sigma(d float64) float64 {
	s := co2SensorSigma + co2SensorRel*(co2AmbientPPM+d)
	return math.Sqrt(s*s + co2AmbientSigma*co2AmbientSigma)
}

// co2Consts are what a test's analysis takes from its configuration
// alone: the sensor lag, and the threshold and false-alarm rate for every
// load but respiring produce, which adds no CO₂ (the reading of the load
// alone is 0 and the threshold the plain one).
type co2Consts struct {
	lag, th, fa0 float64
}

func (q CO2) consts() co2Consts {
	th := or(q.ThresholdPPM, 200)
	return co2Consts{lag: q.lag(), th: th, fa0: 1 - normCDF((th-0)/co2Sigma(0))}
}

func (q CO2) readings(v *Vehicle, c Conditions, lag float64) (withPeople, loadOnly float64) {
	air, ach := q.AirM3(v), q.ACH(v, c.WindMS)
	gen := or(q.GenLPerS, 0.005)
	// People only in the load space count; the load has respired for longer.
	people := CO2DeltaPPM(gen*float64(v.People[InTrailer]), v.ClosedMin, air, ach)
	load := CO2DeltaPPM(produceLPerS(v, c), math.Max(v.ClosedMin, produceClosedMin), air, ach)
	return (people + load) * lag, load * lag
}

// Analyze returns the detection probabilities for v under c; for a vehicle
// the probe cannot test it returns the zero Analysis.
func (q CO2) Analyze(v *Vehicle, c Conditions) Analysis {
	if q.Applicable(v) != nil {
		return Analysis{}
	}
	k := q.consts()
	return q.analyze(v, c, &k)
}

// analyze is Analyze for an applicable v, with k = q.consts().
func (q CO2) analyze(v *Vehicle, c Conditions, k *co2Consts) Analysis {
	a := Analysis{MeanDurationMin: co2SetupMin + or(q.DwellMin, 2.5)}
	with, load := q.readings(v, c, k.lag)
	sigma := co2Sigma
	th := k.th
	switch {
	case v.Cargo == Produce:
		th = math.Max(or(q.ProduceThresholdPPM, 1000), load+or(q.ProduceMarginSigma, 2)*sigma(load))
		a.FalseAlarm = 1 - normCDF((th-load)/sigma(load))
	case load == 0: // every load but produce
		a.FalseAlarm = k.fa0
	default:
		a.FalseAlarm = 1 - normCDF((th-load)/sigma(load))
	}
	if v.People[InTrailer] > 0 {
		pd := 1 - normCDF((th-with)/sigma(with))
		a.Find[InTrailer] = excess(pd, a.FalseAlarm)
	}
	a.combine()
	return a
}

// PDetect is P(alarm | the people in v).
func (q CO2) PDetect(v *Vehicle, c Conditions) float64 { return q.Analyze(v, c).Detect }

// PFalseAlarm is P(alarm | nobody hidden).
func (q CO2) PFalseAlarm(v *Vehicle, c Conditions) float64 { return q.Analyze(v, c).FalseAlarm }

// Search tests v once. The set-up time varies (exponential around its
// mean); the dwell is fixed by procedure. A vehicle the probe cannot test
// gives an inconclusive outcome and no time.
func (q CO2) Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome {
	k := q.consts()
	return q.search(v, c, r, &k)
}

func (q CO2) search(v *Vehicle, c Conditions, r *rand.Rand, k *co2Consts) Outcome {
	if q.Applicable(v) != nil {
		return Outcome{Inconclusive: true}
	}
	a := q.analyze(v, c, k)
	return a.sample(v, r, co2SetupMin*r.ExpFloat64()+or(q.DwellMin, 2.5))
}

// co2Table is a CO2 test with its co2Consts computed once (Tabulate).
type co2Table struct {
	CO2
	k co2Consts
}

// Analyze is CO2.Analyze.
func (t *co2Table) Analyze(v *Vehicle, c Conditions) Analysis {
	if t.Applicable(v) != nil {
		return Analysis{}
	}
	return t.analyze(v, c, &t.k)
}

// Search is CO2.Search.
func (t *co2Table) Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome {
	return t.search(v, c, r, &t.k)
}

// PDetect is CO2.PDetect.
func (t *co2Table) PDetect(v *Vehicle, c Conditions) float64 { return t.Analyze(v, c).Detect }

// PFalseAlarm is CO2.PFalseAlarm.
func (t *co2Table) PFalseAlarm(v *Vehicle, c Conditions) float64 {
	return t.Analyze(v, c).FalseAlarm
}
