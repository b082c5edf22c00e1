package viz

import "math"

// Layout is where the parts of the scene go in a W×H frame: the Calais
// detail view on the left, with the coast inset in its bottom-right corner
// (and, for runs with the small boats, the Strait inset in its top-left
// corner), and a side column with the UK inset, the HUD and the charts.
type Layout struct {
	W, H  int
	Main  Rect // Calais–Coquelles detail
	Inset Rect // Kent to London
	// Coast is Boulogne–Calais–Dunkirk and the A26, for the rest areas
	// further out than the Calais view. It covers the bottom-right corner
	// of Main: the south-east of the Calais box is farmland where nothing
	// of the model happens, and the corner points the way to the A26.
	Coast Rect
	// Strait is the Dover Strait from Dunkirk to the Baie de Somme, for
	// the small boats: empty in runs without them. It covers the top-left
	// corner of Main, the sea north-west of Calais, where nothing but the
	// ferries' route is, and the Strait view draws the ferries there.
	Strait Rect
	HUD    Rect // text
	Charts Rect // small charts of recent days
	Scale  float64
}

// NewLayout returns the layout of a w×h frame of a run without the small
// boats. Sizes are for 1280×800 and scale with the height (within 0.6–2),
// so labels stay legible on small frames and are not tiny on large ones.
func NewLayout(w, h int) Layout { return NewLayoutFor(w, h, false) }

// The HUD's height at 1280×800: eight lines of figures without the small
// boats; with them, the boats' levers and a block for each way across
// (boatSections).
const (
	hudH      = 184
	hudBoatsH = 270
)

// NewLayoutFor returns the layout of a w×h frame; with boats, the Strait
// inset and the HUD's lines for the boats. Without boats it is NewLayout's,
// exactly.
func NewLayoutFor(w, h int, boats bool) Layout {
	k := math.Max(0.6, math.Min(2, float64(h)/800))
	side := math.Round(math.Min(float64(w)*0.4, 420*k))
	x := float64(w) - side
	insetH := math.Round(side * 0.56)
	hudPx := math.Round(hudH * k)
	if boats {
		hudPx = math.Round(hudBoatsH * k)
	}
	l := Layout{W: w, H: h, Scale: k}
	l.Main = R(0, 0, x, float64(h))
	l.Inset = R(x, 0, float64(w), insetH)
	l.HUD = R(x, insetH, float64(w), insetH+hudPx)
	l.Charts = R(x, insetH+hudPx, float64(w), float64(h))
	// The coast box is about 63 × 42 km: a third of the Calais view's
	// width, at most 300 pixels at 1280×800 and at most half its height.
	cw := math.Round(math.Min(x*0.34, 300*k))
	ch := math.Round(math.Min(cw*0.68, float64(h)/2))
	l.Coast = R(x-cw, float64(h)-ch, x, float64(h))
	if boats {
		// The Strait box is about 115 × 125 km: two fifths of the
		// Calais view's width, at most 360 pixels at 1280×800, and less
		// than half its height, clear of the coast inset below.
		sw := math.Round(math.Min(x*0.42, 360*k))
		sh := math.Round(math.Min(sw, float64(h)*0.45))
		l.Strait = R(0, 0, sw, sh)
	}
	return l
}
