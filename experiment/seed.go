package experiment

import (
	"fmt"
	"strconv"
	"strings"
)

// RunSeed derives the seed of one run from the sweep's master seed, the
// run's point and its replication. Seeds are derived by hashing (SplitMix64
// finalisers over the tuple), not by counting up from the master seed, so
// that runs of nearby points or replications do not start from nearby
// generator states (go-ecosystem.md §2.4), and so that a run's seed does
// not depend on the run order, the number of workers or the shard.
//
// With common (a sweep's common_seeds = true) the point is left out: every
// point's replication r uses the same seed, so that differences between
// points are paired (common random numbers).
func RunSeed(master uint64, point, rep int, common bool) uint64 {
	h := mix(master ^ 0x636861_6e6e656c) // "channel"
	if !common {
		h = mix(h ^ uint64(point)*0x9e3779b97f4a7c15)
	}
	h = mix(h ^ (uint64(rep)+1)*0xbf58476d1ce4e5b9)
	return h >> 1 // keep seeds in int64 range for tools that read runs.csv
}

// mix is the SplitMix64 output function (Steele, Lea and Flood, "Fast
// splittable pseudorandom number generators", OOPSLA 2014).
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// FormatSeed writes a run's seed as runs.csv does: "0x" and 16
// hexadecimal digits, text that spreadsheets, R and pandas keep whole (a
// seed up to 2⁶³ read as a number loses its last digits beyond 2⁵³);
// channelsim run --seed takes it as written.
func FormatSeed(seed uint64) string { return fmt.Sprintf("0x%016x", seed) }

// ParseSeed reads a seed as FormatSeed writes it, or in decimal (the
// runs.csv of earlier versions).
func ParseSeed(s string) (uint64, error) {
	if strings.HasPrefix(s, "0x") {
		return strconv.ParseUint(s[2:], 16, 64)
	}
	return strconv.ParseUint(s, 10, 64)
}
