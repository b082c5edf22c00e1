package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestChooseShard(t *testing.T) {
	cases := []struct {
		flag   string
		shards int
		env    map[string]string
		k, n   int
		bad    bool
	}{
		{"", 0, nil, 1, 1, false},
		{"2/8", 0, nil, 2, 8, false},
		{"2/8", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "6"}, 2, 8, false}, // the flag wins
		{"0/8", 0, nil, 0, 0, true},
		{"9/8", 0, nil, 0, 0, true},
		{"x", 0, nil, 0, 0, true},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, 1, 4, false},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"}, 4, 4, false},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"}, 4, 4, false},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"}, 0, 0, true},
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "2"}, 3, 3, false},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "0", "CHANNELSIM_SHARDS": "5"}, 1, 5, false},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "0"}, 0, 0, true},
		{"", 2, map[string]string{"JOB_COMPLETION_INDEX": "2"}, 0, 0, true},
		{"", 2, nil, 0, 0, true},
	}
	for i, tc := range cases {
		k, n, _, err := chooseShard(tc.flag, tc.shards, func(s string) string { return tc.env[s] })
		if tc.bad {
			if err == nil {
				t.Errorf("%d: no error, got %d/%d", i, k, n)
			}
			continue
		}
		if err != nil || k != tc.k || n != tc.n {
			t.Errorf("%d: got %d/%d, %v; want %d/%d", i, k, n, err, tc.k, tc.n)
		}
	}
}

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
