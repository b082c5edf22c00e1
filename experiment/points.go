package experiment

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"channelsim/scenarios"
)

// PointsPlan makes a plan of points chosen by another method (a
// sensitivity design, a generation of calibration particles): each point
// sets a value (in Set's form) for each key of base. id identifies the
// design: the plan's hash derives from it, so that resuming, shards and
// merging check that they continue the same design. Runs then stream,
// resume and shard exactly as a sweep's do.
func PointsPlan(base *scenarios.Scenario, name, design, id string, keys []string, points [][]any, reps, days int, seed uint64, common bool) (*Plan, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("%s: no points to run", name)
	}
	if reps < 1 {
		return nil, fmt.Errorf("%s: expected at least one replication, got %d", name, reps)
	}
	sum := sha256.Sum256([]byte(id))
	s := &Sweep{
		File:   File{Name: name, Base: base.Source, Design: design, Replications: reps, Seed: seed, Days: days, CommonSeeds: common},
		Source: name, SHA256: hex.EncodeToString(sum[:]), BaseScenario: base,
	}
	for _, k := range keys {
		bv, err := scenarios.Get(base.Config, k)
		if err != nil {
			return nil, err
		}
		kind := "number"
		if key, ok := scenarios.KeyOf(k); ok {
			switch key.Type {
			case "duration string":
				kind = "duration"
			default:
				kind = key.Type
			}
		}
		s.Params = append(s.Params, Parameter{Key: k, Kind: kind, Base: bv})
	}
	// What each parameter takes, for the manifest (merges check every
	// row's values against it): the range of its numbers, or its values.
	for d := range s.Params {
		par := &s.Params[d]
		lo, hi := math.Inf(1), math.Inf(-1)
		numeric := true
		seen := map[string]bool{}
		for _, pt := range points {
			if d >= len(pt) {
				continue
			}
			switch x := pt[d].(type) {
			case float64:
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			case int64:
				lo, hi = math.Min(lo, float64(x)), math.Max(hi, float64(x))
			default:
				numeric = false
			}
			if f := FormatValue(pt[d]); !seen[f] {
				seen[f] = true
				par.Values = append(par.Values, pt[d])
			}
		}
		if numeric {
			par.IsRange, par.From, par.To, par.Values = true, lo, hi, nil
		}
	}
	p := &Plan{Sweep: s, Points: points, Reps: reps, Days: days}
	if p.Days == 0 {
		p.Days = base.Config.Days
	}
	p.order = interleave(len(points))
	for i := range points {
		if len(points[i]) != len(keys) {
			return nil, fmt.Errorf("%s: point %d has %d values for %d parameters", name, i, len(points[i]), len(keys))
		}
		c, err := p.config(i, 0)
		if err != nil {
			return nil, err
		}
		if err := scenarios.Validate(c); err != nil {
			return nil, fmt.Errorf("%s: point %d (%s) is not a valid scenario:\n%w", name, i, p.describe(i), err)
		}
	}
	return p, nil
}

// PointMeans reads the complete runs.csv of a plan's directory and
// returns, for each point, the mean over its replications of each of the
// columns named: means[point][c]. A missing column is an error naming it,
// and so is an incomplete sweep (runs missing: resume it or merge its
// shards). The file is streamed: memory is one row plus the means.
func PointMeans(dir string, points int, columns []string) ([][]float64, error) {
	path := filepath.Join(dir, RunsFile)
	man, err := readManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if !man.Complete {
		return nil, fmt.Errorf("%s holds %d of the %d runs of shard %s: run it again with --resume (or merge the shards) to complete it", dir, man.RunsDone, man.ShardRuns, man.Shard)
	}
	if man.Shard != "1/1" && man.Shard != "merged" {
		return nil, fmt.Errorf("%s holds shard %s only: merge the shards (channelsim merge) and analyse the merged directory", dir, man.Shard)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: no header: %w", path, err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[h] = i
	}
	col := make([]int, len(columns))
	for c, name := range columns {
		i, ok := idx[name]
		if !ok {
			return nil, fmt.Errorf("%s has no column %q", path, name)
		}
		col[c] = i
	}
	means := make([][]float64, points)
	counts := make([]int, points)
	for i := range means {
		means[i] = make([]float64, len(columns))
	}
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, line, err)
		}
		pt, err := strconv.Atoi(rec[1])
		if err != nil || pt < 0 || pt >= points {
			return nil, fmt.Errorf("%s: line %d: point %q is not one of the design's %d points", path, line, rec[1], points)
		}
		for c, i := range col {
			if rec[i] == "" { // a value that was not a finite number
				means[pt][c] = math.NaN()
				continue
			}
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: line %d: column %s: %q is not a number", path, line, columns[c], rec[i])
			}
			means[pt][c] += v
		}
		counts[pt]++
	}
	for pt := range means {
		if counts[pt] == 0 {
			for c := range means[pt] {
				means[pt][c] = math.NaN()
			}
			continue
		}
		for c := range means[pt] {
			means[pt][c] /= float64(counts[pt])
		}
	}
	return means, nil
}

// Completed reports whether dir holds the complete runs of plan, run by
// one process or merged from shards, so that only the analysis is left.
func Completed(dir string, p *Plan) bool {
	m, err := readManifest(dir)
	if err != nil {
		return false
	}
	return m.Complete && m.PlanSHA256 == p.Hash() && (m.Shard == "1/1" || m.Shard == "merged") && m.Runs == p.Runs()
}
