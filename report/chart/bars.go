package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one bar: a mean with its interval.
type Bar struct {
	Label        string
	Mean, Lo, Hi float64
}

// BarsSpec is a bar chart: one bar per entry with its interval.
type BarsSpec struct {
	Title, Note string
	YLabel      string // with unit
	Bars        []Bar
}

// OrdersApart is the ratio of the largest to the smallest non-zero bar
// from which the bars no longer share a linear axis: one of 0.056 beside
// one of 37 would be invisible.
const OrdersApart = 20

// BarScale chooses the value axis of a bar chart: "linear"; "log" when
// the bars are all positive and OrdersApart or more apart; "split" (a
// panel and an axis for each bar) when they are that far apart but some
// are zero or negative, which a log axis cannot show.
func BarScale(bars []Bar) string {
	small, large := math.Inf(1), 0.0
	positive := true
	for _, b := range bars {
		a := math.Abs(b.Mean)
		if a > 0 {
			small, large = math.Min(small, a), math.Max(large, a)
		}
		if !(b.Mean > 0) {
			positive = false
		}
	}
	if len(bars) < 2 || large == 0 || large/small < OrdersApart {
		return "linear"
	}
	if positive {
		return "log"
	}
	return "split"
}

// Bars draws one bar per entry with its interval as an error bar and the
// value written above it, on the axis BarScale chooses.
func Bars(spec BarsSpec) (*Figure, error) {
	if len(spec.Bars) == 0 {
		return nil, fmt.Errorf("chart: no bars")
	}
	switch BarScale(spec.Bars) {
	case "log":
		p, err := barPanel(spec.Title, spec.Note+"; log scale", spec.YLabel, spec.Bars, 0, true)
		if err != nil {
			return nil, err
		}
		return single("bars", "log", p), nil
	case "split":
		f := &Figure{Kind: "bars", Scale: "split", Title: spec.Title + "\n" + spec.Note + "; each bar on its own scale"}
		for i, b := range spec.Bars {
			ylabel := ""
			if i == 0 {
				ylabel = spec.YLabel
			}
			p, err := barPanel("", "", ylabel, []Bar{b}, i, false)
			if err != nil {
				return nil, err
			}
			f.Panels = append(f.Panels, p)
		}
		return f, nil
	}
	p, err := barPanel(spec.Title, spec.Note, spec.YLabel, spec.Bars, 0, false)
	if err != nil {
		return nil, err
	}
	return single("bars", "linear", p), nil
}

// barPanel draws bars (the first coloured as series first) on a linear
// axis from zero or a log axis.
func barPanel(title, note, ylabel string, bars []Bar, first int, logScale bool) (*plot.Plot, error) {
	p := newPlot(title, note, "", ylabel, false)
	top, bottom := 0.0, 0.0
	floor := 0.0
	if logScale {
		floor = math.Inf(1)
		top = 0
		for _, b := range bars {
			floor = math.Min(floor, math.Min(b.Mean, positiveOr(b.Lo, b.Mean)))
			top = math.Max(top, math.Max(b.Hi, b.Mean))
		}
		floor = math.Pow(10, math.Floor(math.Log10(floor)))
		bottom = floor
	}
	var names []string
	for i, b := range bars {
		base := floor
		poly, err := plotter.NewPolygon(plotter.XYs{{X: float64(i) - 0.32, Y: base}, {X: float64(i) + 0.32, Y: base},
			{X: float64(i) + 0.32, Y: b.Mean}, {X: float64(i) - 0.32, Y: b.Mean}})
		if err != nil {
			return nil, err
		}
		poly.Color = Color(first + i)
		poly.LineStyle.Width = 0
		p.Add(poly)
		names = append(names, b.Label)
		if !logScale {
			top = math.Max(top, math.Max(b.Hi, b.Mean))
			bottom = math.Min(bottom, math.Min(b.Lo, b.Mean))
		}
	}
	pts := make(errPoints, len(bars))
	copy(pts, bars)
	if logScale {
		for i := range pts {
			pts[i].Lo = math.Max(positiveOr(pts[i].Lo, floor), floor)
		}
	}
	eb, err := plotter.NewYErrorBars(pts)
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
	p.X.Tick.Marker = namedTicks(names)
	p.X.Min, p.X.Max = -0.6, float64(len(bars))-0.4
	if logScale {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = LogTicks{}
		p.Y.Min = bottom
		p.Y.Max = math.Pow(10, math.Log10(top)+0.35*(math.Log10(top)-math.Log10(bottom))) // room for the labels
		return p, nil
	}
	span := top - bottom
	if span == 0 {
		span = 1
	}
	p.Y.Min = bottom
	p.Y.Max = top + 0.22*span // room for the value labels
	return p, nil
}

func positiveOr(x, alt float64) float64 {
	if x > 0 {
		return x
	}
	return alt
}

type errPoints []Bar

func (e errPoints) Len() int                        { return len(e) }
func (e errPoints) XY(i int) (float64, float64)     { return float64(i), e[i].Mean }
func (e errPoints) YError(i int) (float64, float64) { return e[i].Mean - e[i].Lo, e[i].Hi - e[i].Mean }
