package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report"
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
		over, _, err := analysis.LoadRanges(rangesFile, base)
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
	req, err := experiment.RequestShard(o.shard, o.shards, os.Getenv)
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
		report.PrintRanges(stdout, rs)
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
	run := sensitivityRun{o: o, setup: setup, dir: dir}
	start := time.Now()
	var morris *analysis.Morris
	if o.stage != "sobol" || len(o.sobolParams) == 0 {
		m, code, stop := run.morris()
		if stop {
			return code
		}
		morris = m
	}
	morrisWall := time.Since(start)
	var sobol *analysis.Sobol
	if o.stage != "morris" {
		s, code, stop := run.sobol(morris)
		if stop {
			return code
		}
		sobol = s
	}
	wall := time.Since(start)
	report.PrintSensitivity(stdout, os.Stderr, morris, sobol)
	rdir := filepath.Join(dir, "report")
	if err := writeSensitivity(rdir, o, morris, sobol, morrisWall, wall); err != nil {
		return failed("sensitivity", fmt.Errorf("writing %s: %w", rdir, err))
	}
	fmt.Fprintf(os.Stderr, "channelsim sensitivity: wrote %s/report.html, report.md, indices.csv and charts (%s)\n", rdir, wall.Round(time.Second))
	return exitOK
}

// sensitivityRun is a sensitivity analysis under way: its options, the
// setup every stage shares and its directory.
type sensitivityRun struct {
	o     sensitivityOptions
	setup analysis.Setup
	dir   string
}

// fail reports a stage's error; an interrupted stage says how to continue.
func (r sensitivityRun) fail(stage string, err error) int {
	if r.setup.Context.Err() != nil {
		fmt.Fprintf(os.Stderr, "channelsim sensitivity: %s: interrupted: continue with --resume\n", stage)
		return exitInternal
	}
	return failed("sensitivity "+stage, err)
}

// morris runs the Morris screening (for --stage sobol, reads the one
// already run). stop is set when the command ends here: with an error,
// or when a shard's runs are done; code is then its exit status.
func (r sensitivityRun) morris() (m *analysis.Morris, code int, stop bool) {
	o, rs, dir := r.o, r.setup.Ranges, filepath.Join(r.dir, "morris")
	bar := newProgress("morris", true)
	ms := r.setup
	ms.Progress = bar.Runs
	if o.stage == "sobol" {
		// The Sobol stage reads the screening; it never runs it.
		ms.Shard, ms.Shards, ms.AnalyseOnly = 0, 0, true
	}
	fmt.Fprintf(os.Stderr, "channelsim sensitivity: Morris screening of %d parameters, %d trajectories: %d runs of %d days into %s\n",
		len(rs), o.r, o.r*(len(rs)+1)*o.reps, o.days, dir)
	m, rep, err := analysis.RunMorris(dir, ms, o.r, o.levels)
	bar.Done()
	if err != nil {
		return nil, r.fail("morris", err), true
	}
	if m == nil {
		fmt.Fprintf(os.Stderr, "channelsim sensitivity: shard %d/%d: %d runs (%d resumed); merge the shards into %s, then run --stage sobol\n", r.setup.Shard, r.setup.Shards, rep.Total, rep.Resumed, dir)
		return nil, exitOK, true
	}
	// As sweep and merge leave it: one column per metric, columns.json.
	if err := report.FinishRunsIn(dir); err != nil {
		return nil, failed("sensitivity", err), true
	}
	return m, exitOK, false
}

// sobol runs the Sobol stage on the parameters --sobol-params names, else
// on the screening's --top; stop and code as for morris.
func (r sensitivityRun) sobol(morris *analysis.Morris) (s *analysis.Sobol, code int, stop bool) {
	o, dir := r.o, filepath.Join(r.dir, "sobol")
	ss := r.setup
	if len(o.sobolParams) > 0 {
		_, srs, code := loadParams("sensitivity", o.base, o.ranges, o.sobolParams)
		if code != exitOK {
			return nil, code, true
		}
		ss.Ranges = srs
	} else {
		ss.Ranges = morris.Top(o.top)
	}
	if 2*len(ss.Ranges) > uq.MaxSobolDims {
		return nil, usageError("sensitivity", "Sobol indices of %d parameters: at most %d (--top, --sobol-params)", len(ss.Ranges), uq.MaxSobolDims/2), true
	}
	bar := newProgress("sobol", true)
	ss.Progress = bar.Runs
	fmt.Fprintf(os.Stderr, "channelsim sensitivity: Sobol indices of %d parameters, N = %d: %d runs of %d days into %s\n",
		len(ss.Ranges), o.n, o.n*(len(ss.Ranges)+2)*o.reps, o.days, dir)
	s, rep, err := analysis.RunSobol(dir, ss, o.n)
	bar.Done()
	if err != nil {
		return nil, r.fail("sobol", err), true
	}
	if s == nil {
		fmt.Fprintf(os.Stderr, "channelsim sensitivity: shard %d/%d: %d runs (%d resumed); merge the shards into %s, then run --stage sobol again\n", ss.Shard, ss.Shards, rep.Total, rep.Resumed, dir)
		return nil, exitOK, true
	}
	if err := report.FinishRunsIn(dir); err != nil {
		return nil, failed("sensitivity", err), true
	}
	return s, exitOK, false
}

// writeSensitivity writes indices.csv, the charts, report.md and
// report.html into dir, atomically.
func writeSensitivity(dir string, o sensitivityOptions, m *analysis.Morris, s *analysis.Sobol, morrisWall, wall time.Duration) error {
	af, err := safefile.NewStage(dir, "sensitivity", "indices.csv")
	if err != nil {
		return err
	}
	defer af.Abort()
	err = report.Sensitivity{Base: o.base, Trajectories: o.r, Levels: o.levels, Days: o.days, Reps: o.reps, Seed: o.seed,
		Morris: m, Sobol: s, Wall: wall, MorrisWall: morrisWall, Version: version()}.Write(af)
	if err != nil {
		return err
	}
	return af.Commit()
}
