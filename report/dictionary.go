package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"channelsim/agents"
	"channelsim/experiment"
	"channelsim/scenarios"
	"channelsim/sim"
)

// ColumnTables are the tables of columns channelsim columns prints, by
// name, and their order: the columns of the CSV file named file (runs.csv,
// daily.csv or comparison.csv, told apart by their header), or, when file
// is "", every summary metric and every daily.csv column.
func ColumnTables(file string) (map[string][]Column, []string, error) {
	tables := map[string][]Column{}
	var order []string
	if file != "" {
		header, err := experiment.ReadHeader(file)
		if err != nil {
			return nil, nil, err
		}
		var kind string
		switch {
		case len(header) > 0 && header[0] == "date":
			kind = "daily.csv"
		case len(header) > 1 && header[0] == "metric" && header[1] == "scenario":
			kind = "comparison.csv"
		default:
			kind = "runs.csv"
		}
		tables[file] = ColumnsFor(kind, header)
		order = append(order, file)
	} else {
		var ms, ds []Column
		for _, k := range metricKeys(sim.SummaryMetrics()) {
			ms = append(ms, DescribeColumn(k))
		}
		// daily.csv's columns in their order: those of the baseline's model.
		if sc, err := scenarios.Load(scenarios.Default); err == nil {
			if m, err := sim.NewDefault(sc.Config); err == nil {
				for _, k := range m.DailyHeader() {
					ds = append(ds, DescribeDaily(k))
				}
			}
		}
		for _, k := range metricKeys(sim.DailyMetrics()) {
			if !strings.HasSuffix(k, "*") && !containsColumn(ds, k) {
				ds = append(ds, DescribeDaily(k))
			}
		}
		tables["summary metrics (summary.json, runs.csv)"] = ms
		tables["daily.csv"] = ds
		order = append(order, "summary metrics (summary.json, runs.csv)", "daily.csv")
	}
	return tables, order, nil
}

// WriteColumnTables writes the tables as text: each table's name, then a
// line a column with its unit and meaning.
func WriteColumnTables(out io.Writer, tables map[string][]Column, order []string) error {
	w := bufio.NewWriter(out)
	for i, t := range order {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", t)
		width := 0
		for _, c := range tables[t] {
			width = max(width, len(c.Name))
		}
		for _, c := range tables[t] {
			unit := c.Unit
			if unit == "" {
				unit = "–"
			}
			fmt.Fprintf(w, "  %-*s  %-20s  %s\n", width, c.Name, unit, c.Description)
		}
	}
	return w.Flush()
}

// metricKeys are the keys of a table of metrics, sorted.
func metricKeys(ms agents.Metrics) []string {
	ks := make([]string, len(ms))
	for i, m := range ms {
		ks[i] = m.Key
	}
	sort.Strings(ks)
	return ks
}

func containsColumn(cs []Column, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}
