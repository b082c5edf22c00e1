package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
)

// Level is the confidence level of the comparisons' intervals.
const Level = 0.95

// ComparisonBars are the summary metrics a comparison charts as bars with
// error bars, and in the forest plot of paired differences.
var ComparisonBars = []string{"detections_total", "clandestine_arrivals_uk", "freight_delay_mean_min", "queue_max_lorries",
	"operation_stack_days", "france_bound_lorry_hours_kent", "stowaway_dose_usv_total", "removal_cancellation_rate", "tickets_per_removal",
	// The small boats, in the runs that have them (a metric a run lacks is
	// left out): both routes side by side.
	"small_boat_arrivals", "small_boat_people_prevented", "small_boat_deaths"}

// ComparisonSeries are the daily columns a comparison charts as bands.
var ComparisonSeries = []string{"detections", "queue_max_lorries", "m20_lorries_max", "removal_cancellations", "migrants_in_camp",
	"small_boat_arrivals"}

// ComparisonColumns is the header of comparison.csv.
var ComparisonColumns = []string{"metric", "scenario", "n", "mean", "ci95_lo", "ci95_hi", "sd", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "relative_change", "diff_excludes_zero"}

// ComparisonCSV is comparison.csv: one row per metric and scenario.
func ComparisonCSV(c *experiment.Comparison) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(ComparisonColumns)
	for m := range c.Metrics {
		for s, st := range c.Stats(m, Level) {
			rec := []string{st.Metric, st.Label, strconv.Itoa(st.Mean.N), Float(st.Mean.Mean), Float(st.Mean.Lo), Float(st.Mean.Hi), Float(st.Mean.SD)}
			if s == 0 {
				rec = append(rec, "", "", "", "", "")
			} else {
				rel := ""
				if !math.IsNaN(st.Relative) {
					rel = Float(st.Relative)
				}
				rec = append(rec, Float(st.Diff.Mean), Float(st.Diff.Lo), Float(st.Diff.Hi), rel, strconv.FormatBool(st.Diff.Excludes(0)))
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return b.Bytes()
}

// Comparison is what a comparison's report shows.
type Comparison struct {
	*experiment.Comparison
	Wall    time.Duration
	Version string
	// Uncertainty, if set, is the comparison under parameter draws.
	Uncertainty *Uncertainty
}

// Write stages the comparison's charts (PNG and SVG), uncertainty.csv
// under draws, report.md and report.html in af.
func (c Comparison) Write(af *safefile.Stage) error {
	figs, err := c.figures(af)
	if err != nil {
		return err
	}
	if c.Uncertainty != nil {
		if err := af.Write("uncertainty.csv", c.Uncertainty.CSV(c.Comparison)); err != nil {
			return err
		}
	}
	if err := af.Write("report.md", c.markdown(figs)); err != nil {
		return err
	}
	return writeHTML(af, "compare.html", c.page(figs))
}

// figures renders the forest plot of the paired differences (the
// comparison's main statistic), the key metrics as bars, the daily series
// as bands, and each key metric under parameter uncertainty.
func (c Comparison) figures(af *safefile.Stage) ([]Figure, error) {
	var figs []Figure
	add := func(f *chart.Figure, err error, name, title string) error {
		if err != nil || f == nil {
			return err
		}
		fig, err := Render(af, f, name, title)
		figs = append(figs, fig)
		return err
	}
	if f, title, err := c.forest(); f != nil || err != nil {
		if err := add(f, err, "forest", title); err != nil {
			return nil, err
		}
	}
	note := fmt.Sprintf("mean of %s × %s, 95 %% CI (Student t)", Plural(c.Reps, "replication"), Plural(c.Days, "day"))
	for _, key := range ComparisonBars {
		m := c.Metric(key)
		if m < 0 {
			continue
		}
		var bars []chart.Bar
		for _, st := range c.Stats(m, Level) {
			bars = append(bars, chart.Bar{Label: st.Label, Mean: st.Mean.Mean, Lo: st.Mean.Lo, Hi: st.Mean.Hi})
		}
		md := Summary(key)
		f, err := chart.Bars(chart.BarsSpec{Title: md.Title, Note: note, YLabel: UpperFirst(md.Unit), Bars: bars})
		if err := add(f, err, "bar-"+key, md.Title); err != nil {
			return nil, err
		}
	}
	bands, err := c.bands(af)
	if err != nil {
		return nil, err
	}
	figs = append(figs, bands...)
	if c.Uncertainty != nil {
		for _, key := range ComparisonBars {
			f, err := c.Uncertainty.chart(c.Comparison, key)
			if err := add(f, err, "uncertainty-"+key, Summary(key).Title+": difference under parameter uncertainty"); err != nil {
				return nil, err
			}
		}
	}
	return figs, nil
}

// forest is the forest plot of the paired differences, one row per key
// metric; nil when the comparison has none of them.
func (c Comparison) forest() (*chart.Figure, string, error) {
	var rows []chart.ForestRow
	for _, key := range ComparisonBars {
		m := c.Metric(key)
		if m < 0 {
			continue
		}
		md := Summary(key)
		st := c.Stats(m, Level)
		for s := 1; s < len(st); s++ {
			rows = append(rows, chart.ForestRow{Output: md.Title, Unit: md.Unit, Group: s - 1,
				Base: st[0].Mean.Mean, Diff: st[s].Diff.Mean, Lo: st[s].Diff.Lo, Hi: st[s].Diff.Hi})
		}
	}
	if len(rows) == 0 {
		return nil, "", nil
	}
	groups := c.Labels[1:]
	title := "Paired differences from " + c.Labels[0]
	if len(groups) == 1 {
		title = fmt.Sprintf("%s compared with %s", c.Labels[1], c.Labels[0])
	}
	f, err := chart.Forest(chart.ForestSpec{Title: title,
		Note:   fmt.Sprintf("%s × %s per scenario, common random numbers; filled: the 95 %% interval excludes 0", Plural(c.Reps, "paired replication"), Plural(c.Days, "day")),
		Groups: groups, Rows: rows})
	return f, title, err
}

// bands renders the daily series as a mean line in its 95 % band.
func (c Comparison) bands(af *safefile.Stage) ([]Figure, error) {
	xs, err := chart.DateX(c.Dates)
	if err != nil {
		return nil, err
	}
	var figs []Figure
	for _, key := range ComparisonSeries {
		k := -1
		for i, s := range c.Series {
			if s == key {
				k = i
			}
		}
		if k < 0 {
			continue
		}
		var ss []chart.Series
		for s := range c.Labels {
			mean, lo, hi := c.Band(s, k, Level)
			ss = append(ss, chart.Series{Label: c.Labels[s], X: xs[:len(mean)], Mean: mean, Lo: lo, Hi: hi})
		}
		md := Daily(key)
		f, err := chart.Bands(chart.BandsSpec{Title: md.Title,
			Note:   fmt.Sprintf("line: mean of %s × %s; band: 95 %% CI (Student t)", Plural(c.Reps, "replication"), Plural(c.Days, "day")),
			XLabel: "Date (local, Calais)", YLabel: UpperFirst(md.Unit), Series: ss, Dates: true})
		if err != nil {
			return nil, err
		}
		fig, err := Render(af, f, "daily-"+key, md.Title)
		if err != nil {
			return nil, err
		}
		figs = append(figs, fig)
	}
	return figs, nil
}

// markdown is report.md.
func (c Comparison) markdown(figs []Figure) []byte {
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Comparison: %s\n\n", strings.Join(c.Labels, " vs "))
	fmt.Fprintf(&md, "%s of %s per scenario with seeds 1–%d in every scenario (common random numbers), so the differences are paired. Intervals are 95 %% Student-t intervals of the mean over replications; Δ is the mean paired difference from **%s** with its 95 %% interval; **bold** Δ: the interval excludes 0. Program %s; wall time %s.\n\n",
		Plural(c.Reps, "replication"), Plural(c.Days, "day"), c.Reps, c.Labels[0], c.Version, c.Wall.Round(time.Millisecond))
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
	for _, r := range c.rows() {
		fmt.Fprintf(&md, "| `%s` | %s |", r.Metric, r.Base)
		for _, d := range r.Diffs {
			diff := d.Diff
			if d.Sig {
				diff = "**" + diff + "**"
			}
			fmt.Fprintf(&md, " %s | %s | %s |", d.Mean, diff, d.Change)
		}
		md.WriteString("\n")
	}
	md.WriteString("\nMetrics equal in every run are left out (comparison.csv has them all).\n\n")
	if c.Uncertainty != nil {
		md.WriteString(c.Uncertainty.markdown(c.Comparison))
	}
	md.WriteString("## Charts\n\n")
	for _, f := range figs {
		fmt.Fprintf(&md, "![%s](%s.png)\n\n", f.Title, f.Name)
	}
	return md.Bytes()
}

// metricRow is a varying metric's row of the report's table, formatted.
type metricRow struct {
	Metric, Base string
	Diffs        []diffCell
}

// diffCell is a scenario's mean and paired difference from the first;
// Sig: the difference's interval excludes 0.
type diffCell struct {
	Mean, Diff, Change string
	Sig                bool
}

func (c Comparison) rows() []metricRow {
	var out []metricRow
	for m := range c.Metrics {
		if c.Constant(m) {
			continue
		}
		st := c.Stats(m, Level)
		r := metricRow{Metric: c.Metrics[m], Base: PM(st[0].Mean)}
		for _, s := range st[1:] {
			r.Diffs = append(r.Diffs, diffCell{PM(s.Mean), fmt.Sprintf("%s [%s, %s]", Signed(s.Diff.Mean), Num(s.Diff.Lo), Num(s.Diff.Hi)),
				Pct(s.Relative), s.Diff.Excludes(0)})
		}
		out = append(out, r)
	}
	return out
}

// comparisonPage is the data of compare.html.
type comparisonPage struct {
	Title, Intro string
	Base         string
	Version      string
	Others       []string
	Sources      []sourceRow
	Figures      []Figure
	Rows         []metricRow
	Uncertainty  *uncertaintyHTML
}

type sourceRow struct{ Label, Source, Hash string }

func (c Comparison) page(figs []Figure) comparisonPage {
	p := comparisonPage{Title: strings.Join(c.Labels, " vs "), Base: c.Labels[0], Version: c.Version, Others: c.Labels[1:], Figures: figs, Rows: c.rows(),
		Intro: fmt.Sprintf("%s of %s per scenario with seeds 1–%d in every scenario (common random numbers), so the differences are paired. Intervals are 95 %% Student-t intervals of the mean over replications; Δ is the mean paired difference from ",
			Plural(c.Reps, "replication"), Plural(c.Days, "day"), c.Reps)}
	for s := range c.Labels {
		p.Sources = append(p.Sources, sourceRow{c.Labels[s], c.Sources[s], fmt.Sprintf("%.16s", c.Hashes[s])})
	}
	if c.Uncertainty != nil {
		p.Uncertainty = c.Uncertainty.html(c.Comparison)
	}
	return p
}

// ComparisonJSON is the comparison as one JSON document: the scenarios,
// and for every metric each scenario's mean with its interval and the
// paired difference from the first.
func ComparisonJSON(c *experiment.Comparison, version string) ([]byte, error) {
	type diff struct {
		Mean         Number   `json:"mean"`
		Lo           Number   `json:"ci95_lo"`
		Hi           Number   `json:"ci95_hi"`
		Relative     *float64 `json:"relative_change"`
		ExcludesZero bool     `json:"excludes_zero"`
	}
	type scen struct {
		Label string `json:"scenario"`
		N     int    `json:"n"`
		Mean  Number `json:"mean"`
		Lo    Number `json:"ci95_lo"`
		Hi    Number `json:"ci95_hi"`
		SD    Number `json:"sd"`
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
	}{Program: "channelsim", Version: version, Replications: c.Reps, Days: c.Days, Seeds: c.Seeds, Level: Level}
	for s := range c.Labels {
		doc.Scenarios = append(doc.Scenarios, source{c.Labels[s], c.Sources[s], c.Hashes[s]})
	}
	for m := range c.Metrics {
		col := DescribeColumn(c.Metrics[m])
		me := metric{Metric: c.Metrics[m], Unit: col.Unit, Meaning: col.Description, Constant: c.Constant(m)}
		for s, st := range c.Stats(m, Level) {
			sc := scen{Label: st.Label, N: st.Mean.N, Mean: Number(st.Mean.Mean), Lo: Number(st.Mean.Lo), Hi: Number(st.Mean.Hi), SD: Number(st.Mean.SD)}
			if s > 0 {
				d := &diff{Mean: Number(st.Diff.Mean), Lo: Number(st.Diff.Lo), Hi: Number(st.Diff.Hi), ExcludesZero: st.Diff.Excludes(0)}
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

// PrintComparison writes the aligned table: per metric, each scenario's
// mean ± half-width, and for the others the paired difference with its
// interval and relative change; "*" marks a difference whose interval
// excludes 0.
func PrintComparison(w io.Writer, c *experiment.Comparison, all bool) {
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
		st := c.Stats(m, Level)
		fmt.Fprintf(tw, "%s\t%s\t", left(c.Metrics[m]), PM(st[0].Mean))
		for _, s := range st[1:] {
			mark := " "
			if s.Diff.Excludes(0) {
				mark = "*"
			}
			fmt.Fprintf(tw, "%s\t%s [%s, %s]%s\t%s\t", PM(s.Mean), Signed(s.Diff.Mean), Num(s.Diff.Lo), Num(s.Diff.Hi), mark, Pct(s.Relative))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if skipped > 0 {
		fmt.Fprintf(w, "(%d metrics equal in every run not shown; --all shows them.) * : the 95 %% interval of the difference excludes 0.\n", skipped)
	}
}
