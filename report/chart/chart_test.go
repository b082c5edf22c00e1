package chart

import (
	"bytes"
	"image/png"
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/palette"
)

func TestDownsampleKeepsEnvelope(t *testing.T) {
	n := 10000
	s := Series{Label: "x"}
	for i := 0; i < n; i++ {
		v := math.Sin(float64(i) / 50)
		s.X = append(s.X, float64(i))
		s.Mean = append(s.Mean, v)
		s.Lo = append(s.Lo, v-1)
		s.Hi = append(s.Hi, v+1)
	}
	s.Hi[5000] = 99 // a one-day excursion must survive
	d := Downsample(s, 500)
	if len(d.X) != 500 || len(d.Lo) != 500 {
		t.Fatalf("downsampled to %d points", len(d.X))
	}
	max := math.Inf(-1)
	for _, h := range d.Hi {
		max = math.Max(max, h)
	}
	if max != 99 {
		t.Errorf("the excursion to 99 was lost: max %v", max)
	}
	if d.X[0] < 0 || d.X[len(d.X)-1] > float64(n-1) {
		t.Errorf("x out of range: %v … %v", d.X[0], d.X[len(d.X)-1])
	}
	short := Series{X: []float64{1, 2}, Mean: []float64{1, 2}, Lo: []float64{0, 1}, Hi: []float64{2, 3}}
	if got := Downsample(short, 500); len(got.X) != 2 {
		t.Errorf("a short series was changed")
	}
}

// TestNiceTicks: on any range, 3 to 9 labelled ticks on multiples of a
// step of 1, 2, 2.5 or 5 × 10^k, inside the range, labels without
// exponents. 0–2,500 is ticked every 500 (the chart of issue: only 0.00
// and 2500.00).
func TestNiceTicks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		lo := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(12)-4))
		span := math.Pow(10, rng.Float64()*10-4)
		hi := lo + span
		ts := NiceTicks{}.Ticks(lo, hi)
		var vals []float64
		for _, tk := range ts {
			if tk.Value < lo-span*1e-9 || tk.Value > hi+span*1e-9 {
				t.Fatalf("[%g, %g]: tick %g outside", lo, hi, tk.Value)
			}
			if tk.Label != "" {
				vals = append(vals, tk.Value)
				if strings.ContainsAny(tk.Label, "eE") {
					t.Fatalf("[%g, %g]: label %q has an exponent", lo, hi, tk.Label)
				}
			}
		}
		if len(vals) < 3 || len(vals) > 9 {
			t.Fatalf("[%g, %g]: %d labelled ticks %v", lo, hi, len(vals), vals)
		}
		step := vals[1] - vals[0]
		m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9))
		ok := false
		for _, want := range []float64{1, 2, 2.5, 5, 10} {
			ok = ok || math.Abs(m-want) < 1e-3
		}
		if !ok {
			t.Fatalf("[%g, %g]: step %g is not 1, 2, 2.5 or 5 × 10^k", lo, hi, step)
		}
	}
	var got []string
	for _, tk := range (NiceTicks{}).Ticks(0, 2600) {
		if tk.Label != "" {
			got = append(got, tk.Label)
		}
	}
	if strings.Join(got, " ") != "0 500 1,000 1,500 2,000 2,500" {
		t.Errorf("0–2,600: %v", got)
	}
}

func TestFormatTick(t *testing.T) {
	for _, tc := range []struct {
		x, step float64
		want    string
	}{
		{2500, 500, "2,500"}, {0, 1, "0"}, {0.25, 0.25, "0.25"}, {0.5, 0.1, "0.5"}, {1234567, 100000, "1,234,567"},
		{-1500, 500, "-1,500"}, {0.001, 0.001, "0.001"}, {12, 2, "12"},
	} {
		if got := FormatTick(tc.x, tc.step); got != tc.want {
			t.Errorf("FormatTick(%g, %g) = %q, want %q", tc.x, tc.step, got, tc.want)
		}
	}
}

// TestDateTicks: every tick of a date axis is at midnight UTC (a day
// boundary, where the daily points are), labelled "1 Jul" with the year
// on the first, and a fortnight is ticked every day.
func TestDateTicks(t *testing.T) {
	day := func(s string) float64 {
		d, _ := time.Parse("2006-01-02", s)
		return float64(d.Unix())
	}
	for _, span := range []int{1, 7, 14, 30, 60, 153, 365, 730} {
		lo := day("2015-07-01") - 43200
		hi := day("2015-07-01") + float64(span-1)*86400 + 43200
		ts := DateTicks{}.Ticks(lo, hi)
		n := 0
		for _, tk := range ts {
			if math.Mod(tk.Value, 86400) != 0 {
				t.Fatalf("%d days: tick at %v is not on a day boundary", span, time.Unix(int64(tk.Value), 0).UTC())
			}
			if tk.Label != "" {
				n++
			}
		}
		if n < 1 || n > 9 {
			t.Errorf("%d days: %d labels", span, n)
		}
	}
	ts := DateTicks{}.Ticks(day("2015-07-01")-43200, day("2015-07-07")+43200)
	var labels []string
	for _, tk := range ts {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if strings.Join(labels, "|") != "1 Jul\n2015|2 Jul|3 Jul|4 Jul|5 Jul|6 Jul|7 Jul" {
		t.Errorf("a week: %q", labels)
	}
}

func TestBarScale(t *testing.T) {
	for _, tc := range []struct {
		means []float64
		want  string
	}{
		{[]float64{10, 14}, "linear"},
		{[]float64{0.056, 37}, "log"},
		{[]float64{0, 37}, "linear"},
		{[]float64{0, 0.056, 37}, "split"},
		{[]float64{-2, 90}, "split"},
		{[]float64{5}, "linear"},
	} {
		var bars []Bar
		for _, m := range tc.means {
			bars = append(bars, Bar{Mean: m, Lo: m, Hi: m})
		}
		if got := BarScale(bars); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.means, got, tc.want)
		}
	}
	if ForestScale([]float64{35, 38000}) != "symlog" || ForestScale([]float64{0.2, 5, 30, 60}) != "linear" || ForestScale([]float64{0.01, 250}) != "symlog" {
		t.Error("ForestScale")
	}
}

// svgText returns the text elements of an SVG, in order.
func svgText(t *testing.T, f *Figure) string {
	t.Helper()
	b, err := Render(f, "svg")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, "\n")
}

func mustPNG(t *testing.T, name string, f *Figure) {
	t.Helper()
	b, err := Render(f, "png")
	if err != nil {
		t.Fatalf("%s png: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", name, err)
	}
	if w := img.Bounds().Dx(); w != int(Width.Dots(96)) {
		t.Errorf("%s: PNG %d px wide", name, w)
	}
}

func contains(t *testing.T, kind, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no text %q in\n%s", kind, w, text)
		}
	}
}

func TestBarsStructure(t *testing.T) {
	lin, err := Bars(BarsSpec{Title: "Detections", Note: "mean of 3 replications", YLabel: "People", Bars: []Bar{{"a", 1000, 800, 1200}, {"b", 1400, 1300, 1500}}})
	if err != nil {
		t.Fatal(err)
	}
	if lin.Scale != "linear" || len(lin.Panels) != 1 {
		t.Errorf("linear bars: %s, %d panels", lin.Scale, len(lin.Panels))
	}
	contains(t, "bars", svgText(t, lin), "Detections", "mean of 3 replications", "People", "a", "b", "1,000", "1400.0")
	mustPNG(t, "bars", lin)

	// 0.056 beside 37: a log axis, both bars and labels visible.
	lg, err := Bars(BarsSpec{Title: "Dose", Note: "n", YLabel: "µSv", Bars: []Bar{{"base", 0.056, 0.01, 0.1}, {"xray", 37, 30, 44}}})
	if err != nil {
		t.Fatal(err)
	}
	if lg.Scale != "log" || lg.Panels[0].Y.Min <= 0 || lg.Panels[0].Y.Min > 0.01 {
		t.Errorf("log bars: %s, y from %g", lg.Scale, lg.Panels[0].Y.Min)
	}
	contains(t, "log bars", svgText(t, lg), "log scale", "µSv", "0.056", "37.00", "0.01", "1", "10")
	mustPNG(t, "log bars", lg)

	// With a zero among them: a panel each.
	sp, err := Bars(BarsSpec{Title: "Dose", Note: "n", YLabel: "µSv", Bars: []Bar{{"none", 0, 0, 0}, {"base", 0.056, 0.01, 0.1}, {"xray", 37, 30, 44}}})
	if err != nil {
		t.Fatal(err)
	}
	if sp.Scale != "split" || len(sp.Panels) != 3 {
		t.Errorf("split bars: %s, %d panels", sp.Scale, len(sp.Panels))
	}
	contains(t, "split bars", svgText(t, sp), "each bar on its own scale", "none", "base", "xray")
	mustPNG(t, "split bars", sp)
}

func TestBandsStructure(t *testing.T) {
	xs, _ := DateX([]string{"2015-07-01", "2015-07-02", "2015-07-03", "2015-07-04"})
	f, err := Bands(BandsSpec{Title: "Queue", Note: "line: mean", XLabel: "Date", YLabel: "Lorries", Dates: true,
		Series: []Series{{Label: "a", X: xs, Mean: []float64{100, 2000, 3000, 2500}, Lo: []float64{0, 1500, 2500, 2000}, Hi: []float64{200, 2500, 3500, 3000}}}})
	if err != nil {
		t.Fatal(err)
	}
	text := svgText(t, f)
	contains(t, "bands", text, "Queue", "line: mean", "Date", "Lorries", "1 Jul", "2015", "2 Jul", "3 Jul", "4 Jul", "1,000", "3,000")
	mustPNG(t, "bands", f)
	if _, err := Bands(BandsSpec{Series: []Series{{X: []float64{1, 2}, Mean: []float64{1}}}}); err == nil {
		t.Error("a series with fewer means than x was drawn")
	}
	cat, err := Bands(BandsSpec{Title: "c", Categories: []string{"false", "true"},
		Series: []Series{{X: []float64{0, 1}, Mean: []float64{1, 2}, Lo: []float64{0, 1}, Hi: []float64{2, 3}}}})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "categories", svgText(t, cat), "false", "true")
}

// TestHeatmapStructure: a colour scale with its label and ticks, and
// each cell's value and number of runs.
func TestHeatmapStructure(t *testing.T) {
	f, err := Heatmap(HeatmapSpec{Title: "Mean", Note: "n", XLabel: "Search share", YLabel: "X-ray for people", ZLabel: "People detected (people)",
		XTicks: []string{"0.1", "0.5"}, YTicks: []string{"false", "true"},
		Z: [][]float64{{1000, 2000}, {3000, math.NaN()}}, N: [][]int{{4, 4}, {3, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 {
		t.Fatalf("%d panels, want the heatmap and its colour scale", len(f.Panels))
	}
	text := svgText(t, f)
	contains(t, "heatmap", text, "People detected (people)", "n = 4", "n = 3", "n = 0", "1000.0", "–", "Search share", "X-ray for people", "2,000")
	mustPNG(t, "heatmap", f)
	if _, err := Heatmap(HeatmapSpec{}); err == nil {
		t.Error("an empty heatmap rendered")
	}
	if _, err := Heatmap(HeatmapSpec{XTicks: []string{"a"}, YTicks: []string{"b"}, Z: [][]float64{{1, 2}}}); err == nil {
		t.Error("a heatmap with too few labels rendered")
	}
}

// TestForestStructure: one row per output, the absolute difference with
// its interval and unit beside it, a symmetric log axis when one change
// is hundreds of times the others.
func TestForestStructure(t *testing.T) {
	rows := []ForestRow{
		{Output: "People detected", Unit: "people", Base: 100, Diff: 15, Lo: -5, Hi: 35},
		{Output: "Dose", Unit: "µSv", Base: 0.025, Diff: 9.6, Lo: 1.2, Hi: 18},
		{Output: "Queue", Unit: "lorries", Base: 0, Diff: 1, Lo: 0.5, Hi: 1.5},
	}
	f, err := Forest(ForestSpec{Title: "B compared with A", Note: "paired", Groups: []string{"B"}, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != "forest" || f.Scale != "symlog" {
		t.Errorf("forest: %s %s", f.Kind, f.Scale)
	}
	text := svgText(t, f)
	contains(t, "forest", text, "B compared with A", "People detected", "Dose", "Queue", "+15.00 [-5.00, 35.00] people",
		"+9.60 [1.20, 18.00] µSv", "(reference 0)", "0", "+10,000 %")
	if n := strings.Count(text, "People detected"); n != 1 {
		t.Errorf("the output appears %d times", n)
	}
	mustPNG(t, "forest", f)
	lin, err := Forest(ForestSpec{Title: "t", Groups: []string{"B", "C"}, Rows: []ForestRow{
		{Output: "x", Unit: "u", Base: 10, Diff: 1, Lo: 0.5, Hi: 1.5, Group: 0},
		{Output: "x", Unit: "u", Base: 10, Diff: -2, Lo: -3, Hi: -1, Group: 1},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if lin.Scale != "linear" {
		t.Errorf("small changes on a %s axis", lin.Scale)
	}
	contains(t, "forest of two", svgText(t, lin), "B", "C", "+10 %", "-20 %")
	if _, err := Forest(ForestSpec{}); err == nil {
		t.Error("an empty forest plot rendered")
	}
}

func TestSave(t *testing.T) {
	f, err := Bars(BarsSpec{Title: "t", Bars: []Bar{{"a", 1, 0, 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(f, t.TempDir()+"/x.pdf"); err == nil {
		t.Error("Save accepted a .pdf")
	}
	if err := Save(f, t.TempDir()+"/x.svg"); err != nil {
		t.Error(err)
	}
}

func TestWrapLabel(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"people detected (people)", 70, "people detected (people)"},
		{"share of the lorries not referred by screening", 20, "share of the lorries\nnot referred by\nscreening"},
		{"a verylongwordindeed b", 5, "a\nverylongwordindeed\nb"},
		{"", 10, ""},
	} {
		if got := wrapLabel(tc.in, tc.width); got != tc.want {
			t.Errorf("wrapLabel(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// TestSymLogTicksApart: labelled symmetric-log ticks are at least a
// quarter of the axis apart, whatever the range (the forest plot's
// "+10,000 %" and "+1,000,000 %" once ran into each other).
func TestSymLogTicksApart(t *testing.T) {
	sl := SymLog{Linear: 1}
	for _, r := range [][2]float64{{-100, 1e6}, {-1e4, 1e4}, {-5, 3e8}, {0, 1e3}, {-120, 40}, {-1e7, -5}} {
		var at []float64
		for _, tk := range (SymLogTicks{Linear: 1, Format: pctLabel}).Ticks(r[0], r[1]) {
			if tk.Label != "" {
				at = append(at, sl.f(tk.Value))
			}
		}
		sort.Float64s(at)
		span := sl.f(r[1]) - sl.f(r[0])
		for i := 1; i < len(at); i++ {
			if at[i]-at[i-1] < span/4-1e-9 {
				t.Errorf("range %v: labels %.2f and %.2f decades apart of %.2f", r, at[i-1], at[i], span)
			}
		}
		if len(at) < 2 && r[0] < 0 && r[1] > 0 {
			t.Errorf("range %v: %d labels", r, len(at))
		}
	}
}

// TestHeatPalette: one-signed values get a sequential map, darkest at the
// largest magnitude; values of both signs a diverging map centred on 0.
func TestHeatPalette(t *testing.T) {
	lum := func(pal palette.ColorMap, v float64) float64 {
		c, err := pal.At(v)
		if err != nil {
			t.Fatal(err)
		}
		r, g, b, _ := c.RGBA()
		return 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
	}
	pos, err := heatPalette(79, 84)
	if err != nil {
		t.Fatal(err)
	}
	if !(lum(pos, 79) > lum(pos, 81.5) && lum(pos, 81.5) > lum(pos, 84)) {
		t.Error("positive values: the colours do not darken as the values grow")
	}
	neg, _ := heatPalette(-84, -79)
	if !(lum(neg, -84) < lum(neg, -79)) {
		t.Error("negative values: the largest magnitude is not the darkest")
	}
	div, _ := heatPalette(-2, 10)
	if div.Min() != -10 || div.Max() != 10 {
		t.Errorf("values of both signs: scale %g…%g, expected -10…10", div.Min(), div.Max())
	}
}

// TestSVGCarriesItsFonts: every font family an SVG's text asks for has
// an @font-face in the SVG, with a subset far smaller than the font.
func TestSVGCarriesItsFonts(t *testing.T) {
	f, err := Bars(BarsSpec{Title: "Title", Note: "note", YLabel: "People", Bars: []Bar{{Label: "a", Mean: 1, Lo: 0.5, Hi: 1.5}, {Label: "b", Mean: 2, Lo: 1, Hi: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(f, "svg")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, `@font-face{font-family:"Liberation Serif";font-weight:normal`) {
		t.Errorf("no @font-face for Liberation Serif:\n%.600s", s)
	}
	if len(b) > 150_000 {
		t.Errorf("the SVG takes %d bytes: the font is not subset", len(b))
	}
}
