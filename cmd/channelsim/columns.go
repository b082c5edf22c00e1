package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"channelsim/agents"
	"channelsim/experiment"
	"channelsim/report"
	"channelsim/scenarios"
	"channelsim/sim"
)

// columnsOptions are the columns command's parsed command line.
type columnsOptions struct {
	File   string // a CSV file, or "" for every metric
	Format string
}

func init() { register(newColumnsCmd) }

func newColumnsCmd() *cobra.Command {
	var o columnsOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "columns [FILE.csv]",
		Short: "the data dictionary: each output column's unit and meaning",
		Long: "Prints each column of an output CSV file (runs.csv, daily.csv or comparison.csv)\n" +
			"with its unit and meaning; without a file, every summary metric (the columns of\n" +
			"runs.csv and the keys of summary.json) and every daily.csv column. Each output\n" +
			"directory also holds the same as columns.json.",
		Example: "  channelsim columns sb/runs.csv\n  channelsim columns --format csv > dictionary.csv",
		Args:    maxArgs(1, "file"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"csv"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.File = args[0]
			}
			if asJSON {
				o.Format = "json"
			}
			return status(runColumnsCmd(o))
		},
	}
	addFormatFlag(c, &o.Format, &asJSON)
	return c
}

func runColumnsCmd(o columnsOptions) int {
	if code := checkFormat("columns", o.Format); code != exitOK {
		return code
	}
	tables := map[string][]report.Column{}
	var order []string
	if o.File != "" {
		header, err := experiment.ReadHeader(o.File)
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim columns: %v\n", err)
			return exitUsage
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
		tables[o.File] = report.ColumnsFor(kind, header)
		order = append(order, o.File)
	} else {
		var ms, ds []report.Column
		for _, k := range metricKeys(sim.SummaryMetrics()) {
			ms = append(ms, report.DescribeColumn(k))
		}
		// daily.csv's columns in their order: those of the baseline's model.
		if sc, err := scenarios.Load(scenarios.Default); err == nil {
			if m, err := sim.NewDefault(sc.Config); err == nil {
				for _, k := range m.DailyHeader() {
					ds = append(ds, report.DescribeDaily(k))
				}
			}
		}
		for _, k := range metricKeys(sim.DailyMetrics()) {
			if !strings.HasSuffix(k, "*") && !containsColumn(ds, k) {
				ds = append(ds, report.DescribeDaily(k))
			}
		}
		tables["summary metrics (summary.json, runs.csv)"] = ms
		tables["daily.csv"] = ds
		order = append(order, "summary metrics (summary.json, runs.csv)", "daily.csv")
	}
	switch o.Format {
	case "json":
		b, err := json.MarshalIndent(tables, "", "  ")
		if err != nil {
			return exitInternal
		}
		stdout.Write(append(b, '\n'))
	case "csv":
		rows := [][]string{{"table", "name", "unit", "description"}}
		for _, t := range order {
			for _, c := range tables[t] {
				rows = append(rows, []string{t, c.Name, c.Unit, c.Description})
			}
		}
		writeCSV(stdout, rows)
	default:
		w := bufio.NewWriter(stdout)
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
		w.Flush()
	}
	return exitOK
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

func containsColumn(cs []report.Column, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}
