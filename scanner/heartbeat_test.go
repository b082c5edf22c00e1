package scanner

import (
	"math"
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
