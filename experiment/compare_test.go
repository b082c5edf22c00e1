package experiment

import (
	"context"
	"testing"

	"channelsim/scenarios"
)

// TestCompareCommonRandomNumbers: a scenario compared with itself differs
// by exactly zero in every replication (the same seeds), while two
// replications of one scenario differ (the seeds do change).
func TestCompareCommonRandomNumbers(t *testing.T) {
	a, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := scenarios.Load("baseline-2015")
	x, _ := scenarios.Load("xray-for-people")
	c, err := Compare(context.Background(), []*scenarios.Scenario{a, b, x}, []string{"a", "b", "x"}, 3, 2, 2,
		[]string{"detections", "queue_max_lorries", "no_such_column"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := c.Metric("detections_total")
	if m < 0 {
		t.Fatal("no detections_total")
	}
	st := c.Stats(m, 0.95)
	if st[1].Diff.Mean != 0 || st[1].Diff.Lo != 0 || st[1].Diff.Hi != 0 {
		t.Errorf("a scenario against itself: Δ %+v", st[1].Diff)
	}
	v := c.Values[0][m]
	if v[0] == v[1] && v[1] == v[2] {
		t.Errorf("three replications gave the same detections %v: seeds not varied", v)
	}
	if m := c.Metric("xray_scans"); m < 0 || !c.Stats(m, 0.95)[2].Diff.Excludes(0) {
		t.Errorf("allowing X-ray for people does not change X-ray scans measurably")
	}
	if len(c.Series) != 2 || len(c.Dates) != 2 || len(c.Daily[2][0]) != 3 || len(c.Daily[2][0][0]) != 2 {
		t.Errorf("daily series: %v, %d dates", c.Series, len(c.Dates))
	}
	mean, lo, hi := c.Band(0, 0, 0.95)
	for d := range mean {
		if lo[d] > mean[d] || hi[d] < mean[d] {
			t.Errorf("day %d: band [%v, %v] does not hold the mean %v", d, lo[d], hi[d], mean[d])
		}
	}
}
