//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cliLimited runs the binary with a file-size limit of fsize KiB (ulimit
// -f; 0: none): a write past it fails with EFBIG ("file too large"), as
// on a full disk, so that a command's internal failure can be provoked.
func cliLimited(t *testing.T, dir string, fsize string, args ...string) (int, string) {
	t.Helper()
	script := `exec "$0" "$@"`
	if fsize != "" {
		script = "ulimit -f " + fsize + "; " + script
	}
	return cliScript(t, dir, script, nil, 0, args...)
}

// cliScript runs the binary with args through the shell script (which
// execs "$0" "$@"), in dir with the clean environment and env, and
// returns its exit status and stderr; with a timeout, a run still going
// after it is killed and reported as a hang (status -1).
func cliScript(t *testing.T, dir, script string, env []string, timeout time.Duration, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", script, bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if timeout > 0 {
		cmd.WaitDelay = time.Second
		timer := time.AfterFunc(timeout, func() { cmd.Process.Kill() })
		defer timer.Stop()
	}
	start := time.Now()
	err := cmd.Run()
	if timeout > 0 && time.Since(start) >= timeout {
		t.Errorf("%v: still running after %v (a hang)", args, timeout)
		return -1, errb.String()
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, errb.String()
}

// TestExitCodeContract: every command follows one contract — 0 success,
// 1 internal failure, 2 bad usage or input — for each way it can end
// (validate's 3, a band missed, depends on the model's results: it is
// TestValidateStatus's).
// Internal failures are provoked with a file-size limit (a full disk);
// each output is then absent, not half-written.
func TestExitCodeContract(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	abs := func(p ...string) string {
		a, err := filepath.Abs(filepath.Join(append([]string{"..", ".."}, p...)...))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tinySweep := abs("experiment", "testdata", "tiny-sweep.toml")
	tiny := abs("experiment", "testdata", "tiny.toml")
	badSweep := func(name string) string { return abs("experiment", "testdata", "bad", name) }
	badScenario := func(name string) string { return abs("scenarios", "testdata", "bad", name) }
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	afile := write("a-file", "not a directory\n")
	write("foreign/notes.txt", "mine\n")
	pngDir := filepath.Join(dir, "chart.png")
	os.Mkdir(pngDir, 0o755)
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// Shards of the tiny sweep for merge, a whole one for plot and resume.
	for _, args := range [][]string{
		{"sweep", tinySweep, "--reps", "1", "--shard", "1/2", "--out", "s1"},
		{"sweep", tinySweep, "--reps", "1", "--shard", "2/2", "--out", "s2"},
		{"sweep", tinySweep, "--reps", "1", "--out", "whole"},
		{"sweep", tinySweep, "--reps", "1", "--days", "2", "--out", "nomanifest"},
	} {
		if code, errs := cliLimited(t, dir, "", args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	os.Remove(filepath.Join(dir, "nomanifest", "manifest.json"))
	s2 := mustRead(t, filepath.Join(dir, "s2", "runs.csv"))
	lines := strings.SplitAfter(string(s2), "\n")
	lines[2] = strings.Join(strings.Split(lines[2], ",")[:5], ",") + "\n" // a ragged row
	write("ragged/runs.csv", strings.Join(lines, ""))
	os.WriteFile(filepath.Join(dir, "ragged", "manifest.json"), mustRead(t, filepath.Join(dir, "s2", "manifest.json")), 0o644)
	runs := filepath.Join(dir, "whole", "runs.csv")

	// A sensitivity analysis and a calibration as small as they go.
	sens := []string{"sensitivity", "--params", "migrants.try_share,screening.equipment.dogs", "--r", "2", "--n", "2", "--top", "1",
		"--days", "2", "--boot", "10", "--outputs", "detections_total"}
	cal := []string{"calibrate", "--params", "migrants.try_share", "--targets", "C7", "--particles", "4", "--generations", "1", "--days", "153"}
	cases := []struct {
		name  string
		fsize string // ulimit -f, KiB
		args  []string
		code  int
		want  string // in stderr
		gone  string // a path that must not exist afterwards
	}{
		{"run ok", "", []string{"run", tiny, "--json"}, 0, "", ""},
		{"run ok --out", "", []string{"run", tiny, "--out", "run-ok"}, 0, "", ""},
		{"run --days 0", "", []string{"run", tiny, "--days", "0"}, 2, "--days: expected a number of days from 1 to 3660", ""},
		{"run --seed 2^64-1", "", []string{"run", tiny, "--seed", "18446744073709551615"}, 2, "--seed: expected a seed from 0 to 9223372036854775807", ""},
		{"run unknown flag", "", []string{"run", "--dayz", "3"}, 2, "did you mean --days?", ""},
		{"run empty scenario", "", []string{"run", write("empty.toml", "")}, 2, "empty.toml: the file sets no keys", ""},
		{"run extends /dev/zero", "", []string{"run", badScenario("extends-device.toml")}, 2, "/dev/zero: is a character device", ""},
		{"run --out a file", "", []string{"run", tiny, "--out", afile}, 2, "is a file, not a directory", ""},
		{"run --out a directory of other files", "", []string{"run", tiny, "--out", filepath.Join(dir, "foreign")}, 2, "holds other files", ""},
		{"run full disk", "1", []string{"run", tiny, "--out", "run-full"}, 1, "file too large", "run-full"},

		{"sweep ok", "", []string{"sweep", tinySweep, "--reps", "1", "--out", "sweep-ok", "--no-progress"}, 0, "", ""},
		{"sweep --days 0", "", []string{"sweep", tinySweep, "--days", "0"}, 2, "--days: expected a number of days from 1 to 3660", ""},
		{"sweep --reps 0", "", []string{"sweep", tinySweep, "--reps", "0"}, 2, "--reps: expected from 1", ""},
		{"sweep name escapes", "", []string{"sweep", badSweep("name-escapes.toml")}, 2, "name: expected a name without /", ""},
		{"sweep 10^9 steps", "", []string{"sweep", badSweep("huge-steps.toml")}, 2, "the limit of points a plan may hold", ""},
		{"sweep 1000 x 1000", "", []string{"sweep", badSweep("factorial-million.toml")}, 2, "over the limit of 100000 points", ""},
		{"sweep /dev/zero", "", []string{"sweep", "/dev/zero"}, 2, "/dev/zero: is a character device", ""},
		{"sweep runs.csv without --resume", "", []string{"sweep", tinySweep, "--reps", "1", "--out", "whole"}, 2, "already exists: use --resume", ""},
		{"sweep resume of another plan", "", []string{"sweep", tinySweep, "--reps", "1", "--days", "2", "--out", "whole", "--resume"}, 2, "is the output of another sweep", ""},
		{"sweep resume without manifest", "", []string{"sweep", tinySweep, "--reps", "1", "--out", "nomanifest", "--resume"}, 2, "it cannot tell which sweep", ""},
		{"sweep --out a file", "", []string{"sweep", tinySweep, "--out", afile}, 2, afile, ""},
		{"sweep full disk", "1", []string{"sweep", tinySweep, "--reps", "1", "--out", "sweep-full", "--no-progress"}, 1, "file too large", ""},

		{"merge ok", "", []string{"merge", "merged", "s1", "s2"}, 0, "", ""},
		{"merge one argument", "", []string{"merge", "merged"}, 2, "expected the output directory and at least one shard", ""},
		{"merge ragged row", "", []string{"merge", "m-ragged", "s1", "ragged"}, 2, "ragged/runs.csv:3: 5 columns", "m-ragged/runs.csv"},
		{"merge into a file", "", []string{"merge", afile, "s1", "s2"}, 2, "is a file, not a directory", ""},
		{"merge full disk", "1", []string{"merge", "m-full", "s1", "s2"}, 1, "file too large", "m-full/runs.csv"},

		{"compare ok", "", []string{"compare", tiny, tiny, "--reps", "2", "--days", "1", "--out", "cmp-ok"}, 0, "", ""},
		{"compare --days 0", "", []string{"compare", tiny, tiny, "--days", "0"}, 2, "--days: expected a number of days from 1 to 3660", ""},
		{"compare --reps 1", "", []string{"compare", tiny, tiny, "--reps", "1"}, 2, "--reps: expected at least 2", ""},
		{"compare --out a file", "", []string{"compare", tiny, tiny, "--reps", "2", "--out", afile}, 2, "is a file, not a directory", ""},
		{"compare full disk", "1", []string{"compare", tiny, tiny, "--reps", "2", "--days", "1", "--out", "cmp-full"}, 1, "file too large", "cmp-full"},

		{"plot ok", "", []string{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--out", "p.png"}, 0, "", ""},
		{"plot no --x", "", []string{"plot", runs, "--y", "detections_total", "--out", "p.png"}, 2, "--x and --y are required", ""},
		{"plot /dev/zero", "", []string{"plot", "/dev/zero", "--x", "a", "--y", "b", "--out", "p.png"}, 2, "/dev/zero is a character device", ""},
		{"plot --out a directory", "", []string{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--out", pngDir}, 2, "is a directory, not a file", ""},
		{"plot full disk", "1", []string{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--out", "p-full.png"}, 1, "file too large", "p-full.png"},

		{"render ok", "", []string{"render", tiny, "--at", "2015-07-01T12:00", "--out", "r.png"}, 0, "", ""},
		{"render no --at", "", []string{"render", tiny, "--out", "r.png"}, 2, "--at and --out are required", ""},
		{"render --seed 2^63", "", []string{"render", tiny, "--at", "2015-07-01T12:00", "--out", "r.png", "--seed", "9223372036854775808"}, 2, "--seed: expected", ""},
		{"render full disk", "1", []string{"render", tiny, "--at", "2015-07-01T12:00", "--out", "r-full.png"}, 1, "file too large", "r-full.png"},

		{"check ok", "", []string{"check", tiny}, 0, "", ""},
		{"check bad file", "", []string{"check", badScenario("inf-uk-bound.toml")}, 2, "expected a finite number, got inf", ""},
		{"check /dev/zero", "", []string{"check", "/dev/zero"}, 2, "/dev/zero: is a character device", ""},
		{"check a FIFO", "", []string{"check", fifo}, 2, "is a FIFO (named pipe), not a regular file", ""},
		{"run extends a FIFO", "", []string{"run", write("extends-fifo.toml", "extends = \"fifo.toml\"\n")}, 2, "is a FIFO (named pipe)", ""},
		{"check no file", "", []string{"check"}, 2, "expected at least one scenario file", ""},

		{"scenarios ok", "", []string{"scenarios"}, 0, "", ""},
		{"scenarios --show unknown", "", []string{"scenarios", "--show", "baseline-2017"}, 2, "did you mean", ""},
		{"columns ok", "", []string{"columns", runs}, 0, "", ""},
		{"columns /dev/zero", "", []string{"columns", "/dev/zero"}, 2, "is a character device", ""},
		{"validate --reps 1", "", []string{"validate", "--reps", "1"}, 2, "--reps: expected at least 2", ""},
		{"validate --period 2017", "", []string{"validate", "--period", "2017"}, 2, `--period: expected one of 2014, 2015, 2016, 2019, 2020, 2021, 2022, 2023, 2024, got "2017"`, ""},
		{"validate --out a directory", "", []string{"validate", "--out", dir}, 2, "is a directory, not a file", ""},
		{"verify queue bad rate", "", []string{"verify", "queue", "--arrivals-per-hour", "-1"}, 2, "expected a positive rate", ""},
		{"physics ok", "", []string{"physics", "table", "--format", "csv"}, 0, "", ""},
		{"physics unknown", "", []string{"physics", "nonsense"}, 2, "unknown command", ""},
		{"sensitivity ok", "", append(sens, "--out", "sens-ok"), 0, "", ""},
		{"sensitivity unknown output", "", append(sens, "--outputs", "detections_totl"), 2, `did you mean "detections_total"`, ""},
		{"sensitivity unknown parameter", "", append(sens, "--params", "migrants.try_shar"), 2, `did you mean "migrants.try_share"`, ""},
		{"sensitivity --days 0", "", append(sens, "--days", "0"), 2, "--days: expected a number of days from 1 to 3660", ""},
		{"sensitivity full disk", "1", append(sens, "--out", "sens-full"), 1, "file too large", "sens-full/report"},
		{"calibrate ok", "", append(cal, "--out", "cal-ok"), 0, "", ""},
		{"calibrate held-out target", "", append(cal, "--targets", "C9", "--out", "cal-c9"), 2, "held out of calibration", "cal-c9"},
		{"calibrate no --params", "", []string{"calibrate", "--out", "cal-none"}, 2, "--params: name the parameters", "cal-none"},
		{"calibrate full disk", "1", append(cal, "--out", "cal-full"), 1, "file too large", "cal-full/sample"},
		{"help ok", "", []string{"help", "run"}, 0, "", ""},
		{"completion ok", "", []string{"completion", "bash"}, 0, "", ""},
		{"unknown command", "", []string{"rnu"}, 2, `did you mean "run"?`, ""},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		code, errs := cliLimited(t, dir, c.fsize, c.args...)
		seen[c.args[0]] = true
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: %v: exit %d, want %d with %q; stderr:\n%s", c.name, c.args, code, c.code, c.want, errs)
		}
		if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine ") {
			t.Errorf("%s: a panic:\n%s", c.name, errs)
		}
		if c.gone != "" {
			if _, err := os.Stat(filepath.Join(dir, c.gone)); err == nil {
				t.Errorf("%s: %s exists after the failure: outputs must be whole or absent", c.name, c.gone)
			}
		}
	}
	// Every visible command is in the table.
	for _, cmd := range newRoot().Commands() {
		if cmd.IsAvailableCommand() && !seen[cmd.Name()] {
			t.Errorf("command %q has no case in the exit-code table", cmd.Name())
		}
	}
	// No temporary file or directory is left by the failures.
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", ".*tmp*"))
	if len(left)+len(more) > 0 {
		t.Errorf("temporary files left: %v %v", left, more)
	}
}
