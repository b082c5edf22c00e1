package main

import (
	"bytes"
	"channelsim/analysis"
	"fmt"
	"math"
	"strings"
)

// validate's seed-by-seed view: how many seeds are in the band, their
// range, whether they split into separate groups, the values themselves,
// and the averaged relative difference (ARD) of 2016's months.

// Summary is the role of a row derived from several targets (2016's ARD):
// reported like a target, never counted in the exit status.
const Summary analysis.Role = "summary"

// ardMax is the averaged relative difference the 2016 work is held to: a
// seed whose six months of 2016 are, on average, within 25 % of the
// record.
const ardMax = 0.25

// ardTargets are the targets whose averaged relative difference is
// reported for a period: the six months of 2016 the record gives.
var ardTargets = map[string][]string{
	analysis.Period2016: {"C7-2016-01", "C7-2016-02", "C7-2016-03", "C7-2016-04", "C7-2016-05", "C7-2016-06"},
}

// ardResult is the row of a period's averaged relative difference over
// its ardTargets: for each seed, the mean over the targets of
// |value − observed| / observed, summarised like a target with the band
// [0, ardMax]. ok is false when the period has none or a target is
// missing from rs.
func ardResult(period string, rs []TargetResult) (TargetResult, bool) {
	ids := ardTargets[period]
	if len(ids) == 0 {
		return TargetResult{}, false
	}
	var parts []TargetResult
	for _, id := range ids {
		i := indexOfTarget(rs, id)
		if i < 0 {
			return TargetResult{}, false
		}
		parts = append(parts, rs[i])
	}
	seeds := make([]float64, len(parts[0].Seeds))
	for i := range seeds {
		for _, p := range parts {
			if i >= len(p.Seeds) {
				return TargetResult{}, false
			}
			// A NaN value (a run that does not cover the month) makes the
			// seed's ARD NaN: absent, not averaged over fewer months.
			seeds[i] += math.Abs(p.Seeds[i]-p.Observed) / p.Observed / float64(len(parts))
		}
	}
	t := analysis.Target{
		ID: "ARD-" + period + "-H1",
		// No "|" in the text: it is a cell of the Markdown table.
		What:     fmt.Sprintf("ARD Jan–Jun: a seed's mean absolute relative difference from the observed over %s…%s", ids[0], ids[len(ids)-1]),
		Period:   period,
		Scenario: parts[0].Scenario,
		Lo:       0, Hi: ardMax,
		Band:     fmt.Sprintf("≤ %g", ardMax),
		Observed: math.NaN(),
		Unit:     "share",
		Role:     Summary,
	}
	return summarise([]analysis.Target{t}, map[string][]float64{t.ID: seeds})[0], true
}

func indexOfTarget(rs []TargetResult, id string) int {
	for i, r := range rs {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// inBandText is "k/N" seeds in the band, "–" for a context figure.
func inBandText(r TargetResult) string {
	if r.Role == analysis.RoleContext {
		return "–"
	}
	return fmt.Sprintf("%d/%d", r.InBand, len(r.Seeds))
}

// seedRange is the least and greatest finite value of the seeds (NaN when
// none is finite).
func seedRange(xs []float64) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		if math.IsNaN(lo) || x < lo {
			lo = x
		}
		if math.IsNaN(hi) || x > hi {
			hi = x
		}
	}
	return lo, hi
}

// finiteCount is how many of xs have a value.
func finiteCount(xs []float64) int {
	n := 0
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			n++
		}
	}
	return n
}

// splitText describes the groups of a split ("5 at ≈ 160.2, 5 at ≈
// 420.1", lowest first); sep separates them. "" when the seeds do not
// split.
func splitText(r TargetResult, sep string) string {
	if !r.Split() {
		return ""
	}
	parts := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		parts[i] = fmt.Sprintf("%d at ≈ %s", g.N, fmtNum(g.Mean))
	}
	return strings.Join(parts, sep)
}

// seedTableMaxReps: the in-sample period's table of values seed by seed is
// printed up to this many replications; wider, it is unreadable, and the
// values are in --format json and csv.
const seedTableMaxReps = 10

// seedTable is the Markdown table of every row's value seed by seed, with
// how many seeds are in the band; "" when the period's table would be too
// wide (the in-sample period beyond seedTableMaxReps).
func seedTable(period string, rs []TargetResult, reps int) string {
	if period == analysis.CalibrationPeriod && reps > seedTableMaxReps {
		return ""
	}
	var b bytes.Buffer
	b.WriteString("\nSeed by seed (seed i is replication i):\n\n| target | band |")
	sep := "|---|---|"
	for i := 1; i <= reps; i++ {
		fmt.Fprintf(&b, " seed %d |", i)
		sep += "---|"
	}
	b.WriteString(" seeds in band |\n" + sep + "---|\n")
	for _, r := range rs {
		name := r.ID
		if r.Role == Summary {
			name = "ARD Jan–Jun"
		}
		fmt.Fprintf(&b, "| %s | %s |", name, r.Band)
		for i := 0; i < reps; i++ {
			x := math.NaN()
			if i < len(r.Seeds) {
				x = r.Seeds[i]
			}
			fmt.Fprintf(&b, " %s |", fmtNum(x))
		}
		fmt.Fprintf(&b, " %s |\n", inBandText(r))
	}
	return b.String()
}
