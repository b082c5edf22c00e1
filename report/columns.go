package report

import (
	"encoding/json"
	"strings"

	"channelsim/agents"
	"channelsim/scenarios"
	"channelsim/sim"
)

// Column describes one column of an output CSV (or one summary metric):
// its unit and meaning, for columns.json and 'channelsim columns'.
type Column struct {
	Name        string `json:"name"`
	Unit        string `json:"unit"`
	Description string `json:"description"`
}

// doc is a column's unit and meaning.
type doc struct{ unit, doc string }

// runIDColumns describes the identity columns of runs.csv.
var runIDColumns = map[string]doc{
	"run":           {"", "run index: the row's place in the sweep's run order (docs/sweeps.md)"},
	"point":         {"", "index of the parameter point"},
	"replication":   {"", "replication of the point, from 0"},
	"seed":          {"text", "seed of the run's random streams, written as text: 0x and 16 hexadecimal digits (a seed up to 2⁶³ read as a number loses digits in spreadsheets, R and pandas); channelsim run --seed takes it as written"},
	"other_metrics": {"", "while a sweep runs: key=value pairs of metrics the first run lacked; the finished runs.csv has a column for each instead"},
}

// comparisonDocs describes the columns of comparison.csv.
var comparisonDocs = map[string]doc{
	"metric":             {"", "the summary metric (see channelsim columns for its unit)"},
	"scenario":           {"", "the scenario's name"},
	"n":                  {"runs", "replications"},
	"mean":               {"the metric's unit", "mean over the replications"},
	"ci95_lo":            {"the metric's unit", "lower bound of the 95 % Student-t interval of the mean"},
	"ci95_hi":            {"the metric's unit", "upper bound of the 95 % Student-t interval of the mean"},
	"sd":                 {"the metric's unit", "standard deviation over the replications"},
	"diff_mean":          {"the metric's unit", "mean paired difference from the first scenario (empty for the first)"},
	"diff_ci95_lo":       {"the metric's unit", "lower bound of the 95 % interval of the paired difference"},
	"diff_ci95_hi":       {"the metric's unit", "upper bound of the 95 % interval of the paired difference"},
	"relative_change":    {"fraction", "diff_mean / the first scenario's mean (empty when that is 0)"},
	"diff_excludes_zero": {"", "true when the interval of the difference excludes 0"},
}

// Summary returns the description of a summary key (sim.SummaryMetric),
// with its Title always set: the table's, else the meaning capitalised,
// else the key.
func Summary(key string) agents.Metric { return titled(key)(sim.SummaryMetric(key)) }

// Daily is Summary for a daily column.
func Daily(col string) agents.Metric { return titled(col)(sim.DailyMetric(col)) }

// titled completes a looked-up description of key: a unit guessed from
// the key's suffix when the tables have none, and a title.
func titled(key string) func(agents.Metric, bool) agents.Metric {
	return func(m agents.Metric, ok bool) agents.Metric {
		if !ok {
			m = agents.Metric{Key: key, Unit: unitFromSuffix(key)}
		}
		m.Title = m.Heading()
		return m
	}
}

// DescribeColumn returns the unit and meaning of a column of runs.csv or a
// summary metric: a run column, a scenario key (from its tags), a summary
// metric, or a map metric's entry ("detections_by_method.xray").
func DescribeColumn(name string) Column {
	if d, ok := runIDColumns[name]; ok {
		return Column{name, d.unit, d.doc}
	}
	if m, ok := sim.SummaryMetric(name); ok {
		return Column{name, m.Unit, m.Meaning}
	}
	if k, ok := scenarios.KeyOf(name); ok {
		return Column{name, k.Unit, "scenario key: " + k.Doc}
	}
	if parent, sub, ok := strings.Cut(name, "."); ok {
		if m, ok := sim.SummaryMetric(parent); ok {
			return Column{name, m.Unit, m.Meaning + ": " + sub + " (0: none counted)"}
		}
	}
	return Column{name, unitFromSuffix(name), ""}
}

// DescribeDaily returns the unit and meaning of a daily.csv column.
func DescribeDaily(name string) Column {
	if m, ok := sim.DailyMetric(name); ok {
		return Column{name, m.Unit, m.Meaning}
	}
	return Column{name, unitFromSuffix(name), ""}
}

// unitFromSuffix guesses a unit from the naming convention of the keys.
func unitFromSuffix(name string) string {
	for _, s := range []struct{ suffix, unit string }{
		{"_min", "minutes"}, {"_gbp", "GBP"}, {"_usv", "µSv"}, {"_ppm", "ppm"}, {"_days", "days"},
		{"_lorries", "lorries"}, {"_share", "share"}, {"_rate", "share"},
	} {
		if strings.HasSuffix(name, s.suffix) || strings.Contains(name, s.suffix+"_") {
			return s.unit
		}
	}
	return ""
}

// AxisLabel is a chart axis label for a column: its meaning (or name)
// and unit, such as "people detected at the juxtaposed controls (people)".
func AxisLabel(name string) string {
	c := DescribeColumn(name)
	label := name
	if c.Description != "" {
		label = strings.TrimPrefix(c.Description, "scenario key: ")
	}
	if c.Unit != "" && c.Unit != "the metric's unit" {
		label += " (" + c.Unit + ")"
	}
	return label
}

// ShortAxisLabel is AxisLabel, or the column's name and unit when that
// is longer than max characters (two lines of a rotated label).
func ShortAxisLabel(name string, max int) string {
	if l := AxisLabel(name); len([]rune(l)) <= max {
		return l
	}
	if u := DescribeColumn(name).Unit; u != "" && u != "the metric's unit" {
		return name + " (" + u + ")"
	}
	return name
}

// MetricTitle is a column's meaning for a title, capitalised, or its
// name.
func MetricTitle(name string) string {
	c := DescribeColumn(name)
	if c.Description == "" {
		return name
	}
	return UpperFirst(strings.TrimPrefix(c.Description, "scenario key: "))
}

// ColumnsFor describes the columns of a CSV file from its header: runs.csv,
// daily.csv or comparison.csv.
func ColumnsFor(kind string, header []string) []Column {
	out := make([]Column, 0, len(header))
	for _, h := range header {
		switch kind {
		case "daily.csv":
			out = append(out, DescribeDaily(h))
		case "comparison.csv":
			d := comparisonDocs[h]
			out = append(out, Column{h, d.unit, d.doc})
		default:
			out = append(out, DescribeColumn(h))
		}
	}
	return out
}

// ColumnsJSON is columns.json: for each CSV file of a directory, its
// columns with unit and meaning, in the file's order.
func ColumnsJSON(files map[string][]string) ([]byte, error) {
	doc := map[string][]Column{}
	for name, header := range files {
		doc[name] = ColumnsFor(name, header)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
