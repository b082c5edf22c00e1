package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestSweepCommand(t *testing.T) {
	small := filepath.Join("..", "..", "scenarios", "sweep", "testdata", "small.toml")
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
		{"sweep", filepath.Join("..", "..", "scenarios", "sweep", "testdata", "bad", "unknown-param.toml")},
		{"sweep", filepath.Join("..", "..", "scenarios", "sweep", "testdata", "bad", "syntax.toml")},
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
	if !bytes.Contains(html, []byte(`<img src="data:image/svg+xml;base64,`)) || bytes.Contains(html, []byte(".png")) {
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
