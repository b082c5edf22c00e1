package viz

// History is the daily series of a run so far, for the charts: as returned
// by sim.Model.DailySeries (one value per day, the current day last and
// partial).
type History struct {
	Dates []string
	Cols  map[string][]float64
}

// Recent returns the last n values of column name up to day today (0 is
// the first day), with the current day's value taken from the snapshot's
// Today (which is up to date when the history is not), and the index of
// the first day returned.
func (h *History) Recent(name string, today, n int, now map[string]float64) (vals []float64, first int) {
	first = max(0, today-n+1)
	for d := first; d <= today; d++ {
		v := 0.0
		if h != nil && d < len(h.Cols[name]) {
			v = h.Cols[name][d]
		}
		if d == today {
			if x, ok := now[name]; ok {
				v = x
			}
		}
		vals = append(vals, v)
	}
	return vals, first
}
