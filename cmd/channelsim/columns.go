package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"channelsim/report"
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
	tables, order, err := report.ColumnTables(o.File)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim columns: %v\n", err)
		return exitUsage
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
		report.WriteColumnTables(stdout, tables, order)
	}
	return exitOK
}
