// Package chart draws the statistical charts of sweeps and comparisons with
// gonum.org/v1/plot, in pure Go (no cgo): bars with confidence-interval
// error bars, series as a mean line in a confidence band, heatmaps with a
// colour scale and each cell's value and number of runs, and forest plots
// of paired differences. Charts render to PNG or SVG by format name or
// file extension.
//
// Every chart says what its intervals are in its legend or subtitle; axes
// carry labels with units and "nice" ticks (1, 2, 2.5 or 5 × 10^k), date
// axes tick on day boundaries, and values that differ by orders of
// magnitude get a log axis or panels of their own. Long series are
// downsampled before rendering (a PNG of a 10,000-point line takes
// seconds; go-ecosystem.md §4.4).
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"channelsim/internal/safefile"
)

// Size of every chart.
const (
	Width  = 7 * vg.Inch
	Height = 4.5 * vg.Inch
)

// Margin is the blank border of every chart.
const Margin = 4 * vg.Millimeter / 2

// MaxPoints is the most points a series keeps when drawn; longer series
// are downsampled to it (about twice the plot's pixel width at 96 dpi).
const MaxPoints = 1200

// Palette is the colour of series i (Okabe–Ito, readable by people with
// colour-vision deficiencies; Okabe and Ito, "Color Universal Design", 2002).
var Palette = []color.NRGBA{
	{0, 114, 178, 255},   // blue
	{213, 94, 0, 255},    // vermilion
	{0, 158, 115, 255},   // bluish green
	{204, 121, 167, 255}, // reddish purple
	{230, 159, 0, 255},   // orange
	{86, 180, 233, 255},  // sky blue
	{120, 120, 120, 255}, // grey
	{240, 228, 66, 255},  // yellow
}

// Color returns series i's colour.
func Color(i int) color.NRGBA { return Palette[i%len(Palette)] }

// Figure is a chart ready to render: one plot, or several panels drawn
// side by side under one title.
type Figure struct {
	// Kind names the chart ("bars", "bands", "heatmap", "forest") and
	// Scale its value axis ("linear", "log", "split", "symlog").
	Kind, Scale string
	// Panels are the plots, left to right.
	Panels []*plot.Plot
	// Title is drawn above the panels when there are several.
	Title string
	// widths are the panels' relative widths (nil: equal).
	widths []float64
	// after draws on the whole canvas once the panels are drawn, with the
	// canvas of each panel.
	after func(c draw.Canvas, panels []draw.Canvas)
}

func single(kind, scale string, p *plot.Plot) *Figure {
	return &Figure{Kind: kind, Scale: scale, Panels: []*plot.Plot{p}}
}

// Draw draws the figure on c.
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	// A margin all round: gonum sets text flush with the canvas's edge,
	// where a glyph's overhang is cut.
	c = draw.Crop(c, Margin, -Margin, Margin, -Margin)
	area := c
	if f.Title != "" && len(f.Panels) > 1 {
		y := c.Max.Y - vg.Points(6)
		for i, l := range strings.Split(f.Title, "\n") {
			s := titleStyle()
			if i > 0 {
				s = noteStyle()
			}
			s.YAlign = draw.YTop
			c.FillText(s, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: y}, l)
			y -= s.Height(l) + vg.Points(2)
		}
		area = draw.Crop(c, 0, 0, 0, y-vg.Points(6)-c.Max.Y)
	}
	total := 0.0
	for i := range f.Panels {
		total += f.width(i)
	}
	w := area.Max.X - area.Min.X
	x := vg.Length(0)
	var cs []draw.Canvas
	for i, p := range f.Panels {
		pw := w * vg.Length(f.width(i)/total)
		sub := draw.Crop(area, x, -(w - x - pw), 0, 0)
		p.Draw(sub)
		cs = append(cs, sub)
		x += pw
	}
	if f.after != nil {
		f.after(c, cs)
	}
}

func (f *Figure) width(i int) float64 {
	if i < len(f.widths) {
		return f.widths[i]
	}
	return 1
}

func titleStyle() draw.TextStyle {
	p := plot.New()
	s := p.Title.TextStyle
	s.Font.Size = vg.Points(13)
	s.XAlign = draw.XCenter
	return s
}

func noteStyle() draw.TextStyle {
	s := titleStyle()
	s.Font.Size = vg.Points(10)
	s.Color = color.Gray{80}
	return s
}

func newPlot(title, note, xlabel, ylabel string, vertical bool) *plot.Plot {
	p := plot.New()
	// Titles are wrapped, not cut at the chart's edges: a panel is at
	// least 82 % of the chart's width, some 70 characters of the title's
	// 12 points.
	p.Title.Text = wrapLabel(title, 70)
	if note != "" {
		p.Title.Text += "\n" + wrapLabel(note, 84)
	}
	p.Title.TextStyle.Font.Size = vg.Points(12)
	// Axis labels come from the keys' documentation and can be long: they
	// are wrapped so that they never take the panel's width from the data.
	p.X.Label.Text = wrapLabel(xlabel, 70)
	p.Y.Label.Text = wrapLabel(ylabel, 50)
	p.X.Label.TextStyle.Font.Size = vg.Points(10)
	p.Y.Label.TextStyle.Font.Size = vg.Points(10)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	p.Y.Tick.Label.Font.Size = vg.Points(9)
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	// gonum spaces legend entries by their text's ascent: the padding
	// keeps one entry's descenders off the next.
	p.Legend.Padding = vg.Points(3)
	p.X.Tick.Marker = NiceTicks{}
	p.Y.Tick.Marker = NiceTicks{}
	g := plotter.NewGrid()
	g.Horizontal.Color = color.Gray{225}
	g.Vertical.Color = color.Gray{225}
	if !vertical {
		g.Vertical.Color = nil
	}
	p.Add(g)
	return p
}

// Series is one line with its band: at each X, the mean and the interval.
type Series struct {
	Label           string
	X, Mean, Lo, Hi []float64
}

// BandsSpec is a chart of series as mean lines in bands.
type BandsSpec struct {
	Title, Note    string
	XLabel, YLabel string // with units
	Series         []Series
	// Dates: X is Unix seconds at midnight UTC of each day, and the axis
	// shows dates ticked on day boundaries.
	Dates bool
	// Categories: X is 0, 1, … and the axis shows these names.
	Categories []string
}

// Bands draws each series as its mean line in a translucent band.
func Bands(spec BandsSpec) (*Figure, error) {
	p := newPlot(spec.Title, spec.Note, spec.XLabel, spec.YLabel, true)
	if spec.Dates {
		p.X.Tick.Marker = DateTicks{}
	}
	p.Legend.Top = true
	p.Legend.Left = true
	lo, hi := math.Inf(1), math.Inf(-1)
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for _, s := range spec.Series {
		if len(s.Lo) != len(s.X) || len(s.Hi) != len(s.X) || len(s.Mean) != len(s.X) {
			return nil, fmt.Errorf("chart: series %q has %d x, %d means, %d lows and %d highs", s.Label, len(s.X), len(s.Mean), len(s.Lo), len(s.Hi))
		}
		for j := range s.X {
			lo = math.Min(lo, math.Min(s.Lo[j], s.Mean[j]))
			hi = math.Max(hi, math.Max(s.Hi[j], s.Mean[j]))
			xlo, xhi = math.Min(xlo, s.X[j]), math.Max(xhi, s.X[j])
		}
	}
	if lo <= hi {
		// A zero baseline when the data are not far from it, and room
		// above the data for the legend.
		if lo >= 0 && lo < 0.5*hi {
			lo = 0
		}
		span := hi - lo
		if span == 0 {
			span = math.Max(1, math.Abs(hi))
		}
		p.Y.Min = lo
		p.Y.Max = hi + (0.1+0.06*float64(len(spec.Series)))*span
	}
	switch {
	case spec.Dates && xlo <= xhi:
		// Half a day either side, so the first and last points are not on
		// the frame.
		p.X.Min, p.X.Max = xlo-43200, xhi+43200
	case xlo < xhi:
		pad := 0.04 * (xhi - xlo)
		p.X.Min, p.X.Max = xlo-pad, xhi+pad
	}
	for i, s := range spec.Series {
		s = Downsample(s, MaxPoints)
		c := Color(i)
		if len(s.X) > 1 {
			var poly plotter.XYs
			for j := range s.X {
				poly = append(poly, plotter.XY{X: s.X[j], Y: s.Lo[j]})
			}
			for j := len(s.X) - 1; j >= 0; j-- {
				poly = append(poly, plotter.XY{X: s.X[j], Y: s.Hi[j]})
			}
			pg, err := plotter.NewPolygon(poly)
			if err != nil {
				return nil, err
			}
			fill := c
			fill.A = 60
			pg.Color = fill
			pg.LineStyle.Width = 0
			p.Add(pg)
		}
		var line plotter.XYs
		for j := range s.X {
			line = append(line, plotter.XY{X: s.X[j], Y: s.Mean[j]})
		}
		l, pts, err := plotter.NewLinePoints(line)
		if err != nil {
			return nil, err
		}
		l.Color = c
		l.Width = vg.Points(2)
		pts.Color = c
		pts.Radius = vg.Points(2.5)
		pts.Shape = draw.CircleGlyph{}
		p.Add(l)
		thumbs := []plot.Thumbnailer{l}
		if len(s.X) <= 60 {
			p.Add(pts)
			thumbs = append(thumbs, pts)
		}
		if s.Label != "" { // a lone unnamed series needs no legend
			p.Legend.Add(s.Label, thumbs...)
		}
	}
	if spec.Categories != nil {
		p.X.Tick.Marker = namedTicks(spec.Categories)
		p.X.Min, p.X.Max = -0.3, float64(len(spec.Categories))-0.7
	}
	return single("bands", "linear", p), nil
}

// Downsample returns s with at most n points: each of n buckets of
// consecutive points becomes one point at the bucket's mean X with the
// mean of the means and the widest of the bounds (so the band drawn never
// hides an excursion).
func Downsample(s Series, n int) Series {
	m := len(s.X)
	if m <= n || n < 2 {
		return s
	}
	out := Series{Label: s.Label}
	for b := 0; b < n; b++ {
		i0, i1 := b*m/n, (b+1)*m/n
		var x, mean float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := i0; i < i1; i++ {
			x += s.X[i]
			mean += s.Mean[i]
			lo = math.Min(lo, s.Lo[i])
			hi = math.Max(hi, s.Hi[i])
		}
		k := float64(i1 - i0)
		out.X = append(out.X, x/k)
		out.Mean = append(out.Mean, mean/k)
		out.Lo = append(out.Lo, lo)
		out.Hi = append(out.Hi, hi)
	}
	return out
}

// namedTicks labels the positions 0, 1, … with names (a categorical axis).
func namedTicks(names []string) plot.ConstantTicks {
	t := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		t[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return t
}

// Render writes f as "png" or "svg".
func Render(f *Figure, format string) ([]byte, error) {
	c, err := newCanvas(Width, Height, format)
	if err != nil {
		return nil, err
	}
	f.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// newCanvas returns a w × h canvas of format "png" or "svg". An SVG
// carries the glyphs of the fonts its text was laid out with (svgCanvas),
// so that a browser without those fonts draws the text at the widths the
// layout assumed.
func newCanvas(w, h vg.Length, format string) (vg.CanvasWriterTo, error) {
	if format == "svg" {
		return newSVGCanvas(w, h), nil
	}
	return draw.NewFormattedCanvas(w, h, format)
}

// Save writes f to path, as PNG or SVG by its extension, atomically (a
// chart already at path is replaced whole or left as it was).
func Save(f *Figure, path string) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext != "png" && ext != "svg" {
		return fmt.Errorf("chart: %s: expected a .png or .svg file", path)
	}
	b, err := Render(f, ext)
	if err != nil {
		return err
	}
	return safefile.WriteFile(path, b)
}

// Num formats a value for a label: 4 significant digits, thousands
// without decimals.
func Num(x float64) string {
	switch a := math.Abs(x); {
	case math.IsNaN(x):
		return "NaN"
	case a >= 10000:
		return fmt.Sprintf("%.0f", x)
	case a >= 100:
		return fmt.Sprintf("%.1f", x)
	case a >= 1:
		return fmt.Sprintf("%.2f", x)
	case a == 0:
		return "0"
	}
	return fmt.Sprintf("%.3g", x)
}

// DateX converts "2006-01-02" dates to Unix seconds (midnight UTC) for a
// date axis.
func DateX(dates []string) ([]float64, error) {
	xs := make([]float64, len(dates))
	for i, d := range dates {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return nil, err
		}
		xs[i] = float64(t.Unix())
	}
	return xs, nil
}

// wrapLabel breaks s into lines of at most width characters at spaces (a
// word longer than width stands on a line of its own).
func wrapLabel(s string, width int) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		if i > 0 {
			if line+1+n > width {
				b.WriteByte('\n')
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += n
	}
	return b.String()
}
