package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestHostileNamesEscaped: a scenario name (or any other text a user
// controls) that looks like markup reaches every HTML report as text.
func TestHostileNamesEscaped(t *testing.T) {
	const hostile = `<script>alert("x")</script>&<img src=x onerror=alert(1)>`
	fig := Figure{Name: "f", Title: hostile, URI: svgURI([]byte("<svg/>")), Width: 10, Height: 10}
	pages := []struct {
		name string
		data any
	}{
		{"compare.html", comparisonPage{Title: hostile, Intro: hostile, Base: hostile, Version: hostile, Others: []string{hostile},
			Sources: []sourceRow{{hostile, hostile, hostile}}, Figures: []Figure{fig},
			Rows:        []metricRow{{Metric: hostile, Base: hostile, Diffs: []diffCell{{hostile, hostile, hostile, true}}}},
			Uncertainty: &uncertaintyHTML{Note: hostile, Rows: []uncertaintyHTMLRow{{hostile, hostile, hostile, hostile, hostile}}}}},
		{"sensitivity.html", struct {
			Sensitivity
			Figures []Figure
		}{Sensitivity{Base: hostile, Version: hostile}, []Figure{fig}}},
		{"calibration.html", struct {
			Name, Version string
			Pairs         Figure
		}{hostile, hostile, fig}},
	}
	for i, p := range pages {
		var b bytes.Buffer
		if err := templates.ExecuteTemplate(&b, p.name, p.data); err != nil {
			t.Fatalf("case %d (%s): %v", i, p.name, err)
		}
		out := b.String()
		if strings.Contains(out, "<script>") || strings.Contains(out, "<img src=x") {
			t.Errorf("case %d (%s): the name reached the page as markup:\n%s", i, p.name, out)
		}
		if !strings.Contains(out, "&lt;script&gt;") {
			t.Errorf("case %d (%s): the name is not on the page, escaped", i, p.name)
		}
		if !strings.Contains(out, `src="data:image/svg`) || strings.Contains(out, "ZgotmplZ") {
			t.Errorf("case %d (%s): the chart's data URI was filtered", i, p.name)
		}
	}
}
