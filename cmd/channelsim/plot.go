package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"channelsim/experiment"
	"channelsim/internal/safefile"
	"channelsim/report/chart"
	"channelsim/scenarios"
)

func init() { register(newPlotCmd) }

// plotOptions are plot's parsed command line.
type plotOptions struct {
	Runs    string // a sweep's runs.csv
	X, Y    string
	By      string
	Heatmap bool
	Bins    int
	Out     string
}

func newPlotCmd() *cobra.Command {
	var o plotOptions
	c := &cobra.Command{
		Use:   "plot RUNS.csv --x PARAM --y METRIC [--by PARAM] [--heatmap] --out FILE.png|FILE.svg",
		Short: "chart a metric of a sweep's runs.csv against a parameter",
		Long: "Charts METRIC against PARAM from a sweep's runs.csv: the mean over the runs at each\n" +
			"value with its 95 % confidence interval (Student t) as a band, one line for each\n" +
			"value of --by. With --heatmap (and --by), a heatmap of the mean over PARAM × BY\n" +
			"with a colour scale and each cell's number of runs. A parameter with more than 20\n" +
			"distinct values (a Latin hypercube) is binned into --bins equal intervals. Axes\n" +
			"are labelled with each key's meaning and unit; PNG or SVG by the extension of --out.",
		Example: "  channelsim plot sb/runs.csv --x controls.search_share --y detections_total \\\n" +
			"      --by controls.xray_for_people --out detections.png",
		Args: maxArgs(1, "runs.csv"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"csv"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageErr{cmd: c, msg: fmt.Sprintf("expected one runs.csv, got %d arguments", len(args))}
			}
			o.Runs = args[0]
			return status(runPlot(o))
		},
	}
	f := c.Flags()
	// -x and -y as well: cobra's completion takes a one-letter flag name
	// for a shorthand, and without one it could not complete --x and --y
	// ("Subcommand 'plot' does not support flag 'y'").
	f.StringVarP(&o.X, "x", "x", "", "parameter (a column of runs.csv) for the x axis")
	f.StringVarP(&o.Y, "y", "y", "", "metric (a column of runs.csv)")
	f.StringVar(&o.By, "by", "", "parameter whose values are separate lines (or the heatmap's rows)")
	f.BoolVar(&o.Heatmap, "heatmap", false, "draw a heatmap of the mean over --x × --by")
	f.IntVar(&o.Bins, "bins", 10, "bins for a parameter with more than 20 distinct values (2–200)")
	f.StringVar(&o.Out, "out", "", "output file, .png or .svg")
	for _, name := range []string{"x", "y", "by"} {
		c.RegisterFlagCompletionFunc(name, completeColumns)
	}
	return c
}

// completeColumns completes --x, --y and --by with the columns of the
// runs.csv given as the argument.
func completeColumns(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	h, err := readHeader(args[0])
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, col := range h {
		if strings.HasPrefix(col, toComplete) && col != otherMetrics {
			out = append(out, col)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func runPlot(o plotOptions) int {
	switch {
	case o.X == "" || o.Y == "":
		return usageError("plot", "--x and --y are required")
	case o.Out == "":
		return usageError("plot", "--out FILE.png or FILE.svg is required")
	case o.Heatmap && o.By == "":
		return usageError("plot", "--heatmap needs --by (the second parameter)")
	}
	if code := checkInt("plot", "bins", o.Bins, 2, maxBins); code != exitOK {
		return code
	}
	if ext := strings.ToLower(filepath.Ext(o.Out)); ext != ".png" && ext != ".svg" {
		return usageError("plot", "--out: expected a .png or .svg file, got %q", o.Out)
	}
	if err := safefile.CheckOutFile(o.Out); err != nil {
		return failed("plot", err)
	}
	data, err := readRuns(o.Runs, o.X, o.Y, o.By)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim plot: %v\n", err)
		return exitUsage
	}
	xs := data.levels(0, o.Bins)
	bys := []level{{label: ""}}
	if o.By != "" {
		bys = data.levels(1, o.Bins)
	}
	for _, a := range []struct {
		flag, col string
		n         int
	}{{"x", o.X, len(xs)}, {"by", o.By, len(bys)}} {
		if a.n > maxLevels {
			fmt.Fprintf(os.Stderr, "channelsim plot: --%s %s has %d distinct values, over the limit of %d a chart can show: a numeric column is binned (--bins), a text column cannot be\n", a.flag, a.col, a.n, maxLevels)
			return exitUsage
		}
	}
	groups := map[[2]int][]float64{}
	for _, r := range data.rows {
		i, j := find(xs, r.x), 0
		if o.By != "" {
			j = find(bys, r.by)
		}
		groups[[2]int{i, j}] = append(groups[[2]int{i, j}], r.y)
	}
	note := data.horizon() + "; " + filepath.Base(filepath.Dir(o.Runs)) + "/" + filepath.Base(o.Runs)
	if data.skipped > 0 {
		note += fmt.Sprintf(" (%d without %s left out)", data.skipped, o.Y)
	}
	yName := metricTitle(o.Y)
	title := fmt.Sprintf("%s against %s", yName, keyTitle(o.X))
	if o.Heatmap {
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
					z[j][i] = experiment.MeanCI(g, ciLevel).Mean
					n[j][i] = len(g)
				}
			}
		}
		title := yName
		if !strings.HasPrefix(strings.ToLower(yName), "mean ") {
			title = "Mean " + lowerFirst(yName)
		}
		pl, err := chart.Heatmap(chart.HeatmapSpec{
			Title: title, Note: note + "; each cell: the mean over its n runs",
			XLabel: axisLabel(o.X), YLabel: shortAxisLabel(o.By, 100), ZLabel: shortAxisLabel(o.Y, 100),
			XTicks: xl, YTicks: yl, Z: z, N: n,
		})
		if err == nil {
			err = saveChart(pl, o.Out)
		}
		if err != nil {
			return failed("plot", err)
		}
		fmt.Fprintf(os.Stderr, "channelsim plot: wrote %s\n", o.Out)
		return exitOK
	}
	var series []chart.Series
	numeric := data.numeric[0]
	var ticks []string
	for j, b := range bys {
		s := chart.Series{Label: b.label}
		if o.By != "" {
			s.Label = keyTitle(o.By) + " = " + b.label
		}
		for i, l := range xs {
			g := groups[[2]int{i, j}]
			if len(g) == 0 {
				continue
			}
			iv := experiment.MeanCI(g, ciLevel)
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
	pl, err := chart.Bands(chart.BandsSpec{Title: title, Note: note + "; line: mean, band: 95 % CI (Student t)",
		XLabel: axisLabel(o.X), YLabel: axisLabel(o.Y), Series: series, Categories: ticks})
	if err == nil {
		err = saveChart(pl, o.Out)
	}
	if err != nil {
		return failed("plot", err)
	}
	fmt.Fprintf(os.Stderr, "channelsim plot: wrote %s\n", o.Out)
	return exitOK
}

// saveChart writes f to path as PNG or SVG by its extension, atomically:
// a chart already at path is replaced whole, or left as it was.
func saveChart(f *chart.Figure, path string) error {
	b, err := chart.Render(f, strings.ToLower(strings.TrimPrefix(filepath.Ext(path), ".")))
	if err != nil {
		return err
	}
	if err := safefile.WriteFile(path, b); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// metricTitle is a metric's meaning for a title, capitalised, or its name.
func metricTitle(name string) string {
	c := describeColumn(name)
	if c.Description == "" {
		return name
	}
	return upperFirst(strings.TrimPrefix(c.Description, "scenario key: "))
}

// keyTitle is a scenario key's short name for titles and legends: its
// path, which is what the user typed and what the sweep file says.
func keyTitle(name string) string { return name }

// upperFirst capitalises a leading ASCII letter (not a unit's symbol: µSv
// stays µSv).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r < 'a' || r > 'z' {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowers the first letter unless the first word is an
// abbreviation ("CO₂", "UK").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

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
	s := plural(len(d.rows), "run")
	switch {
	case len(days) == 1:
		if n, err := strconv.Atoi(days[0]); err == nil {
			s += " of " + plural(n, "day")
		}
	case len(days) > 1:
		s += " of " + days[0] + "–" + days[len(days)-1] + " days"
	}
	if d.reps > 0 {
		s += ", " + plural(d.reps, "replication") + " a point"
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
			if h != otherMetrics {
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
	oi, hasOther := col[otherMetrics]
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
