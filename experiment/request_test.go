package experiment

import (
	"strings"
	"testing"
)

// slurmEnv is the environment Slurm gives task id of --array=min-max:step
// (count tasks).
func slurmEnv(id, min, max, step, count string) map[string]string {
	return map[string]string{"SLURM_ARRAY_TASK_ID": id, "SLURM_ARRAY_TASK_MIN": min, "SLURM_ARRAY_TASK_MAX": max,
		"SLURM_ARRAY_TASK_STEP": step, "SLURM_ARRAY_TASK_COUNT": count}
}

func with(env map[string]string, k, v string) map[string]string {
	m := map[string]string{k: v}
	for a, b := range env {
		m[a] = b
	}
	return m
}

func TestRequestShard(t *testing.T) {
	cases := []struct {
		name   string
		flag   string
		shards int
		env    map[string]string
		k, n   int
		bad    string // a part of the error message; "" when no error
	}{
		{"whole sweep", "", 0, nil, 1, 1, ""},
		{"--shard", "2/8", 0, nil, 2, 8, ""},
		{"--shard wins over the array", "2/8", 0, slurmEnv("5", "0", "5", "1", "6"), 2, 8, ""},
		{"--shard with the same --shards", "2/8", 8, nil, 2, 8, ""},
		{"--shard against --shards", "2/8", 4, nil, 0, 0, "give one number of shards"},
		{"--shard against CHANNELSIM_SHARDS", "2/8", 0, map[string]string{"CHANNELSIM_SHARDS": "4"}, 0, 0, "give one number of shards"},
		{"--shard 0/8", "0/8", 0, nil, 0, 0, "--shard"},
		{"--shard 9/8", "9/8", 0, nil, 0, 0, "--shard"},
		{"--shard x", "x", 0, nil, 0, 0, "--shard"},
		{"--shard merged", "merged", 0, nil, 0, 0, "--shard"},

		// Problem 1: an array task must be told the sweep's number of shards.
		{"array without --shards", "", 0, slurmEnv("0", "0", "3", "1", "4"), 0, 0, "--shards N"},
		{"array 0-3, first", "", 4, slurmEnv("0", "0", "3", "1", "4"), 1, 4, ""},
		{"array 0-3, last", "", 4, slurmEnv("3", "0", "3", "1", "4"), 4, 4, ""},
		{"array 1-4", "", 4, slurmEnv("4", "1", "4", "1", "4"), 4, 4, ""},
		{"array 0-15%8 by CHANNELSIM_SHARDS", "", 0, with(slurmEnv("9", "0", "15", "1", "16"), "CHANNELSIM_SHARDS", "16"), 10, 16, ""},
		{"--shards and CHANNELSIM_SHARDS agree", "", 4, with(slurmEnv("2", "0", "3", "1", "4"), "CHANNELSIM_SHARDS", "4"), 3, 4, ""},
		{"--shards and CHANNELSIM_SHARDS disagree", "", 4, with(slurmEnv("2", "0", "3", "1", "4"), "CHANNELSIM_SHARDS", "5"), 0, 0, "disagree"},
		// Problem 2: step arrays.
		{"array 0-6:2, task 0", "", 4, slurmEnv("0", "0", "6", "2", "4"), 1, 4, ""},
		{"array 0-6:2, task 2", "", 4, slurmEnv("2", "0", "6", "2", "4"), 2, 4, ""},
		{"array 0-6:2, task 4", "", 4, slurmEnv("4", "0", "6", "2", "4"), 3, 4, ""},
		{"array 0-6:2, task 6", "", 4, slurmEnv("6", "0", "6", "2", "4"), 4, 4, ""},
		{"array 3-12:3, task 9", "", 4, slurmEnv("9", "3", "12", "3", "4"), 3, 4, ""},
		{"uneven list 0,1,2,5", "", 4, slurmEnv("5", "0", "5", "1", "4"), 0, 0, "evenly spaced"},
		// Problem 1: a task submitted again on its own: the record decides.
		{"sbatch --array=4 again", "", 4, slurmEnv("4", "4", "4", "1", "1"), 0, 4, ""},
		{"array of 16 tasks, --shards 8", "", 8, slurmEnv("3", "0", "15", "1", "16"), 0, 8, ""},
		{"not a number", "", 4, slurmEnv("x", "0", "3", "1", "4"), 0, 0, "not a number"},

		{"Kubernetes", "", 3, map[string]string{"JOB_COMPLETION_INDEX": "2"}, 3, 3, ""},
		{"Kubernetes by CHANNELSIM_SHARDS", "", 0, map[string]string{"JOB_COMPLETION_INDEX": "0", "CHANNELSIM_SHARDS": "5"}, 1, 5, ""},
		{"Kubernetes without N", "", 0, map[string]string{"JOB_COMPLETION_INDEX": "0"}, 0, 0, "--shards N"},
		{"Kubernetes index ≥ N", "", 2, map[string]string{"JOB_COMPLETION_INDEX": "2"}, 0, 0, "0 ≤ index < N"},
		{"--shards alone", "", 2, nil, 0, 0, "--shard K/2"},
		{"CHANNELSIM_SHARDS alone", "", 0, map[string]string{"CHANNELSIM_SHARDS": "3"}, 0, 0, "unset CHANNELSIM_SHARDS"},
		{"bad CHANNELSIM_SHARDS", "", 0, map[string]string{"CHANNELSIM_SHARDS": "0"}, 0, 0, "positive"},
		{"negative --shards", "", -1, nil, 0, 0, "positive"},
	}
	for _, tc := range cases {
		r, err := RequestShard(tc.flag, tc.shards, func(s string) string { return tc.env[s] })
		if tc.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tc.bad) {
				t.Errorf("%s: got %+v, %v; want an error with %q", tc.name, r, err, tc.bad)
			}
			continue
		}
		if err != nil || r.K != tc.k || r.N != tc.n {
			t.Errorf("%s: got %d/%d, %v; want %d/%d", tc.name, r.K, r.N, err, tc.k, tc.n)
		}
		if r.K == 0 && !strings.Contains(r.Fix, "--shard K/") {
			t.Errorf("%s: no shard and no fix: %+v", tc.name, r)
		}
	}
}

func TestSettleShard(t *testing.T) {
	rec := func(k, n int, plan string) *Record {
		return &Record{K: k, N: n, Manifest: Manifest{PlanSHA256: plan, Shard: "", SweepFile: "small.toml",
			Days: 1, Replications: 2}}
	}
	resubmitted := ShardRequest{N: 4, How: "Slurm array task 4, in an array of 1 task", Fix: "give it its shard with --shard K/4"}
	full := ShardRequest{K: 1, N: 4, How: "Slurm array task 4 of --array=4-7"}
	cases := []struct {
		name string
		req  ShardRequest
		rec  *Record
		k, n int
		bad  string
	}{
		{"fresh directory", full, nil, 1, 4, ""},
		{"resubmitted into its own shard", resubmitted, rec(3, 4, "p"), 3, 4, ""},
		{"resubmitted into a fresh directory", resubmitted, nil, 0, 0, "--shard K/4"},
		{"resubmitted with another --shards", resubmitted, rec(3, 8, "p"), 0, 0, "--shards 8"},
		{"the array's layout changed", full, rec(3, 4, "p"), 0, 0, "sweep small.toml --days 1 --reps 2 --shard 3/4 --out 'results/shard 4' --resume"},
		{"the same shard", ShardRequest{K: 3, N: 4, How: "--shard"}, rec(3, 4, "p"), 3, 4, ""},
		{"another sweep's directory: left to Execute", full, rec(3, 4, "q"), 1, 4, ""},
	}
	for _, tc := range cases {
		k, n, _, err := SettleShard(tc.req, "results/shard 4", tc.rec, "p")
		if tc.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tc.bad) {
				t.Errorf("%s: got %d/%d, %v; want an error with %q", tc.name, k, n, err, tc.bad)
			}
			continue
		}
		if err != nil || k != tc.k || n != tc.n {
			t.Errorf("%s: got %d/%d, %v; want %d/%d", tc.name, k, n, err, tc.k, tc.n)
		}
	}
}
