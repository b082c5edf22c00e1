package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"channelsim/experiment"
	"channelsim/report"
)

// TestEveryMetricDocumented: every summary metric and daily column of a
// run has a unit or meaning in the data dictionary.
func TestEveryMetricDocumented(t *testing.T) {
	t.Parallel()
	code, out, errs := cli(t, "run", "--days", "2", "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var sum map[string]any
	json.Unmarshal([]byte(out), &sum)
	for k := range sum {
		if report.DescribeColumn(k).Description == "" {
			t.Errorf("summary metric %s has no description", k)
		}
	}
	dir := t.TempDir()
	if code, _, errs := cli(t, "run", "--days", "1", "--out", dir); code != 0 {
		t.Fatal(errs)
	}
	h, err := experiment.ReadHeader(filepath.Join(dir, "daily.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range h {
		if d := report.DescribeDaily(c); d.Description == "" {
			t.Errorf("daily column %s has no description", c)
		}
	}
	code, out, _ = cli(t, "columns", filepath.Join(dir, "daily.csv"))
	if code != 0 || !strings.Contains(out, "people a day") {
		t.Errorf("columns daily.csv: exit %d, %q", code, out)
	}
}

// TestPlotLabels: plot's axes say what the keys mean and their units.
func TestPlotLabels(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs.csv")
	os.WriteFile(runs, []byte("run,point,replication,seed,controls.search_share,controls.xray_for_people,detections_total\n"+
		"0,0,0,1,0.1,false,2000\n1,1,0,2,0.5,false,2500\n2,2,0,3,0.1,true,2100\n3,3,0,4,0.5,true,2600\n4,0,1,5,0.1,false,2050\n"), 0o644)
	for _, extra := range [][]string{nil, {"--heatmap"}} {
		out := filepath.Join(dir, "p.svg")
		args := append([]string{"plot", runs, "--x", "controls.search_share", "--y", "detections_total", "--by", "controls.xray_for_people", "--out", out}, extra...)
		if code, _, errs := cli(t, args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
		b, _ := os.ReadFile(out)
		s := string(b)
		for _, w := range []string{"Border Force", "(control intensity)", "(people)", "2,"} {
			if !strings.Contains(s, w) {
				t.Errorf("%v: the chart lacks %q", extra, w)
			}
		}
		if extra != nil && !strings.Contains(s, "n = 2") {
			t.Errorf("heatmap without n")
		}
	}
}
