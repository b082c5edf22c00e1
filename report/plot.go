package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
)

// MaxLevels is the most values a plot's axis or a heatmap's rows may
// have.
const MaxLevels = 200

// Plot is a chart of a sweep's runs.csv: the mean of a metric Y against a
// column X with its 95 % band, one series for each value of By, or a
// heatmap of the mean over X and By.
type Plot struct {
	Runs     string // the runs.csv
	X, Y, By string
	Bins     int // bins of a numeric column of more than 20 values
	Heatmap  bool
}

// InputError is a plot's input that cannot be drawn: a column the file
// lacks, a value that is not a number, an axis of too many values.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Figure reads the runs and draws the chart.
func (p Plot) Figure() (*chart.Figure, error) {
	data, err := readRuns(p.Runs, p.X, p.Y, p.By)
	if err != nil {
		return nil, &InputError{err}
	}
	xs := data.levels(0, p.Bins)
	bys := []level{{label: ""}}
	if p.By != "" {
		bys = data.levels(1, p.Bins)
	}
	for _, a := range []struct {
		flag, col string
		n         int
	}{{"x", p.X, len(xs)}, {"by", p.By, len(bys)}} {
		if a.n > MaxLevels {
			return nil, &InputError{fmt.Errorf("--%s %s has %d distinct values, over the limit of %d a chart can show: a numeric column is binned (--bins), a text column cannot be", a.flag, a.col, a.n, MaxLevels)}
		}
	}
	groups := map[[2]int][]float64{}
	for _, r := range data.rows {
		i, j := find(xs, r.x), 0
		if p.By != "" {
			j = find(bys, r.by)
		}
		groups[[2]int{i, j}] = append(groups[[2]int{i, j}], r.y)
	}
	note := data.horizon() + "; " + filepath.Base(filepath.Dir(p.Runs)) + "/" + filepath.Base(p.Runs)
	if data.skipped > 0 {
		note += fmt.Sprintf(" (%d without %s left out)", data.skipped, p.Y)
	}
	if p.Heatmap {
		return p.heatmap(xs, bys, groups, note)
	}
	return p.bands(data.numeric[0], xs, bys, groups, note)
}

// heatmap is the mean of each cell of X × By, with its number of runs.
func (p Plot) heatmap(xs, bys []level, groups map[[2]int][]float64, note string) (*chart.Figure, error) {
	z := make([][]float64, len(bys))
	n := make([][]int, len(bys))
	var xl, yl []string
	for _, l := range xs {
		xl = append(xl, l.label)
	}
	for j, b := range bys {
		yl = append(yl, b.label)
		z[j] = make([]float64, len(xs))
		n[j] = make([]int, len(xs))
		for i := range xs {
			z[j][i] = math.NaN()
			if g := groups[[2]int{i, j}]; len(g) > 0 {
				z[j][i] = experiment.MeanCI(g, Level).Mean
				n[j][i] = len(g)
			}
		}
	}
	yName := MetricTitle(p.Y)
	title := yName
	if !strings.HasPrefix(strings.ToLower(yName), "mean ") {
		title = "Mean " + LowerFirst(yName)
	}
	return chart.Heatmap(chart.HeatmapSpec{
		Title: title, Note: note + "; each cell: the mean over its n runs",
		XLabel: AxisLabel(p.X), YLabel: ShortAxisLabel(p.By, 100), ZLabel: ShortAxisLabel(p.Y, 100),
		XTicks: xl, YTicks: yl, Z: z, N: n,
	})
}

// bands is the mean of Y against X in its 95 % band, a series for each
// value of By.
func (p Plot) bands(numeric bool, xs, bys []level, groups map[[2]int][]float64, note string) (*chart.Figure, error) {
	var series []chart.Series
	var ticks []string
	for j, b := range bys {
		s := chart.Series{Label: b.label}
		if p.By != "" {
			s.Label = keyTitle(p.By) + " = " + b.label
		}
		for i, l := range xs {
			g := groups[[2]int{i, j}]
			if len(g) == 0 {
				continue
			}
			iv := experiment.MeanCI(g, Level)
			xv := float64(i)
			if numeric {
				xv = l.value
			}
			s.X = append(s.X, xv)
			s.Mean = append(s.Mean, iv.Mean)
			s.Lo = append(s.Lo, iv.Lo)
			s.Hi = append(s.Hi, iv.Hi)
		}
		series = append(series, s)
	}
	if !numeric {
		for _, l := range xs {
			ticks = append(ticks, l.label)
		}
	}
	title := fmt.Sprintf("%s against %s", MetricTitle(p.Y), keyTitle(p.X))
	return chart.Bands(chart.BandsSpec{Title: title, Note: note + "; line: mean, band: 95 % CI (Student t)",
		XLabel: AxisLabel(p.X), YLabel: AxisLabel(p.Y), Series: series, Categories: ticks})
}

// quoteOr quotes names and joins them with "or".
func quoteOr(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, " or ")
}

// keyTitle is a scenario key's short name for titles and legends: its
// path, which is what the user typed and what the sweep file says.
func keyTitle(name string) string { return name }

type runRow struct {
	x, by string
	y     float64
}

type runsData struct {
	rows    []runRow
	skipped int     // runs without the metric
	numeric [2]bool // whether x, by are all numbers
	// days and reps are the horizons (the days column) and the
	// replications (1 + the largest replication) of the runs read.
	days map[string]bool
	reps int
}

// horizon says how long the runs ran and how often: "6 runs of 21 days,
// 2 replications a point".
func (d *runsData) horizon() string {
	days := make([]string, 0, len(d.days))
	for k := range d.days {
		days = append(days, k)
	}
	sort.Slice(days, func(i, j int) bool {
		return len(days[i]) < len(days[j]) || len(days[i]) == len(days[j]) && days[i] < days[j]
	})
	s := Plural(len(d.rows), "run")
	switch {
	case len(days) == 1:
		if n, err := strconv.Atoi(days[0]); err == nil {
			s += " of " + Plural(n, "day")
		}
	case len(days) > 1:
		s += " of " + days[0] + "–" + days[len(days)-1] + " days"
	}
	if d.reps > 0 {
		s += ", " + Plural(d.reps, "replication") + " a point"
	}
	return s
}

// level is a value of a parameter (or a bin of values) on an axis.
type level struct {
	label    string
	value    float64 // the value, or the bin's centre
	lo, hi   float64 // a bin's bounds
	binned   bool
	original string
}

// suggestColumns returns the columns a mistyped name may have meant: the
// closest by spelling, else those that contain it or that it contains
// (at most 5: "detections" → detections_total, detections_by_method.…).
func suggestColumns(name string, cols []string) []string {
	if s := scenarios.Suggest(name, cols); s != "" {
		return []string{s}
	}
	low := strings.ToLower(name)
	var out []string
	for _, c := range cols {
		lc := strings.ToLower(c)
		if len(low) >= 3 && (strings.Contains(lc, low) || strings.Contains(low, lc) && len(lc) >= 4) {
			out = append(out, c)
		}
	}
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// readRuns reads the x, y and by columns of a runs.csv.
func readRuns(path, x, y, by string) (*runsData, error) {
	f, err := safefile.OpenInput(path, "runs.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: no header: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	need := func(name, what string) (int, error) {
		if i, ok := col[name]; ok {
			return i, nil
		}
		msg := fmt.Sprintf("%s has no column %q (%s)", path, name, what)
		var cols []string
		for _, h := range head {
			if h != experiment.OtherMetrics {
				cols = append(cols, h)
			}
		}
		if s := suggestColumns(name, cols); len(s) > 0 {
			msg += "; did you mean " + quoteOr(s) + "?"
		} else {
			msg += fmt.Sprintf("; columns include: %s … ('channelsim columns %s' lists them all)", strings.Join(cols[:min(len(cols), 12)], ", "), path)
		}
		return 0, fmt.Errorf("%s", msg)
	}
	xi, err := need(x, "--x")
	if err != nil {
		return nil, err
	}
	bi := -1
	if by != "" {
		if bi, err = need(by, "--by"); err != nil {
			return nil, err
		}
	}
	yi, hasY := col[y]
	oi, hasOther := col[experiment.OtherMetrics]
	if !hasY && !hasOther {
		if _, err := need(y, "--y"); err != nil {
			return nil, err
		}
	}
	// A map entry (detections_by_method.xray) a run lacks counts 0: the
	// maps count events. Any other metric a run lacks leaves it out.
	_, _, isEntry := strings.Cut(y, ".")
	d := &runsData{numeric: [2]bool{true, true}, days: map[string]bool{}}
	di, hasDays := col["days"]
	ri, hasReps := col["replication"]
	line := 1
	found := false
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		row := runRow{x: rec[xi]}
		if hasDays {
			d.days[rec[di]] = true
		}
		if hasReps {
			if r, err := strconv.Atoi(rec[ri]); err == nil {
				d.reps = max(d.reps, r+1)
			}
		}
		if bi >= 0 {
			row.by = rec[bi]
		}
		ys := ""
		if hasY {
			ys = rec[yi]
			found = found || ys != "" || isEntry
		} else {
			for kv := range strings.SplitSeq(rec[oi], ";") {
				if k, v, ok := strings.Cut(kv, "="); ok && k == y {
					ys, found = v, true
				}
			}
		}
		if ys == "" {
			if !isEntry {
				d.skipped++
				continue
			}
			ys = "0"
		}
		row.y, err = strconv.ParseFloat(ys, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s = %q is not a number", path, line, y, ys)
		}
		if _, err := strconv.ParseFloat(row.x, 64); err != nil {
			d.numeric[0] = false
		}
		if _, err := strconv.ParseFloat(row.by, 64); err != nil {
			d.numeric[1] = false
		}
		d.rows = append(d.rows, row)
	}
	if !found {
		return nil, fmt.Errorf("%s has no metric %q in any run", path, y)
	}
	if len(d.rows) == 0 {
		return nil, fmt.Errorf("%s has no runs", path)
	}
	return d, nil
}

// levels returns the sorted distinct values of column c (0: x, 1: by),
// binned into bins equal intervals when a numeric column has more than
// 20 distinct values.
func (d *runsData) levels(c, bins int) []level {
	seen := map[string]bool{}
	var ls []level
	for _, r := range d.rows {
		v := r.x
		if c == 1 {
			v = r.by
		}
		if !seen[v] {
			seen[v] = true
			f, _ := strconv.ParseFloat(v, 64)
			ls = append(ls, level{label: v, value: f, original: v})
		}
	}
	if d.numeric[c] {
		sort.Slice(ls, func(i, j int) bool { return ls[i].value < ls[j].value })
	} else {
		sort.Slice(ls, func(i, j int) bool { return ls[i].label < ls[j].label })
	}
	if !d.numeric[c] || len(ls) <= 20 {
		return ls
	}
	lo, hi := ls[0].value, ls[len(ls)-1].value
	w := (hi - lo) / float64(bins)
	out := make([]level, bins)
	for b := range out {
		a, z := lo+float64(b)*w, lo+float64(b+1)*w
		out[b] = level{label: fmt.Sprintf("%s–%s", chart.Num(a), chart.Num(z)), value: (a + z) / 2, lo: a, hi: z, binned: true}
	}
	return out
}

// find returns the index of the level holding value v.
func find(ls []level, v string) int {
	if len(ls) > 0 && ls[0].binned {
		f, _ := strconv.ParseFloat(v, 64)
		for i, l := range ls {
			if f < l.hi || i == len(ls)-1 {
				return i
			}
		}
	}
	for i, l := range ls {
		if l.original == v {
			return i
		}
	}
	return 0
}
