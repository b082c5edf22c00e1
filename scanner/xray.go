package scanner

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Transmission radiography of a lorry with a linac X-ray source, a Co-60
// gamma source or a 450 kV X-ray tube (scanner-physics.md §2 and §8.1).
//
// A fan beam crosses the lorry sideways. Along each ray the load is a stack
// of slabs (trailer wall, cargo, wall); a hidden person (25 cm of tissue)
// replaces the cargo he or she displaces. The image is read by an analyst:
//
//   - transmission, polyenergetic:
//     T = Σ S(E)·E·η(E)·exp(−Σₖ(μ/ρ)ₖ(E)ρₖLₖ) / Σ S(E)·E·η(E)
//   - contrast of a person C = 1 − T_with/T_without
//   - photon statistics N_b = N₀·T_b per pixel, with N₀ set so that the
//     source just penetrates its rated steel thickness (N_b = N_min there)
//   - Rose detectability with a cargo-clutter term:
//     1/SNR² = 1/(C²·N_b·n_pix) + σ_clutter²/(C²·n_patch)
//   - Gaussian ROC P_D = 1 − Φ(t − SNR), with t set by the image false-alarm
//     rate spread over the independent places in the image, times the
//     analyst's attention factor.
//
// A load space whose background transmission leaves fewer than N_min photons
// per pixel cannot be cleared: the search is Inconclusive and the caller
// sends the lorry to manual search (Commercial Motor, 10 Jan 2002: a scanner
// "failed to penetrate" a load of onions; SRC).
//
// Dose to a hidden person is the fan-beam formula D = Ḋ₁ₘ/r²·(w/v)·T_up for
// X-rays and H = Γ·A/r²·(w/v)·T_up for Co-60 (§8.1), T_up being the
// transmission of whatever lies between the source and the person.

// Source is the radiation source of a radiography system.
type Source uint8

// Sources.
const (
	// Linac6MeV is a mobile 6 MeV linear-accelerator X-ray scanner, the
	// kind licensed at Calais in 2010 for contraband (Daily Mail 2010, SRC;
	// linacs 5–10 MeV, 30–40 cm steel: Wikipedia "Cargo scanning", SRC).
	Linac6MeV Source = iota
	// Cobalt60 is a Co-60 gamma scanner (1.17 and 1.33 MeV lines, mean
	// 1.25 MeV; 15–18 cm steel: Wikipedia "Cargo scanning", SRC), the type
	// the UK bought in 2001 (BBC 20 Sep 2001, SRC).
	Cobalt60
	// Tube450kV is a 450 kV X-ray tube system (< 100 mm steel: Port
	// Technology International, SRC).
	Tube450kV
	NumSources
)

var sourceNames = [NumSources]string{"linac-6mev", "co60", "tube-450kv"}

// String returns the source's name.
func (s Source) String() string {
	if s < NumSources {
		return sourceNames[s]
	}
	return "unknown"
}

// ParseSource returns the source named s (as printed by String).
func ParseSource(s string) (Source, error) {
	for i, n := range sourceNames {
		if n == s {
			return Source(i), nil
		}
	}
	return 0, fmt.Errorf("unknown radiation source %q (want linac-6mev, co60 or tube-450kv)", s)
}

// sourceSpec is the physics of one source.
type sourceSpec struct {
	// penetrationCm is the steel thickness the system is rated to see
	// through: its transmission sets N₀ (N_b = N_min behind it).
	penetrationCm float64
	speedMS       float64 // scan speed, m/s
	// X-ray sources: air-kerma rate at 1 m in the beam, Gy/min, and the beam
	// width at the person, m. Co-60: activity, MBq, and slit width, m.
	doseRate1mGyMin float64
	activityMBq     float64
	beamWidthM      float64
	sourceToPersonM float64
}

var sourceSpecs = [NumSources]sourceSpec{
	Linac6MeV: {
		// 30 cm steel: lower end of the 30–40 cm quoted for linacs
		// (Wikipedia, SRC) and of 250–320 mm for mobile 4–6 MeV units (MEM).
		penetrationCm: 30,
		// EST: gantry/mobile scan speeds are 0.1–0.5 m/s (§8.1).
		speedMS: 0.4,
		// EST: linac output 0.1–5 Gy/min at 1 m (MEM, §2.1); 1 Gy/min is
		// the middle illustrative case of §8.1 (≈ 13 µGy per pass, calc.py).
		doseRate1mGyMin: 1.0,
		beamWidthM:      0.005, // EST: 5 mm fan at the person (§8.1 example)
		sourceToPersonM: 4,     // EST (§8.1 example)
	},
	Cobalt60: {
		penetrationCm: 16.5, // SRC: 15–18 cm steel (Wikipedia "Cargo scanning")
		speedMS:       0.2,  // EST: §8.1 Co-60 example
		activityMBq:   37000,
		// EST: 1 Ci (37 GBq) source, 10 mm slit, 3 m (§8.1 example, calc.py).
		beamWidthM:      0.010,
		sourceToPersonM: 3,
	},
	Tube450kV: {
		penetrationCm:   8,     // EST within "< 100 mm steel" (Port Technology Intl., SRC)
		speedMS:         0.4,   // EST
		doseRate1mGyMin: 0.3,   // EST: a 450 kV tube at several mA
		beamWidthM:      0.005, // EST
		sourceToPersonM: 3,     // EST
	},
}

// Spectrum discretisation.
const nBins = 48

// spectrum is a source's discretised photon spectrum with its weights.
type spectrum struct {
	e      [nBins]float64               // bin energies, MeV
	det    [nBins]float64               // detector signal weights S·E·η·ΔE, normalised
	dose   [nBins]float64               // tissue kerma weights S·E·(μ_en/ρ)_tissue·ΔE, normalised
	mu     [nBins][NumMaterials]float64 // μ/ρ at each bin, cm²/g
	n      int                          // bins in use
	kermaR float64                      // tissue/air kerma ratio of the spectrum
	tPen   float64                      // detector-weighted transmission of the rated steel
}

var spectra [NumSources]spectrum

// detectorIronCm is the detector crystal as an iron-equivalent thickness for
// its absorption efficiency η(E) = 1 − exp(−μ_Fe ρ_Fe x) (EST: thick CdWO₄ or
// CsI cargo detectors, §8.1).
const detectorIronCm = 3.0

// tubeFilterIronCm is the inherent and added filtration of the 450 kV tube,
// as iron (EST).
const tubeFilterIronCm = 0.3

func buildSpectrum(src Source) spectrum {
	var s spectrum
	add := func(e, w float64) {
		s.e[s.n] = e
		eta := 1 - math.Exp(-mustMuRho(Iron, e)*materialDensity[Iron]*detectorIronCm)
		s.det[s.n] = w * e * eta
		s.dose[s.n] = w * e * mustMuEnRho(Tissue, e)
		for m := Material(0); m < NumMaterials; m++ {
			s.mu[s.n][m] = mustMuRho(m, e)
		}
		s.n++
	}
	switch src {
	case Cobalt60:
		// Co-60 decay lines 1.1732 and 1.3325 MeV, one photon each per decay (MEM).
		add(1.1732, 1)
		add(1.3325, 1)
	default:
		// Kramers thick-target bremsstrahlung S(E) ∝ (E₀ − E)/E (EST, §8.1),
		// log-spaced bins from eLo to the endpoint E₀.
		e0, eLo := 6.0, 0.1
		if src == Tube450kV {
			e0, eLo = 0.45, 0.03
		}
		n := nBins
		r := math.Pow(e0/eLo, 1/float64(n))
		for i := 0; i < n; i++ {
			a, b := eLo*math.Pow(r, float64(i)), eLo*math.Pow(r, float64(i+1))
			e := math.Sqrt(a * b)
			w := (e0 - e) / e * (b - a)
			if src == Tube450kV {
				w *= math.Exp(-mustMuRho(Iron, e) * materialDensity[Iron] * tubeFilterIronCm)
			}
			add(e, w)
		}
	}
	var sd, sk, ska float64
	for i := 0; i < s.n; i++ {
		sd += s.det[i]
		sk += s.dose[i]
		ska += s.dose[i] / mustMuEnRho(Tissue, s.e[i]) * mustMuEnRho(Air, s.e[i])
	}
	for i := 0; i < s.n; i++ {
		s.det[i] /= sd
		s.dose[i] /= sk
	}
	s.kermaR = sk / ska
	var steel [NumMaterials]float64
	steel[Iron] = materialDensity[Iron] * sourceSpecs[src].penetrationCm
	s.tPen = s.transmit(&s.det, &steel)
	return s
}

// transmit returns Σ w_b·exp(−Σ_m μ_m(E_b)·areal_m) for the weights w and the
// per-material mass thicknesses areal (g/cm², may be negative for mass that
// a hidden person displaces).
func (s *spectrum) transmit(w *[nBins]float64, areal *[NumMaterials]float64) float64 {
	t := 0.0
	for i := 0; i < s.n; i++ {
		x := 0.0
		for m := Material(0); m < NumMaterials; m++ {
			if areal[m] != 0 {
				x += s.mu[i][m] * areal[m]
			}
		}
		t += w[i] * math.Exp(-x)
	}
	return t
}

// Geometry (EST unless marked). The ray crosses the trailer sideways, 2.48 m
// inside (curtain-sider 13.6 × 2.48 × 2.68 m: nordicsped.com, SRC).

// trailerWall is one side wall as slabs (EST): PVC-coated polyester curtain
// about 1.5 mm; box: aluminium skins and a plywood core; reefer: aluminium
// skins and 8 cm of polyurethane foam (as polyethylene at 0.04 g/cm³);
// tanker: 5 mm steel shell; flatbed/container chassis: 2 mm corrugated steel.
var trailerWall = [NumTrailers][2]Slab{
	CurtainSider: {{Polyethylene, 1.2, 0.15}, {}},
	Box:          {{Aluminium, 2.699, 0.2}, {Cellulose, 0.6, 1.5}},
	Reefer:       {{Aluminium, 2.699, 0.2}, {Polyethylene, 0.04, 8}},
	Tanker:       {{Iron, 7.874, 0.5}, {}},
	Flatbed:      {{Iron, 7.874, 0.2}, {}},
}

// cargoSlab is the load crossed by a ray through the load space, by kind:
// local (pallet) density × path, within the ranges of scanner-physics §1.4
// (all EST): packaged goods 0.25–0.6, produce 0.5–0.7, paper 0.5–0.9,
// liquids 0.7–1.0 g/cm³; machinery as ~10 cm of steel along the ray.
var cargoSlab = [NumCargoKinds]Slab{
	Empty:   {Air, 0.0012041, 248},
	General: {Cellulose, 0.30, 220},
	Produce: {Water, 0.55, 220},
	Paper:   {Cellulose, 0.70, 200},
	Metal:   {Iron, 7.874, 10},
	Liquid:  {Water, 0.85, 200},
}

// cargoDisplaced is the local density of the load a hidden person displaces,
// g/cm³ (EST): people burrow into the load; in machinery they sit in voids.
var cargoDisplaced = [NumCargoKinds]float64{
	Empty: 0, General: 0.30, Produce: 0.55, Paper: 0.70, Metal: 0, Liquid: 0.85,
}

// cargoClutter is the relative structured-clutter amplitude σ_clutter of the
// load image, per clutter patch (EST within 0.02–0.10, §8.1).
var cargoClutter = [NumCargoKinds]float64{
	Empty: 0.02, General: 0.05, Produce: 0.06, Paper: 0.04, Metal: 0.10, Liquid: 0.05,
}

// Person and image parameters.
const (
	personTissueCm = 25   // EST: torso thickness along the ray, 20–30 cm (§8.1)
	personAreaM2   = 0.5  // EST: projected area of a crouching person
	pixelAreaCm2   = 0.25 // 5 mm pixels (resolution 3–5 mm: Varian, OSTI 21289597, SRC)
	clutterPatchM2 = 0.25 // EST: one carton/crate, the scale of cargo clutter
	imageAreaM2    = 35.0 // EST: 13.6 m × 2.6 m side view of the load
	nMinPhotons    = 20   // EST: 10–30 photons per pixel to clear a region (§8.1)
	cabClutter     = 0.08 // EST: seats, bedding, fittings
	axleClutter    = 0.12 // EST: axles, wheels, tanks
	roofClutter    = 0.03 // EST: the roof void is nearly empty
	cabIronCm      = 0.4  // EST: two steel cab panels and fittings along the ray
	cabFurnishing  = 20.0 // EST: g/cm² of seats and bedding (cellulose-like)
	chassisIronCm  = 6.0  // EST: steel of axles, hubs and tanks along the ray
	scatterDoseUSv = 0.05 // EST: driver in a cab skipped by the beam, 0.01–0.1 µSv (§8.1)
	contrabandCm   = 30.0 // EST: a concealed block of drugs or tobacco
	contrabandGC   = 0.9  // EST: its density, g/cm³ (cellulose-like)
	contrabandM2   = 0.25 // EST: its projected area
	geomFactor     = 0.7  // EST: f_geom 0.5–1, effective/air-kerma for a lateral sweep (§8.1)
	lorryLengthM   = 16.5 // maximum length of an articulated lorry in the EU (MEM, Directive 96/53/EC)
	scanOverheadM  = 3.0  // EST: run-in and run-out of the scan
	gammaCo60      = 0.35 // Γ(Co-60), µSv·m²/(MBq·h) (MEM, §8.1)
	defaultImageFA = 0.02 // EST: image false-alarm rate per vehicle
	defaultAttend  = 0.85 // EST: analyst attention factor 0.7–0.95 (§8.1)
	contrabandBase = 0.6  // EST: chance the analyst looks for and recognises contraband at all
	xrayDivertMin  = 8.0  // EST: divert the lorry to the scanning area and park
	xrayPrepMin    = 15.0 // EST: driver out and escorted, exclusion zone cleared, positioning (SRC: 2–5 min positioning at fixed sites)
	xrayReviewMin  = 12.0 // EST: image review, including waiting for an analyst (SRC: 2–5 min review at fixed sites)
	xrayFollowMin  = 20.0 // EST: follow-up: check flagged areas against the manifest, driver back, release
	xrayShape      = 4.0  // EST: gamma shape of the non-beam process time (CV 0.5)
	regionCargo    = 4    // index of the contraband region in xrayTable
	numRegions     = int(NumPlaces) + 1
)

// region is the precomputed physics of one part of the image.
type region struct {
	tb      float64 // detector-weighted background transmission
	c       float64 // contrast of one person (or the contraband block)
	tup     float64 // dose-weighted transmission upstream of the person
	clutter float64 // σ_clutter
	objM2   float64 // projected area of one object
}

// xrayTable[src][trailer][cargo][region]: regions are the places plus the
// contraband block (regionCargo).
var xrayTable [NumSources][NumTrailers][NumCargoKinds][numRegions]region

func init() {
	for src := Source(0); src < NumSources; src++ {
		spectra[src] = buildSpectrum(src)
	}
	for src := Source(0); src < NumSources; src++ {
		for tr := Trailer(0); tr < NumTrailers; tr++ {
			for cg := CargoKind(0); cg < NumCargoKinds; cg++ {
				for rg := 0; rg < numRegions; rg++ {
					xrayTable[src][tr][cg][rg] = computeRegion(src, tr, cg, rg)
				}
			}
		}
	}
}

func addSlab(a *[NumMaterials]float64, s Slab, k float64) { a[s.Material] += k * s.ArealDensity() }

// computeRegion builds the ray sums for one region of the image.
func computeRegion(src Source, tr Trailer, cg CargoKind, rg int) region {
	var bg, up [NumMaterials]float64 // background ray; upstream of the person
	walls := func(a *[NumMaterials]float64, k float64) {
		for _, s := range trailerWall[tr] {
			addSlab(a, s, k)
		}
	}
	r := region{objM2: personAreaM2}
	displaced := Slab{Air, 0, personTissueCm}
	obj := Slab{Tissue, 1.0, personTissueCm}
	switch {
	case rg == int(InTrailer) || rg == regionCargo:
		walls(&bg, 2)
		addSlab(&bg, cargoSlab[cg], 1)
		walls(&up, 1)
		addSlab(&up, cargoSlab[cg], 0.5)
		displaced = Slab{cargoSlab[cg].Material, cargoDisplaced[cg], personTissueCm}
		r.clutter = cargoClutter[cg]
		if rg == regionCargo {
			obj = Slab{Cellulose, contrabandGC, contrabandCm}
			displaced.DepthCm = contrabandCm
			r.objM2 = contrabandM2
		}
	case rg == int(Cab):
		bg[Iron] += materialDensity[Iron] * cabIronCm
		bg[Cellulose] += cabFurnishing
		up[Iron] += materialDensity[Iron] * cabIronCm / 2
		r.clutter = cabClutter
	case rg == int(Axle):
		bg[Iron] += materialDensity[Iron] * chassisIronCm
		up[Iron] += materialDensity[Iron] * chassisIronCm / 2
		r.clutter = axleClutter
	case rg == int(Roof):
		walls(&bg, 2)
		walls(&up, 1)
		r.clutter = roofClutter
	}
	s := &spectra[src]
	r.tb = s.transmit(&s.det, &bg)
	with := bg
	addSlab(&with, obj, 1)
	addSlab(&with, displaced, -1)
	r.c = 1 - s.transmit(&s.det, &with)/r.tb
	r.tup = s.transmit(&s.dose, &up)
	return r
}

// XRay is transmission radiography of the whole lorry, driver out, by a
// mobile scanner. The zero value is the 2015 baseline: a 6 MeV linac with
// the defaults documented on each field. Name is "gamma" for a Co-60 source,
// else "xray". Use for people detection is banned at the French juxtaposed
// controls (Daily Mail 2008, 2010; IBTimes 2016: SRC): that is a policy for
// the caller, not a property of the method.
type XRay struct {
	Source Source
	// DriverInCab selects a drive-through portal: the driver stays in the
	// cab, which the beam skips. The driver (and anyone hidden in the cab)
	// gets scatter only, and the cab is not imaged.
	DriverInCab bool
	// ImageFalseAlarm is the analyst's false-alarm rate per vehicle; zero
	// means 0.02 (EST).
	ImageFalseAlarm float64
	// Attention is the chance the analyst sees a target the physics makes
	// visible; zero means 0.85 (EST, 0.7–0.95).
	Attention float64
	// SpeedMS is the scan speed; zero means the source's default.
	SpeedMS float64
	// DoseRate1mGyMin is the X-ray air-kerma rate at 1 m (linac, tube);
	// ActivityMBq is the Co-60 activity. Zero means the defaults.
	DoseRate1mGyMin float64
	ActivityMBq     float64
	// Whole-process components, minutes; zero means the default.
	DivertMin, PrepMin, ReviewMin, FollowUpMin float64
}

// Name returns "gamma" for a Co-60 scanner, else "xray".
func (x XRay) Name() string {
	if x.Source == Cobalt60 {
		return "gamma"
	}
	return "xray"
}

// Resources returns the operator and the image analyst (EST) and the scanner.
func (x XRay) Resources() Resources {
	return Resources{Officers: 2, Equipment: x.Name() + ":" + x.Source.String()}
}

// Applicable returns nil: radiography can image any lorry. Whether it may
// be used for people is a policy decision for the caller.
func (x XRay) Applicable(v *Vehicle) error {
	if v.Trailer >= NumTrailers || v.Cargo >= NumCargoKinds {
		return fmt.Errorf("%s: unknown trailer or cargo", x.Name())
	}
	return nil
}

// BeamMin is the time the source is on: (lorry length + run-in/out)/speed.
func (x XRay) BeamMin() float64 {
	return (lorryLengthM + scanOverheadM) / or(x.SpeedMS, sourceSpecs[x.Source].speedMS) / 60
}

// MeanProcessMin is the mean whole-process time: diversion, driver out and
// exclusion zone, positioning, beam, image review and follow-up (target A6:
// "around an hour", with beam ~1 min).
func (x XRay) MeanProcessMin() float64 {
	return x.nonBeamMin() + x.BeamMin()
}

// WithHandlingMin returns x with its whole process besides the beam
// (diversion, preparation, review, follow-up) taking totalMin minutes in
// all, each part scaled from its default in proportion; totalMin ≤ 0
// keeps the defaults.
func (x XRay) WithHandlingMin(totalMin float64) XRay {
	if totalMin <= 0 {
		return x
	}
	f := totalMin / (xrayDivertMin + xrayPrepMin + xrayReviewMin + xrayFollowMin)
	x.DivertMin, x.PrepMin, x.ReviewMin, x.FollowUpMin = xrayDivertMin*f, xrayPrepMin*f, xrayReviewMin*f, xrayFollowMin*f
	return x
}

func (x XRay) nonBeamMin() float64 {
	return or(x.DivertMin, xrayDivertMin) + or(x.PrepMin, xrayPrepMin) +
		or(x.ReviewMin, xrayReviewMin) + or(x.FollowUpMin, xrayFollowMin)
}

// LinacDoseUGy is the air kerma, µGy, to a point at distance rM from a fan
// beam source of air-kerma rate dRate1mGyMin at 1 m, swept past at speedMS
// with beam width beamM at the point: D = Ḋ₁ₘ/r²·(w/v) (§8.1).
func LinacDoseUGy(dRate1mGyMin, rM, beamM, speedMS float64) float64 {
	return dRate1mGyMin / 60 / (rM * rM) * (beamM / speedMS) * 1e6
}

// GammaDoseUSv is the dose equivalent, µSv, from a point source of
// activityMBq with dose-rate constant gammaUSvM2PerMBqH at rM, seen through a
// slit of width slitM swept past at speedMS: H = Γ·A/r²·(w/v) (§8.1).
func GammaDoseUSv(gammaUSvM2PerMBqH, activityMBq, rM, slitM, speedMS float64) float64 {
	return gammaUSvM2PerMBqH * activityMBq / (rM * rM) * (slitM / speedMS) / 3600
}

// unshieldedDoseUSv is the effective dose to a person in the open beam.
func (x XRay) unshieldedDoseUSv() float64 {
	sp := &sourceSpecs[x.Source]
	v := or(x.SpeedMS, sp.speedMS)
	if x.Source == Cobalt60 {
		return GammaDoseUSv(gammaCo60, or(x.ActivityMBq, sp.activityMBq), sp.sourceToPersonM, sp.beamWidthM, v) * geomFactor
	}
	d := LinacDoseUGy(or(x.DoseRate1mGyMin, sp.doseRate1mGyMin), sp.sourceToPersonM, sp.beamWidthM, v)
	return d * spectra[x.Source].kermaR * geomFactor
}

// n0 is the detected quanta per pixel in the open beam, set so that the
// rated steel thickness leaves nMinPhotons, scaled by the source output and
// the dwell time relative to the defaults.
func (x XRay) n0() float64 {
	sp := &sourceSpecs[x.Source]
	out := 1.0
	if x.Source == Cobalt60 {
		out = or(x.ActivityMBq, sp.activityMBq) / sp.activityMBq
	} else {
		out = or(x.DoseRate1mGyMin, sp.doseRate1mGyMin) / sp.doseRate1mGyMin
	}
	out *= sp.speedMS / or(x.SpeedMS, sp.speedMS)
	return nMinPhotons / spectra[x.Source].tPen * out
}

// regionSNR is the Rose SNR of n objects in region r, and whether the region
// is penetrated at all.
func (x XRay) regionSNR(r *region, n int) (snr float64, penetrated bool) {
	nb := x.n0() * r.tb
	if nb < nMinPhotons {
		return 0, false
	}
	if r.c <= 0 || n <= 0 {
		return 0, true
	}
	area := float64(n) * r.objM2
	npix := area * 1e4 / pixelAreaCm2
	npatch := area / clutterPatchM2
	inv := 1/(r.c*r.c*nb*npix) + r.clutter*r.clutter/(r.c*r.c*npatch)
	return 1 / math.Sqrt(inv), true
}

// threshold is the detection threshold: the image false-alarm rate spread
// over the independent clutter patches of the image.
func (x XRay) threshold() (t, pLoc float64) {
	pfa := or(x.ImageFalseAlarm, defaultImageFA)
	m := imageAreaM2 / clutterPatchM2
	return ThresholdForFalseAlarm(pfa, m), pfa / m
}

// Analyze returns the detection probabilities, times and doses for v.
// Conditions do not matter to radiography.
func (x XRay) Analyze(v *Vehicle, _ Conditions) Analysis {
	a := Analysis{BeamMin: x.BeamMin()}
	a.MeanDurationMin = a.BeamMin + x.nonBeamMin()
	a.FalseAlarm = or(x.ImageFalseAlarm, defaultImageFA)
	att := or(x.Attention, defaultAttend)
	t, pLoc := x.threshold()
	tab := &xrayTable[x.Source][v.Trailer][v.Cargo]
	d0 := x.unshieldedDoseUSv()
	if _, ok := x.regionSNR(&tab[InTrailer], 0); !ok {
		a.Inconclusive = true
	}
	for p := Place(0); p < NumPlaces; p++ {
		n := v.People[p]
		if n <= 0 {
			continue
		}
		if p == Cab && x.DriverInCab {
			a.DoseUSv[p] = scatterDoseUSv
			continue
		}
		r := &tab[p]
		a.DoseUSv[p] = d0 * r.tup
		snr, ok := x.regionSNR(r, n)
		if !ok {
			continue
		}
		a.Find[p] = att * excess(PDetectSNR(snr, t), pLoc)
	}
	if x.DriverInCab {
		a.DoseDriverUSv = scatterDoseUSv
	}
	if snr, ok := x.regionSNR(&tab[regionCargo], 1); ok {
		a.ContrabandFind = contrabandBase * att * excess(PDetectSNR(snr, t), pLoc)
	}
	a.combine()
	return a
}

// PDetect is P(alarm | the people in v): the chance the image shows people.
func (x XRay) PDetect(v *Vehicle, c Conditions) float64 { return x.Analyze(v, c).Detect }

// PFalseAlarm is P(alarm | nobody hidden).
func (x XRay) PFalseAlarm(v *Vehicle, c Conditions) float64 { return x.Analyze(v, c).FalseAlarm }

// Search scans v once: the beam time is fixed by the scan speed, the rest of
// the process is gamma-distributed (shape 4) around its mean.
func (x XRay) Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome {
	a := x.Analyze(v, c)
	dur := a.BeamMin + x.nonBeamMin()*gamma4(r)
	return a.sample(v, r, dur)
}

// ImageContrast returns, for one person hidden at p in v, the background
// transmission (detector-weighted), the person's contrast and the
// transmission upstream of the person (dose-weighted).
func (x XRay) ImageContrast(v *Vehicle, p Place) (tb, contrast, tUp float64) {
	r := &xrayTable[x.Source][v.Trailer][v.Cargo][p]
	return r.tb, r.c, r.tup
}

// PDetectSlab is the chance that n people hidden in a load of one material
// at density densityGC across depthCm of the load space of a trailer of type
// tr are seen, with the given clutter; inconclusive is true when the load is
// not penetrated. It recomputes the ray sums (not for the hot path) and lets
// tests and sensitivity analyses vary the load continuously.
func (x XRay) PDetectSlab(tr Trailer, load Slab, displacedGC, clutter float64, n int) (pd float64, inconclusive bool) {
	var bg [NumMaterials]float64
	for _, s := range trailerWall[tr] {
		addSlab(&bg, s, 2)
	}
	addSlab(&bg, load, 1)
	with := bg
	addSlab(&with, Slab{Tissue, 1, personTissueCm}, 1)
	addSlab(&with, Slab{load.Material, displacedGC, personTissueCm}, -1)
	s := &spectra[x.Source]
	r := region{tb: s.transmit(&s.det, &bg), clutter: clutter, objM2: personAreaM2}
	r.c = 1 - s.transmit(&s.det, &with)/r.tb
	snr, ok := x.regionSNR(&r, n)
	if !ok {
		return 0, true
	}
	t, pLoc := x.threshold()
	return or(x.Attention, defaultAttend) * excess(PDetectSNR(snr, t), pLoc), false
}

// PenetrationIronCm is the steel thickness the configured system can just
// see through (N_b = N_min), cm.
func (x XRay) PenetrationIronCm() float64 {
	s := &spectra[x.Source]
	lo, hi := 0.0, 100.0
	for i := 0; i < 60; i++ {
		mid := (lo + hi) / 2
		var a [NumMaterials]float64
		a[Iron] = materialDensity[Iron] * mid
		if x.n0()*s.transmit(&s.det, &a) >= nMinPhotons {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
