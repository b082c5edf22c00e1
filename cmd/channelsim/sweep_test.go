package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/scenarios"
)

func TestSweepCommand(t *testing.T) {
	small := filepath.Join("..", "..", "experiment", "testdata", "small.toml")
	dir := t.TempDir()
	if code := dispatch([]string{"sweep", small, "--out", filepath.Join(dir, "all"), "--workers", "2", "--no-progress"}); code != exitOK {
		t.Fatalf("sweep: exit %d", code)
	}
	for k := 1; k <= 2; k++ {
		if code := dispatch([]string{"sweep", small, "--shard", []string{"1/2", "2/2"}[k-1], "--out", filepath.Join(dir, []string{"s1", "s2"}[k-1])}); code != exitOK {
			t.Fatalf("shard %d: exit %d", k, code)
		}
	}
	if code := dispatch([]string{"merge", filepath.Join(dir, "m"), filepath.Join(dir, "s1"), filepath.Join(dir, "s2")}); code != exitOK {
		t.Fatalf("merge: exit %d", code)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "all", "runs.csv"))
	b, _ := os.ReadFile(filepath.Join(dir, "m", "runs.csv"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("merged shards differ from the whole sweep")
	}
	runs := filepath.Join(dir, "all", "runs.csv")
	for _, args := range [][]string{
		{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--by", "port.ships", "--out", filepath.Join(dir, "lines.png")},
		{"plot", runs, "--x", "controls.search_share", "--y", "queue_max_lorries", "--by", "port.ships", "--heatmap", "--out", filepath.Join(dir, "heat.svg")},
	} {
		if code := dispatch(args); code != exitOK {
			t.Errorf("%v: exit %d", args, code)
		}
		if st, err := os.Stat(args[len(args)-1]); err != nil || st.Size() < 1000 {
			t.Errorf("%v: no chart written", args)
		}
	}
	for _, args := range [][]string{
		{"plot", runs, "--x", "no.such", "--y", "detections_total", "--out", filepath.Join(dir, "x.png")},
		{"plot", runs, "--x", "controls.search_share", "--y", "no_such_metric", "--out", filepath.Join(dir, "x.png")},
		{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--out", filepath.Join(dir, "x.pdf")},
		{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--heatmap", "--out", filepath.Join(dir, "x.png")},
	} {
		if code := dispatch(args); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code := dispatch([]string{"merge", filepath.Join(dir, "m2"), filepath.Join(dir, "s1")}); code != exitUsage {
		t.Errorf("merge of one of two shards: exit %d, want %d", code, exitUsage)
	}
	// Bad sweep files and bad usage exit 2.
	for _, args := range [][]string{
		{"sweep", filepath.Join("..", "..", "experiment", "testdata", "bad", "unknown-param.toml")},
		{"sweep", filepath.Join("..", "..", "experiment", "testdata", "bad", "syntax.toml")},
		{"sweep", "no-such-sweep"},
		{"sweep"},
		{"sweep", small, "--shard", "3/2"},
	} {
		if code := dispatch(args); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestCompareCommand(t *testing.T) {
	dir := t.TempDir()
	if code := dispatch([]string{"compare", "baseline-2015", "xray-for-people", "--reps", "2", "--days", "1", "--out", dir}); code != exitOK {
		t.Fatalf("compare: exit %d", code)
	}
	for _, f := range []string{"comparison.csv", "columns.json", "report.md", "report.html", "forest.png", "forest.svg", "bar-detections_total.png", "bar-detections_total.svg", "daily-queue_max_lorries.png"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written", f)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !bytes.Contains(html, []byte(`<img src="data:image/svg&#43;xml;base64,`)) || bytes.Contains(html, []byte(".png")) {
		t.Error("report.html does not carry its charts as SVG data URIs")
	}
	for _, args := range [][]string{
		{"compare", "baseline-2015"},
		{"compare", "baseline-2015", "xray-for-people", "--reps", "1"},
		{"compare", "baseline-2015", "no-such-scenario"},
	} {
		if code := dispatch(args); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// readCSV reads a whole CSV file.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestSweepTablesReadRight: runs.csv writes a count a run lacks as 0,
// seeds as text a spreadsheet keeps, and common random numbers across
// points by default (--independent-seeds turns them off).
func TestSweepTablesReadRight(t *testing.T) {
	small := filepath.Join("..", "..", "experiment", "testdata", "small.toml")
	dir := t.TempDir()
	for _, o := range []struct {
		out   string
		extra []string
	}{{"crn", nil}, {"ind", []string{"--independent-seeds"}}} {
		if code := dispatch(append([]string{"sweep", small, "--out", filepath.Join(dir, o.out), "--no-progress"}, o.extra...)); code != exitOK {
			t.Fatalf("sweep %v: exit %d", o.extra, code)
		}
	}
	seeds := func(out string) map[string]map[string]bool { // replication → seeds
		recs := readCSV(t, filepath.Join(dir, out, "runs.csv"))
		m := map[string]map[string]bool{}
		for _, r := range recs[1:] {
			if m[r[2]] == nil {
				m[r[2]] = map[string]bool{}
			}
			m[r[2]][r[3]] = true
		}
		return m
	}
	for rep, s := range seeds("crn") {
		if len(s) != 1 {
			t.Errorf("replication %s has %d seeds across the points, expected one (common random numbers)", rep, len(s))
		}
	}
	for rep, s := range seeds("ind") {
		if len(s) != 4 {
			t.Errorf("--independent-seeds: replication %s has %d seeds across 4 points", rep, len(s))
		}
	}
	recs := readCSV(t, filepath.Join(dir, "crn", "runs.csv"))
	head := recs[0]
	for _, r := range recs[1:] {
		if !regexp.MustCompile(`^0x[0-9a-f]{16}$`).MatchString(r[3]) {
			t.Errorf("seed %q is not written as text (0x and 16 hex digits)", r[3])
		}
		for j, h := range head {
			if experiment.IsCountEntry(h) && r[j] == "" {
				t.Errorf("run %s: %s is empty, expected a count (0 when none)", r[0], h)
			}
		}
	}
	// The seed as written reruns the run.
	if code, _, errOut := cli(t, "run", "baseline-2015", "--seed", recs[1][3], "--days", "1"); code != exitOK {
		t.Errorf("run --seed %s: exit %d: %s", recs[1][3], code, errOut)
	}
	cols, _ := os.ReadFile(filepath.Join(dir, "crn", "columns.json"))
	if !regexp.MustCompile(`"name": "seed",\s*"unit": "text"`).Match(cols) {
		t.Errorf("columns.json does not give the seed column's type as text")
	}
}

// TestSweepDaily: --daily writes each run's daily series to one long
// compressed table, merged from shards to the whole sweep's bytes and
// resumed after a kill to the same rows.
func TestSweepDaily(t *testing.T) {
	small := filepath.Join("..", "..", "experiment", "testdata", "small.toml")
	dir := t.TempDir()
	all := filepath.Join(dir, "all")
	if code := dispatch([]string{"sweep", small, "--out", all, "--daily", "--no-progress"}); code != exitOK {
		t.Fatalf("sweep --daily: exit %d", code)
	}
	rows, err := experiment.ReadDaily(filepath.Join(all, experiment.DailyFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"run", "point", "replication", "date"}; !slices.Equal(rows[0][:4], want) {
		t.Errorf("daily header starts %v, expected %v", rows[0][:4], want)
	}
	if len(rows) != 1+8*2 { // 8 runs × 2 days
		t.Errorf("%d daily rows, expected 16 and a header", len(rows)-1)
	}
	for i, r := range rows[1:] {
		if r[0] != strconv.Itoa(i/2) {
			t.Fatalf("row %d is run %s, expected run %d (run order)", i+1, r[0], i/2)
		}
	}
	for k := 1; k <= 2; k++ {
		if code := dispatch([]string{"sweep", small, "--shard", fmt.Sprintf("%d/2", k), "--daily", "--out", filepath.Join(dir, fmt.Sprint("s", k))}); code != exitOK {
			t.Fatalf("shard %d: exit %d", k, code)
		}
	}
	if code := dispatch([]string{"merge", filepath.Join(dir, "m"), filepath.Join(dir, "s1"), filepath.Join(dir, "s2")}); code != exitOK {
		t.Fatalf("merge: exit %d", code)
	}
	merged, err := experiment.ReadDaily(filepath.Join(dir, "m", experiment.DailyFile))
	if err != nil || !slices.EqualFunc(merged, rows, slices.Equal) {
		t.Errorf("the merged daily series differ from the whole sweep's (%v)", err)
	}
	// A kill of shard 1: its last run's row and the end of its daily
	// series lost.
	cut := filepath.Join(dir, "s1")
	rb, _ := os.ReadFile(filepath.Join(cut, experiment.RunsFile))
	lines := strings.SplitAfter(strings.TrimSuffix(string(rb), "\n"), "\n")
	os.WriteFile(filepath.Join(cut, experiment.RunsFile), []byte(strings.Join(lines[:len(lines)-1], "")), 0o644)
	db, _ := os.ReadFile(filepath.Join(cut, experiment.DailyFile))
	os.WriteFile(filepath.Join(cut, experiment.DailyFile), db[:len(db)-20], 0o644)
	if code := dispatch([]string{"sweep", small, "--shard", "1/2", "--daily", "--out", cut}); code != exitUsage {
		t.Errorf("resume without --resume: exit %d, expected %d", code, exitUsage)
	}
	if code := dispatch([]string{"sweep", small, "--shard", "1/2", "--out", cut, "--resume"}); code != exitUsage {
		t.Errorf("resume without --daily of a sweep begun with it: exit %d, expected %d", code, exitUsage)
	}
	if code := dispatch([]string{"sweep", small, "--shard", "1/2", "--daily", "--out", cut, "--resume"}); code != exitOK {
		t.Fatalf("resume: exit %d", code)
	}
	if code := dispatch([]string{"merge", filepath.Join(dir, "m2"), cut, filepath.Join(dir, "s2")}); code != exitOK {
		t.Fatalf("merge after resume: exit %d", code)
	}
	again, err := experiment.ReadDaily(filepath.Join(dir, "m2", experiment.DailyFile))
	if err != nil || !slices.EqualFunc(again, rows, slices.Equal) {
		t.Errorf("the daily series of a resumed shard differ from the whole sweep's (%v)", err)
	}
}

// TestPlotColumnsCompleteAndSuggest: --x, --y and --by complete with the
// columns of the runs.csv argument (cobra once refused the one-letter
// flags), and a mistyped column is answered with the columns it may mean.
func TestPlotColumnsCompleteAndSuggest(t *testing.T) {
	small := filepath.Join("..", "..", "experiment", "testdata", "small.toml")
	dir := t.TempDir()
	if code := dispatch([]string{"sweep", small, "--out", dir, "--reps", "1", "--no-progress"}); code != exitOK {
		t.Fatalf("sweep: exit %d", code)
	}
	runs := filepath.Join(dir, "runs.csv")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "plot", runs, "--y", "detections_t"}, []string{"detections_total"}},
		{[]string{"__complete", "plot", runs, "--x", "controls."}, []string{"controls.search_share"}},
		{[]string{"__complete", "plot", runs, "--x", "controls.search_share", "--by", "port"}, []string{"port.ships"}},
		{[]string{"__complete", "plot", runs, "-y", "queue_max"}, []string{"queue_max_lorries"}},
	} {
		code, out, errs := cli(t, tc.args...)
		if code != 0 || strings.Contains(out, "does not support flag") {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w+"\n") {
				t.Errorf("%v: %q lacks %q", tc.args, out, w)
			}
		}
	}
	for _, tc := range []struct{ y, want string }{
		{"detection_total", `did you mean "detections_total"?`},
		{"queue_max", `"queue_max_lorries"`},
	} {
		code, _, errs := cli(t, "plot", runs, "--x", "controls.search_share", "--y", tc.y, "--out", filepath.Join(t.TempDir(), "x.png"))
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("--y %s: exit %d, %q; want %d and %s", tc.y, code, errs, exitUsage, tc.want)
		}
	}
}

// TestCheckKnowsFileKinds: check takes a sweep, ranges or posterior file
// for what its content says it is, and answers a scenario without
// extends with one hint rather than an error for every key left at 0.
func TestCheckKnowsFileKinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := analysis.SampleHash(base.Config, []string{"migrants.try_share"})
	if err != nil {
		t.Fatal(err)
	}
	posterior := filepath.Join(dir, "posterior.csv")
	os.WriteFile(posterior, []byte("draw,weight,distance,scenario,scenario_sha256,migrants.try_share\n0,1,0.5,baseline-2015,"+hash+",0.9\n"), 0o644)
	for _, tc := range []struct{ file, want string }{
		{filepath.Join("..", "..", "experiment", "testdata", "small.toml"), "ok (sweep)"},
		{filepath.Join("..", "..", "docs", "calibration", "ranges.toml"), "ok (ranges)"},
		{posterior, "ok (posterior)"},
	} {
		code, out, errs := cli(t, "check", tc.file)
		if code != exitOK || !strings.Contains(out, tc.want) {
			t.Errorf("check %s: exit %d, %q %q; want 0 and %q", tc.file, code, out, errs, tc.want)
		}
	}
	code, _, errs := cli(t, "check", filepath.Join("..", "..", "experiment", "testdata", "bad", "unknown-param.toml"))
	if code != exitUsage || !strings.Contains(errs, `did you mean "controls.search_share"`) || strings.Contains(errs, "got 0") {
		t.Errorf("a bad sweep file: exit %d, %q", code, errs)
	}
	noExtends := filepath.Join(dir, "mine.toml")
	os.WriteFile(noExtends, []byte("name = \"mine\"\n[controls]\nsearch_share = 0.3\n"), 0o644)
	code, _, errs = cli(t, "check", noExtends)
	if code != exitUsage || !strings.Contains(errs, "no extends") || strings.Count(errs, "\n") > 4 {
		t.Errorf("a scenario without extends: exit %d, %q; want 2 and one hint", code, errs)
	}
}
