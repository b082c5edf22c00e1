package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report"
)

func init() { register(newCompareCmd) }

// compareOptions are compare's parsed command line.
type compareOptions struct {
	Scenarios []string // two or more: files or embedded names
	Reps      int
	Days      int
	DaysSet   bool // --days was given
	Out       string
	Workers   int
	All       bool
	Format    string // table, json or csv
	// Posterior is a parameter sample (posterior.csv of calibrate) under
	// whose Draws draws, DrawReps replications each, every scenario also
	// runs; Negligible is the relative change counted as none.
	Posterior  string
	Draws      int
	DrawReps   int
	Negligible float64
}

func newCompareCmd() *cobra.Command {
	var o compareOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "compare A B [C ...]",
		Short: "compare scenarios under common random numbers, with confidence intervals",
		Long: "Runs each scenario (a TOML file or an embedded scenario's name) --reps times with\n" +
			"the same seeds 1…N in every scenario (common random numbers), and prints for each\n" +
			"numeric summary metric the mean with its 95 % confidence interval (Student t) and\n" +
			"the paired difference from the first scenario with its 95 % interval and relative\n" +
			"change. With --out DIR it first writes comparison.csv, columns.json, report.md,\n" +
			"report.html and charts (PNG and SVG): a forest plot of the paired differences,\n" +
			"key metrics as bars with error bars, daily series as bands.\n\n" +
			"--format json prints every metric as JSON, --format csv as comparison.csv.",
		Example:           "  channelsim compare baseline-2015 xray-for-people --reps 10 --days 14 --out cmp\n  channelsim compare baseline-2015 high-intensity --reps 5 --days 7 --format json",
		ValidArgsFunction: completeScenario,
		RunE: func(c *cobra.Command, args []string) error {
			o.Scenarios = args
			o.DaysSet = c.Flags().Changed("days")
			if asJSON {
				o.Format = "json"
			}
			return status(runCompare(o))
		},
	}
	f := c.Flags()
	f.IntVar(&o.Reps, "reps", 10, "replications of each scenario (2–1000)")
	f.IntVar(&o.Days, "days", 0, "horizon in days (default: the first scenario's)")
	f.StringVar(&o.Out, "out", "", "directory for comparison.csv, report.md, report.html and charts")
	f.IntVar(&o.Workers, "workers", 0, "runs in parallel, 0–1024 (default 0: one per CPU)")
	f.BoolVar(&o.All, "all", false, "print every metric, also those equal in every run")
	f.StringVar(&o.Posterior, "posterior", "", "a parameter sample (posterior.csv of channelsim calibrate, for the first scenario): also run every scenario under draws from it")
	f.IntVar(&o.Draws, "draws", 20, "with --posterior: draws of the sample, 2–1000 (systematic resampling by weight)")
	f.IntVar(&o.DrawReps, "draw-reps", 2, "with --posterior: replications of each draw (1–100)")
	f.Float64Var(&o.Negligible, "negligible", 0.05, "with --posterior: a relative change within ± this is negligible (0–1)")
	addFormatFlag(c, &o.Format, &asJSON)
	c.MarkFlagDirname("out")
	return c
}

// runCompare runs the comparison, writes its files, then prints it.
func runCompare(o compareOptions) int {
	if len(o.Scenarios) < 2 {
		return usageError("compare", "expected at least two scenarios, got %d", len(o.Scenarios))
	}
	if o.Reps < 2 {
		return usageError("compare", "--reps: expected at least 2 (an interval needs two replications), got %d", o.Reps)
	}
	if code := checkInts("compare", intCheck{"reps", o.Reps, 2, maxReps}, intCheck{"workers", o.Workers, 0, maxWorkers},
		intCheck{"draws", o.Draws, 2, maxDraws}, intCheck{"draw-reps", o.DrawReps, 1, maxDrawReps}); code != exitOK {
		return code
	}
	if code := checkShare("compare", "negligible", o.Negligible, 0, 1, false); code != exitOK {
		return code
	}
	if o.DaysSet {
		if code := checkDays("compare", o.Days); code != exitOK {
			return code
		}
	}
	if code := checkFormat("compare", o.Format); code != exitOK {
		return code
	}
	if o.Draws < 2 || o.DrawReps < 1 || o.Negligible < 0 {
		return usageError("compare", "--draws ≥ 2, --draw-reps ≥ 1 and --negligible ≥ 0 expected")
	}
	var out *safefile.OutDir
	if o.Out != "" {
		var err error
		if out, err = safefile.OpenOutDir(o.Out, "compare", safefile.OutDirOptions{}); err != nil {
			return failed("compare", err)
		}
		defer out.Close()
	}
	scs, labels, err := experiment.LoadLabelled(o.Scenarios)
	if err != nil {
		return reportLoadError(err)
	}
	var post *analysis.Posterior
	if o.Posterior != "" {
		p, err := analysis.ReadPosterior(o.Posterior, scs[0])
		if err != nil {
			return reportLoadError(err)
		}
		post = p
	}
	series := report.ComparisonSeries
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress("compare", true)
	start := time.Now()
	c, err := experiment.Compare(ctx, scs, labels, o.Reps, o.Days, o.Workers, series, bar.Runs)
	bar.Done()
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim compare: %v\n", err)
		return exitInternal
	}
	var u *report.Uncertainty
	if post != nil {
		bar := newProgress("draws", true)
		d, err := analysis.RunDraws(ctx, scs, labels, post, o.Draws, o.DrawReps, c.Days, o.Workers, bar.Runs)
		bar.Done()
		if err != nil {
			return failed("compare", err)
		}
		u = &report.Uncertainty{Draws: d, Negligible: o.Negligible}
	}
	wall := time.Since(start)
	// Files first: a reader of the table who closes the pipe early
	// (| head) must not lose them.
	if o.Out != "" {
		if err := writeComparison(out, c, wall, u); err != nil {
			return failed("compare", fmt.Errorf("writing %s: %w", o.Out, err))
		}
		fmt.Fprintf(os.Stderr, "channelsim compare: wrote %s/report.html, report.md, comparison.csv, columns.json and charts\n", o.Out)
	}
	switch o.Format {
	case "json":
		b, err := report.ComparisonJSON(c, version())
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim compare: %v\n", err)
			return exitInternal
		}
		stdout.Write(b)
	case "csv":
		stdout.Write(report.ComparisonCSV(c))
	default:
		report.PrintComparison(stdout, c, o.All)
		fmt.Fprintf(stdout, "\n%s of %s per scenario, seeds 1–%d in each (common random numbers); 95 %% intervals are Student t; Δ is paired. %s.\n",
			plural(c.Reps, "replication"), plural(c.Days, "day"), c.Reps, wall.Round(time.Millisecond))
		if u != nil {
			u.Print(stdout, c)
		}
	}
	return exitOK
}

// compareMarker is the file that marks a directory as compare's output
// (one that a new compare --out may replace).
const compareMarker = "comparison.csv"

// writeComparison writes comparison.csv, columns.json, the charts,
// report.md and report.html into dir as one unit (safefile.Stage).
func writeComparison(out *safefile.OutDir, c *experiment.Comparison, wall time.Duration, u *report.Uncertainty) error {
	af, err := out.Stage(compareMarker)
	if err != nil {
		return err
	}
	defer af.Abort()
	if err := af.Write("comparison.csv", report.ComparisonCSV(c)); err != nil {
		return err
	}
	cols, err := report.ColumnsJSON(map[string][]string{"comparison.csv": report.ComparisonColumns})
	if err != nil {
		return err
	}
	if err := af.Write("columns.json", cols); err != nil {
		return err
	}
	if err := (report.Comparison{Comparison: c, Wall: wall, Version: version(), Uncertainty: u}).Write(af); err != nil {
		return err
	}
	return af.Commit()
}
