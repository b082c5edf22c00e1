package main

import (
	"channelsim/analysis"
	"channelsim/report"
	"debug/buildinfo"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestUsageErrorsOnce: a bad flag or argument is one line naming the
// problem and one line of hint on stderr, nothing on stdout, exit 2 —
// not the usage twice around the error.
func TestUsageErrorsOnce(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"run", "--days", "two"},
		{"run", "--dayz", "3"},
		{"compare", "baseline-2015"},
		{"runn"},
		{"physics", "tabel"},
		{"scenarios", "extra"},
		{"plot"},
	} {
		code, out, errs := cli(t, args...)
		lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
		if code != exitUsage || out != "" || len(lines) != 2 || !strings.HasPrefix(lines[1], "Run 'channelsim") || strings.Contains(errs, "Usage:") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and two lines on stderr", args, code, out, errs)
		}
	}
	// channelsim alone: the help, on stderr, exit 2.
	if code, out, errs := cli(t); code != exitUsage || out != "" || !strings.Contains(errs, "Available Commands") {
		t.Errorf("no arguments: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestSuggestions: "did you mean" for commands, flags, scenario names,
// sweep names and plot columns.
func TestSuggestions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs.csv")
	os.WriteFile(runs, []byte("run,point,replication,seed,controls.search_share,detections_total\n0,0,0,1,0.1,5\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"runn"}, `did you mean "run"?`},
		{[]string{"help", "compar"}, `did you mean "compare"?`},
		{[]string{"run", "--sed", "3"}, "did you mean --seed?"},
		{[]string{"run", "-days", "3"}, "did you mean --days?"},
		{[]string{"run", "xray-for-peple"}, `did you mean "xray-for-people"?`},
		{[]string{"scenarios", "--show", "xray-for-peple"}, `did you mean "xray-for-people"?`},
		{[]string{"sweep", "scan-bna"}, `did you mean "scan-ban"?`},
		{[]string{"plot", runs, "--x", "controls.search_share", "--y", "detection_total", "--out", filepath.Join(dir, "p.png")}, `did you mean "detections_total"?`},
		{[]string{"plot", runs, "--x", "control.search_share", "--y", "detections_total", "--out", filepath.Join(dir, "p.png")}, `did you mean "controls.search_share"?`},
		{[]string{"verify", "queu"}, `did you mean "queue"?`},
		{[]string{"scenarios", "--format", "jsn"}, `did you mean "json"?`},
	} {
		code, _, errs := cli(t, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestVersion: --version names the commit and its date, from the VCS
// information Go records or, without it, from the values the Makefile
// stamps; manifests record the same.
func TestVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stamped := filepath.Join(dir, "stamped")
	b := exec.Command("go", "build", "-buildvcs=false", "-o", stamped,
		"-ldflags", "-X main.buildCommit=0123456789abcdef0123-dirty -X main.buildDate=2015-07-01T00:00:00Z", ".")
	b.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := b.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err := exec.Command(stamped, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); !strings.HasPrefix(s, "channelsim ") || !strings.Contains(s, "commit 0123456789ab+dirty") || !strings.Contains(s, "2015-07-01T00:00:00Z") {
		t.Errorf("--version with stamped values: %q", s)
	}

	run := filepath.Join(dir, "run")
	if err := exec.Command(stamped, "run", "--days", "1", "--out", run).Run(); err != nil {
		t.Fatal(err)
	}
	var man map[string]any
	mb, _ := os.ReadFile(filepath.Join(run, "manifest.json"))
	json.Unmarshal(mb, &man)
	if v, _ := man["version"].(string); !strings.Contains(v, "commit 0123456789ab+dirty, 2015-07-01T00:00:00Z") {
		t.Errorf("manifest version %q lacks the commit", v)
	}

	vcs := filepath.Join(dir, "vcs")
	b = exec.Command("go", "build", "-buildvcs=auto", "-o", vcs, ".")
	b.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := b.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	info, err := buildinfo.ReadFile(vcs)
	if err != nil {
		t.Fatal(err)
	}
	var head string
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			head = s.Value
		}
	}
	if head == "" {
		t.Skip("the Go toolchain recorded no VCS information in this checkout (a git worktree, or no .git): the stamped values above are what make build uses")
	}
	out, err = exec.Command(vcs, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "commit "+head[:12]) {
		t.Errorf("--version %q does not name the commit %s", out, head[:12])
	}
}

// TestCompletion: completion scripts for bash, zsh and fish, and the
// completions they ask the binary for: subcommands, flags, embedded
// scenarios and sweeps.
func TestCompletion(t *testing.T) {
	t.Parallel()
	for _, sh := range []string{"bash", "zsh", "fish"} {
		code, out, errs := cli(t, "completion", sh)
		if code != 0 || !strings.Contains(out, "channelsim") || len(out) < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes, %s", sh, code, len(out), errs)
		}
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "co"}, []string{"compare", "completion", "columns"}},
		{[]string{"__complete", "run", "--s"}, []string{"--seed"}},
		{[]string{"__complete", "run", "xray"}, []string{"xray-for-people", "xray-dose-capped"}},
		{[]string{"__complete", "compare", "baseline-2015", "esc"}, []string{"escorts-plus-50", "escorts-minus-25"}},
		{[]string{"__complete", "sweep", "sc"}, []string{"scan-ban"}},
		{[]string{"__complete", "scenarios", "--show", "surge"}, []string{"surge-after-paris"}},
		{[]string{"__complete", "physics", "detect", "--method", ""}, []string{"xray", "heartbeat"}},
	} {
		code, out, errs := cli(t, tc.args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: %q lacks %q", tc.args, out, w)
			}
		}
	}
}

// TestNothingLostToAClosedPipe: a reader that closes stdout at once
// (| head -1) does not lose the files: they are written before the
// table. The process may then die of SIGPIPE, as head's writers do.
func TestNothingLostToAClosedPipe(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args  []string
		files []string
	}{
		{[]string{"compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "1"}, []string{"report.html", "comparison.csv", "forest.png"}},
		{[]string{"run", "--days", "2"}, []string{"summary.json", "daily.csv", "manifest.json", "columns.json"}},
	} {
		out := filepath.Join(t.TempDir(), "out")
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close() // the reader is gone before anything is written
		cmd := exec.Command(bin, append(tc.args, "--out", out)...)
		cmd.Stdout = w
		err = cmd.Run()
		w.Close()
		if ee, ok := err.(*exec.ExitError); ok {
			ws := ee.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != syscall.SIGPIPE {
				t.Errorf("%v: %v, want success or SIGPIPE", tc.args, err)
			}
		} else if err != nil {
			t.Fatal(err)
		}
		for _, f := range tc.files {
			if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
				t.Errorf("%v: %s lost to the closed pipe", tc.args, f)
			}
		}
	}
	// run's timing line is on stderr, not after the table on stdout.
	_, out, errs := cli(t, "run", "--days", "1")
	if strings.Contains(out, "simulated") || !strings.Contains(errs, "1 day simulated in") {
		t.Errorf("timing line: stdout %q, stderr %q", out, errs)
	}
}

// TestCheckReportsEveryError: a file with a wrong type, unknown keys, a
// bad duration and a value out of range gets all of them, in line order.
func TestCheckReportsEveryError(t *testing.T) {
	t.Parallel()
	code, out, errs := cli(t, "check", "../../scenarios/testdata/bad/many.toml")
	want := []string{
		"many.toml:3:1: days: expected integer, got a TOML string",
		"many.toml:5:1: port.checkin_lane: unknown key; did you mean \"port.checkin_lanes\"?",
		"many.toml:6:1: port.ships: expected integer, got a TOML string",
		"many.toml:7:12: port.crossing: expected a duration string",
		"many.toml:9:1: controls.search_share: expected a value from 0 to 1, got 7.5",
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != exitUsage || out != "" || len(lines) != len(want) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], "../../scenarios/testdata/bad/"+w) {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], w)
		}
	}
}

// TestMachineReadable: --json (or --format json|csv) for compare,
// validate's rows, scenarios and physics table.
func TestMachineReadable(t *testing.T) {
	t.Parallel()
	code, out, errs := cli(t, "compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "1", "--json")
	var cmp struct {
		Replications int `json:"replications"`
		Metrics      []struct {
			Metric    string `json:"metric"`
			Unit      string `json:"unit"`
			Scenarios []struct {
				Scenario string `json:"scenario"`
				Diff     *struct {
					Mean float64 `json:"mean"`
				} `json:"diff_from_first"`
			} `json:"scenarios"`
		} `json:"metrics"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &cmp) != nil || cmp.Replications != 2 || len(cmp.Metrics) < 30 {
		t.Fatalf("compare --json: exit %d, %s\n%.300s", code, errs, out)
	}
	for _, m := range cmp.Metrics {
		if m.Metric == "detections_total" && (m.Unit != "people" || len(m.Scenarios) != 2 || m.Scenarios[1].Diff == nil || m.Scenarios[0].Diff != nil) {
			t.Errorf("detections_total: %+v", m)
		}
	}
	code, out, _ = cli(t, "compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "1", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) < 60 || recs[0][0] != "metric" {
		t.Errorf("compare --format csv: exit %d, %v", code, err)
	}

	code, out, _ = cli(t, "scenarios", "--json")
	var list []struct{ Name, Description, SHA256 string }
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) < 12 || !slices.ContainsFunc(list, func(e struct{ Name, Description, SHA256 string }) bool {
		return e.Name == "baseline-2015" && len(e.SHA256) == 64
	}) {
		t.Errorf("scenarios --json: exit %d, %.200s", code, out)
	}
	code, out, _ = cli(t, "physics", "table", "--format", "csv")
	recs, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 1+7*5*6 || recs[0][0] != "method" {
		t.Errorf("physics table --format csv: exit %d, %d rows, %v", code, len(recs), err)
	}

	rows := report.ValidationRows([]analysis.TargetResult{{Target: analysis.Targets()[0], Mean: 1.6e6, Lo: 1.5e6, Hi: 1.7e6, N: 3, Pass: true}})
	b, _ := json.Marshal(rows)
	if !strings.Contains(string(b), `"target":"C3"`) || !strings.Contains(string(b), `"pass":true`) {
		t.Errorf("validation rows: %s", b)
	}
	if code, _, errs := cli(t, "validate", "--reps", "2", "--format", "xml"); code != exitUsage || !strings.Contains(errs, "--format") {
		t.Errorf("validate --format xml: exit %d, %s", code, errs)
	}
}

// TestWordsAndMessages: singular and plural, and render says what it
// wrote.
func TestWordsAndMessages(t *testing.T) {
	t.Parallel()
	if plural(1, "day") != "1 day" || plural(2, "replication") != "2 replications" || plural(0, "run") != "0 runs" {
		t.Error("plural")
	}
	out := filepath.Join(t.TempDir(), "f.png")
	code, _, errs := cli(t, "render", "--at", "2015-07-01T06:00", "--out", out, "--width", "320", "--height", "240")
	if code != 0 || !strings.Contains(errs, "wrote "+out) {
		t.Errorf("render: exit %d, stderr %q", code, errs)
	}
}
