package engine

import (
	"math"
	"math/rand/v2"
)

// Poisson draws a Poisson variate with mean mu: Knuth's multiplication
// method for small means (Knuth, TAOCP vol. 2, §3.4.1), and a rounded
// normal approximation above 50, where its error is well under the
// variate's own spread.
func Poisson(r *rand.Rand, mu float64) int {
	if mu <= 0 {
		return 0
	}
	if mu > 50 {
		return max(0, int(math.Round(mu+math.Sqrt(mu)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-mu), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
