package uq

import "fmt"

// joeKuo holds the primitive polynomials and initial direction numbers of
// dimensions 2–40 of the Sobol sequence as published by S. Joe and F. Y.
// Kuo, "Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654, file
// new-joe-kuo-6.21201 (https://web.maths.unsw.edu.au/~fkuo/sobol/,
// BSD licence, © 2008 Frances Y. Kuo and Stephen Joe). Each row is
// s (degree of the polynomial), a (its inner coefficients as bits) and
// m_1 … m_s. Dimension 1 is the van der Corput sequence in base 2.
var joeKuo = []struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},
	{7, 50, []uint32{1, 3, 1, 3, 5, 53, 69}},
	{7, 55, []uint32{1, 1, 5, 5, 23, 33, 13}},
	{7, 56, []uint32{1, 1, 7, 7, 1, 61, 123}},
	{7, 59, []uint32{1, 1, 7, 9, 13, 61, 49}},
	{7, 62, []uint32{1, 3, 3, 5, 3, 55, 33}},
	{8, 14, []uint32{1, 3, 1, 15, 31, 13, 49, 245}},
	{8, 21, []uint32{1, 3, 5, 15, 31, 59, 63, 97}},
	{8, 22, []uint32{1, 3, 1, 11, 11, 11, 77, 249}},
}

// MaxSobolDims is the most dimensions Sobol supports.
const MaxSobolDims = 40

const sobolBits = 32

// Sobol is the Sobol low-discrepancy sequence in up to MaxSobolDims
// dimensions (Sobol' 1967; Bratley and Fox, ACM TOMS 14, 1988), with the
// direction numbers of Joe and Kuo (2008), unscrambled. Point i is the
// XOR of the direction numbers of the bits of the Gray code of i, so any
// point can be computed directly: the sequence has no state.
type Sobol struct {
	v [][sobolBits]uint32 // v[d][b]: direction number of bit b, scaled by 2^32
}

// NewSobol returns the sequence in dims dimensions.
func NewSobol(dims int) (*Sobol, error) {
	if dims < 1 || dims > MaxSobolDims {
		return nil, fmt.Errorf("a Sobol sequence of %d dimensions: expected 1 to %d", dims, MaxSobolDims)
	}
	s := &Sobol{v: make([][sobolBits]uint32, dims)}
	for b := 0; b < sobolBits; b++ {
		s.v[0][b] = 1 << (sobolBits - 1 - b)
	}
	for d := 1; d < dims; d++ {
		jk := joeKuo[d-1]
		deg := int(jk.s)
		v := &s.v[d]
		for b := 0; b < sobolBits; b++ {
			if b < deg {
				v[b] = jk.m[b] << (sobolBits - 1 - b)
				continue
			}
			x := v[b-deg] ^ (v[b-deg] >> deg)
			for k := 1; k < deg; k++ {
				if (jk.a>>(deg-1-k))&1 == 1 {
					x ^= v[b-k]
				}
			}
			v[b] = x
		}
	}
	return s, nil
}

// Point writes point i (i ≥ 0, i < 2^32) of the sequence into x, which
// must have an element for each of the sequence's dimensions. Point 0 is the origin.
func (s *Sobol) Point(i uint64, x []float64) {
	g := uint32(i ^ (i >> 1)) // Gray code
	for d := range s.v {
		var acc uint32
		for b, gg := 0, g; gg != 0; b, gg = b+1, gg>>1 {
			if gg&1 == 1 {
				acc ^= s.v[d][b]
			}
		}
		x[d] = float64(acc) / (1 << sobolBits)
	}
}
