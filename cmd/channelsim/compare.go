package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
	"channelsim/sim"
)

func init() { register(newCompareCmd) }

// keyMetric is a metric charted as bars in a comparison report.
type keyMetric struct{ key, title, unit string }

var compareBars = []keyMetric{
	{"detections_total", "People detected at the juxtaposed controls", "people"},
	{"clandestine_arrivals_uk", "Clandestine arrivals in the UK", "people"},
	{"freight_delay_mean_min", "Mean freight delay at the controls", "minutes per lorry"},
	{"queue_max_lorries", "Longest queue at the controls", "lorries"},
	{"operation_stack_days", "Days of Operation Stack", "days"},
	{"france_bound_lorry_hours_kent", "Hours France-bound lorries waited in Kent", "lorry-hours"},
	{"stowaway_dose_usv_total", "Radiation dose to hidden people (all scans)", "µSv (all people)"},
	{"removal_cancellation_rate", "Removal plans cancelled", "share of plans"},
	{"tickets_per_removal", "Flight tickets bought per removal", "tickets per removal"},
}

var compareSeries = []keyMetric{
	{"detections", "People detected at the controls, daily", "people a day"},
	{"queue_max_lorries", "Longest queue of the day", "lorries"},
	{"m20_lorries_max", "Lorries on the M20 (Operation Stack), most of the day", "lorries"},
	{"removal_cancellations", "Removal plans cancelled, daily", "plans a day"},
	{"migrants_in_camp", "People in the Calais camps", "people"},
}

const ciLevel = 0.95

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
	var series []string
	for _, s := range compareSeries {
		series = append(series, s.key)
	}
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
	var u *uncertainty
	if post != nil {
		u, err = runDraws(ctx, scs, labels, c, post, o.Draws, o.DrawReps, o.Days, o.Workers, o.Negligible)
		if err != nil {
			return failed("compare", err)
		}
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
		stdout.Write(comparisonCSV(c))
	default:
		printComparison(stdout, c, o.All)
		fmt.Fprintf(stdout, "\n%s of %s per scenario, seeds 1–%d in each (common random numbers); 95 %% intervals are Student t; Δ is paired. %s.\n",
			plural(c.Reps, "replication"), plural(c.Days, "day"), c.Reps, wall.Round(time.Millisecond))
		if u != nil {
			u.print(stdout, c)
		}
	}
	return exitOK
}

// comparisonJSON is the comparison as one JSON document: the scenarios,
// and for every metric each scenario's mean with its interval and the
// paired difference from the first.
func comparisonJSON(c *experiment.Comparison) ([]byte, error) {
	type diff struct {
		Mean         number   `json:"mean"`
		Lo           number   `json:"ci95_lo"`
		Hi           number   `json:"ci95_hi"`
		Relative     *float64 `json:"relative_change"`
		ExcludesZero bool     `json:"excludes_zero"`
	}
	type scen struct {
		Label string `json:"scenario"`
		N     int    `json:"n"`
		Mean  number `json:"mean"`
		Lo    number `json:"ci95_lo"`
		Hi    number `json:"ci95_hi"`
		SD    number `json:"sd"`
		Diff  *diff  `json:"diff_from_first,omitempty"`
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
	}{Program: "channelsim", Version: version(), Replications: c.Reps, Days: c.Days, Seeds: c.Seeds, Level: ciLevel}
	for s := range c.Labels {
		doc.Scenarios = append(doc.Scenarios, source{c.Labels[s], c.Sources[s], c.Hashes[s]})
	}
	for m := range c.Metrics {
		col := describeColumn(c.Metrics[m])
		me := metric{Metric: c.Metrics[m], Unit: col.Unit, Meaning: col.Description, Constant: constant(c, m)}
		for s, st := range c.Stats(m, ciLevel) {
			sc := scen{Label: st.Label, N: st.Mean.N, Mean: finite(st.Mean.Mean), Lo: finite(st.Mean.Lo), Hi: finite(st.Mean.Hi), SD: finite(st.Mean.SD)}
			if s > 0 {
				d := &diff{Mean: finite(st.Diff.Mean), Lo: finite(st.Diff.Lo), Hi: finite(st.Diff.Hi), ExcludesZero: st.Diff.Excludes(0)}
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

// number is a statistic in comparison JSON: null when it is not a
// finite number (JSON has no NaN or infinity; 0 would be a value it is
// not).
type number float64

func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

func finite(x float64) number { return number(x) }

// constant reports whether metric m has the same value in every run.
func constant(c *experiment.Comparison, m int) bool {
	v := c.Values[0][m][0]
	for s := range c.Values {
		for _, x := range c.Values[s][m] {
			if x != v {
				return false
			}
		}
	}
	return true
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
		if !all && constant(c, m) {
			skipped++
			continue
		}
		st := c.Stats(m, ciLevel)
		fmt.Fprintf(tw, "%s\t%s\t", left(c.Metrics[m]), pm(st[0].Mean))
		for _, s := range st[1:] {
			mark := " "
			if s.Diff.Excludes(0) {
				mark = "*"
			}
			fmt.Fprintf(tw, "%s\t%s [%s, %s]%s\t%s\t", pm(s.Mean), signed(s.Diff.Mean), fmtNum(s.Diff.Lo), fmtNum(s.Diff.Hi), mark, pct(s.Relative))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if skipped > 0 {
		fmt.Fprintf(w, "(%d metrics equal in every run not shown; --all shows them.) * : the 95 %% interval of the difference excludes 0.\n", skipped)
	}
}

func pm(iv experiment.Interval) string {
	return fmtNum(iv.Mean) + " ± " + fmtNum(iv.HalfWidth())
}

func signed(x float64) string {
	if x > 0 {
		return "+" + fmtNum(x)
	}
	return fmtNum(x)
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%+.1f %%", 100*x)
}

// compareMarker is the file that marks a directory as compare's output
// (one that a new compare --out may replace).
const compareMarker = "comparison.csv"

// writeComparison writes comparison.csv, the charts, report.md and
// report.html into dir as one unit (safefile.Stage).
func writeComparison(out *safefile.OutDir, c *experiment.Comparison, wall time.Duration, u *uncertainty) error {
	af, err := out.Stage(compareMarker)
	if err != nil {
		return err
	}
	defer af.Abort()

	if err := af.Write("comparison.csv", comparisonCSV(c)); err != nil {
		return err
	}
	cols, err := columnsJSON(map[string][]string{"comparison.csv": comparisonColumns})
	if err != nil {
		return err
	}
	if err := af.Write("columns.json", cols); err != nil {
		return err
	}

	note := fmt.Sprintf("mean of %s × %s, 95 %% CI (Student t)", plural(c.Reps, "replication"), plural(c.Days, "day"))
	type fig struct{ name, title, uri string }
	var figs []fig
	add := func(f *chart.Figure, name, title string) error {
		uri, err := renderBoth(af, f, name)
		if err != nil {
			return err
		}
		figs = append(figs, fig{name, title, uri})
		return nil
	}

	// The forest plot of the paired differences: the comparison's main
	// statistic, one row per output.
	var groups []string
	var rows []chart.ForestRow
	for _, km := range compareBars {
		m := c.Metric(km.key)
		if m < 0 {
			continue
		}
		st := c.Stats(m, ciLevel)
		for s := 1; s < len(st); s++ {
			rows = append(rows, chart.ForestRow{Output: km.title, Unit: km.unit, Group: s - 1,
				Base: st[0].Mean.Mean, Diff: st[s].Diff.Mean, Lo: st[s].Diff.Lo, Hi: st[s].Diff.Hi})
		}
	}
	groups = append(groups, c.Labels[1:]...)
	if len(rows) > 0 {
		title := "Paired differences from " + c.Labels[0]
		if len(groups) == 1 {
			title = fmt.Sprintf("%s compared with %s", c.Labels[1], c.Labels[0])
		}
		f, err := chart.Forest(chart.ForestSpec{Title: title,
			Note:   fmt.Sprintf("%s × %s per scenario, common random numbers; filled: the 95 %% interval excludes 0", plural(c.Reps, "paired replication"), plural(c.Days, "day")),
			Groups: groups, Rows: rows})
		if err != nil {
			return err
		}
		if err := add(f, "forest", title); err != nil {
			return err
		}
	}

	for _, km := range compareBars {
		m := c.Metric(km.key)
		if m < 0 {
			continue
		}
		var bars []chart.Bar
		for _, st := range c.Stats(m, ciLevel) {
			bars = append(bars, chart.Bar{Label: st.Label, Mean: st.Mean.Mean, Lo: st.Mean.Lo, Hi: st.Mean.Hi})
		}
		f, err := chart.Bars(chart.BarsSpec{Title: km.title, Note: note, YLabel: upperFirst(km.unit), Bars: bars})
		if err != nil {
			return err
		}
		if err := add(f, "bar-"+km.key, km.title); err != nil {
			return err
		}
	}
	xs, err := chart.DateX(c.Dates)
	if err != nil {
		return err
	}
	for _, km := range compareSeries {
		k := -1
		for i, s := range c.Series {
			if s == km.key {
				k = i
			}
		}
		if k < 0 {
			continue
		}
		var ss []chart.Series
		for s := range c.Labels {
			mean, lo, hi := c.Band(s, k, ciLevel)
			ss = append(ss, chart.Series{Label: c.Labels[s], X: xs[:len(mean)], Mean: mean, Lo: lo, Hi: hi})
		}
		f, err := chart.Bands(chart.BandsSpec{Title: km.title,
			Note:   fmt.Sprintf("line: mean of %s × %s; band: 95 %% CI (Student t)", plural(c.Reps, "replication"), plural(c.Days, "day")),
			XLabel: "Date (local, Calais)", YLabel: upperFirst(km.unit), Series: ss, Dates: true})
		if err != nil {
			return err
		}
		if err := add(f, "daily-"+km.key, km.title); err != nil {
			return err
		}
	}

	if u != nil {
		if err := af.Write("uncertainty.csv", u.csv(c)); err != nil {
			return err
		}
		for _, km := range compareBars {
			f, err := u.chart(c, km)
			if err != nil {
				return err
			}
			if f == nil {
				continue
			}
			if err := add(f, "uncertainty-"+km.key, km.title+": difference under parameter uncertainty"); err != nil {
				return err
			}
		}
	}

	// report.md
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Comparison: %s\n\n", strings.Join(c.Labels, " vs "))
	fmt.Fprintf(&md, "%s of %s per scenario with seeds 1–%d in every scenario (common random numbers), so the differences are paired. Intervals are 95 %% Student-t intervals of the mean over replications; Δ is the mean paired difference from **%s** with its 95 %% interval; **bold** Δ: the interval excludes 0. Program %s; wall time %s.\n\n",
		plural(c.Reps, "replication"), plural(c.Days, "day"), c.Reps, c.Labels[0], version(), wall.Round(time.Millisecond))
	fmt.Fprintf(&md, "| scenario | source | SHA-256 of the resolved scenario |\n|---|---|---|\n")
	for s := range c.Labels {
		fmt.Fprintf(&md, "| %s | %s | `%.16s…` |\n", c.Labels[s], c.Sources[s], c.Hashes[s])
	}
	fmt.Fprintf(&md, "\n## Metrics\n\n| metric | %s |", c.Labels[0])
	for _, l := range c.Labels[1:] {
		fmt.Fprintf(&md, " %s | Δ [95 %% CI] | change |", l)
	}
	md.WriteString("\n|---|---:|")
	for range c.Labels[1:] {
		md.WriteString("---:|---:|---:|")
	}
	md.WriteString("\n")
	for m := range c.Metrics {
		if constant(c, m) {
			continue
		}
		st := c.Stats(m, ciLevel)
		fmt.Fprintf(&md, "| `%s` | %s |", c.Metrics[m], pm(st[0].Mean))
		for _, s := range st[1:] {
			d := fmt.Sprintf("%s [%s, %s]", signed(s.Diff.Mean), fmtNum(s.Diff.Lo), fmtNum(s.Diff.Hi))
			if s.Diff.Excludes(0) {
				d = "**" + d + "**"
			}
			fmt.Fprintf(&md, " %s | %s | %s |", pm(s.Mean), d, pct(s.Relative))
		}
		md.WriteString("\n")
	}
	md.WriteString("\nMetrics equal in every run are left out (comparison.csv has them all).\n\n")
	if u != nil {
		md.WriteString(u.markdown(c))
	}
	md.WriteString("## Charts\n\n")
	for _, f := range figs {
		fmt.Fprintf(&md, "![%s](%s.png)\n\n", f.title, f.name)
	}
	if err := af.Write("report.md", md.Bytes()); err != nil {
		return err
	}

	// report.html: the same, self-contained (inline CSS; the charts as SVG
	// data URIs), so that it works offline and can be mailed.
	var h bytes.Buffer
	h.WriteString(htmlHead("Comparison"))
	fmt.Fprintf(&h, "<h1>Comparison: %s</h1>\n", htmlEsc(strings.Join(c.Labels, " vs ")))
	fmt.Fprintf(&h, "<p class=note>%s of %s per scenario with seeds 1–%d in every scenario (common random numbers), so the differences are paired. Intervals are 95 %% Student-t intervals of the mean over replications; Δ is the mean paired difference from <b>%s</b>; highlighted Δ: its interval excludes 0. Program %s.</p>\n",
		plural(c.Reps, "replication"), plural(c.Days, "day"), c.Reps, htmlEsc(c.Labels[0]), htmlEsc(version()))
	h.WriteString("<table><tr><th>scenario</th><th>source</th><th>SHA-256</th></tr>\n")
	for s := range c.Labels {
		fmt.Fprintf(&h, "<tr><td>%s</td><td>%s</td><td><code>%.16s…</code></td></tr>\n", htmlEsc(c.Labels[s]), htmlEsc(c.Sources[s]), c.Hashes[s])
	}
	h.WriteString("</table>\n<h2>Charts</h2>\n")
	for _, f := range figs {
		fmt.Fprintf(&h, "<figure><img src=\"%s\" alt=\"%s\" width=%d height=%d></figure>\n", f.uri, htmlEsc(f.title), int(chart.Width.Dots(96)), int(chart.Height.Dots(96)))
	}
	fmt.Fprintf(&h, "<h2>Metrics</h2>\n<table><tr><th>metric</th><th>%s</th>", htmlEsc(c.Labels[0]))
	for _, l := range c.Labels[1:] {
		fmt.Fprintf(&h, "<th>%s</th><th>Δ [95 %% CI]</th><th>change</th>", htmlEsc(l))
	}
	h.WriteString("</tr>\n")
	for m := range c.Metrics {
		if constant(c, m) {
			continue
		}
		st := c.Stats(m, ciLevel)
		fmt.Fprintf(&h, "<tr><td><code>%s</code></td><td>%s</td>", c.Metrics[m], pm(st[0].Mean))
		for _, s := range st[1:] {
			cls := ""
			if s.Diff.Excludes(0) {
				cls = " class=sig"
			}
			fmt.Fprintf(&h, "<td>%s</td><td%s>%s [%s, %s]</td><td%s>%s</td>", pm(s.Mean), cls, signed(s.Diff.Mean), fmtNum(s.Diff.Lo), fmtNum(s.Diff.Hi), cls, pct(s.Relative))
		}
		h.WriteString("</tr>\n")
	}
	h.WriteString("</table>\n<p class=note>Metrics equal in every run are left out (comparison.csv has them all).</p>\n")
	if u != nil {
		h.WriteString(u.html(c))
	}
	h.WriteString("</body></html>\n")
	if err := af.Write("report.html", h.Bytes()); err != nil {
		return err
	}
	return af.Commit()
}

// comparisonCSV is comparison.csv: one row per metric and scenario.
func comparisonCSV(c *experiment.Comparison) []byte {
	var csvb bytes.Buffer
	cw := csv.NewWriter(&csvb)
	cw.Write(comparisonColumns)
	for m := range c.Metrics {
		for s, st := range c.Stats(m, ciLevel) {
			rec := []string{st.Metric, st.Label, strconv.Itoa(st.Mean.N), ff(st.Mean.Mean), ff(st.Mean.Lo), ff(st.Mean.Hi), ff(st.Mean.SD)}
			if s == 0 {
				rec = append(rec, "", "", "", "", "")
			} else {
				rel := ""
				if !math.IsNaN(st.Relative) {
					rel = ff(st.Relative)
				}
				rec = append(rec, ff(st.Diff.Mean), ff(st.Diff.Lo), ff(st.Diff.Hi), rel, strconv.FormatBool(st.Diff.Excludes(0)))
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return csvb.Bytes()
}

// comparisonColumns is the header of comparison.csv.
var comparisonColumns = []string{"metric", "scenario", "n", "mean", "ci95_lo", "ci95_hi", "sd", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "relative_change", "diff_excludes_zero"}

// renderBoth stages NAME.png and NAME.svg and returns the SVG as a data
// URI for an <img> in HTML.
func renderBoth(af *safefile.Stage, f *chart.Figure, name string) (string, error) {
	png, err := chart.Render(f, "png")
	if err != nil {
		return "", err
	}
	if err := af.Write(name+".png", png); err != nil {
		return "", err
	}
	svg, err := chart.Render(f, "svg")
	if err != nil {
		return "", err
	}
	if err := af.Write(name+".svg", svg); err != nil {
		return "", err
	}
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg), nil
}

// ff writes a statistic for comparison.csv; one that is not a finite
// number is left empty.
func ff(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return sim.FormatFloat(x)
}

func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
