package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatmapSpec is a heatmap of Z[r][c]: column c labelled XTicks[c], row r
// labelled YTicks[r], each cell with its value and N[r][c], the number of
// runs it averages; a colour scale labelled ZLabel beside it.
type HeatmapSpec struct {
	Title, Note            string
	XLabel, YLabel, ZLabel string // with units
	XTicks, YTicks         []string
	Z                      [][]float64
	N                      [][]int // nil: no counts written
}

// grid is a heatmap's grid: cell (c, r) at column c, row r.
type grid struct{ z [][]float64 } // z[r][c]

func (g grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// Heatmap draws the heatmap and its colour scale.
func Heatmap(spec HeatmapSpec) (*Figure, error) {
	z := spec.Z
	if len(z) == 0 || len(z[0]) == 0 {
		return nil, fmt.Errorf("chart: empty heatmap")
	}
	if len(spec.XTicks) != len(z[0]) || len(spec.YTicks) != len(z) {
		return nil, fmt.Errorf("chart: heatmap of %d×%d cells with %d×%d labels", len(z[0]), len(z), len(spec.XTicks), len(spec.YTicks))
	}
	p := newPlot(spec.Title, spec.Note, spec.XLabel, spec.YLabel, true)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range z {
		for _, v := range row {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	pal, err := heatPalette(lo, hi)
	if err != nil {
		return nil, err
	}
	lo, hi = pal.Min(), pal.Max()
	hm := plotter.NewHeatMap(grid{z}, pal.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.NRGBA{220, 220, 220, 255}
	p.Add(hm)
	labels := plotter.XYLabels{}
	var light []bool
	for r, row := range z {
		for c, v := range row {
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(c), Y: float64(r)})
			s := Num(v)
			if math.IsNaN(v) {
				s = "–"
			}
			if spec.N != nil {
				s += fmt.Sprintf("\nn = %d", spec.N[r][c])
			}
			labels.Labels = append(labels.Labels, s)
			// White text on the palette's dark colours, black on the rest.
			light = append(light, dark(pal, v))
		}
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		if light[i] {
			lb.TextStyle[i].Color = color.White
		}
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].YAlign = draw.YCenter
		lb.TextStyle[i].Font.Size = vg.Points(9)
		lb.TextStyle[i].Font.Weight = stdfont.WeightBold
	}
	p.Add(lb)
	p.X.Tick.Marker = namedTicks(spec.XTicks)
	p.Y.Tick.Marker = namedTicks(spec.YTicks)
	p.X.Min, p.X.Max = -0.5, float64(len(spec.XTicks))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(spec.YTicks))-0.5
	p.X.Padding, p.Y.Padding = 0, 0

	// The colour scale: a plot of its own, its axis labelled with the
	// value's meaning and unit.
	cb := plot.New()
	// Level with the heatmap's data area: as many (empty) title lines.
	cb.Title.Text = strings.Repeat(" \n", strings.Count(p.Title.Text, "\n")) + " "
	cb.Title.TextStyle.Font.Size = p.Title.TextStyle.Font.Size
	cb.Add(&plotter.ColorBar{ColorMap: pal, Vertical: true})
	cb.HideX()
	cb.Y.Label.Text = wrapLabel(spec.ZLabel, 50)
	cb.Y.Label.TextStyle.Font.Size = vg.Points(9)
	cb.Y.Tick.Label.Font.Size = vg.Points(9)
	cb.Y.Tick.Marker = NiceTicks{}
	cb.Y.Min, cb.Y.Max = lo, hi
	return &Figure{Kind: "heatmap", Scale: "linear", Panels: []*plot.Plot{p, cb}, widths: []float64{0.82, 0.18}}, nil
}

// heatPalette is the colour map of values from lo to hi: for values of
// one sign a sequential map, light to dark as the magnitude grows
// (ColorBrewer's YlGnBu, interpolated in CIELAB by luminance); for
// values of both signs a diverging map, blue below zero and red above,
// centred on zero with equal reach either side.
func heatPalette(lo, hi float64) (palette.ColorMap, error) {
	if lo < 0 && hi > 0 {
		m := math.Max(-lo, hi)
		pal := moreland.SmoothBlueRed()
		pal.SetMin(-m)
		pal.SetMax(m)
		return pal, nil
	}
	pal, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{8, 29, 88, 255}, color.NRGBA{34, 94, 168, 255}, color.NRGBA{29, 145, 192, 255},
		color.NRGBA{65, 182, 196, 255}, color.NRGBA{127, 205, 187, 255}, color.NRGBA{199, 233, 180, 255},
		color.NRGBA{255, 255, 217, 255},
	})
	if err != nil {
		return nil, err
	}
	if hi > 0 { // positive values: the largest darkest
		pal = palette.Reverse(pal)
	}
	pal.SetMin(lo)
	pal.SetMax(hi)
	return pal, nil
}

// dark reports whether v's colour in pal is dark enough for white text.
func dark(pal palette.ColorMap, v float64) bool {
	c, err := pal.At(math.Max(pal.Min(), math.Min(pal.Max(), v)))
	if err != nil {
		return false
	}
	r, g, b, _ := c.RGBA()
	// Relative luminance, roughly (sRGB weights on the 16-bit channels).
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.45*65535
}
