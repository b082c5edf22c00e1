package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"channelsim/experiment"
	"channelsim/internal/safefile"
)

// otherMetrics is the last column of a runs.csv while its sweep runs:
// the metrics the probe run did not have, as key=value pairs.
const otherMetrics = "other_metrics"

// finishRuns rewrites the complete runs.csv in out with one column per
// metric — the union over the runs, in a stable order, 0 where a run
// lacks an entry of a map metric (it counted none), empty where it lacks
// any other metric — in place of the other_metrics column, and writes
// columns.json beside it. It reads the file twice (once to find the
// columns, once to write them), so its memory does not grow with the
// number of runs, and replaces runs.csv atomically. A runs.csv already
// finished is left as it is.
// The directory is the caller's, open (experiment.OpenDir) and locked.
func finishRuns(out *safefile.OutDir) error {
	path := filepath.Join(out.Path, experiment.RunsFile)
	header, err := readHeader(path)
	if err != nil {
		return err
	}
	if len(header) > 0 && header[len(header)-1] == otherMetrics {
		if header, err = tidyRuns(out, header); err != nil {
			return err
		}
	}
	b, err := columnsJSON(map[string][]string{experiment.RunsFile: header})
	if err != nil {
		return err
	}
	if err := out.Claim(experiment.ColumnsFile); err != nil {
		return err
	}
	return out.WriteFile(experiment.ColumnsFile, b)
}

// finishRunsIn opens dir, a sweep's output directory, and finishes its
// runs.csv (finishRuns). A runs.csv already finished is only read: the
// directory is not taken (a stage's complete runs copied in by hand are
// analysed as they are).
func finishRunsIn(dir string) error {
	if h, err := readHeader(filepath.Join(dir, experiment.RunsFile)); err == nil && len(h) > 0 && h[len(h)-1] != otherMetrics {
		return nil
	}
	out, err := experiment.OpenDir(dir)
	if err != nil {
		return err
	}
	defer out.Close()
	return finishRuns(out)
}

// tidyRuns does finishRuns' rewrite and returns the new header.
func tidyRuns(out *safefile.OutDir, header []string) ([]string, error) {
	path := filepath.Join(out.Path, experiment.RunsFile)
	fixed := header[:len(header)-1]
	known := map[string]bool{}
	for _, h := range fixed {
		known[h] = true
	}
	// Pass 1: the metrics of other_metrics, over every run.
	extra := map[string]bool{}
	if err := eachRun(path, func(rec []string) error {
		for _, kv := range splitOther(rec[len(rec)-1]) {
			if !known[kv[0]] {
				extra[kv[0]] = true
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	cols := mergeColumns(fixed, sortedKeys(extra))
	index := map[string]int{}
	for i, c := range cols {
		index[c] = i
	}
	from := make([]int, len(fixed)) // fixed column j → new column
	for j, h := range fixed {
		from[j] = index[h]
	}

	// Pass 2: write the rows in the new columns.
	f, err := out.Create(experiment.RunsFile)
	if err != nil {
		return nil, err
	}
	defer f.Abort()
	bw := bufio.NewWriterSize(f, 1<<16)
	cw := csv.NewWriter(bw)
	cw.Write(cols)
	row := make([]string, len(cols))
	// A map entry a run lacks counted none: 0 (a reader would take an
	// empty cell for a missing value and bias a mean).
	var zero []int
	for i, c := range cols {
		if isCountEntry(c) {
			zero = append(zero, i)
		}
	}
	seedCol, hasSeed := index["seed"]
	err = eachRun(path, func(rec []string) error {
		clear(row)
		for _, i := range zero {
			row[i] = "0"
		}
		for j := range fixed {
			if rec[j] != "" || !isCountEntry(fixed[j]) {
				row[from[j]] = rec[j]
			}
		}
		for _, kv := range splitOther(rec[len(rec)-1]) {
			row[index[kv[0]]] = kv[1]
		}
		// Seeds as text (the decimal of a runs.csv resumed or merged
		// from an earlier version's rows becomes FormatSeed's form).
		if hasSeed {
			if v, err := experiment.ParseSeed(row[seedCol]); err == nil {
				row[seedCol] = experiment.FormatSeed(v)
			}
		}
		return cw.Write(row)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return nil, err
	}
	return cols, f.Commit()
}

// mergeColumns inserts each extra metric into the columns: a map entry
// ("detections_by_method.xray") among its map's entries in sorted order,
// anything else at the end, sorted.
func mergeColumns(fixed, extra []string) []string {
	cols := append([]string(nil), fixed...)
	var tail []string
	for _, e := range extra {
		prefix, _, ok := strings.Cut(e, ".")
		if _, isMetric := metricDocs[prefix]; !ok || !isMetric {
			tail = append(tail, e)
			continue
		}
		first, last := -1, -1
		for i, c := range cols {
			if strings.HasPrefix(c, prefix+".") {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			tail = append(tail, e)
			continue
		}
		at := last + 1
		for i := first; i <= last; i++ {
			if cols[i] > e {
				at = i
				break
			}
		}
		cols = append(cols[:at], append([]string{e}, cols[at:]...)...)
	}
	sort.Strings(tail)
	return append(cols, tail...)
}

// isCountEntry reports whether a runs.csv column is an entry of a
// summary map ("detections_by_method.xray"): a count, 0 when a run has
// none.
func isCountEntry(col string) bool {
	prefix, _, ok := strings.Cut(col, ".")
	_, isMetric := metricDocs[prefix]
	return ok && isMetric
}

// splitOther splits an other_metrics cell into key, value pairs.
func splitOther(s string) [][2]string {
	if s == "" {
		return nil
	}
	var out [][2]string
	for kv := range strings.SplitSeq(s, ";") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

// eachRun calls fn with each row of a runs.csv after the header.
func eachRun(path string, fn func(rec []string) error) error {
	f, err := safefile.OpenInput(path, "runs.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(safefile.LimitLines(f, safefile.MaxLineBytes, path), 1<<16))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("%s: no header: %v", path, err)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if safefile.IsRefusal(err) {
			return err
		}
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// finishedSweep reports whether dir holds a finished runs.csv (one column
// per metric) of the sweep with plan hash plan, and its number of runs.
func finishedSweep(dir, plan string) (bool, int) {
	header, err := readHeader(filepath.Join(dir, experiment.RunsFile))
	if err != nil || len(header) == 0 || header[len(header)-1] == otherMetrics {
		return false, 0
	}
	b, err := safefile.ReadInput(filepath.Join(dir, experiment.ManifestFile), experiment.MaxManifestBytes, "manifest.json")
	if err != nil {
		return false, 0
	}
	var m experiment.Manifest
	if json.Unmarshal(b, &m) != nil || m.PlanSHA256 != plan || !m.Complete {
		return false, 0
	}
	return true, m.Runs
}
