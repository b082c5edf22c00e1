package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
	"channelsim/sim"
)

func init() { register(newCalibrateCmd) }

// calibrateOptions are the parsed options of channelsim calibrate.
type calibrateOptions struct {
	base, ranges, out string
	params, targets   []string
	particles, gens   int
	alpha, pAccMin    float64
	days              int
	daysSet           bool
	reps              int
	seed              uint64
	workers           int
	resume            bool
	// History matching before the ABC, and the ABC's tolerance goal.
	waves, waveRuns int
	cutoff, eps     float64
}

func newCalibrateCmd() *cobra.Command {
	var o calibrateOptions
	var params, targets string
	c := &cobra.Command{
		Use:   "calibrate [SCENARIO] --params LIST",
		Short: "fit estimated parameters to the 2015 calibration targets by ABC: a sample of plausible parameter sets",
		Long: "Fits the parameters named by --params (take them from the screening of\n" +
			"'channelsim sensitivity') to the calibration targets of docs/validation.md by\n" +
			"approximate Bayesian computation (adaptive population Monte Carlo, Lenormand\n" +
			"et al. 2013): a prior uniform over each plausible range, generations of\n" +
			"particles run on the sweep engine into DIR/gen-GG, the tolerance lowered each\n" +
			"generation until few new particles are accepted. Writes DIR/sample/:\n" +
			"posterior.csv (the accepted sample with weights), history.csv (the acceptance\n" +
			"history), centre.toml (a scenario at the sample's weighted median), report.md,\n" +
			"report.html and the marginal and pairwise plot. Only calibration targets can\n" +
			"be used: the held-out validation targets (C9, A2, B, C10) and the input checks\n" +
			"are refused.\n\n" +
			"With --waves W, history matching comes first (Vernon et al. 2010, Andrianakis\n" +
			"et al. 2015): W waves of --wave-runs runs into DIR/wave-WW, a Gaussian-process\n" +
			"emulator of each target fitted to each wave, and the parameter sets whose\n" +
			"implausibility |z − E[f(x)]| / √(Var_obs + Var_model + Var_emulator) exceeds\n" +
			"--cutoff for a target ruled out (the band's half-width is two standard\n" +
			"deviations of the observation; the model's own noise is the emulator's\n" +
			"nugget). The next wave's runs are drawn from the space not ruled out, and the\n" +
			"ABC's prior is uniform on what is left. waves.csv records each wave: the share\n" +
			"of the prior left, and for each target the emulator's leave-one-out share\n" +
			"within 2 standard deviations (about 95 % for a sound emulator), its error and\n" +
			"the model's noise; emulator-TARGET.png plots the last wave's leave-one-out\n" +
			"predictions against the runs. --eps stops the ABC once its tolerance is at\n" +
			"most that distance (1 is the bands' edge); history.csv gives each\n" +
			"generation's tolerance and effective sample size.",
		Example:           "  channelsim calibrate --params migrants.try_share,removals.notice_max --particles 16 --generations 3 --out cal",
		Args:              maxArgs(1, "scenario"),
		ValidArgsFunction: completeScenario,
		RunE: func(c *cobra.Command, args []string) error {
			o.base = scenarios.Default
			if len(args) == 1 {
				o.base = args[0]
			}
			o.params, o.targets = splitList(params), splitList(targets)
			o.daysSet = c.Flags().Changed("days")
			return status(calibrate(o))
		},
	}
	f := c.Flags()
	f.StringVar(&params, "params", "", "comma-separated parameters to fit (required)")
	f.StringVar(&targets, "targets", "", "comma-separated calibration targets (default: all of them: "+calibrationIDs()+")")
	f.StringVar(&o.ranges, "ranges", "", "a ranges file replacing or adding plausible ranges (the prior)")
	f.StringVar(&o.out, "out", "", "output directory (default calibrate-SCENARIO)")
	f.IntVar(&o.particles, "particles", 100, "particles N, 4–10000 (each generation runs N/2 new ones)")
	f.IntVar(&o.gens, "generations", 12, "most generations (1–100)")
	f.Float64Var(&o.alpha, "alpha", 0.5, "share of particles kept each generation (strictly between 0 and 1)")
	f.Float64Var(&o.pAccMin, "pacc-min", 0.05, "stop when fewer new particles than this share beat the tolerance (strictly between 0 and 1)")
	f.IntVar(&o.days, "days", 0, "horizon (default: the scenario's; the targets need 1 July – 30 November 2015)")
	f.IntVar(&o.reps, "reps", 1, "replications of every particle, 1–1000 (measures averaged)")
	f.Uint64Var(&o.seed, "seed", 1, "master seed")
	f.IntVar(&o.workers, "workers", 0, "runs in parallel, 0–1024 (default 0: one per CPU)")
	f.BoolVar(&o.resume, "resume", false, "continue an interrupted calibration in DIR")
	f.IntVar(&o.waves, "waves", 0, "waves of history matching before the ABC, 0–10 (0: none)")
	f.IntVar(&o.waveRuns, "wave-runs", 60, "runs a wave of history matching, 10–10000")
	f.Float64Var(&o.cutoff, "cutoff", 3, "implausibility above which history matching rules a parameter set out, 1–10")
	f.Float64Var(&o.eps, "eps", 0, "stop the ABC once its tolerance is at most this distance, 0–10 (0: by --pacc-min and --generations only)")
	c.MarkFlagDirname("out")
	return c
}

func calibrate(o calibrateOptions) int {
	switch {
	case len(o.params) == 0:
		return usageError("calibrate", "--params: name the parameters to fit (channelsim sensitivity ranks them)")
	}
	if code := checkInts("calibrate", intCheck{"particles", o.particles, 4, maxParticles}, intCheck{"generations", o.gens, 1, maxGenerations},
		intCheck{"reps", o.reps, 1, maxReps}, intCheck{"workers", o.workers, 0, maxWorkers},
		intCheck{"waves", o.waves, 0, 10}, intCheck{"wave-runs", o.waveRuns, 10, 10000}); code != exitOK {
		return code
	}
	if code := checkShare("calibrate", "cutoff", o.cutoff, 1, 10, false); code != exitOK {
		return code
	}
	if code := checkShare("calibrate", "eps", o.eps, 0, 10, false); code != exitOK {
		return code
	}
	if code := checkShare("calibrate", "alpha", o.alpha, 0, 1, true); code != exitOK {
		return code
	}
	if code := checkShare("calibrate", "pacc-min", o.pAccMin, 0, 1, true); code != exitOK {
		return code
	}
	if keep := int(math.Floor(o.alpha * float64(o.particles))); keep < 2 || keep >= o.particles {
		return usageError("calibrate", "--alpha %g of %d particles keeps %d: expected from 2 to %d (more particles, or another --alpha)", o.alpha, o.particles, keep, o.particles-1)
	}
	if o.daysSet {
		if code := checkDays("calibrate", o.days); code != exitOK {
			return code
		}
	}
	if code := checkSeed("calibrate", o.seed); code != exitOK {
		return code
	}
	ts, err := analysis.CalibrationTargets(o.targets)
	if err != nil {
		return usageError("calibrate", "--targets: %v", err)
	}
	sc, rs, code := loadParams("calibrate", o.base, o.ranges, o.params)
	if code != exitOK {
		return code
	}
	dir := o.out
	if dir == "" {
		dir = "calibrate-" + sc.Config.Name
	}
	top, err := safefile.OpenOutDir(dir, "calibrate", safefile.OutDirOptions{Subdirs: func(n string) bool {
		return n == "sample" || len(n) > 4 && strings.HasPrefix(n, "gen-") && strings.Trim(n[4:], "0123456789") == "" ||
			len(n) > 5 && strings.HasPrefix(n, "wave-") && strings.Trim(n[5:], "0123456789") == ""
	}})
	if err != nil {
		return failed("calibrate", err)
	}
	defer top.Close()
	if !o.resume {
		_, errGen := os.Lstat(filepath.Join(dir, "gen-00"))
		if _, err := os.Lstat(filepath.Join(dir, "wave-00")); err == nil || errGen == nil {
			return usageError("calibrate", "%s already holds a calibration: use --resume to continue it, or another directory", dir)
		}
	}
	if err := top.Claim(); err != nil {
		return failed("calibrate", err)
	}
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress("calibrate", true)
	setup := analysis.Setup{Base: sc, Ranges: rs, Days: o.days, Reps: o.reps, Seed: o.seed, Workers: o.workers, Resume: true, Context: ctx, Version: version(),
		Progress: func(d, t int) { bar.Update(float64(d)/float64(t), fmt.Sprintf("run %d/%d of this generation", d, t)) }}
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.Target().ID)
	}
	fmt.Fprintf(os.Stderr, "channelsim calibrate: %d parameters to targets %s, %d particles, into %s\n", len(rs), strings.Join(ids, ", "), o.particles, dir)
	start := time.Now()
	c, err := analysis.Calibrate(dir, setup, ts, analysis.Settings{Particles: o.particles, Alpha: o.alpha, PAccMin: o.pAccMin, MaxGen: o.gens,
		Eps: o.eps, Waves: o.waves, WaveRuns: o.waveRuns, Cutoff: o.cutoff})
	bar.Done()
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(os.Stderr, "channelsim calibrate: interrupted: continue with --resume\n")
			return exitInternal
		}
		if strings.Contains(err.Error(), "cannot be measured") || strings.Contains(err.Error(), "expected") {
			return usageError("calibrate", "%v", err)
		}
		return failed("calibrate", err)
	}
	wall := time.Since(start)
	printCalibration(c)
	sdir := filepath.Join(dir, "sample")
	if err := writeCalibration(sdir, o, c, wall); err != nil {
		return failed("calibrate", fmt.Errorf("writing %s: %w", sdir, err))
	}
	fmt.Fprintf(os.Stderr, "channelsim calibrate: wrote %s/posterior.csv, history.csv, centre.toml, report.md, report.html (%s)\n", sdir, wall.Round(time.Second))
	return exitOK
}

// weightedQuantiles returns the weighted 2.5 %, 50 % and 97.5 %
// quantiles of xs.
func weightedQuantiles(xs, w []float64) (lo, mid, hi float64) {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sortIdx(idx, xs)
	var total float64
	for _, v := range w {
		total += v
	}
	q := func(p float64) float64 {
		var cum float64
		for _, i := range idx {
			cum += w[i]
			if cum >= p*total {
				return xs[i]
			}
		}
		return xs[idx[len(idx)-1]]
	}
	return q(0.025), q(0.5), q(0.975)
}

func sortIdx(idx []int, xs []float64) {
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && xs[idx[j]] < xs[idx[j-1]]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
}

// sampleColumn returns parameter d's values over the sample, as numbers
// in the range's unit.
func sampleColumn(c *analysis.Calibration, d int) []float64 {
	r := c.Setup.Ranges[d]
	out := make([]float64, len(c.Pop.Theta))
	for i, th := range c.Pop.Theta {
		v := r.Value(th[d])
		out[i] = r.Low + r.Position(v)*(r.High-r.Low)
	}
	return out
}

// measureColumn returns target t's measure in each accepted particle.
func measureColumn(c *analysis.Calibration, t int) []float64 {
	xs := make([]float64, len(c.Measures))
	for i := range xs {
		xs[i] = c.Measures[i][t]
	}
	return xs
}

func printCalibration(c *analysis.Calibration) {
	if len(c.Waves) > 0 {
		fmt.Fprintf(stdout, "History matching (implausibility cut-off %g):\n  wave  runs  prior left  emulators' leave-one-out within 2 sd\n", c.HM.Cutoff)
		for _, w := range c.Waves {
			fmt.Fprintf(stdout, "  %4d  %4d  %9.4f %%  %s\n", w.Wave+1, w.Runs, 100*w.Volume, looText(c, w))
		}
		fmt.Fprintln(stdout)
	}
	w := c.Pop.Normalized()
	fmt.Fprintf(stdout, "Acceptance history:\n  gen  runs  total  tolerance  accepted  ESS\n")
	for _, g := range c.History {
		fmt.Fprintf(stdout, "  %3d  %4d  %5d  %9.3f  %7.0f%%  %5.1f\n", g.Gen, g.Runs, g.Total, g.Eps, 100*g.PAcc, g.ESS)
	}
	fmt.Fprintf(stdout, "\nPosterior (%d particles; weighted median and central 95 %%):\n", len(c.Pop.Theta))
	for d, r := range c.Setup.Ranges {
		lo, mid, hi := weightedQuantiles(sampleColumn(c, d), w)
		f := sim.FormatFloat // durations in minutes, as the name says
		fmt.Fprintf(stdout, "  %-46s %s [%s, %s]   prior %s … %s, baseline %s\n", analysis.PosteriorColumn(r.Path), f(mid), f(lo), f(hi), f(r.Low), f(r.High), f(r.Base))
	}
	fmt.Fprintf(stdout, "\nTargets in the accepted runs (weighted median and central 95 %%):\n")
	for t, ct := range c.Targets {
		tg := ct.Target()
		lo, mid, hi := weightedQuantiles(measureColumn(c, t), w)
		fmt.Fprintf(stdout, "  %-5s %-58s %s [%s, %s]   band %s\n", tg.ID, tg.What, fmtNum(mid), fmtNum(lo), fmtNum(hi), tg.Band)
	}
}

func writeCalibration(dir string, o calibrateOptions, c *analysis.Calibration, wall time.Duration) error {
	af, err := safefile.NewStage(dir, "calibrate", "posterior.csv")
	if err != nil {
		return err
	}
	defer af.Abort()
	post, err := c.WritePosterior()
	if err != nil {
		return err
	}
	if err := af.Write("posterior.csv", post); err != nil {
		return err
	}
	var hb bytes.Buffer
	hw := csv.NewWriter(&hb)
	hw.Write([]string{"generation", "runs", "runs_total", "tolerance", "acceptance", "ess"})
	for _, g := range c.History {
		hw.Write([]string{strconv.Itoa(g.Gen), strconv.Itoa(g.Runs), strconv.Itoa(g.Total), ff(g.Eps), ff(g.PAcc), ff(g.ESS)})
	}
	hw.Flush()
	if err := af.Write("history.csv", hb.Bytes()); err != nil {
		return err
	}
	if err := writeWaves(af, c); err != nil {
		return err
	}
	// centre.toml: the scenario at the sample's weighted median.
	cfg := experiment.Clone(c.Setup.Base.Config)
	for d, v := range c.Centre() {
		if err := scenarios.Set(cfg, c.Setup.Ranges[d].Path, v); err != nil {
			return err
		}
	}
	// Written whole (every key resolved), since a file that extends the
	// base would have to repeat an array of tables to change one element.
	var full bytes.Buffer
	cfg.Name = c.Setup.Base.Config.Name + "-calibrated"
	cfg.Description = "The " + c.Setup.Base.Config.Name + " scenario with its fitted parameters at the weighted median of the calibration sample (posterior.csv)."
	if err := scenarios.Encode(&full, cfg); err != nil {
		return err
	}
	centre := append([]byte(fmt.Sprintf("# Written by channelsim calibrate (seed %d): %s with each fitted parameter at the\n# weighted median of the accepted sample in posterior.csv.\n", o.seed, c.Setup.Base.Config.Name)), full.Bytes()...)
	if err := af.Write("centre.toml", centre); err != nil {
		return err
	}
	// Plots: marginals and pairs.
	var names []string
	cols := make([][]float64, len(c.Setup.Ranges))
	for d, r := range c.Setup.Ranges {
		names = append(names, shortKey(r.Path))
		cols[d] = sampleColumn(c, d)
	}
	rows := make([][]float64, len(c.Pop.Theta))
	for i := range rows {
		rows[i] = make([]float64, len(cols))
		for d := range cols {
			rows[i][d] = cols[d][i]
		}
	}
	title := "Posterior of " + c.Setup.Base.Config.Name
	note := fmt.Sprintf("%d accepted draws, weighted; each draw %s × %s", len(c.Pop.Theta), plural(o.reps, "replication"), plural(planDays(c), "day"))
	png, err := chart.Pairs(title, note, names, rows, c.Pop.Normalized(), "png")
	if err != nil {
		return err
	}
	if err := af.Write("posterior-pairs.png", png); err != nil {
		return err
	}
	svg, err := chart.Pairs(title, note, names, rows, c.Pop.Normalized(), "svg")
	if err != nil {
		return err
	}
	if err := af.Write("posterior-pairs.svg", svg); err != nil {
		return err
	}
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Calibration of %s\n\nApproximate Bayesian computation (adaptive population Monte Carlo, Lenormand, Jabot and Deffuant 2013) of %d parameters to the calibration targets", c.Setup.Base.Config.Name, len(c.Setup.Ranges))
	for _, t := range c.Targets {
		fmt.Fprintf(&md, " %s", t.Target().ID)
	}
	fmt.Fprintf(&md, ". Prior: uniform over each plausible range. Distance: root mean square of (measure − band centre) / band half-width (1 = at the edge of the bands). %d particles, α = %g, stop below %g %% acceptance; %d replication(s) a particle; horizon %d days; seed %d. Program %s; wall time %s.\n\n",
		c.APMC.N, c.APMC.Alpha, 100*c.APMC.PAccMin, o.reps, planDays(c), o.seed, version(), wall.Round(time.Second))
	if len(c.Waves) > 0 {
		fmt.Fprintf(&md, "## History matching\n\nImplausibility cut-off %g; Gaussian-process emulators of each target, refitted each wave in the space not ruled out (waves.csv; emulator-TARGET.png for the last wave's leave-one-out diagnostics).\n\n| wave | runs | prior left | leave-one-out within 2 sd |\n|---|---|---|---|\n", c.HM.Cutoff)
		for _, w := range c.Waves {
			fmt.Fprintf(&md, "| %d | %d | %.4f %% | %s |\n", w.Wave+1, w.Runs, 100*w.Volume, looText(c, w))
		}
		md.WriteString("\n")
	}
	md.WriteString("## Acceptance history\n\n| generation | runs | total runs | tolerance | new particles accepted | ESS |\n|---|---|---|---|---|---|\n")
	for _, g := range c.History {
		fmt.Fprintf(&md, "| %d | %d | %d | %.3f | %.0f %% | %.1f |\n", g.Gen, g.Runs, g.Total, g.Eps, 100*g.PAcc, g.ESS)
	}
	w := c.Pop.Normalized()
	md.WriteString("\n## Posterior\n\n| parameter | baseline | prior | weighted median [central 95 %] |\n|---|---|---|---|\n")
	for d, r := range c.Setup.Ranges {
		lo, mid, hi := weightedQuantiles(cols[d], w)
		f := sim.FormatFloat // durations in minutes, as the name says
		fmt.Fprintf(&md, "| `%s` | %s | %s … %s | %s [%s, %s] |\n", analysis.PosteriorColumn(r.Path), f(r.Base), f(r.Low), f(r.High), f(mid), f(lo), f(hi))
	}
	md.WriteString("\n## Targets in the accepted runs\n\n| target | what | band | weighted median [central 95 %] |\n|---|---|---|---|\n")
	for t, ct := range c.Targets {
		tg := ct.Target()
		lo, mid, hi := weightedQuantiles(measureColumn(c, t), w)
		fmt.Fprintf(&md, "| %s | %s | %s | %s [%s, %s] |\n", tg.ID, tg.What, tg.Band, fmtNum(mid), fmtNum(lo), fmtNum(hi))
	}
	md.WriteString("\n![Marginals and pairs of the accepted sample](posterior-pairs.png)\n")
	if err := af.Write("report.md", md.Bytes()); err != nil {
		return err
	}
	var h bytes.Buffer
	h.WriteString(htmlHead("Calibration"))
	fmt.Fprintf(&h, "<h1>Calibration of %s</h1>\n<p class=note>ABC by adaptive population Monte Carlo; the tables are in report.md, the sample in posterior.csv. Program %s.</p>\n<figure><img src=\"data:image/svg+xml;base64,%s\" alt=\"marginals and pairs of the accepted sample\" style=\"max-width:100%%\"></figure>\n</body></html>\n",
		htmlEsc(c.Setup.Base.Config.Name), htmlEsc(version()), base64.StdEncoding.EncodeToString(svg))
	if err := af.Write("report.html", h.Bytes()); err != nil {
		return err
	}
	return af.Commit()
}

func planDays(c *analysis.Calibration) int {
	if c.Setup.Days > 0 {
		return c.Setup.Days
	}
	return c.Setup.Base.Config.Days
}

// calibrationIDs lists the calibration targets, for the help.
func calibrationIDs() string {
	ts, _ := analysis.CalibrationTargets(nil)
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.Target().ID
	}
	return strings.Join(ids, ", ")
}

// looText gives a wave's leave-one-out coverage by target.
func looText(c *analysis.Calibration, w analysis.WaveRecord) string {
	var parts []string
	for t, ct := range c.Targets {
		parts = append(parts, fmt.Sprintf("%s %.0f %%", ct.Target().ID, 100*w.LOOWithin2[t]))
	}
	return strings.Join(parts, ", ")
}

// writeWaves writes waves.csv and the last wave's emulator diagnostics
// (emulator-TARGET.png: each run's leave-one-out prediction, ±2 sd,
// against its value) into the sample's stage.
func writeWaves(af *safefile.Stage, c *analysis.Calibration) error {
	if len(c.Waves) == 0 {
		return nil
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	head := []string{"wave", "runs", "prior_left"}
	for _, ct := range c.Targets {
		id := ct.Target().ID
		head = append(head, id+"_loo_within_2sd", id+"_loo_rmse", id+"_noise_sd")
	}
	cw.Write(head)
	ff := sim.FormatFloat
	for _, w := range c.Waves {
		row := []string{strconv.Itoa(w.Wave + 1), strconv.Itoa(w.Runs), ff(w.Volume)}
		for t := range c.Targets {
			row = append(row, ff(w.LOOWithin2[t]), ff(w.LOORMSE[t]), ff(w.NoiseSD[t]))
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := af.Write("waves.csv", b.Bytes()); err != nil {
		return err
	}
	last := c.HM.Waves[len(c.HM.Waves)-1]
	for t, ct := range c.Targets {
		tg := ct.Target()
		l := last.LOO[t]
		var pts []chart.Point
		for i := range l.Mean {
			pts = append(pts, chart.Point{X: l.Mean[i], XLo: l.Mean[i] - 2*l.SD[i], XHi: l.Mean[i] + 2*l.SD[i], Y: last.Outputs[i][t]})
		}
		note := fmt.Sprintf("wave %d of %d: %d runs; %.0f %% within 2 sd (about 95 %% for a sound emulator); noise sd %s", len(c.HM.Waves), len(c.HM.Waves), len(pts), 100*l.Within2, fmtNum(math.Sqrt(last.Emulators[t].NoiseVar())))
		f, err := chart.LeaveOneOut("Emulator of "+tg.ID+": leave-one-out against the runs", note, "emulator's prediction from the other runs (±2 sd), "+tg.Unit, "the run's value, "+tg.Unit, pts)
		if err != nil {
			return err
		}
		png, err := chart.Render(f, "png")
		if err != nil {
			return err
		}
		if err := af.Write("emulator-"+tg.ID+".png", png); err != nil {
			return err
		}
	}
	return nil
}
