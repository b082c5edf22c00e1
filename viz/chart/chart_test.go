package chart

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
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

func TestChartsRender(t *testing.T) {
	bars, err := Bars("Detections", "mean of 3 replications", "people", []Bar{{"a", 10, 8, 12}, {"b", 14, 13, 15}})
	if err != nil {
		t.Fatal(err)
	}
	xs, _ := DateX([]string{"2015-07-01", "2015-07-02", "2015-07-03"})
	bands, err := Bands("Queue", "", "date", "lorries", []Series{{Label: "a", X: xs, Mean: []float64{1, 2, 3}, Lo: []float64{0, 1, 2}, Hi: []float64{2, 3, 4}}}, true)
	if err != nil {
		t.Fatal(err)
	}
	heat, err := Heatmap("Mean", "", "x", "y", []string{"0.1", "0.5"}, []string{"false", "true"}, [][]float64{{1, 2}, {3, math.NaN()}})
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*plot.Plot{"bars": bars, "bands": bands, "heat": heat} {
		b, err := Render(p, "png")
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
		s, err := Render(p, "svg")
		if err != nil || !strings.Contains(string(s), "<svg") {
			t.Fatalf("%s svg: %v", name, err)
		}
	}
	if s, _ := Render(bars, "svg"); !strings.Contains(string(s), "Detections") {
		t.Error("the bar chart's SVG lacks its title")
	}
	if _, err := Heatmap("", "", "", "", nil, nil, nil); err == nil {
		t.Error("an empty heatmap rendered")
	}
	if err := Save(bars, t.TempDir()+"/x.pdf"); err == nil {
		t.Error("Save accepted a .pdf")
	}
}
