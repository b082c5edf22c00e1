package viz

import (
	"reflect"
	"strings"
	"testing"

	"channelsim/sim"
)

// TestAttemptsChart: the charts end with the attempts at each boarding
// spot, one series per "attempts_" column, named by its spot, so that
// displacement between spots shows; without such columns only the fixed
// charts are drawn.
func TestAttemptsChart(t *testing.T) {
	for _, c := range []struct {
		name  string
		today map[string]float64
		hist  *History
		want  []string
	}{
		{"from today", map[string]float64{"detections": 3, "attempts_spot-a16": 10, "attempts_lorry-park": 5}, nil, []string{"lorry-park", "a16"}},
		{"from the history", map[string]float64{}, &History{Cols: map[string][]float64{"attempts_services-a26": {1}}}, []string{"A26 services"}},
		{"none", map[string]float64{"detections": 3}, nil, nil},
	} {
		all := specs(c.hist, c.today)
		if c.want == nil {
			if len(all) != len(chartSpecs) {
				t.Errorf("%s: %d charts, want the %d fixed ones", c.name, len(all), len(chartSpecs))
			}
			continue
		}
		if len(all) != len(chartSpecs)+1 {
			t.Fatalf("%s: %d charts, want %d", c.name, len(all), len(chartSpecs)+1)
		}
		last := all[len(all)-1]
		if !reflect.DeepEqual(last.names, c.want) || len(last.cols) != len(c.want) || len(last.colors) != len(c.want) {
			t.Errorf("%s: names %v cols %v, want %v", c.name, last.names, last.cols, c.want)
		}
	}
	// The fixed charts are not changed by adding the attempts chart.
	specs(nil, map[string]float64{"attempts_x": 1})
	if len(chartSpecs) != 4 {
		t.Errorf("chartSpecs grew to %d", len(chartSpecs))
	}
}

// TestTodayRowsDisruption: the HUD says when Operation Stack is on and how
// long intruders stopped the trains, from the day's columns.
func TestTodayRowsDisruption(t *testing.T) {
	text := func(today map[string]float64) string {
		var b strings.Builder
		for _, r := range todayRows(&sim.Snapshot{Today: today}) {
			b.WriteString(r[0] + " | " + r[1] + "\n")
		}
		return b.String()
	}
	on := text(map[string]float64{"operation_stack": 1, "departures_stopped_min": 90})
	if !strings.Contains(on, "Operation Stack on today") || !strings.Contains(on, "Intruders stopped trains 90 min") {
		t.Errorf("with Stack and a stop:\n%s", on)
	}
	phased := text(map[string]float64{"operation_stack": 1, "stack_phases": 2, "m20_lorries_max": 1400, "tap": 1, "kent_queue_max_lorries": 2300})
	if !strings.Contains(phased, "Stack today: 2 phase(s), 1400 on M20") || !strings.Contains(phased, "Kent queue max  2300, TAP") {
		t.Errorf("with two phases of Stack and TAP:\n%s", phased)
	}
	off := text(map[string]float64{})
	if !strings.Contains(off, "No Operation Stack today") || !strings.Contains(off, "No stop by intruders today") {
		t.Errorf("without:\n%s", off)
	}
}

// TestTodayRowsLabels: the HUD's lines take their labels from the agent
// packages' metric tables and read as they always have (the rendered
// frames depend on them).
func TestTodayRowsLabels(t *testing.T) {
	today := map[string]float64{"detections": 3, "freight_delay_mean_min": 12, "removals": 1, "removal_cancellations": 2,
		"escorts_away": 4, "migrants_in_other_camps": 5, "smugglers_price_gbp": 600, "spots_known": 6, "kent_queue_max_lorries": 7}
	var got []string
	for _, r := range todayRows(&sim.Snapshot{Today: today}) {
		got = append(got, r[0]+" | "+r[1])
	}
	want := []string{
		"Detections  3 | Freight delay  12 min",
		"Queue: port 0, tunnel 0 | Kent queue max  7",
		"No Operation Stack today | No stop by intruders today",
		"Removals  1 | Cancellations  2",
		"In camp now  0 | Escorts away  4",
		"Other camps  5 | Smugglers' price  £600",
		"Spots known  6 | No roadblock tonight",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("today's rows:\n%q\nwant:\n%q", got, want)
	}
}
