package uq

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// APMC is approximate Bayesian computation by adaptive population Monte
// Carlo (Lenormand, Jabot and Deffuant, "Adaptive approximate Bayesian
// computation for complex models", Computational Statistics 28, 2013),
// which builds on the population Monte Carlo ABC of Beaumont et al.
// (Biometrika 96(4), 2009). The prior is uniform on the unit cube (each
// parameter uniform over its plausible range). Each generation keeps the
// αN particles closest to the targets, proposes N − αN new ones from them
// with a Gaussian kernel whose variance is twice the particles' weighted
// variance (Beaumont et al. 2009), truncated to the cube, and lowers the
// tolerance to the α-quantile of the distances. It stops when the share
// of new particles that beat the previous tolerance falls below PAccMin.
//
// The steps are separate (Initial, Propose, Update) so that the caller
// runs each generation's simulations as a batch, on the sweep engine.
// The kernel is diagonal, so the truncation's mass is exact. The
// generations steer by each particle's own generation's weights;
// MixtureWeights gives the final sample weights of less variance.
type APMC struct {
	K       int     // parameters
	N       int     // particles per generation
	Alpha   float64 // share kept each generation (0.5 in Lenormand et al.)
	PAccMin float64 // stopping rule (0.05 in Lenormand et al.)
	// Support, if set, is the prior's support inside the cube (the prior
	// is uniform on it): history matching's space not ruled out. Initial
	// and Propose draw again for a point outside it, so a kernel's
	// proposals are spread over its mass inside the support, which
	// Update estimates by drawing from each kernel (supportDraws points).
	Support func(x []float64) bool
	// SupportVolume is the share of the cube the support covers (history
	// matching's Volume; with a Support, required). Weights are π/q with
	// π uniform on the cube: the first generation, drawn from the prior
	// on the support, weighs SupportVolume, on the scale of the later
	// generations' 1/q.
	SupportVolume float64
}

// supportDraws is how many points Update draws from each kernel to
// estimate the share of its mass inside the support.
const supportDraws = 200

// maxRedraws bounds the redraws of a point outside the support; past it
// the point is its parent (or, initially, the last point drawn).
const maxRedraws = 1000

// Population is the particles kept after a generation, with their
// importance weights π(θ)/q(θ) (unnormalised: Normalized gives them
// summing to 1) and distances, and the tolerance Eps (the
// largest distance kept).
type Population struct {
	Theta  [][]float64
	Weight []float64
	Dist   []float64
	Eps    float64
	// PAcc is the share of the generation's new particles that were
	// within the previous tolerance (1 for the first generation).
	PAcc float64

	// drawn is every generation's proposal so far, for MixtureWeights.
	drawn []proposal
}

// proposal is the density one generation's particles were drawn from:
// the prior (generation 0: no centres) or a mixture of kernels.
type proposal struct {
	n      int // particles drawn from it
	centre [][]float64
	weight []float64 // normalised
	sd     []float64
	mass   []float64 // kernelMass
}

// Check reports a bad setting.
func (a APMC) Check() error {
	switch {
	case a.K < 1:
		return fmt.Errorf("calibration needs at least one parameter")
	case a.N < 4:
		return fmt.Errorf("calibration needs at least 4 particles, got %d", a.N)
	case a.Alpha <= 0 || a.Alpha >= 1:
		return fmt.Errorf("alpha: expected a share strictly between 0 and 1, got %g", a.Alpha)
	case a.PAccMin <= 0 || a.PAccMin >= 1:
		return fmt.Errorf("the stopping share: expected strictly between 0 and 1, got %g", a.PAccMin)
	case a.keep() < 2 || a.keep() >= a.N:
		return fmt.Errorf("alpha %g of %d particles keeps %d: expected from 2 to %d", a.Alpha, a.N, a.keep(), a.N-1)
	case a.Support != nil && !(a.SupportVolume > 0 && a.SupportVolume <= 1):
		return fmt.Errorf("the support's volume: expected a share of the cube in (0, 1], got %g", a.SupportVolume)
	}
	return nil
}

func (a APMC) keep() int { return int(math.Floor(a.Alpha * float64(a.N))) }

// Initial returns the first generation's N particles: points 1…N of the
// Sobol sequence when K fits it (even cover of the prior), otherwise
// uniform draws.
func (a APMC) Initial(rng *rand.Rand) [][]float64 {
	out := make([][]float64, a.N)
	if seq, err := NewSobol(a.K); err == nil {
		next := uint64(1)
		for i := range out {
			out[i] = make([]float64, a.K)
			for tries := 0; ; tries++ {
				seq.Point(next, out[i])
				next++
				if a.Support == nil || a.Support(out[i]) || tries >= maxRedraws {
					break
				}
			}
		}
		return out
	}
	for i := range out {
		out[i] = make([]float64, a.K)
		for d := range out[i] {
			out[i][d] = rng.Float64()
		}
	}
	return out
}

// First makes the first population from the initial particles and their
// distances: the αN closest, equally weighted (π/q: the support's volume).
func (a APMC) First(theta [][]float64, dist []float64) Population {
	w0 := 1.0
	if a.Support != nil {
		w0 = a.SupportVolume
	}
	w := make([]float64, len(theta))
	for i := range w {
		w[i] = w0
	}
	p := a.select_(theta, w, dist)
	p.PAcc = 1
	p.drawn = []proposal{{n: len(theta)}}
	return p
}

// select_ keeps the αN particles of smallest distance (ties by index).
func (a APMC) select_(theta [][]float64, w, dist []float64) Population {
	idx := make([]int, len(theta))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return less(dist[idx[i]], dist[idx[j]]) })
	n := a.keep()
	p := Population{}
	for _, i := range idx[:n] {
		p.Theta = append(p.Theta, theta[i])
		p.Weight = append(p.Weight, w[i])
		p.Dist = append(p.Dist, dist[i])
	}
	p.Eps = p.Dist[n-1]
	return p
}

// less orders distances with NaN last.
func less(a, b float64) bool {
	if math.IsNaN(b) {
		return !math.IsNaN(a)
	}
	return a < b
}

// scales returns the kernel's standard deviation in each dimension:
// the square root of twice the weighted variance (floored so that a
// collapsed dimension still moves).
func (a APMC) scales(p Population) []float64 {
	sd := make([]float64, a.K)
	w := p.Normalized()
	for d := 0; d < a.K; d++ {
		// The weighted variance Σ w (θ − m)² with Σ w = 1 (gonum's
		// stat.Variance reads weights as frequencies and divides by
		// Σ w − 1).
		var m, v float64
		for i, th := range p.Theta {
			m += w[i] * th[d]
		}
		for i, th := range p.Theta {
			v += w[i] * (th[d] - m) * (th[d] - m)
		}
		if math.IsNaN(v) || v < 1e-8 {
			v = 1e-8
		}
		sd[d] = math.Sqrt(2 * v)
	}
	return sd
}

// Propose returns the generation's N − αN new particles: each from a
// particle of p chosen by weight, moved by the truncated Gaussian kernel.
func (a APMC) Propose(p Population, rng *rand.Rand) [][]float64 {
	sd := a.scales(p)
	cum := make([]float64, len(p.Weight))
	var c float64
	for i, w := range p.Normalized() {
		c += w
		cum[i] = c
	}
	out := make([][]float64, a.N-a.keep())
	for n := range out {
		u := rng.Float64() * c
		j := sort.SearchFloat64s(cum, u)
		if j >= len(cum) {
			j = len(cum) - 1
		}
		th := make([]float64, a.K)
		for tries := 0; ; tries++ {
			kernelDraw(th, p.Theta[j], sd, rng)
			if a.Support == nil || a.Support(th) {
				break
			}
			if tries >= maxRedraws {
				copy(th, p.Theta[j])
				break
			}
		}
		out[n] = th
	}
	return out
}

// kernelDraw sets th to a draw from the Gaussian kernel of standard
// deviations sd around centre, truncated to the cube (by inversion: exact,
// and it never loops).
func kernelDraw(th, centre, sd []float64, rng *rand.Rand) {
	for d := range th {
		nd := distuv.Normal{Mu: centre[d], Sigma: sd[d]}
		lo, hi := nd.CDF(0), nd.CDF(1)
		q := lo + rng.Float64()*(hi-lo)
		x := nd.Quantile(q)
		if math.IsNaN(x) {
			x = centre[d]
		}
		th[d] = math.Min(1, math.Max(0, x))
	}
}

// kernelMass returns the mass of each particle's kernel that its
// proposals spread over: inside the cube (exact, the kernel being
// diagonal), times, with a support, the share of supportDraws draws from
// the truncated kernel that fall inside it (at least half a draw's, so
// that a kernel never counts as massless).
func (a APMC) kernelMass(p Population, sd []float64, rng *rand.Rand) []float64 {
	mass := make([]float64, len(p.Theta))
	x := make([]float64, a.K)
	for j, th := range p.Theta {
		m := 1.0
		for d := range th {
			nd := distuv.Normal{Mu: th[d], Sigma: sd[d]}
			m *= nd.CDF(1) - nd.CDF(0)
		}
		if a.Support != nil {
			in := 0
			for range supportDraws {
				kernelDraw(x, th, sd, rng)
				if a.Support(x) {
					in++
				}
			}
			m *= math.Max(float64(in), 0.5) / supportDraws
		}
		mass[j] = m
	}
	return mass
}

// Update makes the next population from p, the proposals theta (from
// Propose(p)) and their distances. New particles are weighted by the
// prior over the mixture of kernels they were drawn from,
//
//	w = π(θ) / Σ_j w_j K_j(θ) / M_j,
//
// K_j the kernel around particle j and M_j its mass inside the cube and
// the support (kernelMass; rng draws its estimate when there is a
// support); kept particles keep theirs.
func (a APMC) Update(p Population, theta [][]float64, dist []float64, rng *rand.Rand) Population {
	sd := a.scales(p)
	mass := a.kernelMass(p, sd, rng)
	q := proposal{n: len(theta), centre: p.Theta, weight: p.Normalized(), sd: sd, mass: mass}
	w := make([]float64, len(theta))
	accepted := 0
	for n, th := range theta {
		if den := q.density(th); den > 0 {
			w[n] = 1 / den
		}
		if dist[n] <= p.Eps {
			accepted++
		}
	}
	// Kept and new weights are both π/q, on one scale (Lenormand et al.
	// 2013, algorithm 2).
	allT := append(append([][]float64(nil), p.Theta...), theta...)
	allW := append(append([]float64(nil), p.Weight...), w...)
	allD := append(append([]float64(nil), p.Dist...), dist...)
	next := a.select_(allT, allW, allD)
	next.PAcc = float64(accepted) / float64(len(theta))
	next.drawn = append(append([]proposal(nil), p.drawn...), q)
	return next
}

// density is the proposal's density at th, relative to the cube's
// measure, for th inside the support (kernelMass spreads each kernel
// over its mass there).
func (q proposal) density(th []float64) float64 {
	var den float64
	for j, c := range q.centre {
		logk := 0.0
		for d := range th {
			logk += distuv.Normal{Mu: c[d], Sigma: q.sd[d]}.LogProb(th[d])
		}
		den += q.weight[j] * math.Exp(logk) / q.mass[j]
	}
	return den
}

// MixtureWeights returns weights for p's particles that treat every
// particle simulated so far as a draw from the mixture of all the
// generations' proposals, each in proportion to the particles drawn from
// it: w = π(θ) / Σ_g (n_g / n) q_g(θ), the deterministic-mixture or
// balance-heuristic weights (Veach and Guibas 1995; Owen and Zhou,
// JASA 95, 2000; as recycled in AMIS, Cornuet et al., Scand. J. Stat.
// 39, 2012). Like Update's (each particle's own generation's q), they
// make the particles within the tolerance a sample of the ABC
// posterior; a particle the later, narrower kernels overlap little is
// not weighted by its own generation's kernels alone, so the weights vary
// less and the sample is worth more. p's particles are all the simulated
// ones within p.Eps: APMC keeps the αN closest of every generation.
func (a APMC) MixtureWeights(p Population) []float64 {
	prior := 1.0 // the first generation's density, relative to the cube
	if a.Support != nil {
		prior = 1 / a.SupportVolume
	}
	total := 0
	for _, q := range p.drawn {
		total += q.n
	}
	w := make([]float64, len(p.Theta))
	for i, th := range p.Theta {
		var den float64
		for _, q := range p.drawn {
			f := prior
			if q.centre != nil {
				f = q.density(th)
			}
			den += float64(q.n) / float64(total) * f
		}
		if den > 0 {
			w[i] = 1 / den
		}
	}
	return w
}

// Normalized returns the weights divided by their sum.
func (p Population) Normalized() []float64 {
	var s float64
	for _, w := range p.Weight {
		s += w
	}
	out := make([]float64, len(p.Weight))
	for i, w := range p.Weight {
		out[i] = w / s
	}
	return out
}

// Done reports whether the population meets the stopping rule.
func (a APMC) Done(p Population) bool { return p.PAcc < a.PAccMin }

// ESS is the population's effective sample size, (Σw)²/Σw² (Kish): the
// number of equally weighted particles its weights are worth.
func (p Population) ESS() float64 {
	var s, s2 float64
	for _, w := range p.Weight {
		s += w
		s2 += w * w
	}
	if s2 == 0 {
		return 0
	}
	return s * s / s2
}
