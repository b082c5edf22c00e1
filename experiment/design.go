package experiment

import (
	"math/rand/v2"
	"reflect"
)

// points returns the design's points: for each point, a value for each
// parameter (in Set's form), in the design's order.
func (s *Sweep) points() [][]any {
	switch s.Design {
	case "latin-hypercube":
		rng := rand.New(rand.NewPCG(mix(s.Seed^0x6c6873), mix(s.Seed^0x6c687332)))
		u := LatinHypercube(s.Samples, len(s.Params), rng)
		pts := make([][]any, len(u))
		for i, row := range u {
			pts[i] = make([]any, len(s.Params))
			for d, p := range s.Params {
				pts[i][d] = p.at(row[d])
			}
		}
		return pts
	case "one-at-a-time":
		base := make([]any, len(s.Params))
		for d, p := range s.Params {
			base[d] = p.Base
		}
		pts := [][]any{base}
		for d, p := range s.Params {
			for _, v := range p.Values {
				if reflect.DeepEqual(v, p.Base) {
					continue // that is the base point
				}
				pt := append([]any(nil), base...)
				pt[d] = v
				pts = append(pts, pt)
			}
		}
		return pts
	}
	// Factorial: every combination, the first parameter varying slowest.
	pts := [][]any{{}}
	for _, p := range s.Params {
		var next [][]any
		for _, pt := range pts {
			for _, v := range p.Values {
				next = append(next, append(append([]any(nil), pt...), v))
			}
		}
		pts = next
	}
	return pts
}

// at maps u in [0, 1) to the parameter: a point of its range, or one of
// its listed values (the values split [0, 1) into equal parts).
func (p Parameter) at(u float64) any {
	if p.IsRange {
		return p.value(p.From + u*(p.To-p.From))
	}
	i := int(u * float64(len(p.Values)))
	return p.Values[min(i, len(p.Values)-1)]
}

// LatinHypercube returns n points in the unit cube [0, 1)^dims such that,
// in every dimension, each of the n strata [k/n, (k+1)/n) holds exactly
// one point (McKay, Beckman and Conover, Technometrics 21(2), 1979): each
// dimension is an independent random permutation of the strata, with the
// point placed uniformly within its stratum.
func LatinHypercube(n, dims int, rng *rand.Rand) [][]float64 {
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, dims)
	}
	for d := 0; d < dims; d++ {
		perm := rng.Perm(n)
		for i := range pts {
			pts[i][d] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return pts
}

// interleave returns an order of 0…n-1 in which every prefix is spread
// over the whole range: the van der Corput (bit-reversal) sequence with
// the values ≥ n left out. Early runs of a sweep in this order cover the
// parameter space coarsely, then fill it in.
func interleave(n int) []int {
	bits := 0
	for 1<<bits < n {
		bits++
	}
	out := make([]int, 0, n)
	for k := 0; k < 1<<bits; k++ {
		r := 0
		for b := 0; b < bits; b++ {
			if k&(1<<b) != 0 {
				r |= 1 << (bits - 1 - b)
			}
		}
		if r < n {
			out = append(out, r)
		}
	}
	return out
}
