package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testRanges is a ranges file of a few parameters for quick analyses
// that do not depend on the ranges in the key tags.
const testRanges = `[[range]]
key = "migrants.try_share"
low = 0.6
high = 0.99
why = "test"

[[range]]
key = "screening.equipment.heartbeat"
low = 2
high = 8
why = "test"

[[range]]
key = "migrants.return_after"
low = "2h"
high = "8h"
why = "test"
`

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSensitivityDeterministic: the same analysis gives byte-identical
// runs and indices with one worker, with two, and split into shards that
// are merged.
func TestSensitivityDeterministic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	// One day a run: the outputs are the same whatever the workers and
	// shards, however long the runs.
	common := []string{"sensitivity", "--ranges", ranges, "--r", "3", "--n", "4", "--top", "2", "--days", "1", "--boot", "50",
		"--outputs", "detections_total,freight_delay_mean_min", "--seed", "7"}
	run := func(args ...string) {
		t.Helper()
		if code, _, errs := cli(t, append(append([]string(nil), common...), args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	one, two, sh := filepath.Join(dir, "one"), filepath.Join(dir, "two"), filepath.Join(dir, "sharded")
	run("--workers", "1", "--out", one)
	run("--workers", "2", "--out", two)
	run("--stage", "morris", "--shard", "1/2", "--out", filepath.Join(dir, "s1"))
	run("--stage", "morris", "--shard", "2/2", "--out", filepath.Join(dir, "s2"))
	if code, _, errs := cli(t, "merge", filepath.Join(sh, "morris"), filepath.Join(dir, "s1", "morris"), filepath.Join(dir, "s2", "morris")); code != 0 {
		t.Fatalf("merge: %s", errs)
	}
	run("--out", sh)
	for _, f := range []string{"morris/runs.csv", "sobol/runs.csv", "report/indices.csv", "report/report.md"} {
		a := readFile(t, filepath.Join(one, f))
		for _, other := range []string{two, sh} {
			b := readFile(t, filepath.Join(other, f))
			if f == "report/report.md" { // the wall time differs
				a, b = dropLine(a, "Wall time"), dropLine(b, "Wall time")
			}
			if a != b {
				t.Errorf("%s differs between %s and %s", f, one, other)
			}
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(one, "report", "indices.csv")), "sobol,detections_total,") {
		t.Error("indices.csv has no Sobol rows")
	}
}

// TestSensitivityConstantOutput: an output that takes the same value in
// every run (no surge in the baseline) has no variance to share out; the
// report says so instead of failing on NaN indices.
func TestSensitivityConstantOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errs := cli(t, "sensitivity", "--params", "migrants.try_share,screening.equipment.dogs", "--r", "2", "--n", "2",
		"--top", "1", "--days", "2", "--boot", "10", "--outputs", "surge_return_days,detections_total", "--out", filepath.Join(dir, "s"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "none: the output did not vary over the design") {
		t.Errorf("stdout does not say the constant output has no indices:\n%s", out)
	}
	md := readFile(t, filepath.Join(dir, "s", "report", "report.md"))
	if !strings.Contains(md, "### surge_return_days\n\nThe output did not vary") || !strings.Contains(md, "![detections_total](sobol-detections_total.png)") {
		t.Errorf("report.md:\n%s", md)
	}
}

func dropLine(s, marker string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, marker) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestSensitivityBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	bad := writeFile(t, dir, "bad.toml", "[[range]]\nkey = \"migrants.try_share\"\nlow = 0.4\nhigh = 0.5\nwhy = \"x\"\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--params", "migrants.try_shar"}, `did you mean "migrants.try_share"`},
		{[]string{"--outputs", "detections_totl"}, `did you mean "detections_total"`},
		{[]string{"--stage", "both"}, "expected morris, sobol or all"},
		{[]string{"--shard", "1/2"}, "add --stage morris"},
	} {
		args := append([]string{"sensitivity", "--ranges", ranges, "--out", filepath.Join(dir, "out")}, c.args...)
		code, _, errs := cli(t, args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
	code, _, errs := cli(t, "sensitivity", "--ranges", bad, "--out", filepath.Join(dir, "out"))
	if code != 2 || !strings.Contains(errs, "bad.toml:3:1: range[0].low") {
		t.Errorf("a range without the baseline value: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("bad input left an output directory")
	}
	code, _, errs = cli(t, "check", bad)
	if code != 2 || !strings.Contains(errs, "does not contain the scenario's value 0.966") {
		t.Errorf("check of a bad ranges file: exit %d, %q", code, errs)
	}
}

// TestCalibrateRefusesHeldOutTargets: a validation (held-out) target or
// an input check cannot be given to calibrate; nothing is written.
func TestCalibrateRefusesHeldOutTargets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	for _, id := range []string{"C9", "A2", "B", "C10", "C3", "A8"} {
		out := filepath.Join(dir, "cal-"+id)
		code, _, errs := cli(t, "calibrate", "--ranges", ranges, "--params", "migrants.try_share", "--targets", "C7,"+id, "--out", out)
		if code != 2 || !strings.Contains(errs, "held out of calibration") {
			t.Errorf("--targets C7,%s: exit %d, %q", id, code, errs)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--targets %s left %s", id, out)
		}
	}
	code, _, errs := cli(t, "calibrate", "--ranges", ranges, "--params", "migrants.try_share", "--days", "30", "--out", filepath.Join(dir, "short"))
	if code != 2 || !strings.Contains(errs, "cannot be measured") {
		t.Errorf("30 days cannot measure C6b: exit %d, %q", code, errs)
	}
}

// TestCalibrateAndComparePosterior runs a tiny calibration and feeds its
// sample to compare; then posteriors that are broken or from another
// scenario are refused with the file, line and column.
func TestCalibrateAndComparePosterior(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("a calibration of 8 particles of 5 months")
	}
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	cal := filepath.Join(dir, "cal")
	code, out, errs := cli(t, "calibrate", "--ranges", ranges, "--params", "migrants.try_share,migrants.return_after", "--targets", "C6a,C7",
		"--particles", "8", "--generations", "2", "--days", "153", "--out", cal)
	if code != 0 {
		t.Fatalf("calibrate: exit %d: %s", code, errs)
	}
	for _, f := range []string{"posterior.csv", "history.csv", "centre.toml", "report.md", "report.html", "posterior-pairs.png"} {
		if _, err := os.Stat(filepath.Join(cal, "sample", f)); err != nil {
			t.Errorf("calibrate wrote no %s", f)
		}
	}
	if !strings.Contains(out, "Acceptance history") {
		t.Errorf("no acceptance history printed:\n%s", out)
	}
	if code, _, errs := cli(t, "check", filepath.Join(cal, "sample", "centre.toml")); code != 0 {
		t.Errorf("centre.toml is not a valid scenario: %s", errs)
	}
	post := filepath.Join(cal, "sample", "posterior.csv")
	cmp := filepath.Join(dir, "cmp")
	code, out, errs = cli(t, "compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "3", "--posterior", post, "--draws", "3", "--draw-reps", "1", "--out", cmp)
	if code != 0 {
		t.Fatalf("compare --posterior: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Under parameter uncertainty") || !strings.Contains(readFile(t, filepath.Join(cmp, "report.md")), "## Under parameter uncertainty") {
		t.Errorf("no uncertainty section:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(cmp, "uncertainty.csv")); err != nil {
		t.Error("no uncertainty.csv")
	}
	text := readFile(t, post)
	// A duration is a number of minutes, the unit in its column's name;
	// a posterior of earlier versions (Go's "3h0m0s") still reads.
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if j := slices.Index(recs[0], "migrants.return_after_min"); j < 0 {
		t.Errorf("posterior.csv has no column migrants.return_after_min: %v", recs[0])
	} else {
		for _, r := range recs[1:] {
			if _, err := strconv.ParseFloat(r[j], 64); err != nil {
				t.Errorf("migrants.return_after_min = %q is not a number", r[j])
			}
			x, _ := strconv.ParseFloat(r[j], 64)
			r[j] = (time.Duration(x * float64(time.Minute))).String()
		}
		recs[0][j] = "migrants.return_after"
		var old strings.Builder
		w := csv.NewWriter(&old)
		w.WriteAll(recs)
		oldFile := writeFile(t, dir, "old.csv", old.String())
		if code, _, errs := cli(t, "compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "2", "--posterior", oldFile, "--draws", "2", "--draw-reps", "1", "--out", filepath.Join(dir, "old")); code != 0 {
			t.Errorf("a posterior with durations as Go strings: exit %d: %s", code, errs)
		}
	}
	if strings.Contains(readFile(t, filepath.Join(cal, "sample", "report.md")), "h0m0s") {
		t.Error("report.md writes a duration as a Go string")
	}
	hash := strings.Split(strings.Split(text, "\n")[1], ",")[4]
	other := writeFile(t, dir, "other.csv", strings.ReplaceAll(strings.ReplaceAll(text, hash, strings.Repeat("0", 64)), ",baseline-2015,", ",xray-for-people,"))
	noWeight := writeFile(t, dir, "noweight.csv", strings.Replace(text, "weight,", "w,", 1))
	for _, c := range []struct{ file, want string }{
		{other, "other.csv:2: scenario_sha256: this draw was fitted to scenario \"xray-for-people\""},
		{noWeight, "noweight.csv:1: weight: missing column \"weight\""},
	} {
		code, _, errs := cli(t, "compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "2", "--posterior", c.file, "--out", filepath.Join(dir, "x"))
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, %q; want 2 and %q", c.file, code, errs, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a refused posterior left an output directory")
	}
}

// TestSensitivitySobolShards: the Sobol stage's shards read a merged
// screening and merge into the Sobol runs of one process; without the
// screening, the stage refuses to run it.
func TestSensitivitySobolShards(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	common := []string{"sensitivity", "--ranges", ranges, "--r", "2", "--n", "4", "--top", "2", "--days", "2", "--boot", "20",
		"--outputs", "detections_total", "--seed", "3"}
	run := func(want int, args ...string) string {
		t.Helper()
		code, _, errs := cli(t, append(append([]string(nil), common...), args...)...)
		if code != want {
			t.Fatalf("%v: exit %d, want %d: %s", args, code, want, errs)
		}
		return errs
	}
	whole := filepath.Join(dir, "whole")
	run(0, "--out", whole)
	if errs := run(1, "--stage", "sobol", "--shard", "1/2", "--out", filepath.Join(dir, "empty")); !strings.Contains(errs, "run that stage first") {
		t.Errorf("a Sobol shard without the screening: %s", errs)
	}
	for _, k := range []string{"1", "2"} {
		d := filepath.Join(dir, "t"+k)
		if err := os.MkdirAll(filepath.Join(d, "morris"), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"runs.csv", "manifest.json"} {
			writeFile(t, filepath.Join(d, "morris"), f, readFile(t, filepath.Join(whole, "morris", f)))
		}
		run(0, "--stage", "sobol", "--shard", k+"/2", "--out", d)
	}
	merged := filepath.Join(dir, "merged", "sobol")
	if code, _, errs := cli(t, "merge", merged, filepath.Join(dir, "t1", "sobol"), filepath.Join(dir, "t2", "sobol")); code != 0 {
		t.Fatalf("merge: %s", errs)
	}
	if readFile(t, filepath.Join(merged, "runs.csv")) != readFile(t, filepath.Join(whole, "sobol", "runs.csv")) {
		t.Error("the merged Sobol shards differ from the Sobol runs of one process")
	}
}

// TestCalibrateHistoryMatching: with --waves, calibrate runs the waves of
// history matching before the ABC, records each (the prior left, the
// emulators' leave-one-out coverage) in waves.csv and report.md, draws
// the last wave's emulator diagnostics, and stops the ABC at --eps; the
// new flags are bounded.
func TestCalibrateHistoryMatching(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	cal := filepath.Join(dir, "cal")
	code, out, errs := cli(t, "calibrate", "--ranges", ranges, "--params", "migrants.try_share,migrants.return_after", "--targets", "C6a,C7",
		"--particles", "8", "--generations", "3", "--days", "31", "--waves", "2", "--wave-runs", "10", "--eps", "5", "--out", cal)
	if code != 0 {
		t.Fatalf("calibrate: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "History matching (implausibility cut-off 3)") {
		t.Errorf("no history matching printed:\n%s", out)
	}
	waves := readFile(t, filepath.Join(cal, "sample", "waves.csv"))
	lines := strings.Split(strings.TrimSpace(waves), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "wave,runs,prior_left,C6a_loo_within_2sd,C6a_loo_rmse,C6a_noise_sd,C7_loo_within_2sd") {
		t.Errorf("waves.csv:\n%s", waves)
	}
	for _, f := range []string{"emulator-C6a.png", "emulator-C7.png"} {
		if _, err := os.Stat(filepath.Join(cal, "sample", f)); err != nil {
			t.Errorf("calibrate wrote no %s", f)
		}
	}
	if md := readFile(t, filepath.Join(cal, "sample", "report.md")); !strings.Contains(md, "## History matching") {
		t.Errorf("report.md has no history matching:\n%s", md)
	}
	// --eps 5 is met by the first generation: the ABC stops there.
	if h := readFile(t, filepath.Join(cal, "sample", "history.csv")); strings.Count(strings.TrimSpace(h), "\n") != 1 {
		t.Errorf("--eps 5: the ABC ran past the first generation:\n%s", h)
	}
	for _, bad := range [][]string{{"--waves", "11"}, {"--wave-runs", "5"}, {"--cutoff", "0.5"}, {"--eps", "-1"}} {
		args := append([]string{"calibrate", "--params", "migrants.try_share", "--out", filepath.Join(dir, "bad")}, bad...)
		if code, _, errs := cli(t, args...); code != exitUsage || !strings.Contains(errs, bad[0]) {
			t.Errorf("%v: exit %d, %s", bad, code, errs)
		}
	}
}

// TestSensitivityWarnsOfNoise: a Sobol stage too small for its
// parameters says so (on stdout with its table, on stderr, in report.md)
// and marks its chart NOISY; the convergence chart of the indices against
// N is drawn beside it.
func TestSensitivityWarnsOfNoise(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ranges := writeFile(t, dir, "r.toml", testRanges)
	out := filepath.Join(dir, "out")
	code, stdoutText, errs := cli(t, "sensitivity", "--ranges", ranges, "--stage", "sobol", "--sobol-params", "migrants.try_share,screening.equipment.heartbeat",
		"--n", "8", "--days", "2", "--boot", "50", "--outputs", "detections_total", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "8 base rows for 2 parameters: fewer than 32 a parameter"
	if !strings.Contains(stdoutText, "warning: "+want) || !strings.Contains(errs, "warning: detections_total: "+want) {
		t.Errorf("no small-sample warning:\nstdout:\n%s\nstderr:\n%s", stdoutText, errs)
	}
	md := readFile(t, filepath.Join(out, "report", "report.md"))
	if !strings.Contains(md, "**Warnings** (the chart is marked NOISY)") || !strings.Contains(md, "sobol-convergence-detections_total.png") {
		t.Errorf("report.md:\n%s", md)
	}
	if svg := readFile(t, filepath.Join(out, "report", "sobol-detections_total.svg")); !strings.Contains(svg, "NOISY") {
		t.Error("the Sobol chart is not marked NOISY")
	}
	if _, err := os.Stat(filepath.Join(out, "report", "sobol-convergence-detections_total.png")); err != nil {
		t.Error("no convergence chart")
	}
}
