package engine

import (
	"hash/fnv"
	"math/rand/v2"
)

// Streams derives independent random streams from a run's seed, one per
// named random process ("arrivals", "service", "detection", ...). A stream's
// seed is a hash of the run's seed and the stream's name, so that changing how
// often one process draws does not shift the draws of another; this is what
// makes common random numbers across scenarios work. Each stream is a PCG
// generator from math/rand/v2, seeded through SplitMix64 (as numpy's
// SeedSequence does, rather than consecutive raw PCG states).
type Streams struct {
	seed uint64
}

// NewStreams returns the stream family of a run's seed.
func NewStreams(seed uint64) Streams { return Streams{seed: seed} }

// Seed returns the run's seed.
func (s Streams) Seed() uint64 { return s.seed }

// New returns a fresh generator for the stream called name. Two calls with
// the same name return generators that produce the same sequence.
func (s Streams) New(name string) *rand.Rand {
	return rand.New(s.Source(name))
}

// Source returns the PCG source of the stream called name.
func (s Streams) Source(name string) *rand.PCG {
	h := fnv.New64a()
	h.Write([]byte(name))
	x := s.seed ^ h.Sum64()
	a := splitmix64(&x)
	b := splitmix64(&x)
	return rand.NewPCG(a, b)
}

// splitmix64 advances x and returns the next output of SplitMix64
// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014), a good mixer for turning related seeds into unrelated ones.
func splitmix64(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
