package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"channelsim/analysis"
	"channelsim/experiment"
	"channelsim/scenarios"
)

// Number is a statistic in a JSON output: null when it is not a finite
// number (JSON has no NaN or infinity; 0 would be a value it is not).
type Number float64

// MarshalJSON writes the number, or null.
func (x Number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// csvNum is a number for a CSV output: empty when it has no value.
func csvNum(x Number) string { return Float(float64(x)) }

// ValidationMarkdown is the Markdown report of a period's results: the
// table, then which runs it rests on, then the values seed by seed.
func ValidationMarkdown(period string, rs []analysis.TargetResult, reps int) (string, error) {
	var b bytes.Buffer
	sample := "in sample"
	if !analysis.InSample(period) {
		sample = "out of sample"
	}
	fmt.Fprintf(&b, "Period %s (%s).\n\n", period, sample)
	fmt.Fprintf(&b, "| target | what | role | scenario | observed | band | mean | 95 %% CI | error | seeds in band | min – max over seeds | split | result |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		res := "pass"
		switch {
		case r.Role == analysis.RoleContext:
			res = "context"
		case r.Role == analysis.RoleSummary:
			res = "summary"
		case !r.Pass:
			res = "**FAIL**"
		}
		lo, hi := r.SeedRange()
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s – %s | %s | %s | %s – %s | %s | %s |\n", r.ID, r.What, r.Role, r.Scenario, Num(r.Observed), r.Band,
			Num(r.Mean), Num(r.Lo), Num(r.Hi), RelErr(r.Error()), r.InBandText(), Num(lo), Num(hi), splitCell(r), res)
	}
	runs, err := validationRuns(rs)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "\n%s (seeds 1–%d) of each scenario; %s. Observed: the published figure on the model's basis; error: the mean's against it; result: whether the mean is in the band. "+
		"Seeds in band: how many seeds' own values are in it. Split: the seeds fall into separate groups (each group's size and mean), and the mean describes none of them.\n",
		Plural(reps, "replication"), reps, strings.Join(runs, "; "))
	b.WriteString(SeedTable(period, rs, reps))
	return b.String(), nil
}

// splitCell is a split's groups in bold, "–" when the seeds do not split.
func splitCell(r analysis.TargetResult) string {
	if !r.Split() {
		return "–"
	}
	return "**" + r.SplitText(", ", Num) + "**"
}

// validationRuns says, for each scenario of the results, which days its
// runs cover.
func validationRuns(rs []analysis.TargetResult) ([]string, error) {
	var ts []analysis.Target
	for _, r := range rs {
		if r.Role != analysis.RoleSummary { // a row derived from the others, measured on no run of its own
			ts = append(ts, r.Target)
		}
	}
	var runs []string
	for _, name := range analysis.ScenariosOf(ts) {
		sc, err := scenarios.Load(name)
		if err != nil {
			return nil, err
		}
		days := analysis.RunDays(sc, ts)
		last := time.Date(sc.Config.Start.Year, sc.Config.Start.Month, sc.Config.Start.Day+days-1, 0, 0, 0, 0, time.UTC)
		runs = append(runs, fmt.Sprintf("%s runs %s from %s to %s", name, Plural(days, "day"), sc.Config.Start, last.Format("2006-01-02")))
	}
	return runs, nil
}

// seedTableMaxReps: the in-sample period's table of values seed by seed is
// printed up to this many replications; wider, it is unreadable, and the
// values are in --format json and csv.
const seedTableMaxReps = 10

// SeedTable is the Markdown table of every row's value seed by seed, with
// how many seeds are in the band; "" when the period's table would be too
// wide (the in-sample period beyond seedTableMaxReps).
func SeedTable(period string, rs []analysis.TargetResult, reps int) string {
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
		if r.Role == analysis.RoleSummary {
			name = "ARD Jan–Jun"
		}
		fmt.Fprintf(&b, "| %s | %s |", name, r.Band)
		for i := 0; i < reps; i++ {
			x := math.NaN()
			if i < len(r.Seeds) {
				x = r.Seeds[i]
			}
			fmt.Fprintf(&b, " %s |", Num(x))
		}
		fmt.Fprintf(&b, " %s |\n", r.InBandText())
	}
	return b.String()
}

// PosteriorMarkdown is the table of each target's posterior predictive
// under draws of the parameter sample source, reps replications each
// (values by target id, draw d's seed r at d*reps + r).
func PosteriorMarkdown(source string, draws, reps int, ts []analysis.Target, values map[string][]float64) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "\nUnder the calibration's uncertainty (posterior predictive): %d draws of %s × %s (seeds 1–%d).\n\n", draws, source, Plural(reps, "replication"), reps)
	fmt.Fprintf(&b, "| target | role | band | median | central 95 %% | runs in the band | draws in the band (mean of their seeds) | variance from the parameters | draws split |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, t := range ts {
		p := analysis.Predict(t, values[t.ID], draws, reps)
		runsIn, drawsIn := "–", "–"
		if t.Role != analysis.RoleContext {
			runsIn = fmt.Sprintf("%d/%d (%.0f %%)", p.RunsIn, p.Runs, 100*float64(p.RunsIn)/float64(p.Runs))
			drawsIn = fmt.Sprintf("%d/%d (%.0f %%)", p.DrawsIn, p.Draws, 100*float64(p.DrawsIn)/float64(p.Draws))
		}
		share := "–"
		if !math.IsNaN(p.ParamShare) {
			share = fmt.Sprintf("%.0f %%", 100*p.ParamShare)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s – %s | %s | %s | %s | %s |\n", t.ID, t.Role, t.Band, Num(p.Median), Num(p.Lo), Num(p.Hi), runsIn, drawsIn, share,
			splitCell(analysis.TargetResult{Target: t, Groups: experiment.SplitGroups(p.DrawMeans)}))
	}
	return b.String()
}

// ValidationRow is a target's result in the JSON and CSV outputs; a
// number with no value (a context figure's band, a figure with no single
// published value, a seed whose run does not cover the target) is null in
// JSON and empty in CSV.
type ValidationRow struct {
	ID       string `json:"target"`
	What     string `json:"what"`
	Period   string `json:"period"`
	Role     string `json:"role"`
	Scenario string `json:"scenario"`
	Observed Number `json:"observed"`
	BandLo   Number `json:"band_lo"`
	BandHi   Number `json:"band_hi"`
	Unit     string `json:"unit"`
	Band     string `json:"band"`
	N        int    `json:"n"`
	Mean     Number `json:"mean"`
	Lo       Number `json:"ci95_lo"`
	Hi       Number `json:"ci95_hi"`
	// Error is the mean's relative error against Observed.
	Error Number `json:"error"`
	Pass  bool   `json:"pass"`
	// Seeds are the replications' values in seed order (seed 1 first).
	Seeds   []Number `json:"seeds"`
	SeedMin Number   `json:"seed_min"`
	SeedMax Number   `json:"seed_max"`
	// InBand is how many seeds are in the band; null for a context
	// figure.
	InBand *int `json:"in_band"`
	// Split is null unless the seeds fall into separate groups.
	Split *ValidationSplit `json:"split"`
	// finite is how many seeds have a value.
	finite int
}

// ValidationSplit is the groups of a split.
type ValidationSplit struct {
	Groups []ValidationGroup `json:"groups"`
}

// ValidationGroup is one group of seeds.
type ValidationGroup struct {
	N    int    `json:"n"`
	Mean Number `json:"mean"`
	Min  Number `json:"min"`
	Max  Number `json:"max"`
}

// ValidationRows are the results as rows of the JSON and CSV outputs.
func ValidationRows(rs []analysis.TargetResult) []ValidationRow {
	out := make([]ValidationRow, len(rs))
	for i, r := range rs {
		lo, hi := r.SeedRange()
		row := ValidationRow{ID: r.ID, What: r.What, Period: r.Period, Role: string(r.Role), Scenario: r.Scenario,
			Observed: Number(r.Observed), BandLo: Number(r.Target.Lo), BandHi: Number(r.Target.Hi), Unit: r.Unit, Band: r.Band,
			N: r.N, Mean: Number(r.Mean), Lo: Number(r.Lo), Hi: Number(r.Hi), Error: Number(r.Error()), Pass: r.Pass,
			Seeds: make([]Number, len(r.Seeds)), SeedMin: Number(lo), SeedMax: Number(hi), finite: r.Finite()}
		for j, x := range r.Seeds {
			row.Seeds[j] = Number(x)
		}
		if r.Role != analysis.RoleContext {
			k := r.InBand
			row.InBand = &k
		}
		if r.Split() {
			row.Split = &ValidationSplit{}
			for _, g := range r.Groups {
				row.Split.Groups = append(row.Split.Groups, ValidationGroup{g.N, Number(g.Mean), Number(g.Min), Number(g.Max)})
			}
		}
		out[i] = row
	}
	return out
}

// ValidationCSV is the CSV output: ValidationRows' columns, then the
// seeds' summary and one column a seed (seed_1 … seed_N).
func ValidationCSV(rs []analysis.TargetResult, reps int) [][]string {
	head := []string{"target", "what", "period", "role", "scenario", "observed", "band_lo", "band_hi", "unit", "band", "n", "mean", "ci95_lo", "ci95_hi", "error", "pass",
		"in_band", "seeds_n", "seed_min", "seed_max", "split"}
	for i := 1; i <= reps; i++ {
		head = append(head, "seed_"+strconv.Itoa(i))
	}
	out := [][]string{head}
	for _, r := range ValidationRows(rs) {
		in := ""
		if r.InBand != nil {
			in = strconv.Itoa(*r.InBand)
		}
		rec := []string{r.ID, r.What, r.Period, r.Role, r.Scenario, csvNum(r.Observed), csvNum(r.BandLo), csvNum(r.BandHi), r.Unit, r.Band,
			strconv.Itoa(r.N), csvNum(r.Mean), csvNum(r.Lo), csvNum(r.Hi), csvNum(r.Error), strconv.FormatBool(r.Pass),
			in, strconv.Itoa(r.finite), csvNum(r.SeedMin), csvNum(r.SeedMax), csvSplit(r.Split)}
		for i := 0; i < reps; i++ {
			x := ""
			if i < len(r.Seeds) {
				x = csvNum(r.Seeds[i])
			}
			rec = append(rec, x)
		}
		out = append(out, rec)
	}
	return out
}

// csvSplit writes a split's groups as "N at MEAN" separated by "; "
// (empty when the seeds do not split).
func csvSplit(s *ValidationSplit) string {
	if s == nil {
		return ""
	}
	parts := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		parts[i] = strconv.Itoa(g.N) + " at " + csvNum(g.Mean)
	}
	return strings.Join(parts, "; ")
}
