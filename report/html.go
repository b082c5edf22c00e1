package report

import (
	"bytes"
	"embed"
	"encoding/base64"
	"html/template"

	"channelsim/internal/safefile"
	"channelsim/report/chart"
)

// The HTML reports are self-contained (inline CSS, the charts as SVG data
// URIs), so that they work offline and can be mailed. Every value reaches
// them through html/template, which escapes it for where it stands: a
// scenario's name is text, never markup.
//
//go:embed templates/*.html
var templateFiles embed.FS

var templates = template.Must(template.New("").ParseFS(templateFiles, "templates/*.html"))

// Figure is a chart staged as Name.png and Name.svg, with its SVG as a
// data URI for an <img> in HTML.
type Figure struct {
	Name, Title   string
	URI           template.URL
	Width, Height int // CSS pixels
}

// Render stages f as name.png and name.svg in af and returns the figure.
func Render(af *safefile.Stage, f *chart.Figure, name, title string) (Figure, error) {
	png, err := chart.Render(f, "png")
	if err != nil {
		return Figure{}, err
	}
	if err := af.Write(name+".png", png); err != nil {
		return Figure{}, err
	}
	svg, err := chart.Render(f, "svg")
	if err != nil {
		return Figure{}, err
	}
	if err := af.Write(name+".svg", svg); err != nil {
		return Figure{}, err
	}
	return Figure{Name: name, Title: title, URI: svgURI(svg),
		Width: int(chart.Width.Dots(96)), Height: int(chart.Height.Dots(96))}, nil
}

// svgURI is an SVG as a data URI. The bytes are the program's own
// rendering, so the URL is trusted.
func svgURI(svg []byte) template.URL {
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg))
}

// writeHTML executes the template name with data and stages the page as
// report.html.
func writeHTML(af *safefile.Stage, name string, data any) error {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	return af.Write("report.html", b.Bytes())
}
