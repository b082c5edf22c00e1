package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// cleanEnv is the test's environment without the variables that choose a
// shard, plus extra ("NAME=value").
func cleanEnv(extra ...string) []string {
	var env []string
	for _, e := range os.Environ() {
		if strings.HasPrefix(e, "SLURM_") || strings.HasPrefix(e, "JOB_COMPLETION_INDEX=") || strings.HasPrefix(e, "CHANNELSIM_SHARDS=") {
			continue
		}
		env = append(env, e)
	}
	return append(env, extra...)
}

// cliIn runs the binary in dir with the environment env and returns its
// exit status and stderr.
func cliIn(t *testing.T, dir string, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, errb.String()
}

// arrayTask is the environment of task id of a Slurm job array
// --array=min-max:step of count tasks.
func arrayTask(id, min, max, step, count string) []string {
	return cleanEnv("SLURM_ARRAY_TASK_ID="+id, "SLURM_ARRAY_TASK_MIN="+min, "SLURM_ARRAY_TASK_MAX="+max,
		"SLURM_ARRAY_TASK_STEP="+step, "SLURM_ARRAY_TASK_COUNT="+count, "SLURM_ARRAY_JOB_ID=77")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSlurmArrayTasks runs the tasks of a step array (--array=0-6:2, 4
// shards) as Slurm starts them, then the recoveries of a failed task:
// submitted again on its own into its partly done directory it continues
// its own shard; into a fresh directory, without --shards or with
// another layout it is refused with exit 2 and what to run instead; the
// merge names the directories at fault, and the merged runs.csv is the
// one-process sweep's.
func TestSlurmArrayTasks(t *testing.T) {
	t.Parallel()
	small, _ := filepath.Abs(filepath.Join("..", "..", "experiment", "testdata", "small.toml"))
	w := t.TempDir()
	sweepArgs := func(out string, more ...string) []string {
		return append([]string{"sweep", small, "--days", "1", "--out", out, "--resume", "--no-progress"}, more...)
	}
	if code, errs := cliIn(t, w, cleanEnv(), "sweep", small, "--days", "1", "--out", "whole", "--no-progress"); code != 0 {
		t.Fatalf("one-process sweep: exit %d\n%s", code, errs)
	}
	for i, id := range []string{"0", "2", "4", "6"} {
		code, errs := cliIn(t, w, arrayTask(id, "0", "6", "2", "4"), sweepArgs("results/shard-"+id, "--shards", "4")...)
		if code != 0 {
			t.Fatalf("task %s: exit %d\n%s", id, code, errs)
		}
		if want := []string{"shard 1/4", "shard 2/4", "shard 3/4", "shard 4/4"}[i]; !strings.Contains(errs, want) {
			t.Errorf("task %s of --array=0-6:2 is not %s: %s", id, want, errs)
		}
	}
	// Task 4 failed after its header and one row, in the middle of a line.
	runs4 := filepath.Join(w, "results", "shard-4", "runs.csv")
	full4 := mustRead(t, runs4)
	lines := bytes.SplitAfter(full4, []byte("\n"))
	if len(lines) < 3 {
		t.Fatalf("shard 3/4 has %d lines", len(lines))
	}
	if err := os.WriteFile(runs4, append(append(lines[0], lines[1]...), lines[2][:5]...), 0o644); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"without --shards", arrayTask("4", "4", "4", "1", "1"), sweepArgs("results/shard-4"), "--shards N"},
		{"into a fresh directory", arrayTask("4", "4", "4", "1", "1"), sweepArgs("results/shard-4b", "--shards", "4"), "--shard K/4"},
		{"with another --shards", arrayTask("4", "4", "4", "1", "1"), sweepArgs("results/shard-4", "--shards", "8"), "--shards 4"},
		{"in another array", arrayTask("4", "1", "4", "1", "4"), sweepArgs("results/shard-4", "--shards", "4"), "holds shard 3/4"},
		{"with another --days", arrayTask("4", "4", "4", "1", "1"), append(sweepArgs("results/shard-4", "--shards", "4"), "--days", "2"), "another sweep"},
	}
	for _, tc := range refused {
		code, errs := cliIn(t, w, tc.env, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("task 4 submitted again %s: exit %d, want 2 with %q:\n%s", tc.name, code, tc.want, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(w, "results", "shard-4b")); err == nil {
		t.Error("a refused task created its output directory")
	}
	// The merge refuses the partial shard, naming its directory and the command that continues it.
	code, errs := cliIn(t, w, cleanEnv(), "merge", "results/all", "results/shard-0", "results/shard-2", "results/shard-4", "results/shard-6")
	if code != 2 || !strings.Contains(errs, "results/shard-4") || !strings.Contains(errs, "--shard 3/4 --out results/shard-4 --resume") {
		t.Errorf("merge with a partial shard: exit %d\n%s", code, errs)
	}
	// sbatch --array=4 with the same arguments continues shard 3/4.
	code, errs = cliIn(t, w, arrayTask("4", "4", "4", "1", "1"), sweepArgs("results/shard-4", "--shards", "4")...)
	if code != 0 || !strings.Contains(errs, "shard 3/4") || !strings.Contains(errs, "already done") {
		t.Fatalf("task 4 submitted again: exit %d\n%s", code, errs)
	}
	if !bytes.Equal(mustRead(t, runs4), full4) {
		t.Error("the continued shard 3/4 differs from the one run at once")
	}
	// A whole sweep among the shards (what a lone task did before) and a missing shard are named.
	for _, tc := range []struct {
		dirs []string
		want []string
	}{
		{[]string{"results/shard-0", "results/shard-2", "results/shard-4", "results/shard-6", "whole"},
			[]string{"results/shard-0 (shard 1/4) and whole (shard 1/1) both hold run 0", "results/shard-6 (shard 4/4) and whole (shard 1/1) both hold run 3"}},
		{[]string{"results/shard-0", "results/shard-2", "results/shard-6"}, []string{"shard 3/4 is missing"}},
		{[]string{"results/shard-0", "results/shard-2", "results/shard-4", "results/shard-6", "results/shard-4"}, []string{"results/shard-4 is given twice"}},
	} {
		code, errs := cliIn(t, w, cleanEnv(), append([]string{"merge", "results/bad"}, tc.dirs...)...)
		for _, want := range tc.want {
			if code != 2 || !strings.Contains(errs, want) {
				t.Errorf("merge %v: exit %d, want 2 with %q:\n%s", tc.dirs, code, want, errs)
			}
		}
	}
	if code, errs := cliIn(t, w, cleanEnv(), "merge", "results/all", "results/shard-0", "results/shard-2", "results/shard-4", "results/shard-6"); code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, errs)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(w, "results", "all", "runs.csv")), mustRead(t, filepath.Join(w, "whole", "runs.csv"))) {
		t.Error("the merged shards differ from the one-process sweep")
	}
}

// TestBatchScriptStopsOnSIGTERM runs scripts/sweep.sbatch as Slurm runs
// an array task, and sends SIGTERM to the script's process, as
// --signal=B:TERM does before the time limit: channelsim (exec'd by the
// script) must stop cleanly and print a command that, pasted into a
// shell without the Slurm variables, continues the shard to the same
// runs.csv as a shard run at once.
func TestBatchScriptStopsOnSIGTERM(t *testing.T) {
	script, _ := filepath.Abs(filepath.Join("..", "..", "scripts", "sweep.sbatch"))
	sbatch := string(mustRead(t, script))
	for _, want := range []string{"#SBATCH --signal=B:TERM@", "#SBATCH --open-mode=append", "\nexec ./channelsim sweep \"$@\""} {
		if !strings.Contains(sbatch, want) {
			t.Errorf("scripts/sweep.sbatch lacks %q", want)
		}
	}
	w := t.TempDir()
	if err := os.Symlink(bin, filepath.Join(w, "channelsim")); err != nil {
		t.Fatal(err)
	}
	// 5 × 40 runs of one day, 100 in shard 2/2: a second of work, stopped at its start.
	args := []string{"control-intensity", "--shards", "2", "--days", "1", "--reps", "40"}
	cmd := exec.Command("bash", append([]string{script}, args...)...)
	cmd.Dir = w
	cmd.Env = append(arrayTask("1", "0", "1", "1", "2"), "SLURM_CPUS_PER_TASK=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	manifest := filepath.Join(w, "results", "shard-1", "manifest.json")
	for started := false; !started; {
		select {
		case err := <-done:
			t.Fatalf("the script ended before it was stopped: %v\n%s", err, errb.String())
		case <-time.After(5 * time.Millisecond):
			_, err := os.Stat(manifest)
			started = err == nil
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := <-done
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("the script after SIGTERM: %v, want exit status 1 (a clean stop, not a kill)\n%s", err, errb.String())
	}
	m := regexp.MustCompile(`to continue, run in (.*):\n  (.*)\n`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("no resume command after SIGTERM:\n%s", errb.String())
	}
	if m[1] != w {
		if a, _ := filepath.EvalSymlinks(m[1]); a != mustEval(t, w) {
			t.Errorf("resume command for %s, not the script's directory %s", m[1], w)
		}
	}
	want := "./channelsim sweep control-intensity --days 1 --reps 40 --shard 2/2 --out results/shard-1 --resume"
	if m[2] != want {
		t.Errorf("resume command:\n  %s\nwant\n  %s", m[2], want)
	}
	paste := exec.Command("sh", "-c", m[2])
	paste.Dir, paste.Env = w, cleanEnv()
	if out, err := paste.CombinedOutput(); err != nil {
		t.Fatalf("the pasted resume command: %v\n%s", err, out)
	}
	if code, errs := cliIn(t, w, cleanEnv(), "sweep", "control-intensity", "--days", "1", "--reps", "40", "--shard", "2/2", "--out", "ref", "--no-progress"); code != 0 {
		t.Fatalf("reference shard: exit %d\n%s", code, errs)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(w, "results", "shard-1", "runs.csv")), mustRead(t, filepath.Join(w, "ref", "runs.csv"))) {
		t.Error("the shard stopped by SIGTERM and continued differs from the shard run at once")
	}
}

func mustEval(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// docBlock returns the fenced block after the line "<!-- MARK -->" in a
// Markdown file.
func docBlock(t *testing.T, doc []byte, mark string) string {
	t.Helper()
	_, rest, ok := strings.Cut(string(doc), "<!-- "+mark+" -->\n")
	if !ok {
		t.Fatalf("no block marked %q", mark)
	}
	_, body, ok := strings.Cut(rest, "\n")
	if !ok || !strings.HasPrefix(rest, "```") {
		t.Fatalf("the block marked %q is not a fenced block", mark)
	}
	body, _, ok = strings.Cut(body, "```")
	if !ok {
		t.Fatalf("the block marked %q does not end", mark)
	}
	return body
}

// TestClusterDocs: docs/cluster.md shows scripts/sweep.sbatch as it is,
// and its Kubernetes Indexed Job decodes strictly as a batch/v1 Job whose
// pods, run with the index Kubernetes gives each, write the shards of one
// sweep that merge into the one-process sweep.
func TestClusterDocs(t *testing.T) {
	t.Parallel()
	doc := mustRead(t, filepath.Join("..", "..", "docs", "cluster.md"))
	script := mustRead(t, filepath.Join("..", "..", "scripts", "sweep.sbatch"))
	if !bytes.Contains(doc, append(append([]byte("```bash\n"), script...), "```"...)) {
		t.Error("docs/cluster.md does not show scripts/sweep.sbatch as it is")
	}
	for _, mark := range []string{"test-slurm: submit", "test-slurm: stop", "test-slurm: recover"} {
		if b := docBlock(t, doc, mark); !strings.Contains(b, "sbatch") && !strings.Contains(b, "scancel") {
			t.Errorf("the block %q has no Slurm command:\n%s", mark, b)
		}
	}

	var job batchv1.Job
	if err := yaml.UnmarshalStrict([]byte(docBlock(t, doc, "test-k8s: job")), &job); err != nil {
		t.Fatalf("the Kubernetes Job in docs/cluster.md: %v", err)
	}
	spec := job.Spec
	if job.APIVersion != "batch/v1" || job.Kind != "Job" || spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion ||
		spec.Completions == nil || spec.Parallelism == nil {
		t.Fatalf("not an Indexed batch/v1 Job with completions and parallelism: %+v", job)
	}
	if spec.BackoffLimitPerIndex != nil && spec.Template.Spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Error("backoffLimitPerIndex needs restartPolicy: Never")
	}
	cs := spec.Template.Spec.Containers
	if len(cs) != 1 || len(cs[0].VolumeMounts) != 1 {
		t.Fatalf("want one container with one volume: %+v", cs)
	}
	c, mount := cs[0], cs[0].VolumeMounts[0].MountPath
	n := int(*spec.Completions)
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	if env["CHANNELSIM_SHARDS"] != strconv.Itoa(n) {
		t.Errorf("CHANNELSIM_SHARDS = %q, want the completions, %d", env["CHANNELSIM_SHARDS"], n)
	}
	// Each index's pod, as Kubernetes runs it, on a quick version of the sweep.
	w := t.TempDir()
	var shards []string
	for i := 0; i < n; i++ {
		var args []string
		for _, a := range c.Args {
			a = strings.ReplaceAll(a, "$(JOB_COMPLETION_INDEX)", strconv.Itoa(i))
			if rest, ok := strings.CutPrefix(a, mount); ok {
				a = filepath.Join(w, rest)
			}
			args = append(args, a)
		}
		if i == 0 {
			shards = append(shards, args[1])
		}
		args = append(args, "--days", "1", "--reps", "1")
		code, errs := cliIn(t, w, cleanEnv("JOB_COMPLETION_INDEX="+strconv.Itoa(i), "CHANNELSIM_SHARDS="+env["CHANNELSIM_SHARDS"]), args...)
		if code != 0 || !strings.Contains(errs, fmt.Sprintf("shard %d/%d", i+1, n)) {
			t.Fatalf("pod %d: exit %d, want shard %d/%d:\n%s", i, code, i+1, n, errs)
		}
		shards = append(shards, filepath.Join(w, fmt.Sprintf("shard-%d", i)))
	}
	if code, errs := cliIn(t, w, cleanEnv(), append([]string{"merge", filepath.Join(w, "all")}, shards[1:]...)...); code != 0 {
		t.Fatalf("merge of the pods' shards: exit %d\n%s", code, errs)
	}
	if code, errs := cliIn(t, w, cleanEnv(), "sweep", shards[0], "--days", "1", "--reps", "1", "--out", "one", "--no-progress"); code != 0 {
		t.Fatalf("one-process sweep: exit %d\n%s", code, errs)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(w, "all", "runs.csv")), mustRead(t, filepath.Join(w, "one", "runs.csv"))) {
		t.Error("the pods' merged shards differ from the one-process sweep")
	}
}
