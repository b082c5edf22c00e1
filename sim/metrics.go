package sim

import (
	"channelsim/agents"
	"channelsim/agents/boats"
	"channelsim/agents/camp"
	"channelsim/agents/freight"
	"channelsim/agents/removals"
)

// identityMetrics describes the keys of a run's identity, which open its
// summary.
var identityMetrics = agents.Metrics{
	{Key: "scenario", Meaning: "the scenario's name"},
	{Key: "seed", Meaning: "the seed of the run's random streams"},
	{Key: "days", Unit: "days", Meaning: "the run's horizon"},
	{Key: "start", Unit: "date", Meaning: "the first simulated day"},
}

// dateMetric describes daily.csv's first column.
var dateMetric = agents.Metric{Key: "date", Unit: "date", Meaning: "the day (local date at Calais)"}

// SummaryMetrics returns the description of every summary key, in the
// order of Summary: the run's identity, then freight's, the camp's and
// removals' keys, as each package declares them.
func SummaryMetrics() agents.Metrics {
	ms := append(agents.Metrics(nil), identityMetrics...)
	ms = append(ms, freight.SummaryMetrics...)
	ms = append(ms, camp.SummaryMetrics...)
	ms = append(ms, boats.SummaryMetrics...)
	return append(ms, removals.SummaryMetrics...)
}

// DailyMetrics returns the description of every daily column, in the
// order of DailyHeader; the families of columns (one per spot or place)
// have keys ending in "*".
func DailyMetrics() agents.Metrics {
	ms := agents.Metrics{dateMetric}
	ms = append(ms, freight.DailyMetrics...)
	ms = append(ms, camp.DailyMetrics...)
	ms = append(ms, boats.DailyMetrics...)
	return append(ms, removals.DailyMetrics...)
}

var summaryMetrics, dailyMetrics = SummaryMetrics(), DailyMetrics()

// SummaryMetric returns the description of a summary key.
func SummaryMetric(key string) (agents.Metric, bool) { return summaryMetrics.Find(key) }

// DailyMetric returns the description of a daily column.
func DailyMetric(col string) (agents.Metric, bool) { return dailyMetrics.Find(col) }
