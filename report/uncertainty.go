package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/report/chart"
)

// Uncertainty is a comparison's differences under both kinds of
// uncertainty: from noise alone (the nominal comparison) and from noise
// and the parameters (the draws of a posterior).
type Uncertainty struct {
	*analysis.Draws
	// Negligible is the relative change counted as none.
	Negligible float64
}

// uRow is one metric's difference for scenario s under both kinds of
// uncertainty.
type uRow struct {
	metric  string
	s       int
	noise   experiment.Interval
	draws   experiment.DrawStat
	verdict string
}

func (u *Uncertainty) rows(c *experiment.Comparison, keys []string) []uRow {
	var out []uRow
	for _, k := range keys {
		m := c.Metric(k)
		dm := u.Metric(k)
		if m < 0 || dm < 0 {
			continue
		}
		st := c.Stats(m, Level)
		for s := 1; s < len(c.Labels); s++ {
			ref := st[s].Diff.Mean
			ds := u.Stat(dm, s, ref, u.Negligible)
			out = append(out, uRow{metric: k, s: s, noise: st[s].Diff, draws: ds, verdict: verdict(ds, ref, u.Negligible)})
		}
	}
	return out
}

// verdict says whether a difference is robust to parameter uncertainty:
// its sign (the share of draws agreeing with the nominal difference) and
// its size (the share of draws within ±negligible).
func verdict(ds experiment.DrawStat, ref, negligible float64) string {
	sign := ref != 0 && ds.Agree >= 0.95
	small := ds.Small >= 0.95
	switch {
	case sign && small:
		return fmt.Sprintf("robust: %.0f %% of plausible parameter sets agree on the sign; small (|change| ≤ %.0f %%) in %.0f %%", 100*ds.Agree, 100*negligible, 100*ds.Small)
	case sign:
		return fmt.Sprintf("robust: %.0f %% of plausible parameter sets agree on the sign", 100*ds.Agree)
	case small:
		return fmt.Sprintf("robustly negligible: |change| ≤ %.0f %% in %.0f %% of plausible parameter sets", 100*negligible, 100*ds.Small)
	case ref == 0:
		return "no difference at the nominal parameters"
	}
	return fmt.Sprintf("not robust: %.0f %% of plausible parameter sets agree on the sign, %.0f %% find |change| ≤ %.0f %%", 100*ds.Agree, 100*ds.Small, 100*negligible)
}

// allMetrics are the metrics that vary in the comparison.
func allMetrics(c *experiment.Comparison) []string {
	var ks []string
	for m, k := range c.Metrics {
		if !c.Constant(m) {
			ks = append(ks, k)
		}
	}
	return ks
}

func (u *Uncertainty) note() string {
	return fmt.Sprintf("%d draws of %s (fitted to %s), %d replications each, with common random numbers within a draw and seeds of its own for each draw", u.DrawComparison.Draws, u.Post.Source, u.Post.Scenario, u.Reps)
}

// Print writes the key metrics' rows as a table.
func (u *Uncertainty) Print(w io.Writer, c *experiment.Comparison) {
	fmt.Fprintf(w, "\nUnder parameter uncertainty: %s.\n", u.note())
	fmt.Fprintf(w, "%-28s %-22s %-26s %-26s %s\n", "metric", "scenario", "Δ, noise alone [95 % CI]", "Δ, + parameters [95 %]", "verdict")
	for _, r := range u.rows(c, ComparisonBars) {
		fmt.Fprintf(w, "%-28s %-22s %-26s %-26s %s\n", r.metric, c.Labels[r.s],
			fmt.Sprintf("%s [%s, %s]", Signed(r.noise.Mean), Num(r.noise.Lo), Num(r.noise.Hi)),
			fmt.Sprintf("%s [%s, %s]", Signed(r.draws.Mean), Num(r.draws.Lo), Num(r.draws.Hi)), r.verdict)
	}
	u.printNotes(w)
}

func (u *Uncertainty) printNotes(w io.Writer) {
	for k := range u.Scaled {
		fmt.Fprintf(w, "(%s: the scenario's change is applied relative to each draw.)\n", k)
	}
	for k := range u.Kept {
		fmt.Fprintf(w, "(%s: the scenario's own value is kept, not drawn.)\n", k)
	}
}

// CSV is uncertainty.csv: every varying metric's rows.
func (u *Uncertainty) CSV(c *experiment.Comparison) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"metric", "scenario", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "draws", "draw_reps", "draws_diff_mean", "draws_diff_lo", "draws_diff_hi", "draws_relative_change", "param_sd", "sign_agreement", "negligible_share", "verdict"})
	for _, r := range u.rows(c, allMetrics(c)) {
		rel := ""
		if !math.IsNaN(r.draws.Relative) {
			rel = Float(r.draws.Relative)
		}
		w.Write([]string{r.metric, c.Labels[r.s], Float(r.noise.Mean), Float(r.noise.Lo), Float(r.noise.Hi), strconv.Itoa(u.DrawComparison.Draws), strconv.Itoa(u.Reps),
			Float(r.draws.Mean), Float(r.draws.Lo), Float(r.draws.Hi), rel, Float(r.draws.ParamSD), Float(r.draws.Agree), Float(r.draws.Small), r.verdict})
	}
	w.Flush()
	return b.Bytes()
}

func (u *Uncertainty) markdown(c *experiment.Comparison) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Under parameter uncertainty\n\n%s. \"Noise alone\" is the paired 95 %% interval above (nominal parameters); \"+ parameters\" is the central 95 %% of the draws' mean differences, each over its replications, so it holds both the parameters' uncertainty and the model's noise; \"parameter sd\" is the spread of the draws beyond the noise (analysis of variance). All metrics are in uncertainty.csv.\n\n", u.note())
	b.WriteString("| metric | scenario | Δ, noise alone [95 % CI] | Δ, + parameters [central 95 %] | parameter sd | verdict |\n|---|---|---|---|---|---|\n")
	for _, r := range u.rows(c, ComparisonBars) {
		fmt.Fprintf(&b, "| `%s` | %s | %s [%s, %s] | %s [%s, %s] | %s | %s |\n", r.metric, c.Labels[r.s], Signed(r.noise.Mean), Num(r.noise.Lo), Num(r.noise.Hi),
			Signed(r.draws.Mean), Num(r.draws.Lo), Num(r.draws.Hi), Num(r.draws.ParamSD), r.verdict)
	}
	var nb bytes.Buffer
	u.printNotes(&nb)
	if nb.Len() > 0 {
		b.WriteString("\n" + strings.ReplaceAll(nb.String(), "\n", "  \n"))
	}
	b.WriteString("\n")
	return b.String()
}

// uncertaintyHTML is the section of report.html.
type uncertaintyHTML struct {
	Note string
	Rows []uncertaintyHTMLRow
}

type uncertaintyHTMLRow struct{ Metric, Scenario, Noise, Draws, Verdict string }

func (u *Uncertainty) html(c *experiment.Comparison) *uncertaintyHTML {
	h := &uncertaintyHTML{Note: u.note()}
	for _, r := range u.rows(c, ComparisonBars) {
		h.Rows = append(h.Rows, uncertaintyHTMLRow{r.metric, c.Labels[r.s],
			fmt.Sprintf("%s [%s, %s]", Signed(r.noise.Mean), Num(r.noise.Lo), Num(r.noise.Hi)),
			fmt.Sprintf("%s [%s, %s]", Signed(r.draws.Mean), Num(r.draws.Lo), Num(r.draws.Hi)), r.verdict})
	}
	return h
}

// chart draws a metric's differences: per scenario after the first, the
// interval from noise alone beside the one with parameter uncertainty.
func (u *Uncertainty) chart(c *experiment.Comparison, key string) (*chart.Figure, error) {
	rows := u.rows(c, []string{key})
	if len(rows) == 0 {
		return nil, nil
	}
	var labels []string
	var noise, both []chart.Bar
	for _, r := range rows {
		labels = append(labels, "Δ "+c.Labels[r.s])
		noise = append(noise, chart.Bar{Mean: r.noise.Mean, Lo: r.noise.Lo, Hi: r.noise.Hi})
		both = append(both, chart.Bar{Mean: r.draws.Mean, Lo: r.draws.Lo, Hi: r.draws.Hi})
	}
	m := Summary(key)
	return chart.Intervals(m.Title+": difference from "+c.Labels[0], fmt.Sprintf("%d draws × %d replications; %d nominal replications; %s each", u.DrawComparison.Draws, u.Reps, c.Reps, Plural(c.Days, "day")), UpperFirst(m.Unit), labels, noise, both)
}
