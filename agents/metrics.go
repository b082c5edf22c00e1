package agents

import "strings"

// Metric describes one summary key or daily column of a submodel: its
// unit, what it counts, and the titles charts and the viewer give it.
// Each agent package declares its own beside the code that computes them
// (metrics.go); the command line's columns, compare and plot, the reports'
// charts and the viewer's HUD all read them from there.
type Metric struct {
	// Key is the summary key or the daily column. A key ending in "*"
	// stands for a family of columns, one per spot or place: Meaning's %s
	// is then the part that "*" matched.
	Key  string
	Unit string // "people", "minutes per lorry", "share of plans"; "" for a label
	// Title names the metric in a chart's title ("" : the meaning,
	// capitalised); Short in the HUD's lines.
	Title, Short string
	Meaning      string
}

// Metrics is a table of metrics.
type Metrics []Metric

// Find returns the metric of key: an exact key, or a family's whose
// prefix key has, with the matched part put into its meaning.
func (ms Metrics) Find(key string) (Metric, bool) {
	for _, m := range ms {
		if m.Key == key {
			return m, true
		}
	}
	for _, m := range ms {
		prefix, family := strings.CutSuffix(m.Key, "*")
		if rest, ok := strings.CutPrefix(key, prefix); family && ok && rest != "" {
			m.Key, m.Meaning = key, strings.Replace(m.Meaning, "%s", rest, 1)
			return m, true
		}
	}
	return Metric{}, false
}

// Heading is the metric's title for a chart: Title, or the meaning with
// its first letter capitalised.
func (m Metric) Heading() string {
	if m.Title != "" {
		return m.Title
	}
	if m.Meaning == "" {
		return m.Key
	}
	if c := m.Meaning[0]; c >= 'a' && c <= 'z' {
		return string(c-'a'+'A') + m.Meaning[1:]
	}
	return m.Meaning
}
