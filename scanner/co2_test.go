package scanner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// rk4CO2 integrates dC/dt = (G − Q·C)/V numerically (ppm, minutes).
func rk4CO2(genLPerS, minutes, airM3, ach float64) float64 {
	g := genLPerS * 1e-3 * 60 * 1e6 / airM3 // ppm per minute
	k := ach / 60                           // per minute
	f := func(c float64) float64 { return g - k*c }
	c, h := 0.0, 0.01
	steps := int(math.Round(minutes / h))
	for i := 0; i < steps; i++ {
		k1 := f(c)
		k2 := f(c + h/2*k1)
		k3 := f(c + h/2*k2)
		k4 := f(c + h*k3)
		c += h / 6 * (k1 + 2*k2 + 2*k3 + k4)
	}
	return c
}

func TestCO2AnalyticVsNumeric(t *testing.T) {
	for _, n := range []float64{1, 3, 10} {
		for _, ach := range []float64{0, 0.05, 0.2, 1, 5} {
			for _, mins := range []float64{5, 15, 60, 180} {
				for _, v := range []float64{20, 60, 86} {
					a := CO2DeltaPPM(0.005*n, mins, v, ach)
					b := rk4CO2(0.005*n, mins, v, ach)
					if math.Abs(a-b) > 1e-6*math.Max(1, b) {
						t.Errorf("N=%g ACH=%g t=%g V=%g: analytic %.6f, RK4 %.6f", n, ach, mins, v, a, b)
					}
				}
			}
		}
	}
}

// TestCO2CalcPy checks the worked numbers of scanner-physics.md §4 / calc.py
// (V = 86 m³, G = 0.005 L/s per person).
func TestCO2CalcPy(t *testing.T) {
	cases := []struct {
		n, ach float64
		vals   [3]float64 // after 15 min, 1 h, 3 h
	}{
		{1, 0.05, [3]float64{52.0, 204.2, 583.1}},
		{1, 0.2, [3]float64{51.0, 189.7, 472.2}},
		{1, 1.0, [3]float64{46.3, 132.3, 198.9}},
		{5, 0.2, [3]float64{255.2, 948.5, 2360.9}},
		{10, 1.0, [3]float64{463.0, 1323.0, 1988.8}},
	}
	for _, c := range cases {
		for i, m := range []float64{15, 60, 180} {
			if got := CO2DeltaPPM(0.005*c.n, m, 86, c.ach); math.Abs(got-c.vals[i]) > 0.06 {
				t.Errorf("N=%g ACH=%g t=%g min: %.2f ppm, calc.py %.1f", c.n, c.ach, m, got, c.vals[i])
			}
		}
	}
	// Steady state N·G/Q: 1 person, ACH 0.2 → 1,047 ppm.
	if ss := CO2DeltaPPM(0.005, 1e6, 86, 0.2); math.Abs(ss-1046.5) > 1 {
		t.Errorf("steady state %.1f, want ≈ 1047", ss)
	}
	if CO2DeltaPPM(0.005, -1, 86, 1) != 0 || CO2DeltaPPM(0.005, 10, 0, 1) != 0 {
		t.Error("degenerate inputs should give 0")
	}
}

func TestCO2Detection(t *testing.T) {
	c := Conditions{TempC: 12, WindMS: 2}
	v := Vehicle{Trailer: Box, Cargo: General, ClosedMin: 45, People: [NumPlaces]int{1, 0, 0, 0}}
	// Rises with dwell time (sensor lag: a rushed test under-reads).
	prev := -1.0
	for _, d := range []float64{0.25, 0.5, 1, 2, 3} {
		p := CO2{DwellMin: d}.PDetect(&v, c)
		if p < prev {
			t.Errorf("P(detect) fell with dwell %.2f: %.4f < %.4f", d, p, prev)
		}
		prev = p
	}
	if a, b := (CO2{DwellMin: 0.25}).PDetect(&v, c), (CO2{DwellMin: 3}).PDetect(&v, c); !(b > a+0.1) {
		t.Errorf("dwell 15 s %.3f vs 3 min %.3f: want a clear rise", a, b)
	}
	// Rises with time closed.
	v2 := v
	v2.ClosedMin = 120
	if !(CO2{}.PDetect(&v2, c) > CO2{}.PDetect(&v, c)) {
		t.Error("P(detect) does not rise with time closed")
	}
	// Leaky curtain-siders are harder than boxes.
	v3 := v
	v3.Trailer = CurtainSider
	if !(CO2{}.PDetect(&v3, c) < CO2{}.PDetect(&v, c)) {
		t.Error("curtain-sider not harder than a box")
	}
	// People outside the load space are invisible to the probe.
	v4 := Vehicle{Trailer: Box, Cargo: General, ClosedMin: 120, People: [NumPlaces]int{0, 3, 3, 3}}
	if a := (CO2{}).Analyze(&v4, c); a.Detect != a.FalseAlarm {
		t.Errorf("people outside the load space change the CO₂ result: %+v", a)
	}
	// Produce: the threshold is calibrated to the load, so the false-alarm
	// rate is bounded at 1 − Φ(2) ≈ 0.023 however much the load respires
	// (a closed reefer of produce reads thousands of ppm), and people are
	// harder to find than in a general load.
	for _, tr := range []Trailer{Box, Reefer} {
		e := Vehicle{Trailer: tr, Cargo: General, ClosedMin: 60, People: [NumPlaces]int{2}}
		pr := Vehicle{Trailer: tr, Cargo: Produce, ClosedMin: 60, People: [NumPlaces]int{2}}
		if fa := (CO2{}).PFalseAlarm(&pr, c); fa > 0.0228 || fa < 0.005 {
			t.Errorf("%s of produce: false-alarm rate %.4f, want at most 1 − Φ(2) = 0.0228", tr, fa)
		}
		if pd, pg := (CO2{}).PDetect(&pr, c), (CO2{}).PDetect(&e, c); !(pd < pg) {
			t.Errorf("%s: two people found with P %.3f in produce, %.3f in a general load", tr, pd, pg)
		}
	}
	// Flatbeds cannot be tested.
	fb := Vehicle{Trailer: Flatbed}
	if err := (CO2{}).Applicable(&fb); err == nil {
		t.Error("flatbed: want an error")
	}
}

// TestCO2Tables: a CO2 test's analysis, whether its configuration's part
// is computed per test or once (Tabulate), gives the numbers the formulas
// give bit for bit, and a tabulated search the same outcomes from the same
// random numbers, for every trailer and load, people, wind and
// configuration.
func TestCO2Tables(t *testing.T) {
	// The analysis as it was before the tables.
	formula := func(q CO2, v *Vehicle, c Conditions) Analysis {
		if q.Applicable(v) != nil {
			return Analysis{}
		}
		a := Analysis{MeanDurationMin: co2SetupMin + or(q.DwellMin, 2.5)}
		air, ach := q.AirM3(v), q.ACH(v, c.WindMS)
		gen := or(q.GenLPerS, 0.005)
		lag := 1 - math.Exp(-or(q.DwellMin, 2.5)*60/or(q.SensorLagS, 30))
		people := CO2DeltaPPM(gen*float64(v.People[InTrailer]), v.ClosedMin, air, ach)
		load := CO2DeltaPPM(produceLPerS(v, c), math.Max(v.ClosedMin, produceClosedMin), air, ach)
		with, load := (people+load)*lag, load*lag
		sigma := func(d float64) float64 {
			s := co2SensorSigma + co2SensorRel*(co2AmbientPPM+d)
			return math.Sqrt(s*s + co2AmbientSigma*co2AmbientSigma)
		}
		th := or(q.ThresholdPPM, 200)
		if v.Cargo == Produce {
			th = math.Max(or(q.ProduceThresholdPPM, 1000), load+or(q.ProduceMarginSigma, 2)*sigma(load))
		}
		a.FalseAlarm = 1 - normCDF((th-load)/sigma(load))
		if v.People[InTrailer] > 0 {
			pd := 1 - normCDF((th-with)/sigma(with))
			a.Find[InTrailer] = excess(pd, a.FalseAlarm)
		}
		a.combine()
		return a
	}
	r := rand.New(rand.NewPCG(11, 12))
	for _, q := range []CO2{{}, {DwellMin: 1.5}, {ThresholdPPM: 300, SensorLagS: 20, GenLPerS: 0.006}} {
		tab := Tabulate(q).(Analyzer)
		if tab.Name() != q.Name() || tab.Resources() != q.Resources() {
			t.Fatalf("tabulated %+v: name or resources differ", q)
		}
		forEachVehicle(func(v Vehicle) {
			for range 100 {
				v.People[InTrailer] = r.IntN(3)
				v.People[Axle] = r.IntN(2)
				v.ClosedMin = 300 * r.Float64()
				c := Conditions{WindMS: 12 * r.Float64(), TempC: 25 * r.Float64()}
				want := formula(q, &v, c)
				if got := q.Analyze(&v, c); got != want {
					t.Fatalf("%+v %+v: Analyze %+v, formula %+v", q, v, got, want)
				}
				if got := tab.Analyze(&v, c); got != want {
					t.Fatalf("%+v %+v: tabulated Analyze %+v, formula %+v", q, v, got, want)
				}
				s := r.Uint64()
				r1, r2 := rand.New(rand.NewPCG(s, 1)), rand.New(rand.NewPCG(s, 1))
				if o1, o2 := q.Search(&v, c, r1), tab.Search(&v, c, r2); o1 != o2 || r1.Uint64() != r2.Uint64() {
					t.Fatalf("%+v %+v: tabulated Search %+v, untabulated %+v", q, v, o2, o1)
				}
			}
		})
	}
	if m := Tabulate(Dog{}); m != (Dog{}) {
		t.Errorf("Tabulate(Dog{}) = %#v, want it unchanged", m)
	}
}
