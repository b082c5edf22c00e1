package uq

import "sort"

// WeightedQuantiles returns, for each p of ps, the weighted p-quantile of
// xs under the weights w (which need not sum to 1): the least x, in
// increasing order of xs (ties in their order in xs), at which the
// cumulative weight reaches p of the total. It sorts once, O(n log n).
// It panics if xs is empty or the lengths differ.
func WeightedQuantiles(xs, w []float64, ps ...float64) []float64 {
	if len(xs) == 0 || len(xs) != len(w) {
		panic("uq: WeightedQuantiles of an empty sample or weights of another length")
	}
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	var total float64
	for _, v := range w {
		total += v
	}
	out := make([]float64, len(ps))
	for k, p := range ps {
		out[k] = xs[idx[len(idx)-1]]
		var cum float64
		for _, i := range idx {
			cum += w[i]
			if cum >= p*total {
				out[k] = xs[i]
				break
			}
		}
	}
	return out
}
