package uq

import (
	"fmt"
	"testing"
)

// ExampleWeightedQuantiles: the quartile, median and maximum of three
// draws, the middle one carrying half the weight.
func ExampleWeightedQuantiles() {
	q := WeightedQuantiles([]float64{3, 1, 2}, []float64{1, 1, 2}, 0.25, 0.5, 1)
	fmt.Println(q)
	// Output: [1 2 3]
}

// TestWeightedQuantilesTies: equal values keep their order, and a zero
// weight never moves a quantile.
func TestWeightedQuantilesTies(t *testing.T) {
	for i, c := range []struct {
		xs, w []float64
		p     float64
		want  float64
	}{
		{[]float64{5, 5, 1}, []float64{1, 1, 1}, 0.5, 5},
		{[]float64{1, 2, 3, 4}, []float64{0, 0, 1, 0}, 0.1, 3},
		{[]float64{4, 3, 2, 1}, []float64{1, 1, 1, 1}, 0.975, 4},
		{[]float64{7}, []float64{2}, 0.025, 7},
	} {
		if got := WeightedQuantiles(c.xs, c.w, c.p)[0]; got != c.want {
			t.Errorf("case %d: %v, want %v", i, got, c.want)
		}
	}
}
