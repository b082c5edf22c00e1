package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/internal/safefile"
	"channelsim/report"
	"channelsim/scenarios"
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
			"generation's tolerance and effective sample size, by each particle's own\n" +
			"generation's weights and by the mixture weights that posterior.csv carries\n" +
			"(π over the mixture of every generation's proposals, Owen and Zhou 2000: the\n" +
			"same posterior, with less variance).",
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
	all, _ := analysis.CalibrationTargets(nil)
	f.StringVar(&targets, "targets", "", "comma-separated calibration targets (default: all of them: "+analysis.TargetIDs(all)+")")
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
	fmt.Fprintf(os.Stderr, "channelsim calibrate: %d parameters to targets %s, %d particles, into %s\n", len(rs), analysis.TargetIDs(ts), o.particles, dir)
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
	report.PrintCalibration(stdout, c)
	sdir := filepath.Join(dir, "sample")
	if err := writeCalibration(sdir, report.Calibration{Calibration: c, Reps: o.reps, Seed: o.seed, Wall: wall, Version: version()}); err != nil {
		return failed("calibrate", fmt.Errorf("writing %s: %w", sdir, err))
	}
	fmt.Fprintf(os.Stderr, "channelsim calibrate: wrote %s/posterior.csv, history.csv, centre.toml, report.md, report.html (%s)\n", sdir, wall.Round(time.Second))
	return exitOK
}

// writeCalibration writes the calibration's sample and report into dir,
// atomically.
func writeCalibration(dir string, c report.Calibration) error {
	af, err := safefile.NewStage(dir, "calibrate", "posterior.csv")
	if err != nil {
		return err
	}
	defer af.Abort()
	if err := c.Write(af); err != nil {
		return err
	}
	return af.Commit()
}
