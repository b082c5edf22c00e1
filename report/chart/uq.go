package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Point is a labelled point with an interval on x (a Morris μ* and its
// bootstrap interval against σ).
type Point struct {
	Label       string
	X, XLo, XHi float64
	Y           float64
	Labelled    bool // write the label beside the point
}

type xErr []Point

func (e xErr) Len() int                        { return len(e) }
func (e xErr) XY(i int) (float64, float64)     { return e[i].X, e[i].Y }
func (e xErr) XError(i int) (float64, float64) { return e[i].X - e[i].XLo, e[i].XHi - e[i].X }

// Scatter draws points with their x intervals as error bars and the
// labels of the points marked Labelled beside them (the μ*–σ chart of
// Morris screening).
func Scatter(title, note, xlabel, ylabel string, pts []Point) (*Figure, error) {
	p := newPlot(title, note, xlabel, ylabel, true)
	if err := addXErrorPoints(p, pts); err != nil {
		return nil, err
	}
	labels := plotter.XYLabels{}
	for _, q := range pts {
		if q.Labelled {
			labels.XYs = append(labels.XYs, plotter.XY{X: q.X, Y: q.Y})
			labels.Labels = append(labels.Labels, q.Label)
		}
	}
	if len(labels.XYs) > 0 {
		lb, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].Font.Size = vg.Points(8)
		}
		lb.Offset = vg.Point{X: vg.Points(4), Y: vg.Points(2)}
		p.Add(lb)
	}
	top := 0.0
	for _, q := range pts {
		top = math.Max(top, math.Max(q.XHi, q.X))
	}
	p.X.Min = 0
	p.X.Max = top * 1.35 // room for the labels
	p.Y.Min = 0
	return single("scatter", "linear", p), nil
}

// Indices draws, for each name, the first-order (S1) and total-order
// (ST) Sobol index side by side, each a point with its interval. The
// axis shows −0.25 … 1.25 at most: an interval beyond is cut at the edge.
func Indices(title, note string, names []string, first, total []Bar) (*Figure, error) {
	p := newPlot(title, note, "", "Share of the output's variance", false)
	if err := pairedPoints(p, [][]Bar{first, total}, []string{"first order S1", "total order ST"},
		0.15, 8, 4, []draw.GlyphDrawer{draw.BoxGlyph{}, draw.CircleGlyph{}}); err != nil {
		return nil, err
	}
	p.Legend.Top = true
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.X.Tick.Label.Rotation = -0.5
	p.X.Tick.Label.XAlign = draw.XLeft
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Min = math.Max(-0.25, math.Min(0, minLo(first, total)))
	p.Y.Max = math.Min(1.25, math.Max(1, maxHi(first, total)))
	return single("indices", "linear", p), nil
}

func minLo(sets ...[]Bar) float64 {
	m := 0.0
	for _, s := range sets {
		for _, b := range s {
			if !math.IsNaN(b.Lo) {
				m = math.Min(m, b.Lo)
			}
		}
	}
	return m
}

func maxHi(sets ...[]Bar) float64 {
	m := 0.0
	for _, s := range sets {
		for _, b := range s {
			if !math.IsNaN(b.Hi) {
				m = math.Max(m, b.Hi)
			}
		}
	}
	return m
}

// Pairs renders a matrix of a weighted sample: weighted histograms of
// each variable on the diagonal, scatter plots of each pair below it
// (a corner plot), under a title and a note, as "png" or "svg".
// Variables are columns of xs.
func Pairs(title, note string, names []string, xs [][]float64, weights []float64, format string) ([]byte, error) {
	k := len(names)
	if k == 0 || len(xs) == 0 {
		return nil, fmt.Errorf("chart: no sample to draw")
	}
	plots := make([][]*plot.Plot, k)
	for r := 0; r < k; r++ {
		plots[r] = make([]*plot.Plot, k)
		for c := 0; c <= r; c++ {
			p := plot.New()
			p.X.Tick.Label.Font.Size = vg.Points(7)
			p.Y.Tick.Label.Font.Size = vg.Points(7)
			if r == k-1 {
				p.X.Label.Text = wrapKey(names[c], 24)
				p.X.Label.TextStyle.Font.Size = vg.Points(8)
			}
			if c == 0 && r > 0 {
				p.Y.Label.Text = wrapKey(names[r], 24)
				p.Y.Label.TextStyle.Font.Size = vg.Points(8)
			}
			if r == c {
				vals := make(plotter.Values, len(xs))
				for i := range xs {
					vals[i] = xs[i][c]
				}
				h, err := plotter.NewHistogram(weighted{vals, weights}, 12)
				if err != nil {
					return nil, err
				}
				h.FillColor = Color(0)
				h.LineStyle.Width = 0
				p.Add(h)
			} else {
				xy := make(plotter.XYs, len(xs))
				for i := range xs {
					xy[i] = plotter.XY{X: xs[i][c], Y: xs[i][r]}
				}
				s, err := plotter.NewScatter(xy)
				if err != nil {
					return nil, err
				}
				s.GlyphStyle.Radius = vg.Points(1.5)
				s.GlyphStyle.Color = Color(1)
				s.GlyphStyle.Shape = draw.CircleGlyph{}
				p.Add(s)
			}
			plots[r][c] = p
		}
	}
	size := vg.Length(1.6*float64(k)+0.6) * vg.Inch
	cv, err := newCanvas(size, size, format)
	if err != nil {
		return nil, fmt.Errorf("chart: format %q: expected png or svg", format)
	}
	c := draw.New(cv)
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, Margin, -Margin, Margin, -Margin)
	// The title and note top right, in the empty upper triangle.
	y := c.Max.Y
	for i, l := range append([]string{title}, strings.Split(wrapLabel(note, 45), "\n")...) {
		s := titleStyle()
		if i > 0 {
			s = noteStyle()
		}
		s.XAlign, s.YAlign = draw.XRight, draw.YTop
		c.FillText(s, vg.Point{X: c.Max.X, Y: y}, l)
		y -= s.Height(l) + vg.Points(2)
	}
	tiles := draw.Tiles{Rows: k, Cols: k, PadX: vg.Millimeter, PadY: vg.Millimeter, PadTop: vg.Points(6), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(6)}
	canvases := plot.Align(plots, tiles, c)
	for r := range plots {
		for cc := range plots[r] {
			if plots[r][cc] != nil {
				plots[r][cc].Draw(canvases[r][cc])
			}
		}
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// wrapKey breaks a dotted key longer than width characters after its
// last dot ("migrants.\ntries_per_lorry_night").
func wrapKey(key string, width int) string {
	if utf8.RuneCountInString(key) <= width {
		return key
	}
	if i := strings.LastIndex(key, "."); i > 0 {
		return key[:i+1] + "\n" + key[i+1:]
	}
	return key
}

// weighted is a sample with weights, for weighted histograms.
type weighted struct {
	v plotter.Values
	w []float64
}

func (s weighted) Len() int { return len(s.v) }

// XY is the value and its weight: gonum's histogram sums the Y of the
// points in each bin.
func (s weighted) XY(i int) (float64, float64) { return s.v[i], s.w[i] }

// Intervals draws, for each label, two intervals side by side around a
// mean: the first from noise alone, the second from noise and parameter
// uncertainty.
func Intervals(title, note, ylabel string, labels []string, noise, both []Bar) (*Figure, error) {
	p := newPlot(title, note, "", ylabel, false)
	if err := pairedPoints(p, [][]Bar{noise, both}, []string{"noise alone (95 % CI, nominal parameters)", "noise + parameter uncertainty (central 95 % of draws)"},
		0.12, 10, 3.5, []draw.GlyphDrawer{draw.CircleGlyph{}, draw.CircleGlyph{}}); err != nil {
		return nil, err
	}
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.Color = color.Gray{120}
	zero.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(zero)
	p.Legend.Top = true
	p.NominalX(labels...)
	p.X.Min, p.X.Max = -0.6, float64(len(labels))-0.4
	lo, hi := minLo(noise, both), maxHi(noise, both)
	span := hi - lo
	if span == 0 {
		span = 1
	}
	p.Y.Min, p.Y.Max = lo-0.05*span, hi+0.35*span
	return single("intervals", "linear", p), nil
}

// pairedPoints draws sets of points with intervals side by side at each
// nominal x, set k shifted by (2k − 1)·shift, in colour k with glyph k, and
// names each in the legend.
func pairedPoints(p *plot.Plot, sets [][]Bar, names []string, shift, capPt, radiusPt float64, glyphs []draw.GlyphDrawer) error {
	for k, set := range sets {
		pts := make(errPoints, len(set))
		copy(pts, set)
		dx := float64(2*k-1) * shift
		xy := make(plotter.XYs, len(set))
		for i, b := range set {
			xy[i] = plotter.XY{X: float64(i) + dx, Y: b.Mean}
		}
		eb, err := plotter.NewYErrorBars(pts)
		if err != nil {
			return err
		}
		for i := range eb.XYs {
			eb.XYs[i].X += dx
		}
		eb.LineStyle.Width = vg.Points(2)
		eb.LineStyle.Color = Color(k)
		eb.CapWidth = vg.Points(capPt)
		p.Add(eb)
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		sc.GlyphStyle.Color = Color(k)
		sc.GlyphStyle.Radius = vg.Points(radiusPt)
		sc.GlyphStyle.Shape = glyphs[k]
		p.Add(sc)
		p.Legend.Add(names[k], sc)
	}
	return nil
}

// LeaveOneOut draws an emulator's leave-one-out diagnostics: each run's
// value (y) against the emulator's prediction of it from the other runs
// (x, with its interval), and the line y = x on which a perfect emulator's
// points would lie; the axes span the data, both alike.
func LeaveOneOut(title, note, xlabel, ylabel string, pts []Point) (*Figure, error) {
	if len(pts) == 0 {
		return nil, fmt.Errorf("chart: no points")
	}
	p := newPlot(title, note, xlabel, ylabel, true)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, q := range pts {
		lo = math.Min(lo, math.Min(q.XLo, q.Y))
		hi = math.Max(hi, math.Max(q.XHi, q.Y))
	}
	pad := 0.05 * (hi - lo)
	if !(pad > 0) {
		pad = math.Max(1, math.Abs(hi)*0.05)
	}
	lo, hi = lo-pad, hi+pad
	line, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
	if err != nil {
		return nil, err
	}
	line.LineStyle.Color = color.NRGBA{120, 120, 120, 255}
	line.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(line)
	if err := addXErrorPoints(p, pts); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo, hi, lo, hi
	return single("scatter", "linear", p), nil
}

// addXErrorPoints adds the points as dots with their x intervals.
func addXErrorPoints(p *plot.Plot, pts []Point) error {
	eb, err := plotter.NewXErrorBars(xErr(pts))
	if err != nil {
		return err
	}
	eb.LineStyle.Color = color.NRGBA{0, 114, 178, 120}
	p.Add(eb)
	s, err := plotter.NewScatter(xErr(pts))
	if err != nil {
		return err
	}
	s.GlyphStyle.Color = Color(0)
	s.GlyphStyle.Radius = vg.Points(3)
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(s)
	return nil
}
