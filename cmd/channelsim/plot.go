package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report"
	"channelsim/report/chart"
)

func init() { register(newPlotCmd) }

// plotOptions are plot's parsed command line.
type plotOptions struct {
	Runs    string // a sweep's runs.csv
	X, Y    string
	By      string
	Heatmap bool
	Bins    int
	Out     string
}

func newPlotCmd() *cobra.Command {
	var o plotOptions
	c := &cobra.Command{
		Use:   "plot RUNS.csv --x PARAM --y METRIC [--by PARAM] [--heatmap] --out FILE.png|FILE.svg",
		Short: "chart a metric of a sweep's runs.csv against a parameter",
		Long: "Charts METRIC against PARAM from a sweep's runs.csv: the mean over the runs at each\n" +
			"value with its 95 % confidence interval (Student t) as a band, one line for each\n" +
			"value of --by. With --heatmap (and --by), a heatmap of the mean over PARAM × BY\n" +
			"with a colour scale and each cell's number of runs. A parameter with more than 20\n" +
			"distinct values (a Latin hypercube) is binned into --bins equal intervals. Axes\n" +
			"are labelled with each key's meaning and unit; PNG or SVG by the extension of --out.",
		Example: "  channelsim plot sb/runs.csv --x controls.search_share --y detections_total \\\n" +
			"      --by controls.xray_for_people --out detections.png",
		Args: maxArgs(1, "runs.csv"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"csv"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageErr{cmd: c, msg: fmt.Sprintf("expected one runs.csv, got %d arguments", len(args))}
			}
			o.Runs = args[0]
			return status(runPlot(o))
		},
	}
	f := c.Flags()
	// -x and -y as well: cobra's completion takes a one-letter flag name
	// for a shorthand, and without one it could not complete --x and --y
	// ("Subcommand 'plot' does not support flag 'y'").
	f.StringVarP(&o.X, "x", "x", "", "parameter (a column of runs.csv) for the x axis")
	f.StringVarP(&o.Y, "y", "y", "", "metric (a column of runs.csv)")
	f.StringVar(&o.By, "by", "", "parameter whose values are separate lines (or the heatmap's rows)")
	f.BoolVar(&o.Heatmap, "heatmap", false, "draw a heatmap of the mean over --x × --by")
	f.IntVar(&o.Bins, "bins", 10, "bins for a parameter with more than 20 distinct values (2–200)")
	f.StringVar(&o.Out, "out", "", "output file, .png or .svg")
	for _, name := range []string{"x", "y", "by"} {
		c.RegisterFlagCompletionFunc(name, completeColumns)
	}
	return c
}

// completeColumns completes --x, --y and --by with the columns of the
// runs.csv given as the argument.
func completeColumns(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	h, err := experiment.ReadHeader(args[0])
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, col := range h {
		if strings.HasPrefix(col, toComplete) && col != experiment.OtherMetrics {
			out = append(out, col)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func runPlot(o plotOptions) int {
	switch {
	case o.X == "" || o.Y == "":
		return usageError("plot", "--x and --y are required")
	case o.Out == "":
		return usageError("plot", "--out FILE.png or FILE.svg is required")
	case o.Heatmap && o.By == "":
		return usageError("plot", "--heatmap needs --by (the second parameter)")
	}
	if code := checkInt("plot", "bins", o.Bins, 2, maxBins); code != exitOK {
		return code
	}
	if ext := strings.ToLower(filepath.Ext(o.Out)); ext != ".png" && ext != ".svg" {
		return usageError("plot", "--out: expected a .png or .svg file, got %q", o.Out)
	}
	if err := safefile.CheckOutFile(o.Out); err != nil {
		return failed("plot", err)
	}
	f, err := report.Plot{Runs: o.Runs, X: o.X, Y: o.Y, By: o.By, Bins: o.Bins, Heatmap: o.Heatmap}.Figure()
	var bad *report.InputError
	if errors.As(err, &bad) {
		fmt.Fprintf(os.Stderr, "channelsim plot: %v\n", err)
		return exitUsage
	}
	if err == nil {
		err = saveChart(f, o.Out)
	}
	if err != nil {
		return failed("plot", err)
	}
	fmt.Fprintf(os.Stderr, "channelsim plot: wrote %s\n", o.Out)
	return exitOK
}

// saveChart writes f to path as PNG or SVG by its extension, atomically:
// a chart already at path is replaced whole, or left as it was.
func saveChart(f *chart.Figure, path string) error {
	b, err := chart.Render(f, strings.ToLower(strings.TrimPrefix(filepath.Ext(path), ".")))
	if err != nil {
		return err
	}
	if err := safefile.WriteFile(path, b); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
