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

// TestHUDBoats: in a run with the small boats the HUD has the boats'
// levers and a block of figures for each way across, the boats' with the
// sea of the day on its heading, labelled from the metric tables; without
// the boats it has none of them.
func TestHUDBoats(t *testing.T) {
	b, w := newTestBuilder(t)
	f := boatsFrame(t, w, true)
	f.Levers = Levers{Screening: 0.95, SearchShare: 0.1, Escorts: 141, Known: true}
	f.Snap.Today["detections"], f.Snap.Today["boarding_attempts"] = 33, 179
	hud := texts(layers(b.Build(f), "hud"))
	for _, want := range []string{
		"Beach patrols ×1.0: 640 officers   Boat supply ×1.0",
		"Lorries today", "Detections  33", "Lorry attempts  179",
		"Small boats today", "Waves (m) 0.30, calm",
		"Boat arrivals  40 (2 boats)", "Launches  5, 1 prevented",
		"Deaths at sea  0", "Boats in stock  80", "To the boats  100", "At sea now  2 (72 aboard)",
		"Camps and removals", "Removals  0",
	} {
		if !strings.Contains(hud, want) {
			t.Errorf("the HUD lacks %q:\n%s", want, hud)
		}
	}
	f = boatsFrame(t, w, false)
	if hud := texts(layers(b.Build(f), "hud")); !strings.Contains(hud, "Waves (m) 1.80, rough") {
		t.Errorf("rough sea: the HUD says\n%s", hud)
	}
	f.Boats = Boats{}
	hud = texts(layers(b.Build(f), "hud"))
	for _, no := range []string{"Beach patrols", "Small boats", "Waves"} {
		if strings.Contains(hud, no) {
			t.Errorf("without the boats the HUD has %q:\n%s", no, hud)
		}
	}
	if !strings.Contains(hud, "Today") || !strings.Contains(hud, "Spots known") {
		t.Errorf("without the boats the HUD lost its rows:\n%s", hud)
	}
}

// TestHUDLabels: every column the boats' HUD names has a label, the
// metric table's Short where it has one, and short enough for its half
// of the HUD.
func TestHUDLabels(t *testing.T) {
	for _, key := range []string{"detections", "boarding_attempts", "small_boat_arrivals", "small_boat_launches",
		"small_boat_launches_prevented", "small_boat_deaths", "boats_in_stock", "went_to_boats", "wave_height_m",
		"beach_patrols", "migrants_in_other_camps", "removals", "removal_cancellations"} {
		m, ok := sim.DailyMetric(key)
		if !ok {
			t.Errorf("%s: not a daily column", key)
			continue
		}
		got := label(key)
		if m.Short != "" && got != m.Short {
			t.Errorf("%s: label %q, want the metric's Short %q", key, got, m.Short)
		}
		if got == "" || len(got) > 20 {
			t.Errorf("%s: label %q, want one of 1–20 characters", key, got)
		}
	}
}

// TestBoatsInStockBeforeNoon: the boats record their stock at noon (and
// at the night's launches); before either, today's row is empty and the
// HUD shows the day before's.
func TestBoatsInStockBeforeNoon(t *testing.T) {
	snap := &sim.Snapshot{T: 2*24*60 + 120, Today: map[string]float64{"boats_in_stock": 0}}
	f := &Frame{Snap: snap, History: &History{Cols: map[string][]float64{"boats_in_stock": {5, 9, 0}}}}
	if got := stock(f); got != 9 {
		t.Errorf("stock before noon = %g, want yesterday's 9", got)
	}
	snap.Today["boats_in_stock"] = 7
	if got := stock(f); got != 7 {
		t.Errorf("stock once recorded = %g, want today's 7", got)
	}
}

// TestNotice: the viewer's notice is drawn over the Calais view while it
// is set, and nothing is drawn for it otherwise.
func TestNotice(t *testing.T) {
	b, w := newTestBuilder(t)
	f := boatsFrame(t, w, true)
	f.Boats = Boats{}
	if hud := texts(layers(b.Build(f), "hud")); strings.Contains(hud, "do nothing") {
		t.Errorf("a notice without one:\n%s", hud)
	}
	f.Status.Notice = "P, O, B and V do nothing"
	sc := b.Build(f)
	for _, l := range layers(sc, "hud") {
		for _, tx := range l.Texts {
			if tx.S == f.Status.Notice {
				if !b.Main.Screen.Contains(tx.At) || b.legendBox().Contains(tx.At) {
					t.Errorf("notice at %v, want in the Calais view %v, off the legend %v", tx.At, b.Main.Screen, b.legendBox())
				}
				return
			}
		}
	}
	t.Error("the notice is not drawn")
}
