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

	"channelsim/scenarios/sweep"
	"channelsim/viz/chart"
)

func init() {
	register("plot", "chart a metric of a sweep's runs.csv against a parameter", runPlot)
}

func runPlot(args []string) int {
	fs := newFlags("plot", "RUNS.csv --x PARAM --y METRIC [--by PARAM] [--heatmap] --out FILE.png|FILE.svg",
		"Charts METRIC against PARAM from a sweep's runs.csv: the mean over the runs at each\n"+
			"value with its 95 % confidence interval (Student t) as a band, one line for each\n"+
			"value of --by. With --heatmap (and --by), a heatmap of the mean over PARAM × BY.\n"+
			"A parameter with more than 20 distinct values (a Latin hypercube) is binned into\n"+
			"--bins equal intervals. PNG or SVG by the extension of --out.")
	x := fs.String("x", "", "parameter (a column of runs.csv) for the x axis")
	y := fs.String("y", "", "metric (a column of runs.csv, or a key in other_metrics)")
	by := fs.String("by", "", "parameter whose values are separate lines (or the heatmap's rows)")
	heat := fs.Bool("heatmap", false, "draw a heatmap of the mean over --x × --by")
	bins := fs.Int("bins", 10, "bins for a parameter with more than 20 distinct values")
	out := fs.String("out", "", "output file, .png or .svg")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	switch {
	case len(pos) != 1:
		return usageError(fs, "expected one runs.csv, got %d arguments", len(pos))
	case *x == "" || *y == "":
		return usageError(fs, "--x and --y are required")
	case *out == "":
		return usageError(fs, "--out FILE.png or FILE.svg is required")
	case *heat && *by == "":
		return usageError(fs, "--heatmap needs --by (the second parameter)")
	case *bins < 2:
		return usageError(fs, "--bins: expected at least 2, got %d", *bins)
	}
	if ext := strings.ToLower(filepath.Ext(*out)); ext != ".png" && ext != ".svg" {
		return usageError(fs, "--out: expected a .png or .svg file, got %q", *out)
	}
	data, err := readRuns(pos[0], *x, *y, *by)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim plot: %v\n", err)
		return exitUsage
	}
	xs := data.levels(0, *bins)
	bys := []level{{label: ""}}
	if *by != "" {
		bys = data.levels(1, *bins)
	}
	groups := map[[2]int][]float64{}
	for _, r := range data.rows {
		i, j := find(xs, r.x), 0
		if *by != "" {
			j = find(bys, r.by)
		}
		groups[[2]int{i, j}] = append(groups[[2]int{i, j}], r.y)
	}
	note := fmt.Sprintf("%d runs of %s", len(data.rows), pos[0])
	title := fmt.Sprintf("%s against %s", *y, *x)
	if *heat {
		z := make([][]float64, len(bys))
		var xl, yl []string
		for _, l := range xs {
			xl = append(xl, l.label)
		}
		for j, b := range bys {
			yl = append(yl, b.label)
			z[j] = make([]float64, len(xs))
			for i := range xs {
				z[j][i] = math.NaN()
				if g := groups[[2]int{i, j}]; len(g) > 0 {
					z[j][i] = sweep.MeanCI(g, ciLevel).Mean
				}
			}
		}
		pl, err := chart.Heatmap("mean "+*y, note+"; each cell: the mean over its runs", *x, *by, xl, yl, z)
		if err == nil {
			err = chart.Save(pl, *out)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim plot: %v\n", err)
			return exitInternal
		}
		fmt.Fprintf(os.Stderr, "channelsim plot: wrote %s\n", *out)
		return exitOK
	}
	var series []chart.Series
	numeric := data.numeric[0]
	var ticks []string
	for j, b := range bys {
		s := chart.Series{Label: b.label}
		if *by != "" {
			s.Label = *by + " = " + b.label
		}
		for i, l := range xs {
			g := groups[[2]int{i, j}]
			if len(g) == 0 {
				continue
			}
			iv := sweep.MeanCI(g, ciLevel)
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
	pl, err := chart.Bands(title, note+"; line: mean, band: 95 % CI (Student t)", *x, *y, series, false)
	if err == nil && ticks != nil {
		chart.NameX(pl, ticks)
	}
	if err == nil {
		err = chart.Save(pl, *out)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim plot: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(os.Stderr, "channelsim plot: wrote %s\n", *out)
	return exitOK
}

type runRow struct {
	x, by string
	y     float64
}

type runsData struct {
	rows    []runRow
	numeric [2]bool // whether x, by are all numbers
}

// level is a value of a parameter (or a bin of values) on an axis.
type level struct {
	label    string
	value    float64 // the value, or the bin's centre
	lo, hi   float64 // a bin's bounds
	binned   bool
	original string
}

// readRuns reads the x, y and by columns of a runs.csv.
func readRuns(path, x, y, by string) (*runsData, error) {
	f, err := os.Open(path)
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
		return 0, fmt.Errorf("%s has no column %q (%s); columns include: %s …", path, name, what, strings.Join(head[:min(len(head), 12)], ", "))
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
	oi, hasOther := col["other_metrics"]
	if !hasY && !hasOther {
		return nil, fmt.Errorf("%s has no column %q (--y)", path, y)
	}
	d := &runsData{numeric: [2]bool{true, true}}
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
		if bi >= 0 {
			row.by = rec[bi]
		}
		ys := ""
		if hasY {
			ys, found = rec[yi], true
		} else {
			ys = "0" // a map metric a run lacks counts 0
			for kv := range strings.SplitSeq(rec[oi], ";") {
				if k, v, ok := strings.Cut(kv, "="); ok && k == y {
					ys, found = v, true
				}
			}
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
	if len(d.rows) == 0 {
		return nil, fmt.Errorf("%s has no runs", path)
	}
	if !found {
		return nil, fmt.Errorf("%s has no metric %q in any run (columns or other_metrics)", path, y)
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
