package weather

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var update = flag.Bool("update", false, "rewrite docs/img/weather-fit.png and print the fit's table")

// activeDays are the days with at least one small-boat arrival in each
// month, from the Home Office daily series (SB_01; package
// analysis/observed, whose tests check these counts). 2022 onwards is held
// out for validation and is not used.
var activeDays = map[int][12]int{
	2019: {3, 7, 5, 6, 9, 4, 9, 11, 8, 5, 7, 7},
	2020: {5, 2, 4, 15, 15, 16, 14, 19, 13, 7, 14, 6},
	2021: {5, 8, 11, 10, 15, 22, 17, 8, 21, 13, 15, 9},
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func activeShare(year int, m time.Month) float64 {
	return float64(activeDays[year][m-1]) / float64(daysIn(year, m))
}

// The fit's assumptions (docs/research/weather.md).
const (
	calmPerActive = 1.2   // calm days per day with an arrival (EST 1.0–1.5)
	januaryRough  = 0.075 // share of January days with Hs > 2.5 m (EST 0.05–0.10)
	calmThreshold = 0.5   // m: The Times, 22 Jun 2023
	roughHeight   = 2.5   // m: Météo-France's "mer forte" from 2.5 m
)

// target is the calm share the fit gives month m: k × the 2021 share of
// days with an arrival, as a three-month running mean (one year's month is
// 28–31 days and its own weather), at most 0.95.
func target(m time.Month, k float64) float64 {
	var s float64
	for _, d := range []int{-1, 0, 1} {
		mm := time.Month((int(m)-1+d+12)%12 + 1)
		s += activeShare(2021, mm)
	}
	return math.Min(0.95, k*s/3)
}

// probit is the standard normal quantile.
func probit(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

// fit returns the log-sd and the monthly medians that make CalmShare(0.5 m)
// the target in every month and P(Hs > 2.5 m) in January pRough.
func fit(k, pRough float64) (sd float64, medians []float64) {
	zJan := probit(target(time.January, k))
	sd = math.Log(roughHeight/calmThreshold) / (probit(1-pRough) - zJan)
	for m := time.January; m <= time.December; m++ {
		medians = append(medians, calmThreshold*math.Exp(-sd*probit(target(m, k))))
	}
	return sd, medians
}

// TestDefaultIsTheFit: Default holds the fit, rounded to the centimetre.
func TestDefaultIsTheFit(t *testing.T) {
	sd, med := fit(calmPerActive, januaryRough)
	d := Default()
	if math.Abs(d.LogSD-sd) > 0.005 {
		t.Errorf("log_sd %v, the fit gives %.4f", d.LogSD, sd)
	}
	for i, m := range med {
		if math.Abs(d.MedianWaveM[i]-m) > 0.005 {
			t.Errorf("%s: median %v, the fit gives %.4f", time.Month(i+1), d.MedianWaveM[i], m)
		}
		if p, want := CalmShare(&d, time.Month(i+1), calmThreshold), target(time.Month(i+1), calmPerActive); math.Abs(p-want) > 0.01 {
			t.Errorf("%s: CalmShare(0.5 m) %.3f, target %.3f", time.Month(i+1), p, want)
		}
	}
	// The constraint of Météo-France's climatology: rough seas under 5 %
	// of the year.
	var rough float64
	for m := time.January; m <= time.December; m++ {
		rough += float64(daysIn(2021, m)) * (1 - CalmShare(&d, m, roughHeight))
	}
	if rough /= 365; rough >= 0.05 {
		t.Errorf("Hs > 2.5 m on %.1f %% of days, want under 5 %%", 100*rough)
	}
	// Calm days are at least as many as the days with arrivals of
	// 2019–2021 taken together (single months of single years go above:
	// their own weather, which the model draws day by day).
	for m := time.January; m <= time.December; m++ {
		var act, n int
		for y := range activeDays {
			act += activeDays[y][m-1]
			n += daysIn(y, m)
		}
		if p, a := CalmShare(&d, m, calmThreshold), float64(act)/float64(n); p < a {
			t.Errorf("%s: calm share %.2f under the share of days with arrivals in 2019–2021, %.2f", m, p, a)
		}
	}
}

// TestFitChart draws the fit; with -update it writes
// docs/img/weather-fit.png and logs the table of docs/research/weather.md.
func TestFitChart(t *testing.T) {
	png, err := fitChart()
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 1000 {
		t.Fatalf("a PNG of %d bytes", len(png))
	}
	if !*update {
		return
	}
	if err := os.WriteFile(filepath.Join("..", "..", "docs", "img", "weather-fit.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + fitTable())
	for _, k := range []float64{1.0, 1.5} {
		for _, p := range []float64{0.05, 0.10} {
			sd, med := fit(k, p)
			t.Logf("k %.1f, January rough %.2f: log_sd %.3f, medians %.2f", k, p, sd, med)
		}
	}
}

// fitTable is the Markdown table of the fit.
func fitTable() string {
	d := Default()
	var b strings.Builder
	b.WriteString("| month | median Hs (m) | CalmShare(0.5 m) | target (1.2 × 2021, 3-month mean) | active days 2019 | 2020 | 2021 | 2019–2021 |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for m := time.January; m <= time.December; m++ {
		var act, n int
		for y := 2019; y <= 2021; y++ {
			act += activeDays[y][m-1]
			n += daysIn(y, m)
		}
		fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", m.String()[:3], d.MedianWaveM[m-1],
			CalmShare(&d, m, calmThreshold), target(m, calmPerActive),
			activeShare(2019, m), activeShare(2020, m), activeShare(2021, m), float64(act)/float64(n))
	}
	return b.String()
}

// fitChart draws two panels: the monthly shares (fitted calm days, the
// target, the days with arrivals by year) and the fitted medians.
func fitChart() ([]byte, error) {
	d := Default()
	xy := func(f func(m time.Month) float64) plotter.XYs {
		var pts plotter.XYs
		for m := time.January; m <= time.December; m++ {
			pts = append(pts, plotter.XY{X: float64(m), Y: f(m)})
		}
		return pts
	}
	shares := plot.New()
	shares.Title.Text = "Dover Strait sea state: calm days (Hs < 0.5 m) against days with small-boat arrivals"
	shares.Y.Label.Text = "share of the month's days"
	shares.Y.Min, shares.Y.Max = 0, 1
	if err := addLine(shares, xy(func(m time.Month) float64 { return CalmShare(&d, m, calmThreshold) }), "model: CalmShare(0.5 m)", color.RGBA{0x1f, 0x5f, 0xa8, 0xff}, false); err != nil {
		return nil, err
	}
	if err := addLine(shares, xy(func(m time.Month) float64 { return target(m, calmPerActive) }), "target: 1.2 × 2021 share, 3-month mean", color.RGBA{0x1f, 0x5f, 0xa8, 0xff}, true); err != nil {
		return nil, err
	}
	marks := []struct {
		year int
		col  color.RGBA
	}{{2019, color.RGBA{0xbb, 0xbb, 0xbb, 0xff}}, {2020, color.RGBA{0xe0, 0x9a, 0x3a, 0xff}}, {2021, color.RGBA{0xc0, 0x39, 0x2b, 0xff}}}
	for _, mk := range marks {
		s, err := plotter.NewScatter(xy(func(m time.Month) float64 { return activeShare(mk.year, m) }))
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Color, s.GlyphStyle.Radius, s.GlyphStyle.Shape = mk.col, vg.Points(3), draw.CircleGlyph{}
		shares.Add(s)
		shares.Legend.Add(fmt.Sprintf("days with ≥ 1 arrival, %d (Home Office SB_01)", mk.year), s)
	}
	medians := plot.New()
	medians.Title.Text = fmt.Sprintf("fitted median significant wave height (log-sd %.2f, persistence %.0f days)", d.LogSD, d.Persistence)
	medians.Y.Label.Text = "Hs (m)"
	medians.Y.Min, medians.Y.Max = 0, 1
	if err := addLine(medians, xy(func(m time.Month) float64 { return d.MedianWaveM[m-1] }), "median", color.RGBA{0x1f, 0x5f, 0xa8, 0xff}, false); err != nil {
		return nil, err
	}
	if err := addLine(medians, xy(func(time.Month) float64 { return calmThreshold }), "0.5 m: crossings rare above (The Times, 22 Jun 2023)", color.RGBA{0x80, 0x80, 0x80, 0xff}, true); err != nil {
		return nil, err
	}
	for _, p := range []*plot.Plot{shares, medians} {
		p.X.Min, p.X.Max = 0.5, 12.5
		p.X.Tick.Marker = monthTicks{}
		p.Legend.Top = true
		p.Legend.TextStyle.Font.Size = vg.Points(8)
		p.Title.TextStyle.Font.Size = vg.Points(10)
	}
	shares.Legend.Left = true
	return render([][]*plot.Plot{{shares}, {medians}}, 8*vg.Inch, 7*vg.Inch)
}

func addLine(p *plot.Plot, pts plotter.XYs, label string, col color.RGBA, dashed bool) error {
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.Color, l.Width = col, vg.Points(1.8)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	p.Add(l)
	p.Legend.Add(label, l)
	return nil
}

// monthTicks labels 1–12 with the months' initials.
type monthTicks struct{}

func (monthTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for m := time.January; m <= time.December; m++ {
		ts = append(ts, plot.Tick{Value: float64(m), Label: m.String()[:3]})
	}
	return ts
}

// render draws the plots as tiles of one PNG.
func render(plots [][]*plot.Plot, w, h vg.Length) ([]byte, error) {
	img := vgimg.New(w, h)
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	tiles := draw.Tiles{Rows: len(plots), Cols: len(plots[0]), PadX: vg.Millimeter, PadY: 4 * vg.Millimeter,
		PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 4 * vg.Millimeter}
	canvases := plot.Align(plots, tiles, dc)
	for r := range plots {
		for c := range plots[r] {
			plots[r][c].Draw(canvases[r][c])
		}
	}
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
