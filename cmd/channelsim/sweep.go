package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"channelsim/scenarios"
	"channelsim/scenarios/sweep"
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
	Reps       int
	NoProgress bool
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
			"SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm job array, offset by\n" +
			"SLURM_ARRAY_TASK_MIN), or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) with\n" +
			"--shards N or CHANNELSIM_SHARDS=N choose it (docs/cluster.md).",
		Example:           "  channelsim sweep scan-ban --out sb\n  channelsim sweep my-sweep.toml --shard 2/8 --out part-2\n  channelsim sweep scan-ban --out sb --resume",
		Args:              maxArgs(1, "sweep"),
		ValidArgsFunction: completeSweep,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageErr{cmd: c, msg: fmt.Sprintf("expected one sweep file or example name (%s), got %d arguments", strings.Join(scenarios.SweepNames(), ", "), len(args))}
			}
			o.Sweep = args[0]
			return status(runSweep(o))
		},
	}
	f := c.Flags()
	f.IntVar(&o.Workers, "workers", 0, "runs in parallel (default: one per CPU)")
	f.StringVar(&o.Out, "out", "", "output directory (default: sweep-NAME)")
	f.BoolVar(&o.Resume, "resume", false, "continue the sweep in DIR: keep its complete runs, run the missing ones")
	f.StringVar(&o.Shard, "shard", "", "run shard K of N (1-based), as K/N")
	f.IntVar(&o.Shards, "shards", 0, "number of shards when JOB_COMPLETION_INDEX chooses the shard (or CHANNELSIM_SHARDS)")
	f.IntVar(&o.Days, "days", 0, "override the sweep's horizon, in days")
	f.IntVar(&o.Reps, "reps", 0, "override the sweep's replications")
	f.BoolVar(&o.NoProgress, "no-progress", false, "no progress bar (it is shown only when stderr is a terminal)")
	c.MarkFlagDirname("out")
	return c
}

func runSweep(o sweepOptions) int {
	if o.Days < 0 || o.Days > 3660 {
		return usageError("sweep", "--days: expected a number of days from 1 to 3660, got %d", o.Days)
	}
	if o.Reps < 0 || o.Workers < 0 {
		return usageError("sweep", "--reps and --workers must be positive")
	}
	k, n, how, err := chooseShard(o.Shard, o.Shards, os.Getenv)
	if err != nil {
		return usageError("sweep", "%v", err)
	}
	sw, err := sweep.Load(o.Sweep)
	if err != nil {
		return reportLoadError(err)
	}
	plan, err := sweep.NewPlan(sw, o.Days, o.Reps)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim sweep: %v\n", err)
		return exitUsage
	}
	dir := o.Out
	if dir == "" {
		name := sw.Name
		if name == "" {
			name = strings.TrimSuffix(baseOf(o.Sweep), ".toml")
		}
		dir = "sweep-" + name
		if n > 1 {
			dir += fmt.Sprintf("-shard-%d-of-%d", k, n)
		}
	}
	fmt.Fprintf(os.Stderr, "channelsim sweep: %s: %s design, %s × %s = %s of %s",
		sw.Source, sw.Design, plural(len(plan.Points), "point"), plural(plan.Reps, "replication"), plural(plan.Runs(), "run"), plural(plan.Days, "day"))
	if n > 1 {
		fmt.Fprintf(os.Stderr, "; shard %d/%d (%s)", k, n, how)
	}
	fmt.Fprintf(os.Stderr, " → %s\n", dir)

	if o.Resume {
		if done, runs := finishedSweep(dir, plan.Hash()); done && n == 1 {
			fmt.Fprintf(os.Stderr, "channelsim sweep: %s/%s is complete (%s): nothing to resume\n", dir, sweep.RunsFile, plural(runs, "run"))
			return exitOK
		}
	}
	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress(sw.Name, !o.NoProgress)
	start := time.Now()
	rep, err := sweep.Execute(plan, dir, sweep.Options{
		Workers: o.Workers, Shard: k, Shards: n, Resume: o.Resume, Context: ctx, Version: version(),
		Progress: func(done, total int) {
			bar.Update(float64(done)/float64(total), fmt.Sprintf("run %d/%d", done, total))
		},
	})
	bar.Done()
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(os.Stderr, "channelsim sweep: interrupted after %d of %s; continue with: channelsim sweep %s --out %s --resume\n",
			rep.Resumed+rep.Ran, plural(rep.Total, "run"), o.Sweep, dir)
		return exitInternal
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim sweep: %v\n", err)
		return exitInternal
	}
	// A whole sweep's runs.csv gets one column per metric; a shard's
	// stays as streamed until the merge.
	if n == 1 {
		if err := finishRuns(dir); err != nil {
			fmt.Fprintf(os.Stderr, "channelsim sweep: %v\n", err)
			return exitInternal
		}
	}
	fmt.Fprintf(os.Stderr, "channelsim sweep: %s in %s", plural(rep.Ran, "run"), time.Since(start).Round(time.Millisecond))
	if rep.Resumed > 0 {
		fmt.Fprintf(os.Stderr, " (%d were already done)", rep.Resumed)
	}
	fmt.Fprintf(os.Stderr, "; %s/%s\n", dir, sweep.RunsFile)
	return exitOK
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

// chooseShard returns this process's shard K of N: from --shard, else
// from a Slurm job array, else from a Kubernetes Indexed Job, else 1/1.
// how says which.
func chooseShard(flag string, shards int, getenv func(string) string) (k, n int, how string, err error) {
	if flag != "" {
		a, b, ok := strings.Cut(flag, "/")
		k, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
			return 0, 0, "", fmt.Errorf("--shard: expected K/N with 1 ≤ K ≤ N, such as 2/8; got %q", flag)
		}
		return k, n, "--shard", nil
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		count := getenv("SLURM_ARRAY_TASK_COUNT")
		i, err1 := strconv.Atoi(id)
		c, err2 := strconv.Atoi(count)
		lo := 0
		if m := getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
			lo, _ = strconv.Atoi(m)
		}
		if err1 != nil || err2 != nil || c < 1 || i-lo < 0 || i-lo >= c {
			return 0, 0, "", fmt.Errorf("SLURM_ARRAY_TASK_ID=%q with SLURM_ARRAY_TASK_COUNT=%q (and SLURM_ARRAY_TASK_MIN=%q) is not a shard: use a contiguous array such as --array=0-7, or --shard K/N", id, count, getenv("SLURM_ARRAY_TASK_MIN"))
		}
		return i - lo + 1, c, "Slurm array task " + id, nil
	}
	if id := getenv("JOB_COMPLETION_INDEX"); id != "" {
		i, err := strconv.Atoi(id)
		c := shards
		if c == 0 {
			c, _ = strconv.Atoi(getenv("CHANNELSIM_SHARDS"))
		}
		if err != nil || c < 1 || i < 0 || i >= c {
			return 0, 0, "", fmt.Errorf("JOB_COMPLETION_INDEX=%q needs the number of shards (the Job's completions) from --shards N or CHANNELSIM_SHARDS, with 0 ≤ index < N", id)
		}
		return i + 1, c, "Kubernetes completion index " + id, nil
	}
	if shards != 0 {
		return 0, 0, "", fmt.Errorf("--shards is for JOB_COMPLETION_INDEX, which is not set; use --shard K/N")
	}
	return 1, 1, "", nil
}

func newMergeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge OUT SHARD_DIR...",
		Short: "merge the outputs of a sweep's shards",
		Long: "Merges the runs.csv of a sweep's shard directories into OUT/runs.csv (in run\n" +
			"order, one column per metric: the same bytes as the sweep run by one process),\n" +
			"OUT/columns.json and OUT/manifest.json. Refuses shards of different sweeps, a\n" +
			"run in two shards, and missing runs.",
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
	m, err := sweep.Merge(pos[0], pos[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim merge: %v\n", err)
		return exitUsage
	}
	if err := finishRuns(pos[0]); err != nil {
		fmt.Fprintf(os.Stderr, "channelsim merge: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(os.Stderr, "channelsim merge: %s of %s from %s → %s/%s\n", plural(m.Runs, "run"), m.Sweep, plural(len(pos)-1, "shard"), pos[0], sweep.RunsFile)
	return exitOK
}
