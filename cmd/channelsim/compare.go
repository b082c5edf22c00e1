package main

import (
	"bytes"
	"context"
	"encoding/csv"
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

	"gonum.org/v1/plot"

	"channelsim/scenarios"
	"channelsim/scenarios/sweep"
	"channelsim/sim"
	"channelsim/viz/chart"
)

func init() {
	register("compare", "compare scenarios under common random numbers, with confidence intervals", runCompare)
}

// keyMetric is a metric charted as bars in a comparison report.
type keyMetric struct{ key, title, unit string }

var compareBars = []keyMetric{
	{"detections_total", "People detected at the juxtaposed controls", "people"},
	{"clandestine_arrivals_uk", "Clandestine arrivals in the UK", "people"},
	{"freight_delay_mean_min", "Mean freight delay at the controls", "minutes per lorry"},
	{"queue_max_lorries", "Longest queue at the controls", "lorries"},
	{"stowaway_dose_usv_total", "Radiation dose to hidden people (all scans)", "µSv, summed over people"},
	{"removal_cancellation_rate", "Removal plans cancelled", "share of plans"},
	{"tickets_per_removal", "Flight tickets bought per removal", "tickets per removal"},
}

var compareSeries = []keyMetric{
	{"detections_controls", "People detected at the controls, daily", "people a day"},
	{"detections", "Detections by the search methods, daily", "people a day"},
	{"queue_max_lorries", "Longest queue of the day", "lorries"},
	{"removal_cancellations", "Removal plans cancelled, daily", "plans a day"},
	{"migrants_in_camp", "People in the Calais camps", "people"},
}

const ciLevel = 0.95

func runCompare(args []string) int {
	fs := newFlags("compare", "A B [C ...] [--reps N] [--days N] [--out DIR] [--workers N]",
		"Runs each scenario (a TOML file or an embedded scenario's name) --reps times with\n"+
			"the same seeds 1…N in every scenario (common random numbers), and prints for each\n"+
			"numeric summary metric the mean with its 95 % confidence interval (Student t) and\n"+
			"the paired difference from the first scenario with its 95 % interval and relative\n"+
			"change. With --out DIR it also writes comparison.csv, report.md, report.html and\n"+
			"charts (PNG and SVG): key metrics as bars with error bars, daily series as bands.")
	reps := fs.Int("reps", 10, "replications of each scenario (≥ 2)")
	days := fs.Int("days", 0, "horizon in days (default: the first scenario's)")
	out := fs.String("out", "", "directory for comparison.csv, report.md, report.html and charts")
	workers := fs.Int("workers", 0, "runs in parallel (default: one per CPU)")
	all := fs.Bool("all", false, "print every metric, also those equal in every run")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) < 2 {
		return usageError(fs, "expected at least two scenarios, got %d", len(pos))
	}
	if *reps < 2 {
		return usageError(fs, "--reps: expected at least 2 (an interval needs two replications), got %d", *reps)
	}
	if *days < 0 || *days > 3660 {
		return usageError(fs, "--days: expected a number of days from 1 to 3660, got %d", *days)
	}
	var scs []*scenarios.Scenario
	var labels []string
	for _, ref := range pos {
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
	var series []string
	for _, s := range compareSeries {
		series = append(series, s.key)
	}
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress("compare", true)
	start := time.Now()
	c, err := sweep.Compare(ctx, scs, labels, *reps, *days, *workers, series, func(d, t int) {
		bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d", d, t))
	})
	bar.Done()
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim compare: %v\n", err)
		return exitInternal
	}
	wall := time.Since(start)
	printComparison(os.Stdout, c, *all)
	fmt.Printf("\n%d replications of %d days per scenario, seeds 1–%d in each (common random numbers); 95 %% intervals are Student t; Δ is paired. %s.\n",
		c.Reps, c.Days, c.Reps, wall.Round(time.Millisecond))
	if *out != "" {
		if err := writeComparison(*out, c, wall); err != nil {
			fmt.Fprintf(os.Stderr, "channelsim compare: writing %s: %v\n", *out, err)
			return exitInternal
		}
		fmt.Fprintf(os.Stderr, "channelsim compare: wrote %s/report.html, report.md, comparison.csv and charts\n", *out)
	}
	return exitOK
}

// constant reports whether metric m has the same value in every run.
func constant(c *sweep.Comparison, m int) bool {
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
func printComparison(w io.Writer, c *sweep.Comparison, all bool) {
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

func pm(iv sweep.Interval) string {
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

// writeComparison writes comparison.csv, the charts, report.md and
// report.html into dir, atomically.
func writeComparison(dir string, c *sweep.Comparison, wall time.Duration) error {
	af, err := newAtomicFiles(dir)
	if err != nil {
		return err
	}
	defer af.Abort()

	var csvb bytes.Buffer
	cw := csv.NewWriter(&csvb)
	cw.Write([]string{"metric", "scenario", "n", "mean", "ci95_lo", "ci95_hi", "sd", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "relative_change", "diff_excludes_zero"})
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
	if err := af.Write("comparison.csv", csvb.Bytes()); err != nil {
		return err
	}

	note := fmt.Sprintf("mean of %d replications × %d days, 95 %% CI (Student t)", c.Reps, c.Days)
	type fig struct{ name, title, svg string }
	var figs []fig
	for _, km := range compareBars {
		m := c.Metric(km.key)
		if m < 0 {
			continue
		}
		var bars []chart.Bar
		for _, st := range c.Stats(m, ciLevel) {
			bars = append(bars, chart.Bar{Label: st.Label, Mean: st.Mean.Mean, Lo: st.Mean.Lo, Hi: st.Mean.Hi})
		}
		p, err := chart.Bars(km.title, note, km.unit, bars)
		if err != nil {
			return err
		}
		name := "bar-" + km.key
		svg, err := renderBoth(af, p, name)
		if err != nil {
			return err
		}
		figs = append(figs, fig{name, km.title, svg})
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
		p, err := chart.Bands(km.title, fmt.Sprintf("line: mean of %d replications; band: 95 %% CI (Student t)", c.Reps), "date", km.unit, ss, true)
		if err != nil {
			return err
		}
		name := "daily-" + km.key
		svg, err := renderBoth(af, p, name)
		if err != nil {
			return err
		}
		figs = append(figs, fig{name, km.title, svg})
	}

	// report.md
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Comparison: %s\n\n", strings.Join(c.Labels, " vs "))
	fmt.Fprintf(&md, "%d replications of %d days per scenario with seeds 1–%d in every scenario (common random numbers), so the differences are paired. Intervals are 95 %% Student-t intervals of the mean over replications; Δ is the mean paired difference from **%s** with its 95 %% interval; **bold** Δ: the interval excludes 0. Program %s; wall time %s.\n\n",
		c.Reps, c.Days, c.Reps, c.Labels[0], version(), wall.Round(time.Millisecond))
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
	md.WriteString("\nMetrics equal in every run are left out (comparison.csv has them all).\n\n## Charts\n\n")
	for _, f := range figs {
		fmt.Fprintf(&md, "![%s](%s.png)\n\n", f.title, f.name)
	}
	if err := af.Write("report.md", md.Bytes()); err != nil {
		return err
	}

	// report.html: the same, self-contained (inline CSS, inline SVG).
	var h bytes.Buffer
	h.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Comparison</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.85em;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:0.25em 0.6em;text-align:right}
th:first-child,td:first-child{text-align:left}
td.sig{font-weight:bold;background:#fff4e0}
code{font-size:0.95em}
figure{margin:1.5em 0}
figure svg{max-width:100%;height:auto}
.note{color:#555}
</style></head><body>
`)
	fmt.Fprintf(&h, "<h1>Comparison: %s</h1>\n", htmlEsc(strings.Join(c.Labels, " vs ")))
	fmt.Fprintf(&h, "<p class=note>%d replications of %d days per scenario with seeds 1–%d in every scenario (common random numbers), so the differences are paired. Intervals are 95 %% Student-t intervals of the mean over replications; Δ is the mean paired difference from <b>%s</b>; highlighted Δ: its interval excludes 0. Program %s.</p>\n",
		c.Reps, c.Days, c.Reps, htmlEsc(c.Labels[0]), htmlEsc(version()))
	h.WriteString("<table><tr><th>scenario</th><th>source</th><th>SHA-256</th></tr>\n")
	for s := range c.Labels {
		fmt.Fprintf(&h, "<tr><td>%s</td><td>%s</td><td><code>%.16s…</code></td></tr>\n", htmlEsc(c.Labels[s]), htmlEsc(c.Sources[s]), c.Hashes[s])
	}
	h.WriteString("</table>\n<h2>Charts</h2>\n")
	for _, f := range figs {
		fmt.Fprintf(&h, "<figure>%s</figure>\n", f.svg)
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
	h.WriteString("</table>\n<p class=note>Metrics equal in every run are left out (comparison.csv has them all).</p>\n</body></html>\n")
	if err := af.Write("report.html", h.Bytes()); err != nil {
		return err
	}
	return af.Commit()
}

// renderBoth stages NAME.png and NAME.svg and returns the SVG element for
// inlining in HTML.
func renderBoth(af *atomicFiles, p *plot.Plot, name string) (string, error) {
	png, err := chart.Render(p, "png")
	if err != nil {
		return "", err
	}
	if err := af.Write(name+".png", png); err != nil {
		return "", err
	}
	svg, err := chart.Render(p, "svg")
	if err != nil {
		return "", err
	}
	if err := af.Write(name+".svg", svg); err != nil {
		return "", err
	}
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return s, nil
}

func ff(x float64) string { return sim.FormatFloat(x) }

func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
