package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"channelsim/experiment"
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
	if err := FinishRuns(out); err != nil {
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
	var cols map[string][]Column
	b, _ := os.ReadFile(filepath.Join(dir, "columns.json"))
	if err := json.Unmarshal(b, &cols); err != nil {
		t.Fatal(err)
	}
	rc := cols["runs.csv"]
	if len(rc) != 11 || rc[5].Unit != "people" || !strings.Contains(rc[4].Description, "Border Force selects") || !strings.Contains(rc[9].Description, "xray_incidental") {
		t.Errorf("columns.json: %+v", rc)
	}
	// Finishing again changes nothing.
	if err := FinishRuns(out); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "runs.csv")); string(again) != want {
		t.Error("a second finish changed runs.csv")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
