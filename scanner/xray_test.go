package scanner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestXRayProcessTimeA6: target A6, the whole X-ray process takes "around an
// hour" (45–75 min) with the beam on ≤ 2 min; sampled and analytic.
func TestXRayProcessTimeA6(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, x := range []XRay{{Source: Linac6MeV}, {Source: Cobalt60}} {
		if b := x.BeamMin(); b <= 0 || b > 2 {
			t.Errorf("%s: beam %.2f min, want ≤ 2", x.Name(), b)
		}
		if m := x.MeanProcessMin(); m < 45 || m > 75 {
			t.Errorf("%s: mean process %.1f min, want 45–75", x.Name(), m)
		}
		v := Vehicle{Trailer: CurtainSider, Cargo: General}
		sum, beam := 0.0, 0.0
		const n = 20000
		for i := 0; i < n; i++ {
			o := x.Search(&v, Conditions{}, r)
			sum += o.DurationMin
			beam = math.Max(beam, o.BeamMin)
		}
		if m := sum / n; m < 45 || m > 75 {
			t.Errorf("%s: sampled mean process %.1f min, want 45–75", x.Name(), m)
		}
		if beam > 2 {
			t.Errorf("%s: beam %.2f min", x.Name(), beam)
		}
	}
}

// TestDoseFormulas checks the dose formulas against calc.py.
func TestDoseFormulas(t *testing.T) {
	for _, c := range []struct{ rate, r, wmm, v, want float64 }{
		{0.1, 4, 5, 0.4, 1.30}, {1.0, 4, 5, 0.4, 13.02}, {5.0, 4, 5, 0.2, 130.21},
	} {
		if d := LinacDoseUGy(c.rate, c.r, c.wmm/1000, c.v); math.Abs(d-c.want) > 0.005 {
			t.Errorf("LinacDoseUGy(%v) = %.3f µGy, want %.2f (calc.py)", c, d, c.want)
		}
	}
	// Co-60 1 Ci at 3 m, 10 mm slit, 0.2 m/s: 0.020 µSv (calc.py).
	if d := GammaDoseUSv(0.35, 37000, 3, 0.010, 0.2); math.Abs(d-0.020) > 0.0005 {
		t.Errorf("GammaDoseUSv = %.4f µSv, want 0.020", d)
	}
	// The model's unshielded dose: kerma × tissue/air ratio (≈ 1.10 at
	// MeV energies, §8.1) × f_geom.
	x := XRay{}
	want := 13.02 * spectra[Linac6MeV].kermaR * geomFactor
	if d := x.unshieldedDoseUSv(); math.Abs(d-want) > 0.01 {
		t.Errorf("linac unshielded dose %.3f, want %.3f", d, want)
	}
	if k := spectra[Linac6MeV].kermaR; k < 1.05 || k > 1.15 {
		t.Errorf("tissue/air kerma ratio %.3f", k)
	}
	// The government claim: a person gets < 2.7 µSv from a gamma scan
	// (BBC 2001, SRC/CALC).
	g := XRay{Source: Cobalt60}
	v := Vehicle{Trailer: CurtainSider, Cargo: Empty, People: [NumPlaces]int{1, 1, 1, 1}}
	for p, d := range g.Analyze(&v, Conditions{}).DoseUSv {
		if d <= 0 || d > 2.7 {
			t.Errorf("gamma dose at %v = %g µSv", Place(p), d)
		}
	}
}

// TestDoseShielding: a person deeper in denser cargo receives less; the
// driver out of the cab receives nothing, in a skipped cab only scatter.
func TestDoseShielding(t *testing.T) {
	x := XRay{}
	dose := func(cg CargoKind) float64 {
		v := Vehicle{Trailer: CurtainSider, Cargo: cg, People: [NumPlaces]int{1, 0, 0, 0}}
		return x.Analyze(&v, Conditions{}).DoseUSv[InTrailer]
	}
	if !(dose(Empty) > dose(General) && dose(General) > dose(Paper) && dose(Paper) > dose(Liquid)) {
		t.Errorf("dose does not fall with upstream load: empty %g general %g paper %g liquid %g",
			dose(Empty), dose(General), dose(Paper), dose(Liquid))
	}
	if d := dose(Empty); d > x.unshieldedDoseUSv() || d < 0.9*x.unshieldedDoseUSv() {
		t.Errorf("dose behind a curtain %g vs open beam %g", d, x.unshieldedDoseUSv())
	}
	v := Vehicle{Trailer: Box, Cargo: General, People: [NumPlaces]int{0, 0, 0, 1}}
	a := x.Analyze(&v, Conditions{})
	if a.DoseDriverUSv != 0 || a.DoseUSv[Cab] <= 0 {
		t.Errorf("driver out: driver %g, cab stowaway %g", a.DoseDriverUSv, a.DoseUSv[Cab])
	}
	x.DriverInCab = true
	a = x.Analyze(&v, Conditions{})
	if a.DoseDriverUSv != scatterDoseUSv || a.DoseUSv[Cab] != scatterDoseUSv || a.Find[Cab] != 0 {
		t.Errorf("driver in cab: %+v", a)
	}
}

// TestXRayFallsWithArealDensity: P(detect) never rises, and overall falls,
// as the load's density rises; past the penetration limit the result is
// inconclusive.
func TestXRayFallsWithArealDensity(t *testing.T) {
	for _, x := range []XRay{{Source: Linac6MeV}, {Source: Cobalt60}, {Source: Tube450kV}} {
		prev, first, last := 2.0, -1.0, -1.0
		sawInconclusive := false
		for rho := 0.05; rho <= 1.5; rho += 0.05 {
			pd, inc := x.PDetectSlab(CurtainSider, Slab{Water, rho, 220}, rho, 0.05, 1)
			if inc {
				sawInconclusive = true
				pd = 0
			} else if sawInconclusive {
				t.Errorf("%v: penetrates %.2f g/cm³ after failing a lighter load", x.Source, rho)
			}
			if pd > prev+1e-12 {
				t.Errorf("%v: P(detect) rose from %.4f to %.4f at %.2f g/cm³", x.Source, prev, pd, rho)
			}
			if first < 0 {
				first = pd
			}
			prev, last = pd, pd
		}
		if !(last < first-0.5) || !sawInconclusive {
			t.Errorf("%v: P(detect) %.3f → %.3f, inconclusive %v: want a clear fall to a penetration failure", x.Source, first, last, sawInconclusive)
		}
	}
}

// TestPenetration: N₀ is set so each source just sees through its rated
// steel (Wikipedia "Cargo scanning": linac 30–40 cm, Co-60 15–18 cm; tube
// < 10 cm; SRC).
func TestPenetration(t *testing.T) {
	for src, want := range map[Source]float64{Linac6MeV: 30, Cobalt60: 16.5, Tube450kV: 8} {
		if got := (XRay{Source: src}).PenetrationIronCm(); math.Abs(got-want) > 0.01 {
			t.Errorf("%v penetrates %.2f cm steel, want %g", src, got, want)
		}
	}
	// Doubling the dose rate buys about one tenth-value... at least some steel.
	if (XRay{DoseRate1mGyMin: 2}).PenetrationIronCm() <= 30 {
		t.Error("more output does not penetrate more")
	}
	// A load of produce across the trailer defeats Co-60 (the 2002 onions,
	// Commercial Motor, SRC) but not the 6 MeV linac.
	v := Vehicle{Trailer: CurtainSider, Cargo: Produce, People: [NumPlaces]int{1, 0, 0, 0}}
	if a := (XRay{Source: Cobalt60}).Analyze(&v, Conditions{}); !a.Inconclusive || a.Find[InTrailer] != 0 {
		t.Errorf("Co-60 through produce: %+v", a)
	}
	if a := (XRay{}).Analyze(&v, Conditions{}); a.Inconclusive || a.Find[InTrailer] < 0.5 {
		t.Errorf("linac through produce: %+v", a)
	}
	// An inconclusive search still reports it.
	o := (XRay{Source: Cobalt60}).Search(&v, Conditions{}, rand.New(rand.NewPCG(1, 1)))
	if !o.Inconclusive || o.Found[InTrailer] {
		t.Errorf("Co-60 search of produce: %+v", o)
	}
}

// TestContrast: 25 cm of tissue against air at 1.25 MeV gives C ≈ 0.79
// (§8.1, CALC); a Co-60 image of a person in an empty curtain-sider agrees.
func TestContrast(t *testing.T) {
	v := Vehicle{Trailer: CurtainSider, Cargo: Empty}
	_, c, _ := (XRay{Source: Cobalt60}).ImageContrast(&v, InTrailer)
	if math.Abs(c-0.79) > 0.01 {
		t.Errorf("Co-60 contrast of a person %.3f, want ≈ 0.79", c)
	}
	// Contrast falls as the load the person displaces gets denser.
	prev := 1.0
	for _, cg := range []CargoKind{Empty, General, Produce, Paper, Liquid} {
		v.Cargo = cg
		_, c, _ := (XRay{}).ImageContrast(&v, InTrailer)
		if c >= prev {
			t.Errorf("contrast in %v %.3f not below %.3f", cg, c, prev)
		}
		prev = c
	}
}

func TestXRayContraband(t *testing.T) {
	v := Vehicle{Trailer: CurtainSider, Cargo: General, Contraband: true}
	a := (XRay{}).Analyze(&v, Conditions{})
	if a.ContrabandFind < 0.3 || a.ContrabandFind > contrabandBase {
		t.Errorf("contraband find %.3f", a.ContrabandFind)
	}
	if (XRay{}).Name() != "xray" || (XRay{Source: Cobalt60}).Name() != "gamma" {
		t.Error("names")
	}
	if _, err := ParseSource("co60"); err != nil {
		t.Error(err)
	}
	if _, err := ParseSource("x"); err == nil {
		t.Error("ParseSource: want an error")
	}
}

func TestWithHandlingMin(t *testing.T) {
	x := XRay{Source: Cobalt60}
	if got := x.WithHandlingMin(0).nonBeamMin(); got != x.nonBeamMin() {
		t.Errorf("0 changed the defaults: %v", got)
	}
	for _, total := range []float64{5, 55, 110} {
		y := x.WithHandlingMin(total)
		if got := y.nonBeamMin(); math.Abs(got-total) > 1e-9 {
			t.Errorf("WithHandlingMin(%v): non-beam time %v", total, got)
		}
		if r := y.PrepMin / y.DivertMin; math.Abs(r-xrayPrepMin/xrayDivertMin) > 1e-12 {
			t.Errorf("WithHandlingMin(%v): parts not in proportion (%v)", total, r)
		}
	}
}
