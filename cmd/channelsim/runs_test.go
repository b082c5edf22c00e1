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

// TestFinishRuns: the other_metrics column of a streamed runs.csv becomes
// one column per metric — the union over the runs, a map's entries
// together in sorted order, 0 where a run lacks a map's entry (it counted
// none), empty where it lacks another metric, seeds as text — and
// columns.json gives each column's unit.
func TestFinishRuns(t *testing.T) {
	dir := t.TempDir()
	journal := "run,point,replication,seed,controls.search_share,detections_total,detections_by_method.dog,detections_by_method.xray,other_metrics\n" +
		"0,0,0,11,0.1,5,2,,detections_by_method.manual=1;detections_by_method.xray_incidental=18\n" +
		"1,1,0,12,0.5,7,,3,\n" +
		"2,0,1,13,0.1,6,1,2,zz_new_metric=4\n"
	out, err := experiment.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	out.Claim(experiment.RunsFile)
	os.WriteFile(filepath.Join(dir, "runs.csv"), []byte(journal), 0o644)
	if err := finishRuns(out); err != nil {
		t.Fatal(err)
	}
	want := "run,point,replication,seed,controls.search_share,detections_total,detections_by_method.dog,detections_by_method.manual,detections_by_method.xray,detections_by_method.xray_incidental,zz_new_metric\n" +
		"0,0,0,0x000000000000000b,0.1,5,2,1,0,18,\n" +
		"1,1,0,0x000000000000000c,0.5,7,0,0,3,0,\n" +
		"2,0,1,0x000000000000000d,0.1,6,1,0,2,0,4\n"
	got, _ := os.ReadFile(filepath.Join(dir, "runs.csv"))
	if string(got) != want {
		t.Errorf("runs.csv:\n%s\nwant:\n%s", got, want)
	}
	var cols map[string][]report.Column
	b, _ := os.ReadFile(filepath.Join(dir, "columns.json"))
	if err := json.Unmarshal(b, &cols); err != nil {
		t.Fatal(err)
	}
	rc := cols["runs.csv"]
	if len(rc) != 11 || rc[5].Unit != "people" || !strings.Contains(rc[4].Description, "Border Force selects") || !strings.Contains(rc[9].Description, "xray_incidental") {
		t.Errorf("columns.json: %+v", rc)
	}
	// Finishing again changes nothing.
	if err := finishRuns(out); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "runs.csv")); string(again) != want {
		t.Error("a second finish changed runs.csv")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestEveryMetricDocumented: every summary metric and daily column of a
// run has a unit or meaning in the data dictionary.
func TestEveryMetricDocumented(t *testing.T) {
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
