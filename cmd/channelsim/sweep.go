package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/experiment"
	"channelsim/report"
	"channelsim/scenarios"
)

func init() {
	register(newSweepCmd)
	register(newMergeCmd)
}

// sweepOptions are sweep's parsed command line.
type sweepOptions struct {
	Sweep      string // a sweep file or an embedded example's name
	Workers    int
	Out        string
	Resume     bool
	Shard      string // K/N
	Shards     int
	Days       int
	DaysSet    bool // --days was given
	Reps       int
	RepsSet    bool // --reps was given
	NoProgress bool
	// Daily: each run's daily series in DIR/daily.csv.gz.
	Daily bool
	// IndependentSeeds: each (point, replication) its own seed, in place
	// of common random numbers across points.
	IndependentSeeds bool
}

func newSweepCmd() *cobra.Command {
	var o sweepOptions
	c := &cobra.Command{
		Use:   "sweep SWEEP.toml|NAME",
		Short: "run a parameter sweep file headless into runs.csv",
		Long: "Runs every run of a sweep file (docs/sweeps.md) or of an embedded example\n" +
			"(" + strings.Join(scenarios.SweepNames(), ", ") + ") and streams one row per run to\n" +
			"DIR/runs.csv, in run order, with DIR/manifest.json. When every run is done,\n" +
			"runs.csv is rewritten with one column per metric and DIR/columns.json gives\n" +
			"each column's unit. The output is the same bytes for any --workers, and\n" +
			"shards merged with 'channelsim merge' equal the whole sweep. Interrupted\n" +
			"(Ctrl-C, SIGTERM, a kill), it continues with --resume.\n\n" +
			"Shards: --shard K/N runs the runs whose index mod N is K-1. Without --shard,\n" +
			"a Slurm array task (SLURM_ARRAY_TASK_ID, with the array's min and step) or a\n" +
			"Kubernetes Indexed Job (JOB_COMPLETION_INDEX) chooses it, given the sweep's\n" +
			"number of shards by --shards N or CHANNELSIM_SHARDS=N. The shard is recorded\n" +
			"in DIR: a task run again on its own continues it (docs/cluster.md).\n\n" +
			"One process at a time writes DIR (an advisory lock); --resume checks every row\n" +
			"of runs.csv against the plan, and needs DIR's manifest.json.\n\n" +
			"Seeds: replication r of every point has the same seed (common random numbers),\n" +
			"so that points differ by their parameters and not by their seeds, unless the\n" +
			"file sets common_seeds = false or --independent-seeds is given. The seed column\n" +
			"is text (0x and 16 hex digits) that spreadsheets keep whole.\n\n" +
			"--daily also keeps each run's daily series: DIR/daily.csv.gz, one long table\n" +
			"(run, point, replication, date, then the columns of a run's daily.csv), written\n" +
			"run by run as runs.csv is, resumed and merged with it.",
		Example:           "  channelsim sweep scan-ban --out sb\n  channelsim sweep my-sweep.toml --shard 2/8 --out part-2\n  channelsim sweep scan-ban --out sb --resume",
		Args:              maxArgs(1, "sweep"),
		ValidArgsFunction: completeSweep,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageErr{cmd: c, msg: fmt.Sprintf("expected one sweep file or example name (%s), got %d arguments", strings.Join(scenarios.SweepNames(), ", "), len(args))}
			}
			o.Sweep = args[0]
			o.DaysSet, o.RepsSet = c.Flags().Changed("days"), c.Flags().Changed("reps")
			return status(runSweep(o))
		},
	}
	f := c.Flags()
	f.IntVar(&o.Workers, "workers", 0, "runs in parallel, 0–1024 (default 0: one per CPU)")
	f.StringVar(&o.Out, "out", "", "output directory (default: sweep-NAME)")
	f.BoolVar(&o.Resume, "resume", false, "continue the sweep in DIR: keep its complete runs, run the missing ones")
	f.StringVar(&o.Shard, "shard", "", "run shard K of N (1-based), as K/N")
	f.IntVar(&o.Shards, "shards", 0, "the sweep's number of shards, when a Slurm array task or JOB_COMPLETION_INDEX chooses the shard (or CHANNELSIM_SHARDS)")
	f.IntVar(&o.Days, "days", 0, "override the sweep's horizon, in days")
	f.IntVar(&o.Reps, "reps", 0, "override the sweep's replications")
	f.BoolVar(&o.NoProgress, "no-progress", false, "no progress bar (it is shown only when stderr is a terminal)")
	f.BoolVar(&o.Daily, "daily", false, "also write each run's daily series to DIR/daily.csv.gz (a long table)")
	f.BoolVar(&o.IndependentSeeds, "independent-seeds", false, "give each point its own seeds (default: common random numbers across points)")
	c.MarkFlagDirname("out")
	return c
}

func runSweep(o sweepOptions) int {
	if o.DaysSet {
		if code := checkDays("sweep", o.Days); code != exitOK {
			return code
		}
	}
	if o.RepsSet && (o.Reps < 1 || o.Reps > experiment.MaxRuns) {
		return usageError("sweep", "--reps: expected from 1 to %d replications (leave it out for the file's), got %d", experiment.MaxRuns, o.Reps)
	}
	if code := checkInt("sweep", "workers", o.Workers, 0, maxWorkers); code != exitOK {
		return code
	}
	req, err := experiment.RequestShard(o.Shard, o.Shards, os.Getenv)
	if err != nil {
		return usageError("sweep", "%v", err)
	}
	sw, err := experiment.Load(o.Sweep)
	if err != nil {
		return reportLoadError(err)
	}
	if o.IndependentSeeds {
		sw.CommonSeeds = false
	}
	plan, err := experiment.NewPlan(sw, o.Days, o.Reps)
	if err != nil {
		return failed("sweep", err)
	}
	dir := o.Out
	if dir == "" {
		if req.K == 0 {
			return usageError("sweep", "%s: give the shard's output directory with --out", req.How)
		}
		dir = sw.DefaultDir(o.Sweep, req.K, req.N)
	}
	k, n, how, code := settleShardIn(req, dir, plan.Hash())
	if code != exitOK {
		return code
	}
	fmt.Fprintf(os.Stderr, "channelsim sweep: %s: %s design, %s × %s = %s of %s",
		sw.Source, sw.Design, plural(len(plan.Points), "point"), plural(plan.Reps, "replication"), plural(plan.Runs(), "run"), plural(plan.Days, "day"))
	if n > 1 {
		fmt.Fprintf(os.Stderr, "; shard %d/%d (%s)", k, n, how)
	}
	fmt.Fprintf(os.Stderr, " → %s\n", dir)

	if o.Resume {
		if done, runs := report.FinishedSweep(dir, plan.Hash()); done && n == 1 {
			fmt.Fprintf(os.Stderr, "channelsim sweep: %s/%s is complete (%s): nothing to resume\n", dir, experiment.RunsFile, plural(runs, "run"))
			return exitOK
		}
	}
	out, err := experiment.OpenDir(dir)
	if err != nil {
		return failed("sweep", err)
	}
	defer out.Close()
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress(sw.Name, !o.NoProgress)
	start := time.Now()
	rep, err := experiment.Execute(plan, dir, experiment.Options{
		Workers: o.Workers, Shard: k, Shards: n, Resume: o.Resume, Context: ctx, Version: version(), Daily: o.Daily, Out: out,
		Progress: bar.Runs,
	})
	bar.Done()
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(os.Stderr, "channelsim sweep: interrupted after %d of %s of shard %d/%d; to continue, run in %s:\n  %s\n",
			rep.Resumed+rep.Ran, plural(rep.Total, "run"), k, n, workingDir(), resumeCommand(os.Args[0], o.Sweep, plan.Days, plan.Reps, k, n, dir)+sweepFlags(o))
		return exitInternal
	}
	if err != nil {
		return failed("sweep", err)
	}
	// A whole sweep's runs.csv gets one column per metric; a shard's
	// stays as streamed until the merge.
	if n == 1 {
		if err := report.FinishRuns(out); err != nil {
			return failed("sweep", err)
		}
	}
	fmt.Fprintf(os.Stderr, "channelsim sweep: %s in %s", plural(rep.Ran, "run"), time.Since(start).Round(time.Millisecond))
	if rep.Resumed > 0 {
		fmt.Fprintf(os.Stderr, " (%d were already done)", rep.Resumed)
	}
	fmt.Fprintf(os.Stderr, "; %s/%s\n", dir, experiment.RunsFile)
	return exitOK
}

// sweepFlags are the flags a resumed sweep must repeat beyond those
// resumeCommand writes.
func sweepFlags(o sweepOptions) string {
	s := ""
	if o.Daily {
		s += " --daily"
	}
	if o.IndependentSeeds {
		s += " --independent-seeds"
	}
	return s
}

// batchGC sets the garbage collector's target to 400 % (unless GOGC is
// set): a run makes much short-lived garbage on a small live heap, and
// the default 100 % spends a third of a sweep's time collecting it. With
// 400 % a sweep runs 1.5–2× faster for a few tens of MB more
// (docs/performance-sweeps.md).
func batchGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

func newMergeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge OUT SHARD_DIR...",
		Short: "merge the outputs of a sweep's shards",
		Long: "Merges the runs.csv of a sweep's shard directories into OUT/runs.csv (in run\n" +
			"order, one column per metric: the same bytes as the sweep run by one process),\n" +
			"OUT/columns.json and OUT/manifest.json, and their daily.csv.gz (sweep --daily)\n" +
			"into OUT/daily.csv.gz in run order. Refuses shards of different sweeps, a run in\n" +
			"two shards, and missing runs.",
		Example: "  channelsim merge sb part-1 part-2 part-3",
		RunE: func(c *cobra.Command, args []string) error {
			return status(runMerge(args))
		},
	}
}

func runMerge(pos []string) int {
	if len(pos) < 2 {
		return usageError("merge", "expected the output directory and at least one shard directory")
	}
	out, err := experiment.OpenDir(pos[0])
	if err != nil {
		return failed("merge", err)
	}
	defer out.Close()
	m, err := experiment.MergeInto(out, pos[1:])
	if err != nil {
		return failed("merge", err)
	}
	if err := report.FinishRuns(out); err != nil {
		return failed("merge", err)
	}
	fmt.Fprintf(os.Stderr, "channelsim merge: %s of %s from %s → %s/%s\n", plural(m.Runs, "run"), m.Sweep, plural(len(pos)-1, "shard"), pos[0], experiment.RunsFile)
	return exitOK
}
