package experiment

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
)

// The shard a sweep process runs (docs/cluster.md). The number of shards
// N is a property of the sweep, not of how a task was submitted: a task
// that takes its index from the environment (a Slurm job array, a
// Kubernetes Indexed Job) must be told N, and the shard K/N is recorded
// in the output directory's manifest when the sweep starts there. A task
// submitted again on its own (sbatch --array=ID) cannot tell its shard
// from its index and takes it from that record; any disagreement between
// the flags, the environment and the record is refused.

// ShardRequest is what the flags and the environment say of the shard.
type ShardRequest struct {
	K, N int    // K == 0: the shard is the one recorded in the output directory
	How  string // where the shard comes from, for messages
	Fix  string // with K == 0: what to run when the directory has no record
}

// shardCount is the number of shards given by --shards and by the
// environment variable CHANNELSIM_SHARDS (0 when neither), refusing two
// different ones.
func shardCount(shards int, getenv func(string) string) (int, error) {
	if shards < 0 {
		return 0, fmt.Errorf("--shards: expected a positive number of shards, got %d", shards)
	}
	env := getenv("CHANNELSIM_SHARDS")
	if env == "" {
		return shards, nil
	}
	n, err := strconv.Atoi(env)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("CHANNELSIM_SHARDS=%q: expected a positive number of shards", env)
	}
	if shards != 0 && shards != n {
		return 0, fmt.Errorf("--shards %d and CHANNELSIM_SHARDS=%d disagree: give the sweep's number of shards once", shards, n)
	}
	return n, nil
}

// RequestShard reads the shard from --shard K/N, else from a Slurm job
// array task, else from a Kubernetes Indexed Job; without any of them the
// process runs the whole sweep (1/1).
func RequestShard(flag string, shards int, getenv func(string) string) (ShardRequest, error) {
	n, err := shardCount(shards, getenv)
	if err != nil {
		return ShardRequest{}, err
	}
	if flag != "" {
		k, fn, err := ParseShard(flag)
		if err != nil || flag == "merged" {
			return ShardRequest{}, fmt.Errorf("--shard: expected K/N with 1 ≤ K ≤ N, such as 2/8; got %q", flag)
		}
		if n != 0 && n != fn {
			return ShardRequest{}, fmt.Errorf("--shard %s is a shard of %d, but --shards or CHANNELSIM_SHARDS says %d shards: give one number of shards", flag, fn, n)
		}
		return ShardRequest{K: k, N: fn, How: "--shard"}, nil
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		return slurmShard(id, n, getenv)
	}
	if id := getenv("JOB_COMPLETION_INDEX"); id != "" {
		i, err := strconv.Atoi(id)
		if err != nil || n == 0 || i < 0 || i >= n {
			return ShardRequest{}, fmt.Errorf("JOB_COMPLETION_INDEX=%q needs the number of shards (the Job's completions) from --shards N or CHANNELSIM_SHARDS, with 0 ≤ index < N", id)
		}
		return ShardRequest{K: i + 1, N: n, How: "Kubernetes completion index " + id}, nil
	}
	switch {
	case shards != 0:
		return ShardRequest{}, fmt.Errorf("--shards gives the number of shards to a task of a Slurm job array or a Kubernetes Indexed Job, and neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set: give the shard with --shard K/%d", shards)
	case n != 0:
		return ShardRequest{}, fmt.Errorf("CHANNELSIM_SHARDS=%d is set, but neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX: give the shard with --shard K/%d, or unset CHANNELSIM_SHARDS to run the whole sweep", n, n)
	}
	return ShardRequest{K: 1, N: 1}, nil
}

// slurmShard is the shard of Slurm array task id in a sweep of n shards.
// When the array is the sweep's (n tasks), task id is shard
// (id − min)/step + 1; a smaller array (a task submitted again with
// sbatch --array=ID) leaves the shard to the output directory's record.
func slurmShard(id string, n int, getenv func(string) string) (ShardRequest, error) {
	num := func(name string, def int) (int, error) {
		s := getenv(name)
		if s == "" {
			return def, nil
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not a number", name, s)
		}
		return v, nil
	}
	i, err := num("SLURM_ARRAY_TASK_ID", 0)
	if err != nil {
		return ShardRequest{}, err
	}
	count, err1 := num("SLURM_ARRAY_TASK_COUNT", 0)
	lo, err2 := num("SLURM_ARRAY_TASK_MIN", i)
	hi, err3 := num("SLURM_ARRAY_TASK_MAX", i)
	step, err4 := num("SLURM_ARRAY_TASK_STEP", 1)
	for _, e := range []error{err1, err2, err3, err4} {
		if e != nil {
			return ShardRequest{}, e
		}
	}
	array := fmt.Sprintf("--array=%d", lo)
	if hi != lo {
		array += fmt.Sprintf("-%d", hi)
	}
	if step != 1 {
		array += fmt.Sprintf(":%d", step)
	}
	tasks := fmt.Sprintf("%d tasks", count)
	if count == 1 {
		tasks = "1 task"
	}
	if n == 0 {
		msg := fmt.Sprintf("this is task %d of a Slurm job array (%s, %s): give the number of shards of the sweep with --shards N or CHANNELSIM_SHARDS=N, N being the number of tasks of the array the sweep was first submitted with", i, array, tasks)
		if count > 1 {
			msg += fmt.Sprintf(" (%d if this array is the whole sweep)", count)
		}
		return ShardRequest{}, errors.New(msg)
	}
	if count != n {
		fix := fmt.Sprintf("give it its shard with --shard K/%d, K being (%d − FIRST)/STEP + 1 for the sweep's first --array=FIRST-LAST:STEP", n, i)
		if i < n {
			fix += fmt.Sprintf(" (K = %d for --array=0-%d)", i+1, n-1)
		}
		return ShardRequest{N: n, How: fmt.Sprintf("Slurm array task %d, in an array of %s (%s) in a sweep of %d shards", i, tasks, array, n), Fix: fix}, nil
	}
	if step < 1 || (i-lo)%step != 0 || lo+(n-1)*step != hi || i < lo || i > hi {
		return ShardRequest{}, fmt.Errorf("Slurm array task %d of %s (%s) is not a shard of an evenly spaced array: submit the sweep as a range, with a step if you like (such as --array=0-%d or --array=0-%d:2), or give --shard K/%d", i, tasks, array, n-1, 2*(n-1), n)
	}
	return ShardRequest{K: (i-lo)/step + 1, N: n, How: fmt.Sprintf("Slurm array task %d of %s", i, array)}, nil
}

// SettleShard reconciles the request with the record of the output
// directory dir (nil when it has none) for a sweep whose plan hash is
// plan: it returns the shard to run, or refuses a disagreement, saying
// what to run instead. A record of another sweep is left for
// Execute to refuse.
func SettleShard(r ShardRequest, dir string, rec *Record, plan string) (k, n int, how string, err error) {
	if rec == nil {
		if r.K == 0 {
			return 0, 0, "", fmt.Errorf("cannot tell the shard of %s: %s holds no record of one (no %s): %s", r.How, dir, ManifestFile, r.Fix)
		}
		return r.K, r.N, r.How, nil
	}
	if rec.PlanSHA256 != plan {
		if r.K == 0 {
			return rec.K, rec.N, r.How, nil
		}
		return r.K, r.N, r.How, nil
	}
	cont := "channelsim " + ShellJoin(ResumeArgs(rec.SweepRef(), rec.Days, rec.Replications, rec.K, rec.N, dir))
	if r.K == 0 {
		if rec.N != r.N {
			return 0, 0, "", fmt.Errorf("%s holds shard %d/%d, of a sweep in %d shards, but this task was told %d shards (%s): run it with --shards %d, as the sweep's array was, or continue the shard with\n  %s", dir, rec.K, rec.N, rec.N, r.N, r.How, rec.N, cont)
		}
		return rec.K, rec.N, fmt.Sprintf("%s; shard recorded in %s", r.How, filepath.Join(dir, ManifestFile)), nil
	}
	if rec.K != r.K || rec.N != r.N {
		return 0, 0, "", fmt.Errorf("%s holds shard %d/%d, but this process was to run shard %d/%d (%s): continue that shard with\n  %s\nor, if it was submitted with another --array or --shards, submit this task as it was then; or give shard %d/%d another --out", dir, rec.K, rec.N, r.K, r.N, r.How, cont, r.K, r.N)
	}
	return r.K, r.N, r.How, nil
}
