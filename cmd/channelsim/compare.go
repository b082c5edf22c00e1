package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report"
	"channelsim/scenarios"
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
	var scs []*scenarios.Scenario
	var labels []string
	for _, ref := range o.Scenarios {
		sc, err := scenarios.Load(ref)
		if err != nil {
			return reportLoadError(err)
		}
		scs = append(scs, sc)
		label := sc.Config.Name
		for _, l := range labels {
			if l == label {
				label = ref
			}
		}
		labels = append(labels, label)
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
	c, err := experiment.Compare(ctx, scs, labels, o.Reps, o.Days, o.Workers, series, func(d, t int) {
		bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d", d, t))
	})
	bar.Done()
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim compare: %v\n", err)
		return exitInternal
	}
	var u *report.Uncertainty
	if post != nil {
		bar := newProgress("draws", true)
		d, err := analysis.RunDraws(ctx, scs, labels, post, o.Draws, o.DrawReps, c.Days, o.Workers, func(d, t int) {
			bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d", d, t))
		})
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
		b, err := comparisonJSON(c)
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim compare: %v\n", err)
			return exitInternal
		}
		stdout.Write(b)
	case "csv":
		stdout.Write(report.ComparisonCSV(c))
	default:
		printComparison(stdout, c, o.All)
		fmt.Fprintf(stdout, "\n%s of %s per scenario, seeds 1–%d in each (common random numbers); 95 %% intervals are Student t; Δ is paired. %s.\n",
			plural(c.Reps, "replication"), plural(c.Days, "day"), c.Reps, wall.Round(time.Millisecond))
		if u != nil {
			u.Print(stdout, c)
		}
	}
	return exitOK
}

// comparisonJSON is the comparison as one JSON document: the scenarios,
// and for every metric each scenario's mean with its interval and the
// paired difference from the first.
func comparisonJSON(c *experiment.Comparison) ([]byte, error) {
	type diff struct {
		Mean         report.Number `json:"mean"`
		Lo           report.Number `json:"ci95_lo"`
		Hi           report.Number `json:"ci95_hi"`
		Relative     *float64      `json:"relative_change"`
		ExcludesZero bool          `json:"excludes_zero"`
	}
	type scen struct {
		Label string        `json:"scenario"`
		N     int           `json:"n"`
		Mean  report.Number `json:"mean"`
		Lo    report.Number `json:"ci95_lo"`
		Hi    report.Number `json:"ci95_hi"`
		SD    report.Number `json:"sd"`
		Diff  *diff         `json:"diff_from_first,omitempty"`
	}
	type metric struct {
		Metric    string `json:"metric"`
		Unit      string `json:"unit"`
		Meaning   string `json:"description"`
		Constant  bool   `json:"equal_in_every_run"`
		Scenarios []scen `json:"scenarios"`
	}
	type source struct {
		Label  string `json:"scenario"`
		Source string `json:"source"`
		Hash   string `json:"sha256"`
	}
	doc := struct {
		Program      string   `json:"program"`
		Version      string   `json:"version"`
		Replications int      `json:"replications"`
		Days         int      `json:"days"`
		Seeds        []uint64 `json:"seeds"`
		Level        float64  `json:"level"`
		Scenarios    []source `json:"scenarios"`
		Metrics      []metric `json:"metrics"`
	}{Program: "channelsim", Version: version(), Replications: c.Reps, Days: c.Days, Seeds: c.Seeds, Level: report.Level}
	for s := range c.Labels {
		doc.Scenarios = append(doc.Scenarios, source{c.Labels[s], c.Sources[s], c.Hashes[s]})
	}
	for m := range c.Metrics {
		col := report.DescribeColumn(c.Metrics[m])
		me := metric{Metric: c.Metrics[m], Unit: col.Unit, Meaning: col.Description, Constant: c.Constant(m)}
		for s, st := range c.Stats(m, report.Level) {
			sc := scen{Label: st.Label, N: st.Mean.N, Mean: report.Number(st.Mean.Mean), Lo: report.Number(st.Mean.Lo), Hi: report.Number(st.Mean.Hi), SD: report.Number(st.Mean.SD)}
			if s > 0 {
				d := &diff{Mean: report.Number(st.Diff.Mean), Lo: report.Number(st.Diff.Lo), Hi: report.Number(st.Diff.Hi), ExcludesZero: st.Diff.Excludes(0)}
				if !math.IsNaN(st.Relative) && !math.IsInf(st.Relative, 0) {
					r := st.Relative
					d.Relative = &r
				}
				sc.Diff = d
			}
			me.Scenarios = append(me.Scenarios, sc)
		}
		doc.Metrics = append(doc.Metrics, me)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// printComparison writes the aligned table: per metric, each scenario's
// mean ± half-width, and for the others the paired difference with its
// interval and relative change; "*" marks a difference whose interval
// excludes 0.
func printComparison(w io.Writer, c *experiment.Comparison, all bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	width := len("metric")
	for _, m := range c.Metrics {
		width = max(width, len(m))
	}
	left := func(s string) string { return s + strings.Repeat(" ", width-len(s)) }
	fmt.Fprintf(tw, "%s\t%s (mean ± 95 %% CI)\t", left("metric"), c.Labels[0])
	for _, l := range c.Labels[1:] {
		fmt.Fprintf(tw, "%s\tΔ vs %s [95 %% CI]\tchange\t", l, c.Labels[0])
	}
	fmt.Fprintln(tw)
	skipped := 0
	for m := range c.Metrics {
		if !all && c.Constant(m) {
			skipped++
			continue
		}
		st := c.Stats(m, report.Level)
		fmt.Fprintf(tw, "%s\t%s\t", left(c.Metrics[m]), report.PM(st[0].Mean))
		for _, s := range st[1:] {
			mark := " "
			if s.Diff.Excludes(0) {
				mark = "*"
			}
			fmt.Fprintf(tw, "%s\t%s [%s, %s]%s\t%s\t", report.PM(s.Mean), report.Signed(s.Diff.Mean), report.Num(s.Diff.Lo), report.Num(s.Diff.Hi), mark, report.Pct(s.Relative))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if skipped > 0 {
		fmt.Fprintf(w, "(%d metrics equal in every run not shown; --all shows them.) * : the 95 %% interval of the difference excludes 0.\n", skipped)
	}
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
