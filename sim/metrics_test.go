package sim_test

import (
	"testing"

	"channelsim/agents"
	"channelsim/sim"
)

// TestEveryMetricDescribed: every summary key and daily column of runs of
// the baselines (which between them switch every submodel and place on)
// has a description in its package's table, with a meaning; and no table
// describes a key twice.
func TestEveryMetricDescribed(t *testing.T) {
	for _, name := range []string{"baseline-2015", "baseline-2016", "surge-after-paris"} {
		m := run(t, load(t, name, 2))
		for _, e := range m.Summary() {
			if d, ok := sim.SummaryMetric(e.Key); !ok || d.Meaning == "" {
				t.Errorf("%s: summary key %s has no description (agents/*/metrics.go)", name, e.Key)
			}
		}
		for _, c := range m.DailyHeader() {
			if d, ok := sim.DailyMetric(c); !ok || d.Meaning == "" {
				t.Errorf("%s: daily column %s has no description (agents/*/metrics.go)", name, c)
			}
		}
	}
	for _, table := range [][]string{keys(sim.SummaryMetrics()), keys(sim.DailyMetrics())} {
		seen := map[string]bool{}
		for _, k := range table {
			if seen[k] {
				t.Errorf("%s described twice", k)
			}
			seen[k] = true
		}
	}
	if d, _ := sim.DailyMetric("attempts_spot-rocade"); d.Meaning != "attempts to board a lorry at the boarding spot spot-rocade" {
		t.Errorf("a family's column: %+v", d)
	}
}

func keys(ms []agents.Metric) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Key
	}
	return out
}
