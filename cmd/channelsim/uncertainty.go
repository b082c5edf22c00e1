package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/report/chart"
	"channelsim/scenarios"
	"channelsim/sim"
)

// uncertainty is a comparison run again under draws of a parameter
// sample: each difference from noise alone (the nominal comparison) and
// from noise and parameter uncertainty (the draws).
type uncertainty struct {
	post       *analysis.Posterior
	dc         *experiment.DrawComparison
	negligible float64
	scaled     map[string]bool // keys scaled by a scenario's own change
	kept       map[string]bool // keys a scenario sets, not drawn
}

// runDraws runs every scenario under draws of the posterior with common
// random numbers within each draw.
func runDraws(ctx context.Context, scs []*scenarios.Scenario, labels []string, c *experiment.Comparison, post *analysis.Posterior, draws, reps, days, workers int, negligible float64) (*uncertainty, error) {
	u := &uncertainty{post: post, negligible: negligible, scaled: map[string]bool{}, kept: map[string]bool{}}
	ds := post.Draws(draws)
	// Find which keys each scenario scales or keeps (the same for every draw).
	for s := 1; s < len(scs); s++ {
		cfg := experiment.Clone(scs[s].Config)
		sc, kp, err := post.Apply(cfg, scs[0].Config, ds[0])
		if err != nil {
			return nil, fmt.Errorf("%s under a draw of %s: %w", labels[s], post.Source, err)
		}
		for _, k := range sc {
			u.scaled[labels[s]+": "+k] = true
		}
		for _, k := range kp {
			u.kept[labels[s]+": "+k] = true
		}
	}
	bar := newProgress("draws", true)
	dc, err := experiment.CompareDraws(ctx, scs, labels, draws, reps, c.Days, workers, 0x706f7374 /* "post" */, func(d, s int, cfg *sim.Config) error {
		_, _, err := post.Apply(cfg, scs[0].Config, ds[d])
		return err
	}, func(d, t int) { bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d", d, t)) })
	bar.Done()
	if err != nil {
		return nil, err
	}
	u.dc = dc
	return u, nil
}

// row is one metric's difference for scenario s under both kinds of
// uncertainty.
type uRow struct {
	metric  string
	s       int
	noise   experiment.Interval
	draws   experiment.DrawStat
	verdict string
}

func (u *uncertainty) rows(c *experiment.Comparison, keys []string) []uRow {
	var out []uRow
	for _, k := range keys {
		m := c.Metric(k)
		dm := u.dc.Metric(k)
		if m < 0 || dm < 0 {
			continue
		}
		st := c.Stats(m, ciLevel)
		for s := 1; s < len(c.Labels); s++ {
			ref := st[s].Diff.Mean
			ds := u.dc.Stat(dm, s, ref, u.negligible)
			out = append(out, uRow{metric: k, s: s, noise: st[s].Diff, draws: ds, verdict: verdict(ds, ref, u.negligible)})
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

func (u *uncertainty) allMetrics(c *experiment.Comparison) []string {
	var ks []string
	for m, k := range c.Metrics {
		if !constant(c, m) {
			ks = append(ks, k)
		}
	}
	return ks
}

func barKeys() []string {
	var ks []string
	for _, km := range compareBars {
		ks = append(ks, km.key)
	}
	return ks
}

func (u *uncertainty) note() string {
	return fmt.Sprintf("%d draws of %s (fitted to %s), %d replications each, with common random numbers within a draw and seeds of its own for each draw", u.dc.Draws, u.post.Source, u.post.Scenario, u.dc.Reps)
}

func (u *uncertainty) print(w io.Writer, c *experiment.Comparison) {
	fmt.Fprintf(w, "\nUnder parameter uncertainty: %s.\n", u.note())
	fmt.Fprintf(w, "%-28s %-22s %-26s %-26s %s\n", "metric", "scenario", "Δ, noise alone [95 % CI]", "Δ, + parameters [95 %]", "verdict")
	for _, r := range u.rows(c, barKeys()) {
		fmt.Fprintf(w, "%-28s %-22s %-26s %-26s %s\n", r.metric, c.Labels[r.s],
			fmt.Sprintf("%s [%s, %s]", signed(r.noise.Mean), fmtNum(r.noise.Lo), fmtNum(r.noise.Hi)),
			fmt.Sprintf("%s [%s, %s]", signed(r.draws.Mean), fmtNum(r.draws.Lo), fmtNum(r.draws.Hi)), r.verdict)
	}
	u.printNotes(w)
}

func (u *uncertainty) printNotes(w io.Writer) {
	for k := range u.scaled {
		fmt.Fprintf(w, "(%s: the scenario's change is applied relative to each draw.)\n", k)
	}
	for k := range u.kept {
		fmt.Fprintf(w, "(%s: the scenario's own value is kept, not drawn.)\n", k)
	}
}

func (u *uncertainty) csv(c *experiment.Comparison) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"metric", "scenario", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "draws", "draw_reps", "draws_diff_mean", "draws_diff_lo", "draws_diff_hi", "draws_relative_change", "param_sd", "sign_agreement", "negligible_share", "verdict"})
	for _, r := range u.rows(c, u.allMetrics(c)) {
		rel := ""
		if !math.IsNaN(r.draws.Relative) {
			rel = ff(r.draws.Relative)
		}
		w.Write([]string{r.metric, c.Labels[r.s], ff(r.noise.Mean), ff(r.noise.Lo), ff(r.noise.Hi), strconv.Itoa(u.dc.Draws), strconv.Itoa(u.dc.Reps),
			ff(r.draws.Mean), ff(r.draws.Lo), ff(r.draws.Hi), rel, ff(r.draws.ParamSD), ff(r.draws.Agree), ff(r.draws.Small), r.verdict})
	}
	w.Flush()
	return b.Bytes()
}

func (u *uncertainty) markdown(c *experiment.Comparison) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Under parameter uncertainty\n\n%s. \"Noise alone\" is the paired 95 %% interval above (nominal parameters); \"+ parameters\" is the central 95 %% of the draws' mean differences, each over its replications, so it holds both the parameters' uncertainty and the model's noise; \"parameter sd\" is the spread of the draws beyond the noise (analysis of variance). All metrics are in uncertainty.csv.\n\n", u.note())
	b.WriteString("| metric | scenario | Δ, noise alone [95 % CI] | Δ, + parameters [central 95 %] | parameter sd | verdict |\n|---|---|---|---|---|---|\n")
	for _, r := range u.rows(c, barKeys()) {
		fmt.Fprintf(&b, "| `%s` | %s | %s [%s, %s] | %s [%s, %s] | %s | %s |\n", r.metric, c.Labels[r.s], signed(r.noise.Mean), fmtNum(r.noise.Lo), fmtNum(r.noise.Hi),
			signed(r.draws.Mean), fmtNum(r.draws.Lo), fmtNum(r.draws.Hi), fmtNum(r.draws.ParamSD), r.verdict)
	}
	var nb bytes.Buffer
	u.printNotes(&nb)
	if nb.Len() > 0 {
		b.WriteString("\n" + strings.ReplaceAll(nb.String(), "\n", "  \n"))
	}
	b.WriteString("\n")
	return b.String()
}

func (u *uncertainty) html(c *experiment.Comparison) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h2>Under parameter uncertainty</h2>\n<p class=note>%s.</p>\n<table><tr><th>metric</th><th>scenario</th><th>Δ, noise alone [95 %% CI]</th><th>Δ, + parameters [central 95 %%]</th><th>verdict</th></tr>\n", htmlEsc(u.note()))
	for _, r := range u.rows(c, barKeys()) {
		fmt.Fprintf(&b, "<tr><td><code>%s</code></td><td>%s</td><td>%s [%s, %s]</td><td>%s [%s, %s]</td><td>%s</td></tr>\n", r.metric, htmlEsc(c.Labels[r.s]),
			signed(r.noise.Mean), fmtNum(r.noise.Lo), fmtNum(r.noise.Hi), signed(r.draws.Mean), fmtNum(r.draws.Lo), fmtNum(r.draws.Hi), htmlEsc(r.verdict))
	}
	b.WriteString("</table>\n")
	return b.String()
}

// chart draws a metric's differences: per scenario after the first, the
// interval from noise alone beside the one with parameter uncertainty.
func (u *uncertainty) chart(c *experiment.Comparison, km keyMetric) (*chart.Figure, error) {
	rows := u.rows(c, []string{km.key})
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
	return chart.Intervals(km.title+": difference from "+c.Labels[0], fmt.Sprintf("%d draws × %d replications; %d nominal replications; %s each", u.dc.Draws, u.dc.Reps, c.Reps, plural(c.Days, "day")), upperFirst(km.unit), labels, noise, both)
}
