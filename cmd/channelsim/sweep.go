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

	"channelsim/scenarios"
	"channelsim/scenarios/sweep"
)

func init() {
	register("sweep", "run a parameter sweep file headless into runs.csv", runSweep)
	register("merge", "merge the outputs of a sweep's shards", runMerge)
}

func runSweep(args []string) int {
	fs := newFlags("sweep", "SWEEP.toml|NAME [--workers N] [--out DIR] [--resume] [--shard K/N] [--days N] [--reps N]",
		"Runs every run of a sweep file (docs/sweeps.md) or of an embedded example\n"+
			"("+strings.Join(scenarios.SweepNames(), ", ")+") and streams one row per run to\n"+
			"DIR/runs.csv, in run order, with DIR/manifest.json. The output is the same\n"+
			"bytes for any --workers, and shards merged with 'channelsim merge' equal the\n"+
			"whole sweep. Interrupted (Ctrl-C, SIGTERM, a kill), it continues with --resume.\n\n"+
			"Shards: --shard K/N runs the runs whose index mod N is K-1. Without --shard,\n"+
			"SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm job array, offset by\n"+
			"SLURM_ARRAY_TASK_MIN), or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) with\n"+
			"--shards N or CHANNELSIM_SHARDS=N choose it (docs/cluster.md).")
	workers := fs.Int("workers", 0, "runs in parallel (default: one per CPU)")
	out := fs.String("out", "", "output directory (default: sweep-NAME)")
	resume := fs.Bool("resume", false, "continue the sweep in DIR: keep its complete runs, run the missing ones")
	shardFlag := fs.String("shard", "", "run shard K of N (1-based), as K/N")
	shards := fs.Int("shards", 0, "number of shards when JOB_COMPLETION_INDEX chooses the shard (or CHANNELSIM_SHARDS)")
	days := fs.Int("days", 0, "override the sweep's horizon, in days")
	reps := fs.Int("reps", 0, "override the sweep's replications")
	noProgress := fs.Bool("no-progress", false, "no progress bar (it is shown only when stderr is a terminal)")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return usageError(fs, "expected one sweep file or example name, got %d arguments", len(pos))
	}
	if *days < 0 || *days > 3660 {
		return usageError(fs, "--days: expected a number of days from 1 to 3660, got %d", *days)
	}
	if *reps < 0 || *workers < 0 {
		return usageError(fs, "--reps and --workers must be positive")
	}
	k, n, how, err := chooseShard(*shardFlag, *shards, os.Getenv)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	sw, err := sweep.Load(pos[0])
	if err != nil {
		return reportLoadError(err)
	}
	plan, err := sweep.NewPlan(sw, *days, *reps)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim sweep: %v\n", err)
		return exitUsage
	}
	dir := *out
	if dir == "" {
		name := sw.Name
		if name == "" {
			name = strings.TrimSuffix(baseOf(pos[0]), ".toml")
		}
		dir = "sweep-" + name
		if n > 1 {
			dir += fmt.Sprintf("-shard-%d-of-%d", k, n)
		}
	}
	fmt.Fprintf(os.Stderr, "channelsim sweep: %s: %s design, %d points × %d replications = %d runs of %d days",
		sw.Source, sw.Design, len(plan.Points), plan.Reps, plan.Runs(), plan.Days)
	if n > 1 {
		fmt.Fprintf(os.Stderr, "; shard %d/%d (%s)", k, n, how)
	}
	fmt.Fprintf(os.Stderr, " → %s\n", dir)

	batchGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress(sw.Name, !*noProgress)
	start := time.Now()
	rep, err := sweep.Execute(plan, dir, sweep.Options{
		Workers: *workers, Shard: k, Shards: n, Resume: *resume, Context: ctx, Version: version(),
		Progress: func(done, total int) {
			bar.Update(float64(done)/float64(total), fmt.Sprintf("run %d/%d", done, total))
		},
	})
	bar.Done()
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(os.Stderr, "channelsim sweep: interrupted after %d of %d runs; continue with: channelsim sweep %s --out %s --resume\n",
			rep.Resumed+rep.Ran, rep.Total, pos[0], dir)
		return exitInternal
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim sweep: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(os.Stderr, "channelsim sweep: %d runs in %s", rep.Ran, time.Since(start).Round(time.Millisecond))
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

func runMerge(args []string) int {
	fs := newFlags("merge", "OUT SHARD_DIR...",
		"Merges the runs.csv of a sweep's shard directories into OUT/runs.csv (in run\n"+
			"order: the same bytes as the sweep run by one process) and OUT/manifest.json.\n"+
			"Refuses shards of different sweeps, a run in two shards, and missing runs.")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) < 2 {
		return usageError(fs, "expected the output directory and at least one shard directory")
	}
	m, err := sweep.Merge(pos[0], pos[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim merge: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(os.Stderr, "channelsim merge: %d runs of %s from %d shards → %s/%s\n", m.Runs, m.Sweep, len(pos)-1, pos[0], sweep.RunsFile)
	return exitOK
}
