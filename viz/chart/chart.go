// Package chart draws the statistical charts of sweeps and comparisons with
// gonum.org/v1/plot, in pure Go (no cgo): bars with confidence-interval
// error bars, series as a mean line in a confidence band, and heatmaps
// with each cell's value written in it. Charts render to PNG or SVG by
// format name or file extension.
//
// Every chart says what its intervals are in its legend or subtitle, and
// long series are downsampled before rendering (a PNG of a 10,000-point
// line takes seconds; go-ecosystem.md §4.4).
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Size of every chart.
const (
	Width  = 7 * vg.Inch
	Height = 4.5 * vg.Inch
)

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

func newPlot(title, xlabel, ylabel string) *plot.Plot {
	return newPlotGrid(title, xlabel, ylabel, true)
}

func newPlotGrid(title, xlabel, ylabel string, vertical bool) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.X.Tick.Label.Font.Size = vg.Points(10)
	p.Y.Tick.Label.Font.Size = vg.Points(10)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	g := plotter.NewGrid()
	g.Horizontal.Color = color.Gray{220}
	g.Vertical.Color = color.Gray{220}
	if !vertical {
		g.Vertical.Color = nil
	}
	p.Add(g)
	return p
}

// Bar is one bar: a mean with its interval.
type Bar struct {
	Label        string
	Mean, Lo, Hi float64
}

type errPoints []Bar

func (e errPoints) Len() int                        { return len(e) }
func (e errPoints) XY(i int) (float64, float64)     { return float64(i), e[i].Mean }
func (e errPoints) YError(i int) (float64, float64) { return e[i].Mean - e[i].Lo, e[i].Hi - e[i].Mean }

// Bars draws one bar per entry with its interval as an error bar, the
// value written above it. note (such as "mean of 10 replications, 95 %
// Student-t interval") goes under the title.
func Bars(title, note, ylabel string, bars []Bar) (*plot.Plot, error) {
	p := newPlotGrid(title, "", ylabel, false)
	if note != "" {
		p.Title.Text += "\n" + note
	}
	var names []string
	top, bottom := 0.0, 0.0
	for i, b := range bars {
		bc, err := plotter.NewBarChart(plotter.Values{b.Mean}, vg.Points(50))
		if err != nil {
			return nil, err
		}
		bc.XMin = float64(i)
		bc.Color = Color(i)
		bc.LineStyle.Width = 0
		p.Add(bc)
		names = append(names, b.Label)
		top = math.Max(top, math.Max(b.Hi, b.Mean))
		bottom = math.Min(bottom, math.Min(b.Lo, b.Mean))
	}
	eb, err := plotter.NewYErrorBars(errPoints(bars))
	if err != nil {
		return nil, err
	}
	eb.LineStyle.Width = vg.Points(1.5)
	eb.CapWidth = vg.Points(14)
	p.Add(eb)
	labels := plotter.XYLabels{}
	for i, b := range bars {
		labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: math.Max(b.Hi, b.Mean)})
		labels.Labels = append(labels.Labels, fmt.Sprintf("%s\n[%s, %s]", Num(b.Mean), Num(b.Lo), Num(b.Hi)))
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].Font.Size = vg.Points(9)
	}
	lb.Offset = vg.Point{Y: vg.Points(4)}
	p.Add(lb)
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(bars))-0.4
	span := top - bottom
	if span == 0 {
		span = 1
	}
	p.Y.Min = bottom
	p.Y.Max = top + 0.22*span // room for the value labels
	return p, nil
}

// Series is one line with its band: at each X, the mean and the interval.
type Series struct {
	Label           string
	X, Mean, Lo, Hi []float64
}

// Bands draws each series as its mean line in a translucent band. With
// dates, X is Unix seconds and the axis shows dates. note goes under the
// title.
func Bands(title, note, xlabel, ylabel string, series []Series, dates bool) (*plot.Plot, error) {
	p := newPlot(title, xlabel, ylabel)
	if note != "" {
		p.Title.Text += "\n" + note
	}
	if dates {
		p.X.Tick.Marker = plot.TimeTicks{Format: "2 Jan\n2006"}
	}
	p.Legend.Top = true
	p.Legend.Left = true
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for j := range s.X {
			lo = math.Min(lo, math.Min(s.Lo[j], s.Mean[j]))
			hi = math.Max(hi, math.Max(s.Hi[j], s.Mean[j]))
		}
	}
	if lo <= hi {
		// Room above the data for the legend; a zero baseline when the
		// data are not far from it.
		if lo >= 0 && lo < 0.5*hi {
			lo = 0
		}
		p.Y.Min = lo
		p.Y.Max = hi + (0.12+0.05*float64(len(series)))*(hi-lo+1e-9)
	}
	for i, s := range series {
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
		if len(s.X) <= 40 {
			p.Add(pts)
			thumbs = append(thumbs, pts)
		}
		if s.Label != "" { // a lone unnamed series needs no legend
			p.Legend.Add(s.Label, thumbs...)
		}
	}
	return p, nil
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

// grid is a heatmap's grid: cell (c, r) at column c, row r.
type grid struct{ z [][]float64 } // z[r][c]

func (g grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// Heatmap draws z[r][c] as coloured cells, column c labelled xs[c] and row
// r labelled ys[r], each with its value written in it.
func Heatmap(title, note, xlabel, ylabel string, xs, ys []string, z [][]float64) (*plot.Plot, error) {
	if len(z) == 0 || len(z[0]) == 0 {
		return nil, fmt.Errorf("chart: empty heatmap")
	}
	p := newPlot(title, xlabel, ylabel)
	if note != "" {
		p.Title.Text += "\n" + note
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range z {
		for _, v := range row {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	pal := moreland.SmoothBlueRed()
	pal.SetMin(lo)
	pal.SetMax(hi)
	hm := plotter.NewHeatMap(grid{z}, pal.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.NRGBA{220, 220, 220, 255}
	p.Add(hm)
	labels := plotter.XYLabels{}
	for r, row := range z {
		for c, v := range row {
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(c), Y: float64(r)})
			s := Num(v)
			if math.IsNaN(v) {
				s = "–"
			}
			labels.Labels = append(labels.Labels, s)
		}
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	k := 0
	for _, row := range z {
		for _, v := range row {
			// White text on the dark ends of the palette, black between.
			if u := (v - lo) / (hi - lo); u < 0.2 || u > 0.8 {
				lb.TextStyle[k].Color = color.White
			}
			k++
		}
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].YAlign = draw.YCenter
		lb.TextStyle[i].Font.Size = vg.Points(10)
		lb.TextStyle[i].Font.Weight = stdfont.WeightBold
	}
	p.Add(lb)
	p.X.Tick.Marker = namedTicks(xs)
	p.Y.Tick.Marker = namedTicks(ys)
	p.X.Min, p.X.Max = -0.5, float64(len(xs))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(ys))-0.5
	p.X.Padding, p.Y.Padding = 0, 0
	return p, nil
}

// NameX labels the x positions 0, 1, … with names (a categorical axis).
func NameX(p *plot.Plot, names []string) {
	p.X.Tick.Marker = namedTicks(names)
	p.X.Min, p.X.Max = -0.3, float64(len(names))-0.7
}

func namedTicks(names []string) plot.ConstantTicks {
	t := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		t[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return t
}

// Render writes p as "png" or "svg".
func Render(p *plot.Plot, format string) ([]byte, error) {
	wt, err := p.WriterTo(Width, Height, format)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Save writes p to path, as PNG or SVG by its extension.
func Save(p *plot.Plot, path string) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext != "png" && ext != "svg" {
		return fmt.Errorf("chart: %s: expected a .png or .svg file", path)
	}
	b, err := Render(p, ext)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
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

// DateX converts "2006-01-02" dates to Unix seconds for a date axis.
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
