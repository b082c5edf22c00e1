package uq

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat"
)

// GP is a Gaussian-process emulator of one output of a simulator over the
// unit cube: a constant mean, a squared-exponential covariance with one
// correlation length per input (automatic relevance determination), and a
// nugget for the simulator's own noise (a stochastic model gives different
// outputs at the same inputs). The hyperparameters maximise the log
// marginal likelihood (Rasmussen and Williams, "Gaussian Processes for
// Machine Learning", MIT Press 2006, §2.2 and §5.4), found by Nelder–Mead
// on their logarithms from gonum's optimize.
//
// The outputs are standardised before the fit; Predict and LOO answer in
// the outputs' own units.
type GP struct {
	X      [][]float64 // the design, in the unit cube
	Len    []float64   // correlation length of each input (unit-cube units)
	Signal float64     // variance of the emulated function
	Noise  float64     // variance of the simulator's noise (the nugget)

	mu, sd float64 // standardisation of the outputs
	z      []float64
	chol   mat.Cholesky
	alpha  *mat.VecDense // K⁻¹ z
}

// Bounds on the hyperparameters (standardised units), so that a flat
// likelihood cannot send them to degenerate values.
const (
	minLen, maxLen     = 0.02, 20.0
	minNoise, maxNoise = 1e-6, 10.0
	minSig, maxSig     = 1e-3, 100.0
)

// FitGP fits an emulator to the outputs y at the design points x (each in
// [0, 1]^k). It needs at least k + 2 points and outputs that vary.
func FitGP(x [][]float64, y []float64) (*GP, error) {
	n := len(x)
	if n != len(y) {
		return nil, fmt.Errorf("uq: %d design points, %d outputs", n, len(y))
	}
	if n < 3 {
		return nil, fmt.Errorf("uq: an emulator needs at least 3 design points, got %d", n)
	}
	k := len(x[0])
	if n < k+2 {
		return nil, fmt.Errorf("uq: an emulator of %d inputs needs at least %d design points, got %d", k, k+2, n)
	}
	for i, p := range x {
		if len(p) != k {
			return nil, fmt.Errorf("uq: design point %d has %d coordinates, want %d", i, len(p), k)
		}
		for _, v := range p {
			if math.IsNaN(v) || v < 0 || v > 1 {
				return nil, fmt.Errorf("uq: design point %d is outside the unit cube: %v", i, p)
			}
		}
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			return nil, fmt.Errorf("uq: output %d is %v", i, y[i])
		}
	}
	mu, sd := stat.MeanStdDev(y, nil)
	if !(sd > 0) {
		return nil, errors.New("uq: the outputs do not vary: nothing to emulate")
	}
	g := &GP{X: x, mu: mu, sd: sd, z: make([]float64, n)}
	for i, v := range y {
		g.z[i] = (v - mu) / sd
	}
	// Parameters: log lengths, log signal variance, log noise variance.
	p0 := make([]float64, k+2)
	for j := 0; j < k; j++ {
		p0[j] = math.Log(0.5)
	}
	p0[k], p0[k+1] = 0, math.Log(0.1)
	prob := optimize.Problem{Func: func(p []float64) float64 {
		v, ok := g.negLogLik(p)
		if !ok {
			return math.Inf(1)
		}
		return v
	}}
	res, err := optimize.Minimize(prob, p0, &optimize.Settings{MajorIterations: 400 * (k + 2)}, &optimize.NelderMead{})
	best := p0
	if err == nil || (res != nil && !math.IsInf(res.F, 1)) {
		best = res.X
	}
	if _, ok := g.negLogLik(best); !ok {
		return nil, errors.New("uq: no emulator fits: the covariance is singular at every setting tried")
	}
	g.set(best)
	if err := g.factor(); err != nil {
		return nil, err
	}
	return g, nil
}

// set stores the hyperparameters p (logs), clamped to their bounds.
func (g *GP) set(p []float64) {
	k := len(p) - 2
	g.Len = make([]float64, k)
	for j := range g.Len {
		g.Len[j] = clamp(math.Exp(p[j]), minLen, maxLen)
	}
	g.Signal = clamp(math.Exp(p[k]), minSig, maxSig)
	g.Noise = clamp(math.Exp(p[k+1]), minNoise, maxNoise)
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// outside reports how far the logs p lie outside their bounds (0 inside).
func outside(p []float64) float64 {
	k := len(p) - 2
	d := 0.0
	add := func(v, lo, hi float64) {
		if v < math.Log(lo) {
			d += math.Log(lo) - v
		}
		if v > math.Log(hi) {
			d += v - math.Log(hi)
		}
	}
	for j := 0; j < k; j++ {
		add(p[j], minLen, maxLen)
	}
	add(p[k], minSig, maxSig)
	add(p[k+1], minNoise, maxNoise)
	return d
}

// negLogLik is the negative log marginal likelihood of the standardised
// outputs at hyperparameters p (logs), with a penalty outside the bounds.
// It leaves g set to p: FitGP sets the best afterwards.
func (g *GP) negLogLik(p []float64) (float64, bool) {
	g.set(p)
	if err := g.factor(); err != nil {
		return 0, false
	}
	n := float64(len(g.z))
	fit := mat.Dot(mat.NewVecDense(len(g.z), g.z), g.alpha)
	return 0.5*fit + 0.5*g.chol.LogDet() + 0.5*n*math.Log(2*math.Pi) + 100*outside(p), true
}

// factor builds and factorises the covariance of the design.
func (g *GP) factor() error {
	n := len(g.X)
	k := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := g.cov(g.X[i], g.X[j])
			if i == j {
				v += g.Noise
			}
			k.SetSym(i, j, v)
		}
	}
	if ok := g.chol.Factorize(k); !ok {
		return errors.New("uq: the emulator's covariance is not positive definite")
	}
	g.alpha = mat.NewVecDense(n, nil)
	return g.chol.SolveVecTo(g.alpha, mat.NewVecDense(n, g.z))
}

// cov is the squared-exponential covariance of the emulated function.
func (g *GP) cov(a, b []float64) float64 {
	s := 0.0
	for j, l := range g.Len {
		d := (a[j] - b[j]) / l
		s += d * d
	}
	return g.Signal * math.Exp(-0.5*s)
}

// Predict returns the emulator's mean of the simulator's output at x and
// the variance of that mean (the emulator's own uncertainty, without the
// simulator's noise: NoiseVar gives that).
func (g *GP) Predict(x []float64) (mean, variance float64) {
	n := len(g.X)
	ks := mat.NewVecDense(n, nil)
	for i := range g.X {
		ks.SetVec(i, g.cov(x, g.X[i]))
	}
	m := mat.Dot(ks, g.alpha)
	v := mat.NewVecDense(n, nil)
	if err := g.chol.SolveVecTo(v, ks); err != nil {
		return math.NaN(), math.NaN()
	}
	variance = math.Max(0, g.Signal-mat.Dot(ks, v))
	return g.mu + g.sd*m, g.sd * g.sd * variance
}

// NoiseVar is the simulator's noise variance the emulator estimates (the
// nugget, in the outputs' units): the spread of runs at the same inputs.
func (g *GP) NoiseVar() float64 { return g.sd * g.sd * g.Noise }

// LOO are leave-one-out diagnostics of an emulator (Bastos and O'Hagan,
// "Diagnostics for Gaussian process emulators", Technometrics 51(4), 2009):
// each design point predicted from the others, in closed form.
type LOO struct {
	Mean, SD []float64 // the prediction of each point (with the noise)
	Std      []float64 // standardised errors (y − mean)/sd
	// Within2 is the share of |Std| ≤ 2: about 0.95 for a good emulator;
	// much lower means it is over-confident.
	Within2 float64
	// RMSE is the root mean squared error, in the outputs' units.
	RMSE float64
}

// LeaveOneOut computes the emulator's leave-one-out diagnostics against
// the outputs y it was fitted to: with Q = K⁻¹, the prediction of point i
// from the others has mean y_i − (Qy)_i/Q_ii and variance 1/Q_ii
// (Rasmussen and Williams 2006, §5.4.2).
func (g *GP) LeaveOneOut(y []float64) (LOO, error) {
	n := len(g.X)
	if len(y) != n {
		return LOO{}, fmt.Errorf("uq: %d outputs for %d design points", len(y), n)
	}
	var q mat.SymDense
	if err := g.chol.InverseTo(&q); err != nil {
		return LOO{}, err
	}
	r := LOO{Mean: make([]float64, n), SD: make([]float64, n), Std: make([]float64, n)}
	within, sq := 0, 0.0
	for i := 0; i < n; i++ {
		qii := q.At(i, i)
		zi := g.z[i] - g.alpha.AtVec(i)/qii
		sdi := math.Sqrt(1 / qii)
		r.Mean[i] = g.mu + g.sd*zi
		r.SD[i] = g.sd * sdi
		r.Std[i] = (y[i] - r.Mean[i]) / r.SD[i]
		if math.Abs(r.Std[i]) <= 2 {
			within++
		}
		sq += (y[i] - r.Mean[i]) * (y[i] - r.Mean[i])
	}
	r.Within2 = float64(within) / float64(n)
	r.RMSE = math.Sqrt(sq / float64(n))
	return r, nil
}
