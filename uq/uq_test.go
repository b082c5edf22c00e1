package uq

import (
	"math"
	"testing"
)

// gf2MulMod multiplies a and b modulo the polynomial p over GF(2).
func gf2MulMod(a, b, p uint64, deg int) uint64 {
	var r uint64
	for b != 0 {
		if b&1 == 1 {
			r ^= a
		}
		b >>= 1
		a <<= 1
		if a>>deg&1 == 1 {
			a ^= p
		}
	}
	return r
}

func gf2PowX(e uint64, p uint64, deg int) uint64 {
	result, base := uint64(1), uint64(2) // x
	for e > 0 {
		if e&1 == 1 {
			result = gf2MulMod(result, base, p, deg)
		}
		base = gf2MulMod(base, base, p, deg)
		e >>= 1
	}
	return result
}

// TestJoeKuoTable checks every row of the direction-number table: the
// polynomial is primitive over GF(2) (x has order 2^s − 1), and each
// initial direction number m_k is odd and below 2^k. A typo in the table
// breaks one of these.
func TestJoeKuoTable(t *testing.T) {
	primes := func(n uint64) []uint64 {
		var ps []uint64
		for q := uint64(2); q*q <= n; q++ {
			if n%q == 0 {
				ps = append(ps, q)
				for n%q == 0 {
					n /= q
				}
			}
		}
		if n > 1 {
			ps = append(ps, n)
		}
		return ps
	}
	if len(joeKuo) != MaxSobolDims-1 {
		t.Fatalf("table has %d rows, want %d", len(joeKuo), MaxSobolDims-1)
	}
	for d, row := range joeKuo {
		s := int(row.s)
		if len(row.m) != s {
			t.Errorf("dimension %d: %d direction numbers for degree %d", d+2, len(row.m), s)
		}
		p := uint64(1)<<s | uint64(row.a)<<1 | 1
		order := uint64(1)<<s - 1
		if gf2PowX(order, p, s) != 1 {
			t.Errorf("dimension %d: x^(2^%d−1) ≠ 1 mod the polynomial", d+2, s)
		}
		for _, q := range primes(order) {
			if q != order && gf2PowX(order/q, p, s) == 1 {
				t.Errorf("dimension %d: polynomial %b is not primitive", d+2, p)
			}
		}
		for k, m := range row.m {
			if m%2 == 0 || m >= 1<<(k+1) {
				t.Errorf("dimension %d: m_%d = %d must be odd and < 2^%d", d+2, k+1, m, k+1)
			}
		}
	}
}

// TestSobolStratified: the first 2^m points of every dimension of a Sobol
// sequence are the 2^m points j/2^m, each once (a (0, m, 1)-net).
func TestSobolStratified(t *testing.T) {
	s, err := NewSobol(MaxSobolDims)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, MaxSobolDims)
	for _, m := range []int{1, 4, 10} {
		n := 1 << m
		seen := make([][]bool, MaxSobolDims)
		for d := range seen {
			seen[d] = make([]bool, n)
		}
		for i := 0; i < n; i++ {
			s.Point(uint64(i), x)
			for d, v := range x {
				j := v * float64(n)
				if j != math.Trunc(j) || seen[d][int(j)] {
					t.Fatalf("m=%d dimension %d point %d: %v is not a new multiple of 2^-%d", m, d+1, i, v, m)
				}
				seen[d][int(j)] = true
			}
		}
	}
	// The first points of the two-dimensional sequence (Bratley and Fox 1988).
	s2, _ := NewSobol(2)
	want := [][2]float64{{0, 0}, {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}}
	for i, w := range want {
		s2.Point(uint64(i), x[:2])
		if x[0] != w[0] || x[1] != w[1] {
			t.Errorf("point %d = %v, want %v", i, x[:2], w)
		}
	}
	if _, err := NewSobol(MaxSobolDims + 1); err == nil {
		t.Error("NewSobol accepted too many dimensions")
	}
}

// ishigami is f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³.
func ishigami(u []float64) float64 {
	const a, b = 7, 0.1
	x1, x2, x3 := -math.Pi+2*math.Pi*u[0], -math.Pi+2*math.Pi*u[1], -math.Pi+2*math.Pi*u[2]
	return math.Sin(x1) + a*math.Sin(x2)*math.Sin(x2) + b*math.Pow(x3, 4)*math.Sin(x1)
}

// TestIshigami: the Saltelli/Jansen estimators on the Ishigami function
// (a = 7, b = 0.1) find the analytic indices within their bootstrap
// intervals, and the intervals are narrow enough to mean something.
func TestIshigami(t *testing.T) {
	const a, b = 7.0, 0.1
	v := a*a/8 + b*math.Pow(math.Pi, 4)/5 + b*b*math.Pow(math.Pi, 8)/18 + 0.5
	v1 := 0.5 * math.Pow(1+b*math.Pow(math.Pi, 4)/5, 2)
	v2 := a * a / 8
	v13 := b * b * math.Pow(math.Pi, 8) * (1.0/18 - 1.0/50)
	s1 := []float64{v1 / v, v2 / v, 0}
	st := []float64{(v1 + v13) / v, v2 / v, v13 / v}
	// The published values, to four places.
	for i, w := range []float64{0.3139, 0.4424, 0} {
		if math.Abs(s1[i]-w) > 5e-5 {
			t.Fatalf("analytic S1[%d] = %.5f, published %.4f", i, s1[i], w)
		}
	}
	for i, w := range []float64{0.5576, 0.4424, 0.2437} {
		if math.Abs(st[i]-w) > 5e-5 {
			t.Fatalf("analytic ST[%d] = %.5f, published %.4f", i, st[i], w)
		}
	}
	pts, err := SaltelliDesign(4096, 3)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(pts))
	for i, p := range pts {
		y[i] = ishigami(p)
	}
	res, err := SobolIndices(y, 3, 500, 0.95, NewRand(1, "test"))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Variance-v)/v > 0.02 {
		t.Errorf("variance %.3f, analytic %.3f", res.Variance, v)
	}
	for i := 0; i < 3; i++ {
		for _, c := range []struct {
			name string
			e    Estimate
			want float64
		}{{"S1", res.S1[i], s1[i]}, {"ST", res.ST[i], st[i]}} {
			t.Logf("%s[%d] = %.4f [%.4f, %.4f], analytic %.4f", c.name, i+1, c.e.Value, c.e.Lo, c.e.Hi, c.want)
			if !c.e.Contains(c.want) {
				t.Errorf("%s[%d]: analytic %.4f outside the interval [%.4f, %.4f]", c.name, i+1, c.want, c.e.Lo, c.e.Hi)
			}
			if c.e.Hi-c.e.Lo > 0.1 || !c.e.Contains(c.e.Value) {
				t.Errorf("%s[%d]: interval [%.4f, %.4f] around %.4f is not a useful interval", c.name, i+1, c.e.Lo, c.e.Hi, c.e.Value)
			}
		}
	}
}

// gfunc is the Sobol g-function Π (|4u_i − 2| + a_i)/(1 + a_i).
func gfunc(a []float64) func([]float64) float64 {
	return func(u []float64) float64 {
		p := 1.0
		for i, ai := range a {
			p *= (math.Abs(4*u[i]-2) + ai) / (1 + ai)
		}
		return p
	}
}

// TestGFunction: first- and total-order indices of the g-function with
// a = (0, 1, 4.5, 9, 99, 99, 99, 99) within their intervals.
func TestGFunction(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	k := len(a)
	vi := make([]float64, k)
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	pts, err := SaltelliDesign(8192, k)
	if err != nil {
		t.Fatal(err)
	}
	f := gfunc(a)
	y := make([]float64, len(pts))
	for i, p := range pts {
		y[i] = f(p)
	}
	res, err := SobolIndices(y, k, 500, 0.95, NewRand(2, "test"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < k; i++ {
		s1 := vi[i] / v
		st := vi[i] * prod / (1 + vi[i]) / v
		t.Logf("x%d: S1 %.4f [%.4f, %.4f] (%.4f); ST %.4f [%.4f, %.4f] (%.4f)", i+1,
			res.S1[i].Value, res.S1[i].Lo, res.S1[i].Hi, s1, res.ST[i].Value, res.ST[i].Lo, res.ST[i].Hi, st)
		if !res.S1[i].Contains(s1) {
			t.Errorf("S1[%d]: analytic %.4f outside [%.4f, %.4f]", i+1, s1, res.S1[i].Lo, res.S1[i].Hi)
		}
		if !res.ST[i].Contains(st) {
			t.Errorf("ST[%d]: analytic %.4f outside [%.4f, %.4f]", i+1, st, res.ST[i].Lo, res.ST[i].Hi)
		}
	}
}

func TestSaltelliBadInput(t *testing.T) {
	if _, err := SaltelliDesign(16, 21); err == nil {
		t.Error("21 parameters need 42 Sobol dimensions: want an error")
	}
	if _, err := SobolIndices(make([]float64, 7), 3, 10, 0.95, NewRand(1, "x")); err == nil {
		t.Error("7 outputs are not whole rows of 5: want an error")
	}
}

// TestMorrisLinear: on y = Σ c_i x_i every elementary effect is c_i, so
// μ* = |c_i|, μ = c_i and σ = 0 (methods note, Morris 1991).
func TestMorrisLinear(t *testing.T) {
	c := []float64{3, -2, 0.5, 0, 10}
	d, err := NewMorrisDesign(len(c), 20, 4, NewRand(3, "m"))
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(d.Points))
	for i, p := range d.Points {
		for j, cj := range c {
			y[i] += cj * p[j]
		}
		for _, v := range p {
			if v < -1e-12 || v > 1+1e-12 {
				t.Fatalf("point %d leaves the unit cube: %v", i, p)
			}
		}
	}
	res, err := MorrisEffects(d, d.Points, y, 200, 0.95, NewRand(4, "b"))
	if err != nil {
		t.Fatal(err)
	}
	for i, ci := range c {
		if math.Abs(res.Mu[i]-ci) > 1e-9 || math.Abs(res.MuStar[i].Value-math.Abs(ci)) > 1e-9 || res.Sigma[i] > 1e-9 || res.N[i] != 20 {
			t.Errorf("x%d: μ %g μ* %g σ %g n %d, want μ %g μ* %g σ 0 n 20", i+1, res.Mu[i], res.MuStar[i].Value, res.Sigma[i], res.N[i], ci, math.Abs(ci))
		}
	}
}

// TestMorrisDesignSteps: each step of a trajectory moves exactly the
// recorded input by ±Δ.
func TestMorrisDesignSteps(t *testing.T) {
	d, err := NewMorrisDesign(6, 10, 4, NewRand(5, "m"))
	if err != nil {
		t.Fatal(err)
	}
	for tr := 0; tr < d.R; tr++ {
		seen := map[int]bool{}
		for s, i := range d.Moved[tr] {
			a, b := d.Points[tr*(d.K+1)+s], d.Points[tr*(d.K+1)+s+1]
			seen[i] = true
			for j := range a {
				diff := math.Abs(b[j] - a[j])
				if j == i && math.Abs(diff-d.Delta) > 1e-12 || j != i && diff != 0 {
					t.Fatalf("trajectory %d step %d: moved %v → %v, expected only x%d by %g", tr, s, a, b, i+1, d.Delta)
				}
			}
		}
		if len(seen) != d.K {
			t.Fatalf("trajectory %d moves %d inputs, want %d", tr, len(seen), d.K)
		}
	}
}

// TestMorrisGFunction: μ* ranks the g-function's inputs by importance
// (smaller a_i, more important), and the negligible ones (a = 99) have
// the smallest μ*.
func TestMorrisGFunction(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99}
	d, err := NewMorrisDesign(len(a), 50, 4, NewRand(6, "m"))
	if err != nil {
		t.Fatal(err)
	}
	f := gfunc(a)
	y := make([]float64, len(d.Points))
	for i, p := range d.Points {
		y[i] = f(p)
	}
	res, err := MorrisEffects(d, d.Points, y, 300, 0.95, NewRand(7, "b"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < 4; i++ {
		if res.MuStar[i].Value <= res.MuStar[i+1].Value {
			t.Errorf("μ*[%d] = %.3f not above μ*[%d] = %.3f", i+1, res.MuStar[i].Value, i+2, res.MuStar[i+1].Value)
		}
	}
	for i := 4; i < 6; i++ {
		if res.MuStar[i].Hi >= res.MuStar[3].Lo {
			t.Errorf("negligible x%d: μ* interval [%.3f, %.3f] overlaps x4's [%.3f, %.3f]", i+1, res.MuStar[i].Lo, res.MuStar[i].Hi, res.MuStar[3].Lo, res.MuStar[3].Hi)
		}
		if !res.MuStar[i].Contains(res.MuStar[i].Value) {
			t.Errorf("x%d: interval does not contain its estimate", i+1)
		}
	}
}

// TestAPMCNormal: ABC on a model y = θ + N(0, 0.05²) per coordinate,
// observed y = (0.3, 0.7), with a uniform prior on [0, 1]²: the
// posterior is N((0.3, 0.7), 0.05²); the ABC posterior at tolerance ε is
// that blurred by the ε-ball, so its spread lies between 0.05 and
// √(0.05² + ε²), and its centre is the observation.
func TestAPMCNormal(t *testing.T) {
	obs := []float64{0.3, 0.7}
	a := APMC{K: 2, N: 400, Alpha: 0.5, PAccMin: 0.05}
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	sim := normalToy(obs, nil)
	rng := NewRand(9, "abc")
	init := a.Initial(rng)
	p := a.First(init, sim(init))
	gens := 1
	for !a.Done(p) && gens < 40 {
		prop := a.Propose(p, rng)
		for _, th := range prop {
			for _, v := range th {
				if v < 0 || v > 1 {
					t.Fatalf("proposal outside the prior: %v", th)
				}
			}
		}
		p = a.Update(p, prop, sim(prop), rng)
		gens++
	}
	if gens >= 40 {
		t.Fatalf("no convergence in 40 generations (p_acc %.3f)", p.PAcc)
	}
	for j := range obs {
		m, sd := moments(p, j)
		t.Logf("θ%d: mean %.3f sd %.3f after %d generations, ε %.4f", j+1, m, sd, gens, p.Eps)
		if math.Abs(m-obs[j]) > 0.02 {
			t.Errorf("θ%d: posterior mean %.3f, want %.2f ± 0.02", j+1, m, obs[j])
		}
		if hi := math.Sqrt(0.05*0.05 + p.Eps*p.Eps); sd < 0.045 || sd > hi {
			t.Errorf("θ%d: posterior sd %.3f, want from 0.045 to %.3f", j+1, sd, hi)
		}
	}
}

// normalToy is the model of TestAPMCNormal: y = θ + N(0, 0.05²) per
// coordinate, returning each particle's distance from obs; check, if set,
// sees every particle first.
func normalToy(obs []float64, check func(x []float64)) func([][]float64) []float64 {
	noise := NewRand(8, "noise")
	return func(th [][]float64) []float64 {
		d := make([]float64, len(th))
		for i, x := range th {
			if check != nil {
				check(x)
			}
			var s float64
			for j := range x {
				y := x[j] + 0.05*noise.NormFloat64()
				s += (y - obs[j]) * (y - obs[j])
			}
			d[i] = math.Sqrt(s)
		}
		return d
	}
}

// moments returns the weighted mean and standard deviation of
// coordinate j of p's particles.
func moments(p Population, j int) (mean, sd float64) {
	w := p.Normalized()
	var m2 float64
	for i, th := range p.Theta {
		mean += w[i] * th[j]
		m2 += w[i] * th[j] * th[j]
	}
	return mean, math.Sqrt(m2 - mean*mean)
}
