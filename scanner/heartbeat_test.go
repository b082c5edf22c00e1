package scanner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestHeartbeatCalibration: calm P_D 0.97 for one person in a general load
// of a curtain-sider; 9 m/s outside a shed gives P_FA 0.30 (corrections.com
// 2000, SRC); in calm air P_FA is the configured 0.03.
func TestHeartbeatCalibration(t *testing.T) {
	h := Heartbeat{}
	v := Vehicle{Trailer: CurtainSider, Cargo: General, People: [NumPlaces]int{1, 0, 0, 0}}
	if p := h.PDetect(&v, Conditions{}); math.Abs(p-0.97) > 0.002 {
		t.Errorf("calm P_D %.4f, want 0.97", p)
	}
	e := Vehicle{Trailer: CurtainSider, Cargo: General}
	if p := h.PFalseAlarm(&e, Conditions{WindMS: 9}); math.Abs(p-0.30) > 0.002 {
		t.Errorf("P_FA at 9 m/s outside %.4f, want 0.30", p)
	}
	if p := h.PFalseAlarm(&e, Conditions{}); math.Abs(p-0.03) > 1e-9 {
		t.Errorf("calm P_FA %.4f", p)
	}
}

// TestHeartbeatWind: false alarms rise with wind outside a shed and barely
// move inside one (up to a strong breeze; in a gale an empty, light trailer
// shakes even in a shed).
func TestHeartbeatWind(t *testing.T) {
	h := Heartbeat{}
	forEachVehicle(func(v Vehicle) {
		prevOut, prevIn := 0.0, 0.0
		for w := 0.0; w <= 14; w++ {
			out := h.PFalseAlarm(&v, Conditions{WindMS: w})
			in := h.PFalseAlarm(&v, Conditions{WindMS: w, Shed: true})
			if out < prevOut-1e-12 || in < prevIn-1e-12 {
				t.Errorf("%v/%v: P_FA fell with wind %g", v.Trailer, v.Cargo, w)
			}
			if in > 0.06 && w <= 10 {
				t.Errorf("%v/%v: P_FA in a shed at %g m/s = %.3f", v.Trailer, v.Cargo, w, in)
			}
			// Heavy loads move less in the wind (and for the heart), so the
			// rise is smaller for them than for the calibration curtain-sider.
			if margin := map[bool]float64{true: 0.05, false: 0.015}[v.Trailer == CurtainSider]; w == 9 && !(out > in+margin) {
				t.Errorf("%v/%v: at 9 m/s P_FA outside %.3f vs in a shed %.3f", v.Trailer, v.Cargo, out, in)
			}
			prevOut, prevIn = out, in
		}
		if prevOut < 0.3 {
			t.Errorf("%v/%v: P_FA at 14 m/s outside only %.3f", v.Trailer, v.Cargo, prevOut)
		}
	})
}

func TestHeartbeatAcquisitionAndSensors(t *testing.T) {
	v := Vehicle{Trailer: Reefer, Cargo: Produce, People: [NumPlaces]int{1, 0, 0, 0}}
	c := Conditions{WindMS: 3}
	prev := 0.0
	for _, s := range []float64{15, 30, 45, 60, 90} {
		p := Heartbeat{AcqS: s}.PDetect(&v, c)
		if p <= prev {
			t.Errorf("P_D does not rise with acquisition %g s: %.4f ≤ %.4f", s, p, prev)
		}
		prev = p
	}
	if !(Heartbeat{Sensors: 8}.PDetect(&v, c) > Heartbeat{Sensors: 2}.PDetect(&v, c)) {
		t.Error("more sensors do not help")
	}
	// A heavier load is less mobile, so the same person gives less signal.
	light := Vehicle{Trailer: Reefer, Cargo: General}
	heavy := Vehicle{Trailer: Reefer, Cargo: Metal}
	hb := Heartbeat{}
	if !(hb.Mobility(&heavy, 1.3) < hb.Mobility(&light, 1.3)) {
		t.Error("heavier trailer is not less mobile")
	}
	if sl, rise := hb.SNR(&light, Conditions{}, Axle, 1); sl <= 0 || rise != 1 {
		t.Errorf("calm SNR %g, noise rise %g", sl, rise)
	}
}

// TestMobility: the oscillator peaks at f_n with |H| = Q/√(kM) there, and
// F/M sets the acceleration scale (calc.py: 2 N on 20 t → 1e-4 m/s²).
func TestMobility(t *testing.T) {
	v := Vehicle{Trailer: CurtainSider, Cargo: General} // 18.5 t
	h := Heartbeat{}
	m := hbTareKg[v.Trailer] + hbLoadKg[v.Cargo]
	peak := h.Mobility(&v, hbNatFreqHz)
	if want := hbQ / (m * 2 * math.Pi * hbNatFreqHz); math.Abs(peak/want-1) > 1e-9 {
		t.Errorf("|H(f_n)| = %g, want Q/(Mω_n) = %g", peak, want)
	}
	if h.Mobility(&v, 0.5) >= peak || h.Mobility(&v, 4) >= peak {
		t.Error("mobility does not peak at f_n")
	}
	// Well above resonance |H| → 1/(Mω): acceleration F/M.
	f := 40.0
	acc := 2 * h.Mobility(&v, f) * 2 * math.Pi * f
	if math.Abs(acc/(2/m)-1) > 0.01 {
		t.Errorf("acceleration above resonance %g, want F/M = %g", acc, 2/m)
	}
}

func TestWithCycleMin(t *testing.T) {
	if got := (Heartbeat{}).WithCycleMin(10).MeanMinutes(); math.Abs(got-10) > 1e-12 {
		t.Errorf("a 10-minute cycle gives %v min", got)
	}
	if got, want := (Heartbeat{}).WithCycleMin(0).MeanMinutes(), (Heartbeat{}).MeanMinutes(); got != want {
		t.Errorf("0 changed the default: %v, want %v", got, want)
	}
}

// TestPow5over6: the von Kármán spectrum's power is math.Pow's, bit for
// bit, over the range the wind gives and beyond (random and edge values).
func TestPow5over6(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	xs := []float64{1, math.Nextafter(1, 2), 2, 70.8, 1e6, 0x1p999, math.Nextafter(0x1p1000, 0), 0x1p1000, 1e308, math.Inf(1), 0.5, 0, math.NaN()}
	for range 200000 {
		xs = append(xs, 1+70.8*math.Pow(10, 8*r.Float64()-4), math.Exp(690*r.Float64()))
	}
	for _, x := range xs {
		if got, want := pow5over6(x), math.Pow(x, 5.0/6); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("pow5over6(%v) = %v, math.Pow gives %v", x, got, want)
		}
	}
}

// TestHeartbeatTables: the tabulated mobilities and threshold give the
// numbers the formulas give, bit for bit, for every trailer and load, wind
// and shed, people at each place and false-alarm rate.
func TestHeartbeatTables(t *testing.T) {
	// The formulas as they were before the tables: Mobility and math.Pow
	// per line, the quantile per test.
	windPower := func(h Heartbeat, v *Vehicle, c Conditions) float64 {
		u := math.Max(c.WindMS, 0)
		if u == 0 {
			return 0
		}
		amp := hbAirDensity * hbDragCoef * hbSideAreaM2 * u * hbTurbulence * u
		if v.Trailer == CurtainSider {
			amp *= hbCurtainFlap
		}
		if c.Shed {
			amp *= hbShedFactor
		}
		s := 0.0
		for _, l := range hbLines {
			x := l.f * hbIntegralM / u
			vk := 4 * hbIntegralM / u / math.Pow(1+70.8*x*x, 5.0/6)
			hm := h.Mobility(v, l.f)
			s += amp * amp * vk * hm * hm * hbLineWidthHz
		}
		return s * hbWindAdmittance
	}
	signalPower := func(h Heartbeat, v *Vehicle, p Place, n int) float64 {
		kappa := hbPlaceCoupling[p]
		if p == InTrailer {
			kappa *= hbCargoCoupling[v.Cargo]
		}
		s := 0.0
		for _, l := range hbLines {
			a := l.force * kappa * h.Mobility(v, l.f)
			s += 0.5 * a * a
		}
		return s * float64(n)
	}
	same := func(what string, got, want float64) {
		t.Helper()
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%s: %v, formula %v", what, got, want)
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for _, h := range []Heartbeat{{}, {FalseAlarm: 0.01}, {AcqS: 45, Sensors: 6}} {
		same("threshold quantile", h.z(), normQuantile(1-h.pfa()))
		forEachVehicle(func(v Vehicle) {
			for range 200 {
				c := Conditions{WindMS: 20 * r.Float64(), Shed: r.IntN(2) == 0}
				same("wind power", h.windPower(&v, c), windPower(h, &v, c))
				for p := Place(0); p < NumPlaces; p++ {
					n := 1 + r.IntN(4)
					same("signal power", h.signalPower(&v, p, n), signalPower(h, &v, p, n))
				}
			}
		})
	}
}
