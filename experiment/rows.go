package experiment

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// rowChecker checks the rows of a runs.csv against what the sweep's plan
// says of each run, before a resume keeps them or a merge copies them:
// the number of columns, the run's identity (run index, point,
// replication and seed, all derived from the run index), its parameter
// values, and that every metric is a number or empty.
type rowChecker struct {
	path    string
	header  []string
	params  int // parameter columns, after run, point, replication, seed
	points  int
	order   []int
	seed    uint64
	common  bool
	streams bool // the last column is other_metrics
	// values returns the formatted parameter values of a point, or nil
	// when only the parameters' listed values and ranges are known (a
	// merge, which has the manifests but not the plan).
	values func(point int) []string
	allow  []ManifestParam // with values == nil: what each column may hold
}

// checkerOfPlan checks rows against the plan p, exactly.
func checkerOfPlan(p *Plan, path string, header []string) *rowChecker {
	return &rowChecker{path: path, header: header, params: len(p.Sweep.Params), points: len(p.Points), order: p.order,
		seed: p.Sweep.Seed, common: p.Sweep.CommonSeeds, streams: true,
		values: func(point int) []string {
			vs := make([]string, len(p.Sweep.Params))
			for d := range vs {
				vs[d] = FormatValue(p.Points[point][d])
			}
			return vs
		}}
}

// checkerOfManifest checks rows against what a shard's manifest records
// of the sweep: its identity columns exactly, its parameter values among
// the listed values or within the ranges.
func checkerOfManifest(m Manifest, path string, header []string) (*rowChecker, error) {
	want := []string{"run", "point", "replication", "seed"}
	for _, p := range m.Parameters {
		want = append(want, p.Key)
	}
	if len(header) < len(want)+1 || !slices.Equal(header[:len(want)], want) {
		return nil, refuse("%s: the header is not that of the sweep its manifest records (expected %s, then the metrics)", path, strings.Join(want, ","))
	}
	if m.Points < 1 || m.Points > MaxPoints {
		return nil, refuse("%s: its manifest records %d points (expected 1 to %d)", path, m.Points, MaxPoints)
	}
	return &rowChecker{path: path, header: header, params: len(m.Parameters), points: m.Points, order: interleave(m.Points),
		seed: m.Seed, common: m.CommonSeeds, streams: header[len(header)-1] == otherMetricsColumn, allow: m.Parameters}, nil
}

// otherMetricsColumn is the last column of a runs.csv as streamed.
const otherMetricsColumn = "other_metrics"

// check checks the row rec, at line line of the file, expected to be run
// index run.
func (c *rowChecker) check(rec []string, line, run int) error {
	bad := func(format string, a ...any) error {
		return refuse("%s:%d: %s: the row is not one of this sweep's runs (a damaged file, or the output of another sweep)", c.path, line, fmt.Sprintf(format, a...))
	}
	if len(rec) != len(c.header) {
		return bad("%d columns, expected %d", len(rec), len(c.header))
	}
	if rec[0] != strconv.Itoa(run) {
		return bad("run %q, expected run %d", rec[0], run)
	}
	point, rep := c.order[run%c.points], run/c.points
	if rec[1] != strconv.Itoa(point) || rec[2] != strconv.Itoa(rep) {
		return bad("point %q and replication %q, expected point %d and replication %d for run %d", rec[1], rec[2], point, rep, run)
	}
	if seed := RunSeed(c.seed, point, rep, c.common); rec[3] != FormatSeed(seed) && rec[3] != strconv.FormatUint(seed, 10) {
		return bad("seed %q, expected %s for run %d", rec[3], FormatSeed(seed), run)
	}
	vals := rec[4 : 4+c.params]
	if c.values != nil {
		for d, v := range c.values(point) {
			if vals[d] != v {
				return bad("%s = %q, expected %s at point %d", c.header[4+d], vals[d], v, point)
			}
		}
	} else {
		for d, p := range c.allow {
			if !allowed(p, vals[d]) {
				return bad("%s = %q is none of the values the sweep gives it", p.Key, vals[d])
			}
		}
	}
	last := len(rec)
	if c.streams {
		last--
		for kv := range strings.SplitSeq(rec[last], ";") {
			if kv == "" && rec[last] == "" {
				break
			}
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" || !isNumber(v) {
				return bad("%s: %q is not a list of key=number", otherMetricsColumn, kv)
			}
		}
	}
	for j := 4 + c.params; j < last; j++ {
		if rec[j] != "" && !isNumber(rec[j]) {
			return bad("%s = %q is not a number", c.header[j], rec[j])
		}
	}
	return nil
}

// isNumber reports whether s is a finite number as runs.csv writes them.
func isNumber(s string) bool {
	x, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
}

// allowed reports whether v is a value parameter p may take: one of its
// listed values, or a number within its range.
func allowed(p ManifestParam, v string) bool {
	if slices.Contains(p.Values, v) || v == p.Base {
		return true
	}
	if p.From != nil && p.To != nil {
		x, err := strconv.ParseFloat(v, 64)
		lo, hi := math.Min(*p.From, *p.To), math.Max(*p.From, *p.To)
		tol := 1e-6 * math.Max(1, math.Max(math.Abs(lo), math.Abs(hi))) // runs.csv's 6 decimals
		if p.Kind == "integer" {
			tol = 0.5 // the ends rounded to integers
		}
		return err == nil && isNumber(v) && x >= lo-tol && x <= hi+tol && (p.Kind != "integer" || x == math.Trunc(x))
	}
	return false
}
