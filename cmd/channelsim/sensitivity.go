package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
	"channelsim/uq"
)

func init() { register(newSensitivityCmd) }

// defaultOutputs are the outputs analysed unless --outputs names others.
var defaultOutputs = []string{"detections_total", "in_country_encounters", "freight_delay_mean_min", "freight_delay_p95_min",
	"migrants_in_camp_end", "stowaway_dose_usv_total", "removal_cancellation_rate", "tickets_per_removal"}

// sensitivityOptions are the parsed options of channelsim sensitivity.
type sensitivityOptions struct {
	base, ranges, out, stage string
	params, sobolParams      []string
	outputs                  []string
	r, levels, n, top        int
	days, reps, boot         int
	seed                     uint64
	workers                  int
	shard                    string
	shards                   int
	resume, list             bool
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func newSensitivityCmd() *cobra.Command {
	var o sensitivityOptions
	var params, sobolParams, outputs string
	c := &cobra.Command{
		Use:   "sensitivity [SCENARIO]",
		Short: "global sensitivity of outputs to the estimated parameters: Morris screening, then Sobol indices",
		Long: "Global sensitivity of outputs to the parameters with a plausible range (the\n" +
			"estimates, docs/scenarios.md), in two stages on the sweep engine:\n" +
			"  morris  Morris screening: r trajectories over every parameter, μ*, σ and a\n" +
			"          bootstrap interval on μ* for each output (DIR/morris/runs.csv);\n" +
			"  sobol   first- and total-order Sobol indices (Saltelli design on a Sobol\n" +
			"          sequence, Jansen estimator, bootstrap intervals) for the top K of\n" +
			"          the screening, or --sobol-params (DIR/sobol/runs.csv).\n" +
			"Every point runs with the same seeds (common random numbers). Runs stream,\n" +
			"resume (--resume) and shard (--shard K/N with --stage morris or sobol, then\n" +
			"'channelsim merge' into DIR/STAGE) as sweeps do. Writes DIR/report/: indices.csv,\n" +
			"report.md, report.html and charts. docs/sensitivity.md explains the method.",
		Example:           "  channelsim sensitivity --r 5 --n 16 --top 4 --days 7 --out sens-small\n  channelsim sensitivity --list",
		Args:              maxArgs(1, "scenario"),
		ValidArgsFunction: completeScenario,
		RunE: func(c *cobra.Command, args []string) error {
			o.base = scenarios.Default
			if len(args) == 1 {
				o.base = args[0]
			}
			o.params, o.sobolParams, o.outputs = splitList(params), splitList(sobolParams), splitList(outputs)
			return status(sensitivity(o))
		},
	}
	f := c.Flags()
	f.StringVar(&params, "params", "", "comma-separated parameters (key paths; an array key without index for all its elements); default: every one with a range")
	f.StringVar(&sobolParams, "sobol-params", "", "parameters of the Sobol stage (default: the top K of the screening)")
	f.StringVar(&outputs, "outputs", strings.Join(defaultOutputs, ","), "comma-separated summary keys to analyse")
	f.StringVar(&o.ranges, "ranges", "", "a ranges file ([[range]] key, low, high, why) replacing or adding plausible ranges")
	f.StringVar(&o.out, "out", "", "output directory (default sensitivity-SCENARIO)")
	f.StringVar(&o.stage, "stage", "all", "morris, sobol or all")
	f.IntVar(&o.r, "r", 20, "Morris trajectories (2–1000)")
	f.IntVar(&o.levels, "levels", 4, "Morris grid levels (even, 2–64)")
	f.IntVar(&o.n, "n", 512, "Sobol base rows N, 2–65536 (runs: N·(K+2))")
	f.IntVar(&o.top, "top", 8, "parameters carried from the screening to the Sobol stage")
	f.IntVar(&o.days, "days", 30, "horizon of every run, in days")
	f.IntVar(&o.reps, "reps", 1, "replications of every point, 1–1000 (outputs averaged)")
	f.IntVar(&o.boot, "boot", 1000, "bootstrap resamples for the intervals (10–100000)")
	f.Uint64Var(&o.seed, "seed", 1, "master seed (design, runs, bootstrap)")
	f.IntVar(&o.workers, "workers", 0, "runs in parallel, 0–1024 (default 0: one per CPU)")
	f.StringVar(&o.shard, "shard", "", "run shard K of N of the stage's runs only, as K/N")
	f.IntVar(&o.shards, "shards", 0, "number of shards when a Slurm array task or JOB_COMPLETION_INDEX chooses the shard")
	f.BoolVar(&o.resume, "resume", false, "continue the stage's runs.csv in DIR")
	f.BoolVar(&o.list, "list", false, "list the parameters and their ranges, and exit")
	c.MarkFlagDirname("out")
	return c
}

// loadParams loads the base scenario and the ranges of the parameters
// selected (all with a range by default).
func loadParams(cmdName, base, rangesFile string, names []string) (*scenarios.Scenario, []scenarios.Range, int) {
	sc, err := scenarios.Load(base)
	if err != nil {
		return nil, nil, reportLoadError(err)
	}
	rs, err := scenarios.PlausibleRanges(sc.Config)
	if err != nil {
		return nil, nil, reportLoadError(err)
	}
	if rangesFile != "" {
		over, _, err := loadRangesFile(rangesFile, base)
		if err != nil {
			return nil, nil, reportLoadError(err)
		}
		rs = scenarios.MergeRanges(rs, over)
	}
	if len(names) > 0 {
		if rs, err = scenarios.SelectRanges(rs, names); err != nil {
			return nil, nil, usageError(cmdName, "--params: %v", err)
		}
	}
	if len(rs) == 0 {
		return nil, nil, usageError(cmdName, "no parameter has a plausible range: give a ranges file (--ranges)")
	}
	return sc, rs, exitOK
}

func sensitivity(o sensitivityOptions) int {
	switch {
	case o.stage != "all" && o.stage != "morris" && o.stage != "sobol":
		return usageError("sensitivity", "--stage: expected morris, sobol or all, got %q", o.stage)
	case o.levels%2 != 0:
		return usageError("sensitivity", "--levels: expected an even number of grid levels (2, 4, … %d), got %d", maxMorrisGrid, o.levels)
	}
	if code := checkInts("sensitivity", intCheck{"r", o.r, 2, maxMorrisR}, intCheck{"levels", o.levels, 2, maxMorrisGrid},
		intCheck{"n", o.n, 2, maxSobolN}, intCheck{"top", o.top, 1, uq.MaxSobolDims / 2}, intCheck{"reps", o.reps, 1, maxReps},
		intCheck{"boot", o.boot, 10, maxBoot}, intCheck{"workers", o.workers, 0, maxWorkers}); code != exitOK {
		return code
	}
	if code := checkDays("sensitivity", o.days); code != exitOK {
		return code
	}
	if code := checkSeed("sensitivity", o.seed); code != exitOK {
		return code
	}
	req, err := requestShard(o.shard, o.shards, os.Getenv)
	if err != nil {
		return usageError("sensitivity", "%v", err)
	}
	if req.K == 0 {
		return usageError("sensitivity", "%s: give the shard with --shard K/N", req.How)
	}
	shardK, shardN := req.K, req.N
	if shardN > 1 && o.stage == "all" {
		return usageError("sensitivity", "--shard runs one stage's runs: add --stage morris (then, after merging, --stage sobol)")
	}
	sc, rs, code := loadParams("sensitivity", o.base, o.ranges, o.params)
	if code != exitOK {
		return code
	}
	if o.list {
		fmt.Fprintf(stdout, "%-48s %-10s %-12s %-12s %s\n", "parameter", "value", "low", "high", "why")
		for _, r := range rs {
			fmt.Fprintf(stdout, "%-48s %-10s %-12s %-12s %s\n", r.Path, r.Format(r.Base), r.Format(r.Low), r.Format(r.High), r.Why)
		}
		return exitOK
	}
	if err := analysis.CheckOutputs(sc, o.outputs); err != nil {
		return usageError("sensitivity", "--outputs: %v", err)
	}
	dir := o.out
	if dir == "" {
		dir = "sensitivity-" + sc.Config.Name
	}
	top, err := safefile.OpenOutDir(dir, "sensitivity", safefile.OutDirOptions{Subdirs: func(n string) bool {
		return n == "morris" || n == "sobol" || n == "report"
	}})
	if err != nil {
		return failed("sensitivity", err)
	}
	defer top.Close()
	if err := top.Claim(); err != nil {
		return failed("sensitivity", err)
	}
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	setup := analysis.Setup{Base: sc, Ranges: rs, Outputs: o.outputs, Days: o.days, Reps: o.reps, Seed: o.seed, Boot: o.boot,
		Workers: o.workers, Shard: shardK, Shards: shardN, Resume: o.resume, Context: ctx, Version: version()}
	fail := func(stage string, err error) int {
		if ctx.Err() != nil {
			fmt.Fprintf(os.Stderr, "channelsim sensitivity: %s: interrupted: continue with --resume\n", stage)
			return exitInternal
		}
		return failed("sensitivity "+stage, err)
	}
	start := time.Now()
	var morris *analysis.Morris
	if o.stage != "sobol" || len(o.sobolParams) == 0 {
		bar := newProgress("morris", true)
		ms := setup
		ms.Progress = func(d, t int) { bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d", d, t)) }
		if o.stage == "sobol" {
			// The Sobol stage reads the screening; it never runs it.
			ms.Shard, ms.Shards, ms.AnalyseOnly = 0, 0, true
		}
		fmt.Fprintf(os.Stderr, "channelsim sensitivity: Morris screening of %d parameters, %d trajectories: %d runs of %d days into %s\n",
			len(rs), o.r, o.r*(len(rs)+1)*o.reps, o.days, filepath.Join(dir, "morris"))
		m, rep, err := analysis.RunMorris(filepath.Join(dir, "morris"), ms, o.r, o.levels)
		bar.Done()
		if err != nil {
			return fail("morris", err)
		}
		if m == nil {
			fmt.Fprintf(os.Stderr, "channelsim sensitivity: shard %d/%d: %d runs (%d resumed); merge the shards into %s, then run --stage sobol\n", shardK, shardN, rep.Total, rep.Resumed, filepath.Join(dir, "morris"))
			return exitOK
		}
		// As sweep and merge leave it: one column per metric, columns.json.
		if err := finishRunsIn(filepath.Join(dir, "morris")); err != nil {
			return failed("sensitivity", err)
		}
		morris = m
	}
	morrisWall := time.Since(start)
	var sobol *analysis.Sobol
	if o.stage != "morris" {
		ss := setup
		if len(o.sobolParams) > 0 {
			_, srs, code := loadParams("sensitivity", o.base, o.ranges, o.sobolParams)
			if code != exitOK {
				return code
			}
			ss.Ranges = srs
		} else {
			ss.Ranges = morris.Top(o.top)
		}
		if 2*len(ss.Ranges) > uq.MaxSobolDims {
			return usageError("sensitivity", "Sobol indices of %d parameters: at most %d (--top, --sobol-params)", len(ss.Ranges), uq.MaxSobolDims/2)
		}
		bar := newProgress("sobol", true)
		ss.Progress = func(d, t int) { bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d", d, t)) }
		fmt.Fprintf(os.Stderr, "channelsim sensitivity: Sobol indices of %d parameters, N = %d: %d runs of %d days into %s\n",
			len(ss.Ranges), o.n, o.n*(len(ss.Ranges)+2)*o.reps, o.days, filepath.Join(dir, "sobol"))
		s, rep, err := analysis.RunSobol(filepath.Join(dir, "sobol"), ss, o.n)
		bar.Done()
		if err != nil {
			return fail("sobol", err)
		}
		if s == nil {
			fmt.Fprintf(os.Stderr, "channelsim sensitivity: shard %d/%d: %d runs (%d resumed); merge the shards into %s, then run --stage sobol again\n", shardK, shardN, rep.Total, rep.Resumed, filepath.Join(dir, "sobol"))
			return exitOK
		}
		if err := finishRunsIn(filepath.Join(dir, "sobol")); err != nil {
			return failed("sensitivity", err)
		}
		sobol = s
	}
	wall := time.Since(start)
	printSensitivity(morris, sobol)
	rdir := filepath.Join(dir, "report")
	if err := writeSensitivity(rdir, o, morris, sobol, morrisWall, wall); err != nil {
		return failed("sensitivity", fmt.Errorf("writing %s: %w", rdir, err))
	}
	fmt.Fprintf(os.Stderr, "channelsim sensitivity: wrote %s/report.html, report.md, indices.csv and charts (%s)\n", rdir, wall.Round(time.Second))
	return exitOK
}

// printSensitivity prints each output's ranking.
func printSensitivity(m *analysis.Morris, s *analysis.Sobol) {
	if m != nil {
		for oi, out := range m.Setup.Outputs {
			fmt.Fprintf(stdout, "\nMorris screening of %s (μ* with its 95 %% bootstrap interval, σ; per unit of each plausible range):\n", out)
			for rank, i := range m.Ranking(oi) {
				if rank == 10 {
					fmt.Fprintf(stdout, "  … %d more in indices.csv\n", len(m.Setup.Ranges)-10)
					break
				}
				e := m.Results[oi].MuStar[i]
				fmt.Fprintf(stdout, "  %2d. %-46s μ* %-9s [%s, %s]  σ %s\n", rank+1, m.Setup.Ranges[i].Path, fmtNum(e.Value), fmtNum(e.Lo), fmtNum(e.Hi), fmtNum(m.Results[oi].Sigma[i]))
			}
		}
	}
	if s != nil {
		for oi, out := range s.Setup.Outputs {
			fmt.Fprintf(stdout, "\nSobol indices of %s (95 %% bootstrap intervals):\n", out)
			if noIndices(s.Results[oi].ST) {
				fmt.Fprintf(stdout, "  none: the output did not vary over the design\n")
				continue
			}
			for i, r := range s.Setup.Ranges {
				a, b := s.Results[oi].S1[i], s.Results[oi].ST[i]
				fmt.Fprintf(stdout, "  %-46s S1 %6.3f [%6.3f, %6.3f]  ST %6.3f [%6.3f, %6.3f]\n", r.Path, a.Value, a.Lo, a.Hi, b.Value, b.Lo, b.Hi)
			}
			// The warnings go to stdout with the table they qualify, and
			// to stderr so that a script reading the table sees them too.
			for _, w := range s.Warnings()[oi] {
				fmt.Fprintf(stdout, "  warning: %s\n", w)
				fmt.Fprintf(os.Stderr, "channelsim sensitivity: warning: %s: %s\n", out, w)
			}
		}
	}
}

// writeSensitivity writes indices.csv, the charts, report.md and
// report.html into dir, atomically.
func writeSensitivity(dir string, o sensitivityOptions, m *analysis.Morris, s *analysis.Sobol, morrisWall, wall time.Duration) error {
	af, err := safefile.NewStage(dir, "sensitivity", "indices.csv")
	if err != nil {
		return err
	}
	defer af.Abort()
	var cb bytes.Buffer
	cw := csv.NewWriter(&cb)
	cw.Write([]string{"method", "output", "parameter", "index", "value", "ci95_lo", "ci95_hi", "mu", "sigma", "n", "low", "high"})
	if m != nil {
		for oi, out := range m.Setup.Outputs {
			res := m.Results[oi]
			for i, r := range m.Setup.Ranges {
				e := res.MuStar[i]
				cw.Write([]string{"morris", out, r.Path, "mu_star", ff(e.Value), ff(e.Lo), ff(e.Hi), ff(res.Mu[i]), ff(res.Sigma[i]), strconv.Itoa(res.N[i]), r.Format(r.Low), r.Format(r.High)})
			}
		}
	}
	if s != nil {
		for oi, out := range s.Setup.Outputs {
			res := s.Results[oi]
			for i, r := range s.Setup.Ranges {
				for _, x := range []struct {
					name string
					e    uq.Estimate
				}{{"S1", res.S1[i]}, {"ST", res.ST[i]}} {
					cw.Write([]string{"sobol", out, r.Path, x.name, ff(x.e.Value), ff(x.e.Lo), ff(x.e.Hi), "", "", strconv.Itoa(res.N), r.Format(r.Low), r.Format(r.High)})
				}
			}
		}
	}
	cw.Flush()
	if err := af.Write("indices.csv", cb.Bytes()); err != nil {
		return err
	}
	type fig struct{ name, title, uri string }
	var figs []fig
	if m != nil {
		for oi, out := range m.Setup.Outputs {
			res := m.Results[oi]
			rank := m.Ranking(oi)
			labelled := map[int]bool{}
			for j := 0; j < min(10, len(rank)); j++ {
				labelled[rank[j]] = true
			}
			var pts []chart.Point
			for i, r := range m.Setup.Ranges {
				e := res.MuStar[i]
				if e.Value != e.Value { // NaN: no effect measured
					continue
				}
				pts = append(pts, chart.Point{Label: r.Path, X: e.Value, XLo: e.Lo, XHi: e.Hi, Y: res.Sigma[i], Labelled: labelled[i]})
			}
			title := "Morris screening: " + out
			p, err := chart.Scatter(title, fmt.Sprintf("%d trajectories × %d days; bars: 95 %% bootstrap interval of μ*; the 10 largest labelled", o.r, o.days), "μ* (mean |elementary effect| over the plausible range)", "σ (spread of the effects)", pts)
			if err != nil {
				return err
			}
			uri, err := renderBoth(af, p, "morris-"+out)
			if err != nil {
				return err
			}
			figs = append(figs, fig{"morris-" + out, title, uri})
		}
	}
	if s != nil {
		var names []string
		for _, r := range s.Setup.Ranges {
			names = append(names, shortKey(r.Path))
		}
		for oi, out := range s.Setup.Outputs {
			res := s.Results[oi]
			if noIndices(res.ST) {
				continue // the output did not vary: nothing to draw (report.md says so)
			}
			var b1, bt []chart.Bar
			for i := range s.Setup.Ranges {
				b1 = append(b1, chart.Bar{Mean: res.S1[i].Value, Lo: res.S1[i].Lo, Hi: res.S1[i].Hi})
				bt = append(bt, chart.Bar{Mean: res.ST[i].Value, Lo: res.ST[i].Lo, Hi: res.ST[i].Hi})
			}
			title := "Sobol indices: " + out
			note := fmt.Sprintf("N = %d base rows × %d days; bars: 95 %% bootstrap intervals", s.N, o.days)
			if ws := s.Warnings()[oi]; len(ws) > 0 {
				// Marked on the chart itself: a chart copied away from its
				// report keeps the warning.
				title = "NOISY: " + title
				note += fmt.Sprintf("; %d warning(s), see report.md: intervals outside [0, 1] or a small sample are noise, not findings", len(ws))
			}
			p, err := chart.Indices(title, note, names, b1, bt)
			if err != nil {
				return err
			}
			uri, err := renderBoth(af, p, "sobol-"+out)
			if err != nil {
				return err
			}
			figs = append(figs, fig{"sobol-" + out, title, uri})
			cf, err := convergenceChart(s, oi, names, o.days)
			if err != nil {
				return err
			}
			curi, err := renderBoth(af, cf, "sobol-convergence-"+out)
			if err != nil {
				return err
			}
			figs = append(figs, fig{"sobol-convergence-" + out, "Sobol indices against N: " + out, curi})
		}
	}
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Sensitivity of %s\n\n", o.base)
	fmt.Fprintf(&md, "Program %s. Horizon %d days, %d replication(s) a point, master seed %d, common random numbers (every point runs with the same seeds). Wall time %s", version(), o.days, o.reps, o.seed, wall.Round(time.Second))
	if m != nil {
		fmt.Fprintf(&md, " (screening %s)", morrisWall.Round(time.Second))
	}
	md.WriteString(".\n\n")
	if m != nil {
		fmt.Fprintf(&md, "## Morris screening\n\n%d parameters, %d trajectories on a %d-level grid: %d runs. μ* is the mean absolute change of the output when a parameter moves across its whole plausible range (elementary effects per unit of the range), with its 95 %% bootstrap interval over trajectories; σ is the spread of the effects (non-linearity or interactions).\n\n", len(m.Setup.Ranges), o.r, o.levels, m.Runs)
		for oi, out := range m.Setup.Outputs {
			fmt.Fprintf(&md, "### %s\n\n| rank | parameter | range | μ* [95 %% CI] | σ |\n|---|---|---|---|---|\n", out)
			for rank, i := range m.Ranking(oi) {
				if rank == 10 {
					break
				}
				r, e := m.Setup.Ranges[i], m.Results[oi].MuStar[i]
				fmt.Fprintf(&md, "| %d | `%s` | %s … %s | %s [%s, %s] | %s |\n", rank+1, r.Path, r.Format(r.Low), r.Format(r.High), fmtNum(e.Value), fmtNum(e.Lo), fmtNum(e.Hi), fmtNum(m.Results[oi].Sigma[i]))
			}
			fmt.Fprintf(&md, "\n![%s](morris-%s.png)\n\n", out, out)
		}
	}
	if s != nil {
		fmt.Fprintf(&md, "## Sobol indices\n\n%d parameters, N = %d base rows of the Saltelli design: %d runs. S1 is the share of the output's variance a parameter explains alone, ST the share it has a part in (with interactions); 95 %% bootstrap intervals over base rows. The model's own noise, common to all points, is part of the variance; small indices are uncertain.\n\n", len(s.Setup.Ranges), s.N, s.Runs)
		for oi, out := range s.Setup.Outputs {
			res := s.Results[oi]
			if noIndices(res.ST) {
				fmt.Fprintf(&md, "### %s\n\nThe output did not vary over the design (the same value in every run): it has no variance to share out, so no indices.\n\n", out)
				continue
			}
			fmt.Fprintf(&md, "### %s\n\n| parameter | S1 [95 %% CI] | ST [95 %% CI] |\n|---|---|---|\n", out)
			idx := make([]int, len(s.Setup.Ranges))
			for i := range idx {
				idx[i] = i
			}
			sort.SliceStable(idx, func(a, b int) bool { return res.ST[idx[a]].Value > res.ST[idx[b]].Value })
			for _, i := range idx {
				a, b := res.S1[i], res.ST[i]
				fmt.Fprintf(&md, "| `%s` | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] |\n", s.Setup.Ranges[i].Path, a.Value, a.Lo, a.Hi, b.Value, b.Lo, b.Hi)
			}
			if ws := s.Warnings()[oi]; len(ws) > 0 {
				md.WriteString("\n**Warnings** (the chart is marked NOISY):\n\n")
				for _, w := range ws {
					fmt.Fprintf(&md, "- %s\n", w)
				}
			}
			fmt.Fprintf(&md, "\n![%s](sobol-%s.png)\n\n![%s: the total-order indices on the first rows of the design](sobol-convergence-%s.png)\n\n", out, out, out, out)
		}
	}
	if err := af.Write("report.md", md.Bytes()); err != nil {
		return err
	}
	var h bytes.Buffer
	h.WriteString(htmlHead("Sensitivity"))
	fmt.Fprintf(&h, "<h1>Sensitivity of %s</h1>\n<p class=note>Horizon %d days, %d replication(s) a point, seed %d, common random numbers. Program %s. The tables are in report.md and indices.csv.</p>\n", htmlEsc(o.base), o.days, o.reps, o.seed, htmlEsc(version()))
	for _, f := range figs {
		fmt.Fprintf(&h, "<h2>%s</h2><figure><img src=\"%s\" alt=\"%s\" width=%d height=%d></figure>\n", htmlEsc(f.title), f.uri, htmlEsc(f.title), int(chart.Width.Dots(96)), int(chart.Height.Dots(96)))
	}
	h.WriteString("</body></html>\n")
	if err := af.Write("report.html", h.Bytes()); err != nil {
		return err
	}
	return af.Commit()
}

// noIndices reports whether every index is NaN: the output's variance over
// the design was zero.
func noIndices(st []uq.Estimate) bool {
	for _, v := range st {
		if !math.IsNaN(v.Value) {
			return false
		}
	}
	return true
}

// shortKey shortens a key path for an axis label.
func shortKey(p string) string {
	parts := strings.Split(p, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

// htmlHead is the head of the self-contained HTML reports.
func htmlHead(title string) string {
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>` + htmlEsc(title) + `</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.85em;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:0.25em 0.6em;text-align:right}
th:first-child,td:first-child{text-align:left}
td.sig{font-weight:bold;background:#fff4e0}
code{font-size:0.95em}
figure{margin:1.5em 0}
figure img{max-width:100%;height:auto}
.note{color:#555}
</style></head><body>
`
}

// convergenceChart draws output oi's total-order indices, with their
// intervals, on the first rows of the design (N = the rows used): indices
// that still move between the last two N have not settled.
func convergenceChart(s *analysis.Sobol, oi int, names []string, days int) (*chart.Figure, error) {
	conv := s.Convergence[oi]
	var series []chart.Series
	for i := range s.Setup.Ranges {
		var sr chart.Series
		sr.Label = names[i]
		for _, c := range conv {
			e := c.ST[i]
			sr.X = append(sr.X, float64(c.N))
			sr.Mean, sr.Lo, sr.Hi = append(sr.Mean, e.Value), append(sr.Lo, e.Lo), append(sr.Hi, e.Hi)
		}
		series = append(series, sr)
	}
	note := fmt.Sprintf("%d to %d base rows of the same Saltelli design × %d days; bands: 95 %% bootstrap intervals", conv[0].N, conv[len(conv)-1].N, days)
	return chart.Bands(chart.BandsSpec{Title: "Total-order Sobol indices against N: " + s.Setup.Outputs[oi], Note: note,
		XLabel: "base rows N", YLabel: "total-order index ST", Series: series})
}
