package uq

import (
	"fmt"
	"math"
	"testing"
)

// TestGPInterpolatesSmoothFunction: fitted to 15 runs of a smooth
// function of two inputs, the emulator predicts held-out points closely,
// knows it (its standard deviation covers the error), finds almost no
// noise, and its leave-one-out errors are standard.
func TestGPInterpolatesSmoothFunction(t *testing.T) {
	f := func(x []float64) float64 { return math.Sin(3*x[0]) + 0.5*x[1]*x[1] }
	rng := NewRand(1, "design")
	x := LatinHypercube(15, 2, rng)
	y := make([]float64, len(x))
	for i, p := range x {
		y[i] = f(p)
	}
	g, err := FitGP(x, y)
	if err != nil {
		t.Fatal(err)
	}
	test := LatinHypercube(50, 2, NewRand(2, "test"))
	worst, covered := 0.0, 0
	for _, p := range test {
		m, v := g.Predict(p)
		e := math.Abs(m - f(p))
		worst = math.Max(worst, e)
		if e <= 3*math.Sqrt(v+g.NoiseVar())+1e-6 {
			covered++
		}
	}
	if worst > 0.05 {
		t.Errorf("largest error at held-out points %.4f, want ≤ 0.05 (output range about 1.5)", worst)
	}
	if covered < 47 {
		t.Errorf("%d of 50 held-out errors within 3 standard deviations, want at least 47", covered)
	}
	if g.NoiseVar() > 1e-3 {
		t.Errorf("noise variance %.2g for a deterministic function, want ≤ 1e-3", g.NoiseVar())
	}
	loo, err := g.LeaveOneOut(y)
	if err != nil {
		t.Fatal(err)
	}
	if loo.Within2 < 0.8 {
		t.Errorf("leave-one-out: %.0f %% within 2 sd, want at least 80 %%", 100*loo.Within2)
	}
}

// TestGPEstimatesNoise: runs of y = x + N(0, 0.1²) at 60 points: the
// nugget estimates the noise variance 0.01, and the mean follows x.
func TestGPEstimatesNoise(t *testing.T) {
	rng := NewRand(3, "noise")
	x := LatinHypercube(60, 1, rng)
	y := make([]float64, len(x))
	for i, p := range x {
		y[i] = p[0] + 0.1*rng.NormFloat64()
	}
	g, err := FitGP(x, y)
	if err != nil {
		t.Fatal(err)
	}
	if v := g.NoiseVar(); v < 0.004 || v > 0.02 {
		t.Errorf("noise variance %.4f, want 0.01 within a factor of 2.5", v)
	}
	for _, p := range []float64{0.2, 0.5, 0.8} {
		if m, _ := g.Predict([]float64{p}); math.Abs(m-p) > 0.08 {
			t.Errorf("mean at %.1f: %.3f", p, m)
		}
	}
}

func TestGPBadInput(t *testing.T) {
	for _, tc := range []struct {
		x [][]float64
		y []float64
	}{
		{[][]float64{{0.1}, {0.2}}, []float64{1, 2}},                    // too few
		{[][]float64{{0.1}, {0.2}, {0.3}}, []float64{1, 1, 1}},          // no variation
		{[][]float64{{0.1}, {1.2}, {0.3}}, []float64{1, 2, 3}},          // outside the cube
		{[][]float64{{0.1}, {0.2}, {0.3}}, []float64{1, math.NaN(), 3}}, // NaN
		{[][]float64{{0.1}, {0.2}, {0.3}}, []float64{1, 2}},             // lengths
	} {
		if _, err := FitGP(tc.x, tc.y); err == nil {
			t.Errorf("FitGP(%v, %v) accepted", tc.x, tc.y)
		}
	}
}

// TestHistoryMatchToy: a model of two parameters with outputs (θ1 + θ2,
// θ1 − θ2) plus noise, observed at the truth (0.3, 0.6). Two waves keep
// the truth, rule out most of the cube, and the second shrinks what the
// first left.
func TestHistoryMatchToy(t *testing.T) {
	truth := []float64{0.3, 0.6}
	noise := NewRand(4, "model")
	model := func(x []float64) []float64 {
		return []float64{x[0] + x[1] + 0.01*noise.NormFloat64(), x[0] - x[1] + 0.01*noise.NormFloat64()}
	}
	obs := []MatchTarget{{Z: truth[0] + truth[1], VarObs: 0.02 * 0.02}, {Z: truth[0] - truth[1], VarObs: 0.02 * 0.02}}
	h, err := NewHistoryMatch(2, obs, 3, 5000)
	if err != nil {
		t.Fatal(err)
	}
	rng := NewRand(5, "waves")
	var volumes []float64
	for wave := 0; wave < 2; wave++ {
		d := h.Design(20, rng)
		out := make([][]float64, len(d))
		for i, x := range d {
			out[i] = model(x)
		}
		if _, err := h.Add(d, out, rng); err != nil {
			t.Fatal(err)
		}
		volumes = append(volumes, h.Volume)
		if !h.Plausible(truth) {
			t.Fatalf("wave %d ruled out the truth", wave+1)
		}
	}
	if volumes[0] > 0.1 || volumes[1] > volumes[0] {
		t.Errorf("NROY volume by wave %v: want under 0.1 after the first, shrinking", volumes)
	}
	if h.Plausible([]float64{0.9, 0.1}) {
		t.Error("a point far from the truth is still plausible")
	}
	for _, w := range h.Waves[1:] {
		for i, l := range w.LOO {
			if l.Within2 < 0.7 {
				t.Errorf("target %d: %.0f %% of leave-one-out errors within 2 sd", i, 100*l.Within2)
			}
		}
	}
}

// TestAPMCInsideSupport: ABC whose prior is restricted to a support
// (history matching's NROY) draws no particle outside it and finds the
// analytic posterior of TestAPMCNormal, with an effective sample size
// near the number of particles kept.
func TestAPMCInsideSupport(t *testing.T) {
	obs := []float64{0.3, 0.7}
	support := func(x []float64) bool { return math.Abs(x[0]-0.3) < 0.25 && math.Abs(x[1]-0.7) < 0.25 }
	a := APMC{K: 2, N: 400, Alpha: 0.5, PAccMin: 0.05, Support: support, SupportVolume: 0.25}
	sim := normalToy(obs, func(x []float64) {
		if !support(x) {
			t.Fatalf("a particle outside the support: %v", x)
		}
	})
	rng := NewRand(9, "abc")
	init := a.Initial(rng)
	p := a.First(init, sim(init))
	for gens := 1; !a.Done(p); gens++ {
		if gens >= 40 {
			t.Fatal("no convergence in 40 generations")
		}
		prop := a.Propose(p, rng)
		p = a.Update(p, prop, sim(prop), rng)
	}
	for j := range obs {
		m, sd := moments(p, j)
		if math.Abs(m-obs[j]) > 0.02 || sd < 0.04 || sd > math.Sqrt(0.05*0.05+p.Eps*p.Eps)+0.005 {
			t.Errorf("θ%d: mean %.3f sd %.3f (ε %.3f)", j+1, m, sd, p.Eps)
		}
	}
	if ess := p.ESS(); ess < 100 || ess > 200 {
		t.Errorf("effective sample size %.1f of 200 particles kept", ess)
	}
}

// ExampleGP emulates a function from a few runs.
func ExampleGP() {
	x := [][]float64{{0}, {0.25}, {0.5}, {0.75}, {1}}
	y := []float64{0, 0.0625, 0.25, 0.5625, 1} // x²
	g, err := FitGP(x, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := g.Predict([]float64{0.6})
	fmt.Printf("%.2f\n", m)
	// Output: 0.36
}

// TestSobolWarnings: on the Ishigami function a small sample is flagged
// (too few rows, intervals outside [0, 1]) and a large one is not; the
// indices on prefixes of the large design settle towards the analytic
// values.
func TestSobolWarnings(t *testing.T) {
	ishigami := func(u []float64) float64 {
		x := make([]float64, 3)
		for i := range x {
			x[i] = -math.Pi + 2*math.Pi*u[i]
		}
		return math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
	}
	run := func(n int) []float64 {
		pts, err := SaltelliDesign(n, 3)
		if err != nil {
			t.Fatal(err)
		}
		y := make([]float64, len(pts))
		for i, p := range pts {
			y[i] = ishigami(p)
		}
		return y
	}
	names := []string{"x1", "x2", "x3"}
	small, err := SobolIndices(run(8), 3, 200, 0.95, NewRand(1, "boot"))
	if err != nil {
		t.Fatal(err)
	}
	if w := small.Warnings(names); len(w) < 2 {
		t.Errorf("8 rows for 3 parameters: warnings %q, want the small sample and a noisy interval", w)
	}
	y := run(2048)
	big, err := SobolIndices(y, 3, 200, 0.95, NewRand(1, "boot"))
	if err != nil {
		t.Fatal(err)
	}
	if w := big.Warnings(names); len(w) != 0 {
		t.Errorf("2,048 rows: warnings %q, want none", w)
	}
	conv, err := SobolConvergence(y, 3, ConvergenceRows(2048), 100, 0.95, NewRand(2, "boot"))
	if err != nil {
		t.Fatal(err)
	}
	first, last := conv[0], conv[len(conv)-1]
	if e0, e1 := math.Abs(first.S1[1].Value-0.4424), math.Abs(last.S1[1].Value-0.4424); e1 > 0.03 || e1 > e0+0.01 {
		t.Errorf("S1 of x2 from %d to %d rows: error %.3f then %.3f against 0.4424", first.N, last.N, e0, e1)
	}
	if got := ConvergenceRows(100); fmt.Sprint(got) != "[6 12 25 50 100]" {
		t.Errorf("ConvergenceRows(100) = %v", got)
	}
}

// TestAPMCWeightsOneScale: the weights are π/q on one scale across
// generations. Inside a support (a disc of area 0.09π, which the first
// generation's kernels overhang), the mean of π/q over draws from q is
// ∫ π = the support's volume, which is also the first generation's
// weight: so the new particles' mean weight must equal it. Weighting the
// first generation 1 misses it 3.6 times; leaving out the kernels' mass
// outside the support, 1.9 times.
func TestAPMCWeightsOneScale(t *testing.T) {
	disc := func(x []float64) bool { return (x[0]-0.5)*(x[0]-0.5)+(x[1]-0.5)*(x[1]-0.5) < 0.09 }
	a := APMC{K: 2, N: 4000, Alpha: 0.5, PAccMin: 0.05, Support: disc, SupportVolume: 0.09 * math.Pi}
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	rng := NewRand(3, "abc")
	init := a.Initial(rng)
	same := func(n int, d float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = d
		}
		return out
	}
	p := a.First(init, same(len(init), 1))
	// Drawn from the prior alone, the mixture is the prior.
	for i, w := range a.MixtureWeights(p) {
		if math.Abs(w-p.Weight[i]) > 1e-12 {
			t.Fatalf("first generation: mixture weight %v, own %v", w, p.Weight[i])
		}
	}
	prop := a.Propose(p, rng)
	// The new particles, nearer, are the ones kept.
	next := a.Update(p, prop, same(len(prop), 0), rng)
	var mean float64
	for _, w := range next.Weight {
		mean += w / float64(len(next.Weight))
	}
	if r := mean / p.Weight[0]; r < 0.95 || r > 1.05 {
		t.Errorf("the new particles' mean weight is %.4f, %.3f times the first generation's %.4f: want 1 ± 0.05", mean, r, p.Weight[0])
	}
	if ess := next.ESS(); ess < 0.5*float64(len(next.Weight)) {
		t.Errorf("effective sample size %.0f of %d", ess, len(next.Weight))
	}
}

// TestAPMCMixtureWeights: on the normal toy in eight dimensions, inside a
// support, the mixture weights give the same analytic posterior as each
// particle's own generation's weights, and keep the effective sample size
// near the particles kept where the own weights' falls to about half
// (93 of 250 after eleven generations).
func TestAPMCMixtureWeights(t *testing.T) {
	const k = 8
	obs := make([]float64, k)
	for i := range obs {
		obs[i] = 0.3 + 0.4*float64(i%2)
	}
	// History matching has ruled out all but a quarter of the cube, along
	// the first two parameters.
	support := func(x []float64) bool { return math.Abs(x[0]-obs[0]) < 0.25 && math.Abs(x[1]-obs[1]) < 0.25 }
	a := APMC{K: k, N: 500, Alpha: 0.5, PAccMin: 0.05, Support: support, SupportVolume: 0.25}
	sim := normalToy(obs, nil)
	rng := NewRand(9, "abc")
	init := a.Initial(rng)
	p := a.First(init, sim(init))
	for g := 1; g < 12; g++ {
		prop := a.Propose(p, rng)
		p = a.Update(p, prop, sim(prop), rng)
	}
	mix := p
	mix.Weight = a.MixtureWeights(p)
	kept := float64(len(p.Theta))
	if own, m := p.ESS(), mix.ESS(); m < 0.85*kept || own > 0.6*kept {
		t.Errorf("effective sample size %.1f by the mixture weights, %.1f by the own generations': want over %.0f and under %.0f of %.0f", m, own, 0.85*kept, 0.6*kept, kept)
	}
	for _, pop := range []Population{p, mix} {
		for j := range obs {
			m, sd := moments(pop, j)
			// The ABC posterior at ε in eight dimensions: the ε-ball
			// spreads each coordinate by about ε/√8; the mean is off by
			// its standard error sd/√ESS, here allowed 3.5 times.
			tol := 3.5 * sd / math.Sqrt(pop.ESS())
			if hi := math.Sqrt(0.05*0.05+p.Eps*p.Eps/k) + 0.01; math.Abs(m-obs[j]) > tol || sd < 0.04 || sd > hi {
				t.Errorf("θ%d: mean %.3f sd %.3f, want %.2f ± %.3f and sd from 0.04 to %.3f (ε %.3f)", j+1, m, sd, obs[j], tol, hi, p.Eps)
			}
		}
	}
}
