package viz

import "math"

// Layout is where the parts of the scene go in a W×H frame: the Calais
// detail view on the left, and a side column with the UK inset, the HUD
// and the charts.
type Layout struct {
	W, H   int
	Main   Rect // Calais–Coquelles detail
	Inset  Rect // Kent to London
	HUD    Rect // text
	Charts Rect // small charts of recent days
	Scale  float64
}

// NewLayout returns the layout of a w×h frame. Sizes are for 1280×800 and
// scale with the height (within 0.6–2), so labels stay legible on small
// frames and are not tiny on large ones.
func NewLayout(w, h int) Layout {
	k := math.Max(0.6, math.Min(2, float64(h)/800))
	side := math.Round(math.Min(float64(w)*0.4, 420*k))
	x := float64(w) - side
	insetH := math.Round(side * 0.56)
	hudH := math.Round(184 * k) // eight lines of figures
	l := Layout{W: w, H: h, Scale: k}
	l.Main = R(0, 0, x, float64(h))
	l.Inset = R(x, 0, float64(w), insetH)
	l.HUD = R(x, insetH, float64(w), insetH+hudH)
	l.Charts = R(x, insetH+hudH, float64(w), float64(h))
	return l
}
