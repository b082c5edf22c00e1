package viz

import "math"

// Layout is where the parts of the scene go in a W×H frame: the Calais
// detail view on the left, with the coast inset in its bottom-right corner,
// and a side column with the UK inset, the HUD and the charts.
type Layout struct {
	W, H  int
	Main  Rect // Calais–Coquelles detail
	Inset Rect // Kent to London
	// Coast is Boulogne–Calais–Dunkirk and the A26, for the rest areas
	// further out than the Calais view. It covers the bottom-right corner
	// of Main: the south-east of the Calais box is farmland where nothing
	// of the model happens, and the corner points the way to the A26.
	Coast  Rect
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
	// The coast box is about 63 × 42 km: a third of the Calais view's
	// width, at most 300 pixels at 1280×800 and at most half its height.
	cw := math.Round(math.Min(x*0.34, 300*k))
	ch := math.Round(math.Min(cw*0.68, float64(h)/2))
	l.Coast = R(x-cw, float64(h)-ch, x, float64(h))
	return l
}
