package scanner

import (
	"math"
	"math/rand/v2"
)

// Heartbeat is a heartbeat (vibration) detector: geophones on the frame of
// the stationary lorry pick up the ballistocardiographic recoil and breathing
// of a hidden person (ORNL / Geovox AVIAN, corrections.com 2000; UK sheds
// with 4 sensors, Home Office IND; SRC). Model (scanner-physics.md §8.2):
//
//   - trailer + load as a 1-DOF oscillator: mass M, f_n = (1/2π)√(k/M), Q;
//     mobility |H(f)| = ω/√((k − Mω²)² + (cω)²)
//   - forcing lines: heart rate and two harmonics, breathing; each person's
//     line power ½(F·κ·|H|)², people add in power (different heart rates)
//   - noise per line (N_floor + S_F,wind(f)·|H(f)|²)·B_eff, wind force
//     fluctuation ρ·C_d·A·U·(I_u·U) spread by a von Kármán spectrum, × a
//     shed factor inside a shed
//   - energy detector over the lines, m = T_acq·B_eff·K·lines degrees of
//     freedom; threshold set for the calm noise level; gusty wind raises the
//     noise above it and with it the false alarms (up to 30 % outdoors:
//     corrections.com 2000, SRC).
//
// Two constants are calibrated at start-up against the source claims (§8.2):
// the noise floor so that one person in a general load in calm air is found
// with P_D = 0.97 ("virtually 100 %", SRC; target 0.95–0.99), and the wind
// admittance so that 9 m/s outside a shed gives P_FA = 0.30 (SRC).
type Heartbeat struct {
	// AcqS is the acquisition time; zero means 30 s (SRC: 15–60 s).
	AcqS float64
	// Sensors is the number of sensors; zero means 4 (Home Office IND, SRC).
	Sensors int
	// FalseAlarm is the false-alarm rate in calm air; zero means 0.03 (EST
	// within the calibration target 0.02–0.05, §8.2).
	FalseAlarm float64
	// HandlingMin is driver out, sensors on and off; zero means 1.5 min
	// (EST; whole test 1–3 min, §7).
	HandlingMin float64
}

// Heartbeat parameters (EST unless marked).
const (
	hbNatFreqHz   = 1.5  // EST: air suspension 1–2 Hz (§3)
	hbQ           = 5.0  // EST: quality factor (§3)
	hbLineWidthHz = 0.1  // EST: B_eff 0.05–0.1 Hz (heart-rate variability)
	hbAirDensity  = 1.2  // kg/m³
	hbDragCoef    = 1.2  // EST (calc.py)
	hbSideAreaM2  = 36.7 // 13.6 m × 2.7 m (nordicsped.com, SRC)
	hbTurbulence  = 0.15 // EST: I_u 0.1–0.2
	hbIntegralM   = 50.0 // EST: integral length scale of turbulence near the ground
	hbShedFactor  = 0.1  // EST: amplitude factor inside a shed, 0.05–0.2
	hbCurtainFlap = 1.5  // EST: curtains flap, adding to the wind force
	hbCalibPD     = 0.97 // SRC target: P_D 0.95–0.99 in calm air
	hbCalibWindMS = 9.0  // SRC: 8–10 m/s outdoors …
	hbCalibPFA    = 0.30 // … gives false alarms up to 30 %
)

// hbLines are the forcing lines: frequency (Hz) and force amplitude (N) per
// person (EST, §3/§8.2): heart rate 1.3 Hz (1.0–1.7 stressed) with a
// fundamental of 2 N (1–3) and decaying harmonics; breathing 3 N at 0.25 Hz.
// The UK shed systems respond to any movement (Home Office IND, SRC), so
// breathing counts as a line.
var hbLines = [...]struct{ f, force float64 }{
	{1.3, 2.0}, {2.6, 1.0}, {3.9, 0.5}, {0.25, 3.0},
}

// Sprung masses, kg (EST: trailer plus load 8–38 t, §3; payload ≤ 24 t, SRC).
var (
	hbTareKg = [NumTrailers]float64{CurtainSider: 6500, Box: 7500, Reefer: 8500, Tanker: 7000, Flatbed: 5500}
	hbLoadKg = [NumCargoKinds]float64{Empty: 0, General: 12000, Produce: 18000, Paper: 22000, Metal: 24000, Liquid: 22000}
)

// hbCoupling is κ_c, the share of a person's force reaching the frame
// (EST, §8.2: ~1 on the floor, 0.3–0.7 wedged in soft goods).
var (
	hbCargoCoupling = [NumCargoKinds]float64{Empty: 1.0, General: 0.5, Produce: 0.5, Paper: 0.6, Metal: 0.7, Liquid: 0.4}
	hbPlaceCoupling = [NumPlaces]float64{InTrailer: 1, Axle: 0.9, Roof: 0.6, Cab: 0.3} // cab: on the tractor's own suspension
)

// Calibrated at init (see the type's comment).
var hbFloorPSD, hbWindAdmittance float64

// hbMobility[t][g][i] is Mobility of trailer t with load g at line i, and
// hbDefaultZ the threshold quantile Φ⁻¹(1 − P_FA) at the default false-alarm
// rate: tabulated at init by the same functions, so the same numbers, for
// the hot path (a heartbeat test computed them for every lorry).
var (
	hbMobility     [NumTrailers][NumCargoKinds][len(hbLines)]float64
	hbDefaultZRate = Heartbeat{}.pfa()
	hbDefaultZ     = normQuantile(1 - hbDefaultZRate)
)

func init() {
	for t := range hbMobility {
		for g := range hbMobility[t] {
			v := Vehicle{Trailer: Trailer(t), Cargo: CargoKind(g)}
			for i, l := range hbLines {
				hbMobility[t][g][i] = Heartbeat{}.Mobility(&v, l.f)
			}
		}
	}
	ref := Vehicle{Trailer: CurtainSider, Cargo: General}
	var h Heartbeat
	m := h.dof()
	t := normQuantile(1 - h.pfa())
	sq := math.Sqrt(m)
	// P_D = 1 − Φ((θ − P_N − P_S)√m/(P_N+P_S)) with θ = P_ref(1 + t/√m).
	s := (1+t/sq)/(1+normQuantile(1-hbCalibPD)/sq) - 1
	ps := h.signalPower(&ref, InTrailer, 1)
	hbFloorPSD = ps / s / (hbLineWidthHz * float64(len(hbLines)))
	// P_FA = 1 − Φ((θ − P_N)√m/P_N) = target at the calibration wind.
	ratio := (1 + t/sq) / (1 + normQuantile(1-hbCalibPFA)/sq)
	hbWindAdmittance = 1
	w := h.windPower(&ref, Conditions{WindMS: hbCalibWindMS})
	hbWindAdmittance = (ratio - 1) * h.refNoise() / w
}

func (h Heartbeat) acq() float64 { return or(h.AcqS, 30) }
func (h Heartbeat) pfa() float64 { return or(h.FalseAlarm, 0.03) }
func (h Heartbeat) sensors() float64 {
	if h.Sensors <= 0 {
		return 4
	}
	return float64(h.Sensors)
}

// z is the threshold quantile Φ⁻¹(1 − P_FA), tabulated for the default rate.
func (h Heartbeat) z() float64 {
	if p := h.pfa(); p != hbDefaultZRate {
		return normQuantile(1 - p)
	}
	return hbDefaultZ
}

// dof is the detector's degrees of freedom m = T·B·K·lines.
func (h Heartbeat) dof() float64 {
	return h.acq() * hbLineWidthHz * h.sensors() * float64(len(hbLines))
}

// Mobility returns |H(f)|, (m/s)/N, of v's trailer and load.
func (Heartbeat) Mobility(v *Vehicle, f float64) float64 {
	mass := hbTareKg[v.Trailer] + hbLoadKg[v.Cargo]
	wn := 2 * math.Pi * hbNatFreqHz
	k := mass * wn * wn
	c := math.Sqrt(k*mass) / hbQ
	w := 2 * math.Pi * f
	re := k - mass*w*w
	return w / math.Sqrt(re*re+c*c*w*w)
}

// signalPower is the velocity power, (m/s)², summed over the lines, of n
// people at p.
func (h Heartbeat) signalPower(v *Vehicle, p Place, n int) float64 {
	kappa := hbPlaceCoupling[p]
	if p == InTrailer {
		kappa *= hbCargoCoupling[v.Cargo]
	}
	mob := &hbMobility[v.Trailer][v.Cargo]
	s := 0.0
	for i, l := range hbLines {
		a := l.force * kappa * mob[i]
		s += 0.5 * a * a
	}
	return s * float64(n)
}

// refNoise is the calm (floor-only) noise power over the lines, (m/s)².
func (Heartbeat) refNoise() float64 {
	return hbFloorPSD * hbLineWidthHz * float64(len(hbLines))
}

// windPower is the wind-driven velocity noise power over the lines, (m/s)².
func (h Heartbeat) windPower(v *Vehicle, c Conditions) float64 {
	u := math.Max(c.WindMS, 0)
	if u == 0 {
		return 0
	}
	amp := hbAirDensity * hbDragCoef * hbSideAreaM2 * u * hbTurbulence * u // N
	if v.Trailer == CurtainSider {
		amp *= hbCurtainFlap
	}
	if c.Shed {
		amp *= hbShedFactor
	}
	mob := &hbMobility[v.Trailer][v.Cargo]
	s := 0.0
	for i, l := range hbLines {
		x := l.f * hbIntegralM / u
		vk := 4 * hbIntegralM / u / pow5over6(1+70.8*x*x) // von Kármán, 1/Hz
		hm := mob[i]
		s += amp * amp * vk * hm * hm * hbLineWidthHz
	}
	return s * hbWindAdmittance
}

// pow5over6 is math.Pow(x, 5.0/6), bit for bit, for 1 ≤ x < 2¹⁰⁰⁰ (else
// it calls math.Pow): for that exponent math.Pow computes
// Ldexp(Exp(yf·Log(x))·x₁, e) with x = x₁·2ᵉ (Frexp) and yf = 5/6 − 1
// rounded as it rounds it, and scaling by 2ᵉ commutes with rounding while
// the product stays normal, as it does here; so Exp(yf·Log(x))·x is the
// same number without Modf, Frexp, Ldexp and the special cases
// (TestPow5over6 checks it against math.Pow).
func pow5over6(x float64) float64 {
	if !(x >= 1 && x < 0x1p1000) {
		return math.Pow(x, 5.0/6)
	}
	return math.Exp(pow5over6Frac*math.Log(x)) * x
}

// pow5over6Frac is 5/6 − 1 as math.Pow computes it: 5/6 rounded to a
// float64, less 1 (exactly).
var pow5over6Frac = func() float64 { y := 5.0 / 6; return y - 1 }()

// SNR returns the in-band signal-to-noise power ratio of n people at p and
// the ratio of the actual noise to the calm noise the threshold was set for.
func (h Heartbeat) SNR(v *Vehicle, c Conditions, p Place, n int) (signalToNoise, noiseRise float64) {
	ref := h.refNoise()
	pn := ref + h.windPower(v, c)
	return h.signalPower(v, p, n) / pn, pn / ref
}

// rates returns P_FA and the per-place P_D for v under c.
func (h Heartbeat) rates(v *Vehicle, c Conditions) (pfa float64, pd [NumPlaces]float64) {
	m := h.dof()
	sq := math.Sqrt(m)
	ref := h.refNoise()
	theta := ref * (1 + h.z()/sq)
	pn := ref + h.windPower(v, c)
	pfa = 1 - normCDF((theta-pn)*sq/pn)
	for p := Place(0); p < NumPlaces; p++ {
		if n := v.People[p]; n > 0 {
			tot := pn + h.signalPower(v, p, n)
			pd[p] = 1 - normCDF((theta-tot)*sq/tot)
		}
	}
	return pfa, pd
}

// Name returns "heartbeat".
func (Heartbeat) Name() string { return "heartbeat" }

// Resources returns one officer and the detector (with its shed).
func (Heartbeat) Resources() Resources { return Resources{Officers: 1, Equipment: "heartbeat"} }

// Applicable returns nil: sensors go on any stationary vehicle's frame with
// the engine off.
func (Heartbeat) Applicable(*Vehicle) error { return nil }

// WithCycleMin returns h with its handling set so that a whole test (in,
// driver out, sensors on, acquisition, off, out) takes totalMin minutes;
// totalMin ≤ 0 keeps the default. The handling is at least 0.01 min.
func (h Heartbeat) WithCycleMin(totalMin float64) Heartbeat {
	if totalMin > 0 {
		h.HandlingMin = math.Max(0.01, totalMin-h.acq()/60)
	}
	return h
}

// MeanMinutes is the mean test time: handling plus acquisition.
func (h Heartbeat) MeanMinutes() float64 { return or(h.HandlingMin, 1.5) + h.acq()/60 }

// Analyze returns the detection probabilities for v under c.
func (h Heartbeat) Analyze(v *Vehicle, c Conditions) Analysis {
	a := Analysis{MeanDurationMin: h.MeanMinutes()}
	pfa, pd := h.rates(v, c)
	a.FalseAlarm = pfa
	for p := range pd {
		a.Find[p] = excess(pd[p], pfa)
	}
	a.combine()
	return a
}

// PDetect is P(alarm | the people in v).
func (h Heartbeat) PDetect(v *Vehicle, c Conditions) float64 { return h.Analyze(v, c).Detect }

// PFalseAlarm is P(alarm | nobody hidden).
func (h Heartbeat) PFalseAlarm(v *Vehicle, c Conditions) float64 { return h.Analyze(v, c).FalseAlarm }

// Search tests v once; handling time is exponential around its mean, the
// acquisition time fixed.
func (h Heartbeat) Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome {
	a := h.Analyze(v, c)
	return a.sample(v, r, or(h.HandlingMin, 1.5)*r.ExpFloat64()+h.acq()/60)
}
