package scanner

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PMMW is a passive millimetre-wave imager (94 GHz) looking at the side of a
// curtain-sider: a person's body radiates more than the cooler load around
// him, and the PVC curtain is largely transparent (Border Force PMMWI at
// Calais and Coquelles; UKAuthority 2018, Hansard 2002; SRC). Model
// (scanner-physics.md §8.4):
//
//	ΔT(d) = τ_c · e_s · (T_skin − T_amb) · e^(−α·d)
//
// for a person at depth d of load behind the curtain (α the load's power
// attenuation, Np/cm). With radiometer noise ΔT_min = T_sys/√(B·t_int) per
// pixel and thermal clutter σ_T per patch,
//
//	SNR = ΔT / σ_eff,  σ_eff² = ΔT_min²/n_pix + σ_T²/n_patch,
//
// and the person is seen when SNR ≥ t (threshold from the image false-alarm
// rate over the independent patches). People hide at an exponentially
// distributed depth with mean d̄, so a person is seen if in a gap in the load
// (probability p_gap) or within d* = ln(ΔT₀/(t·σ_eff))/α of the curtain:
// P = p_gap + (1 − p_gap)(1 − e^(−n·d*/d̄)) for the nearest of n people. Only
// curtain-siders can be imaged: metal reflects millimetre waves (QinetiQ,
// SRC), so rigid box and reefer walls block the view.
type PMMW struct {
	// TsysK, BandwidthGHz and IntegrationMs are the radiometer's system
	// temperature, bandwidth and per-pixel integration time; zero means
	// 1500 K, 10 GHz and 5 ms (EST: 1000–3000 K, 5–15 GHz, 1–10 ms; §8.4).
	TsysK, BandwidthGHz, IntegrationMs float64
	// ImageFalseAlarm is the operator's false-alarm rate per vehicle; zero
	// means 0.03 (EST).
	ImageFalseAlarm float64
	// Attention is the operator's attention factor; zero means 0.85 (EST).
	Attention float64
	// Minutes is the time per vehicle; zero means 1.5 (EST: 1–2 min, §5).
	Minutes float64
}

// PMMW parameters (EST unless marked).
const (
	pmCurtainTau   = 0.75  // EST: τ_c 0.6–0.9 for a PVC-coated polyester curtain
	pmSkinEmiss    = 0.65  // EST/MEM: e_s 0.6–0.7 at 94 GHz
	pmBodyK        = 307.0 // EST: skin 306–308 K; clothing is transparent at 94 GHz (Bjarnason et al. 2004, SRC)
	pmClutterK     = 1.5   // EST: thermal clutter of folds, load and reflections
	pmPatchM2      = 0.05  // EST: clutter patch
	pmPixelM2      = 4e-4  // EST: 2 cm pixels at 94 GHz at close range
	pmPersonM2     = 0.3   // EST: visible area of a person
	pmImageM2      = 36.7  // the side of the trailer, 13.6 × 2.7 m (SRC dimensions)
	pmMeanDepthCm  = 15.0  // EST: mean depth of load between a person and the curtain
	pmAxleVisible  = 0.5   // EST: share of an axle hide visible from the side
	pmOpaqueNpPerC = 1e6   // opaque load
)

// pmAlpha is the load's power attenuation at 94 GHz, Np/cm (EST: dry
// cellulose 2–5 dB/cm ≈ 0.5–1.2 Np/cm; water-bearing loads > 20 dB/cm; metal
// opaque; §5, §8.4).
var pmAlpha = [NumCargoKinds]float64{
	Empty: 0, General: 0.8, Produce: 4.6, Paper: 0.8, Metal: pmOpaqueNpPerC, Liquid: 4.6,
}

// pmGap is the chance that a hidden person is in direct view through a gap
// in the load (EST).
var pmGap = [NumCargoKinds]float64{
	Empty: 1, General: 0.25, Produce: 0.2, Paper: 0.2, Metal: 0.3, Liquid: 0.2,
}

// Name returns "pmmw".
func (PMMW) Name() string { return "pmmw" }

// Resources returns one operator and the imager.
func (PMMW) Resources() Resources { return Resources{Officers: 1, Equipment: "pmmw"} }

// Applicable returns nil for a curtain-sider and an error for every other
// body: millimetre waves do not pass rigid or metal walls.
func (PMMW) Applicable(v *Vehicle) error {
	if v.Trailer != CurtainSider {
		return fmt.Errorf("pmmw: cannot see through the walls of a %s trailer (millimetre waves are reflected by metal and blocked by rigid panels); only curtain-siders can be imaged", v.Trailer)
	}
	return nil
}

// ContrastK is the brightness-temperature contrast, K, of a person directly
// behind the curtain at ambient temperature tempC.
func (PMMW) ContrastK(tempC float64) float64 {
	return math.Max(0, pmCurtainTau*pmSkinEmiss*(pmBodyK-(tempC+273.15)))
}

// sigmaEff is σ_eff, K, for n people.
func (m PMMW) sigmaEff(n int) float64 {
	dtMin := or(m.TsysK, 1500) / math.Sqrt(or(m.BandwidthGHz, 10)*1e9*or(m.IntegrationMs, 5)*1e-3)
	area := float64(n) * pmPersonM2
	return math.Sqrt(dtMin*dtMin/(area/pmPixelM2) + pmClutterK*pmClutterK/(area/pmPatchM2))
}

// findProb is the chance of seeing the n people at p, and the image
// false-alarm rate per place.
func (m PMMW) findProb(v *Vehicle, c Conditions, p Place, n int) float64 {
	pfa := or(m.ImageFalseAlarm, 0.03)
	t := ThresholdForFalseAlarm(pfa, pmImageM2/pmPatchM2)
	snr0 := m.ContrastK(c.TempC) / m.sigmaEff(n)
	pd0 := excess(PDetectSNR(snr0, t), pfa*pmPatchM2/pmImageM2)
	var seen float64
	switch p {
	case InTrailer:
		g := pmGap[v.Cargo]
		alpha := pmAlpha[v.Cargo]
		inDepth := 0.0
		if snr0 > t && alpha > 0 && alpha < pmOpaqueNpPerC {
			dStar := math.Log(snr0/t) / alpha
			inDepth = 1 - math.Exp(-float64(n)*dStar/pmMeanDepthCm)
		} else if alpha == 0 {
			inDepth = 1
		}
		seen = g + (1-g)*inDepth
	case Axle:
		seen = pmAxleVisible
	default: // roof and cab are outside the imaged side
		return 0
	}
	return or(m.Attention, 0.85) * seen * pd0
}

// Analyze returns the detection probabilities for v under c; for a vehicle
// the imager cannot see into it returns the zero Analysis (no time, nothing
// found, no alarm).
func (m PMMW) Analyze(v *Vehicle, c Conditions) Analysis {
	if m.Applicable(v) != nil {
		return Analysis{}
	}
	a := Analysis{MeanDurationMin: or(m.Minutes, 1.5)}
	a.FalseAlarm = or(m.ImageFalseAlarm, 0.03)
	for p := Place(0); p < NumPlaces; p++ {
		if n := v.People[p]; n > 0 {
			a.Find[p] = m.findProb(v, c, p, n)
		}
	}
	a.combine()
	return a
}

// PDetect is P(alarm | the people in v).
func (m PMMW) PDetect(v *Vehicle, c Conditions) float64 { return m.Analyze(v, c).Detect }

// PFalseAlarm is P(alarm | nobody hidden).
func (m PMMW) PFalseAlarm(v *Vehicle, c Conditions) float64 { return m.Analyze(v, c).FalseAlarm }

// Search images v once. A vehicle that is not a curtain-sider gives an
// inconclusive outcome and no time spent.
func (m PMMW) Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome {
	if m.Applicable(v) != nil {
		return Outcome{Inconclusive: true}
	}
	a := m.Analyze(v, c)
	return a.sample(v, r, or(m.Minutes, 1.5)*gamma4(r))
}
