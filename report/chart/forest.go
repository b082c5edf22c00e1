package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ForestRow is one output's paired difference between a scenario and the
// reference: absolute, with its interval, and the reference's mean that
// makes it relative.
type ForestRow struct {
	Output       string  // what is measured, as a reader says it
	Unit         string  // of the absolute difference
	Group        int     // which scenario, an index into ForestSpec.Groups
	Base         float64 // the reference scenario's mean
	Diff, Lo, Hi float64 // the mean paired difference and its interval
}

// Relative returns the difference and its interval relative to the
// reference's mean (+0.10 is 10 % more), and false when that mean is 0.
func (r ForestRow) Relative() (d, lo, hi float64, ok bool) {
	if r.Base == 0 || math.IsNaN(r.Base) {
		return 0, 0, 0, false
	}
	b := math.Abs(r.Base)
	return r.Diff / b, r.Lo / b, r.Hi / b, true
}

// ForestSpec is a forest plot: one row per output, a point and interval
// per scenario compared with the reference.
type ForestSpec struct {
	Title, Note string
	Groups      []string // the scenarios compared with the reference
	Rows        []ForestRow
}

// Forest draws the relative differences with their intervals on a common
// axis (symmetric-log when they span orders of magnitude), a line at no
// change, and each absolute difference with its interval and unit written
// at the right. A filled point: the interval excludes 0.
func Forest(spec ForestSpec) (*Figure, error) {
	if len(spec.Rows) == 0 {
		return nil, fmt.Errorf("chart: empty forest plot")
	}
	outputs, ypos := forestRows(spec)
	n := len(outputs)
	// The axis says what it is in the title's note: gonum places an axis
	// label at the middle of the data range, which on a symmetric-log
	// axis is far right of the middle of the axis.
	p := newPlot("", "", "", "", true)
	scale := forestAxis(p, spec.Rows)
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.6}, {X: 0, Y: float64(n) - 0.4}})
	if err != nil {
		return nil, err
	}
	zero.Color = color.Gray{90}
	zero.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(zero)
	for g := 0; g < max(1, len(spec.Groups)); g++ {
		if err := addForestGroup(p, spec, g, ypos); err != nil {
			return nil, err
		}
	}
	names := make([]string, n)
	for i, o := range outputs {
		names[n-1-i] = o
	}
	p.Y.Tick.Marker = namedTicks(names)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Legend.Top = true

	text := plot.New()
	text.HideAxes()
	title := spec.Title + "\n" + "change from the reference in % of its mean, with its 95 % interval"
	if scale == "symlog" {
		title += " (symmetric log scale)"
	}
	if spec.Note != "" {
		title += "\n" + spec.Note
	}
	f := &Figure{Kind: "forest", Scale: scale, Title: title, Panels: []*plot.Plot{p, text}, widths: []float64{0.66, 0.34}}
	f.after = forestDifferences(p, spec.Rows, ypos)
	return f, nil
}

// forestRows lists the outputs in their first row's order and places each
// row: an output's groups side by side about its line.
func forestRows(spec ForestSpec) ([]string, func(ForestRow) float64) {
	var outputs []string
	index := map[string]int{}
	for _, r := range spec.Rows {
		if _, ok := index[r.Output]; !ok {
			index[r.Output] = len(outputs)
			outputs = append(outputs, r.Output)
		}
	}
	n, groups := len(outputs), max(1, len(spec.Groups))
	return outputs, func(r ForestRow) float64 {
		off := 0.0
		if groups > 1 {
			off = (float64(groups-1)/2 - float64(r.Group)) * 0.5 / float64(groups)
		}
		return float64(n-1-index[r.Output]) + off
	}
}

// forestAxis sets p's x axis, in per cent, to span the rows' relative
// intervals, on a symmetric-log scale when they span orders of magnitude,
// and returns the scale.
func forestAxis(p *plot.Plot, rows []ForestRow) string {
	var ends []float64
	for _, r := range rows {
		if _, lo, hi, ok := r.Relative(); ok {
			ends = append(ends, 100*math.Max(math.Abs(lo), math.Abs(hi)))
		}
	}
	scale := ForestScale(ends)
	lo, hi := -1.0, 1.0
	for _, r := range rows {
		if _, l, h, ok := r.Relative(); ok {
			lo, hi = math.Min(lo, 100*l), math.Max(hi, 100*h)
		}
	}
	pad := 0.08 * (hi - lo)
	if scale == "symlog" {
		sl := SymLog{Linear: 1}
		p.X.Scale = sl
		p.X.Tick.Marker = SymLogTicks{Linear: 1, Format: pctLabel}
		// Pad in the scale's own terms.
		pad = 0
		f := func(x float64) float64 { return sl.f(x) }
		inv := func(y float64) float64 { return math.Copysign((math.Pow(10, math.Abs(y))-1)*sl.Linear, y) }
		a, b := f(lo), f(hi)
		lo, hi = inv(a-0.06*(b-a)), inv(b+0.06*(b-a))
	} else {
		p.X.Tick.Marker = pctTicks{}
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad
	return scale
}

// addForestGroup draws group g's relative differences with their
// intervals: a filled point when the interval excludes 0, else a ring.
func addForestGroup(p *plot.Plot, spec ForestSpec, g int, ypos func(ForestRow) float64) error {
	var pts errXY
	var filled, hollow plotter.XYs
	for _, r := range spec.Rows {
		d, l, h, ok := r.Relative()
		if r.Group != g || !ok {
			continue
		}
		y := ypos(r)
		pts = append(pts, errPoint{x: 100 * d, y: y, lo: 100 * l, hi: 100 * h})
		if l > 0 || h < 0 {
			filled = append(filled, plotter.XY{X: 100 * d, Y: y})
		} else {
			hollow = append(hollow, plotter.XY{X: 100 * d, Y: y})
		}
	}
	c := Color(g + 1)
	if len(pts) > 0 {
		eb, err := plotter.NewXErrorBars(pts)
		if err != nil {
			return err
		}
		eb.Color = c
		eb.Width = vg.Points(1.6)
		eb.CapWidth = vg.Points(7)
		p.Add(eb)
	}
	var thumb plot.Thumbnailer
	for k, set := range []plotter.XYs{filled, hollow} {
		if len(set) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(set)
		if err != nil {
			return err
		}
		sc.Color = c
		sc.Radius = vg.Points(4)
		sc.Shape = draw.CircleGlyph{}
		if k == 1 {
			sc.Shape = draw.RingGlyph{}
		}
		p.Add(sc)
		thumb = sc
	}
	if len(spec.Groups) > 1 && thumb != nil {
		p.Legend.Add(spec.Groups[g], thumb)
	}
	return nil
}

// forestDifferences writes each row's absolute difference with its
// interval and unit in the right-hand panel, level with its point.
func forestDifferences(p *plot.Plot, rows []ForestRow, ypos func(ForestRow) float64) func(c draw.Canvas, cs []draw.Canvas) {
	return func(c draw.Canvas, cs []draw.Canvas) {
		dc := p.DataCanvas(cs[0])
		_, y := p.Transforms(&dc)
		sty := noteStyle()
		sty.XAlign = draw.XLeft
		sty.YAlign = draw.YCenter
		sty.Font.Size = vg.Points(8)
		x := cs[1].Min.X + vg.Points(4)
		head := sty
		head.Color = color.Gray{60}
		head.YAlign = draw.YTop
		c.FillText(head, vg.Point{X: x, Y: dc.Max.Y - vg.Points(1)}, "paired difference [95 % CI]")
		room := c.Max.X - x
		for _, r := range rows {
			s := sty
			s.Color = Color(r.Group + 1)
			parts := []string{fmt.Sprintf("%s [%s, %s]", signedNum(r.Diff), Num(r.Lo), Num(r.Hi)), r.Unit}
			if _, _, _, ok := r.Relative(); !ok {
				parts = append(parts, "(reference 0)")
			}
			c.FillText(s, vg.Point{X: x, Y: y(ypos(r))}, fitLines(s, parts, room))
		}
	}
}

// fitLines joins parts with spaces on as few lines as keep each line
// within width in style s: a part that does not fit on the line starts
// the next.
func fitLines(s draw.TextStyle, parts []string, width vg.Length) string {
	var lines []string
	for _, p := range parts {
		if p == "" {
			continue
		}
		if n := len(lines); n > 0 && s.Width(lines[n-1]+" "+p) <= width {
			lines[n-1] += " " + p
			continue
		}
		lines = append(lines, p)
	}
	return strings.Join(lines, "\n")
}

// ForestScale chooses a forest plot's axis from each row's largest
// interval end in magnitude (per cent): "symlog" when the largest row is
// 100 times the smallest (taken as at least 1 %), else "linear".
func ForestScale(rowMax []float64) string {
	if len(rowMax) == 0 {
		return "linear"
	}
	small, large := math.Inf(1), 0.0
	for _, x := range rowMax {
		small, large = math.Min(small, math.Max(x, 1)), math.Max(large, x)
	}
	if large/small >= 100 {
		return "symlog"
	}
	return "linear"
}

func signedNum(x float64) string {
	if x > 0 {
		return "+" + Num(x)
	}
	return Num(x)
}

func pctLabel(x float64) string {
	if x == 0 {
		return "0"
	}
	s := FormatTick(x, math.Min(1, math.Abs(x)))
	if x > 0 {
		s = "+" + s
	}
	return s + " %"
}

// pctTicks are NiceTicks labelled as signed percentages.
type pctTicks struct{}

func (pctTicks) Ticks(min, max float64) []plot.Tick {
	ts := NiceTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			if ts[i].Value > 0 {
				ts[i].Label = "+" + ts[i].Label
			}
			if ts[i].Value != 0 {
				ts[i].Label += " %"
			}
		}
	}
	return ts
}

type errPoint struct{ x, y, lo, hi float64 }

type errXY []errPoint

func (e errXY) Len() int                        { return len(e) }
func (e errXY) XY(i int) (float64, float64)     { return e[i].x, e[i].y }
func (e errXY) XError(i int) (float64, float64) { return e[i].x - e[i].lo, e[i].hi - e[i].x }
