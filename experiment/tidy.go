package experiment

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"channelsim/internal/safefile"
	"channelsim/sim"
)

// OtherMetrics is the last column of a runs.csv while its sweep runs:
// the metrics the probe run did not have, as key=value pairs.
const OtherMetrics = otherMetricsColumn

// isMetric reports whether key is a summary key of the model.
func isMetric(key string) bool {
	_, ok := sim.SummaryMetric(key)
	return ok
}

// maxHeaderBytes is the most read to find a CSV file's header.
const maxHeaderBytes = 1 << 20

// ReadHeader reads the first record of a CSV file.
func ReadHeader(path string) ([]string, error) {
	f, err := safefile.OpenInput(path, "CSV file")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := csv.NewReader(io.LimitReader(f, maxHeaderBytes)).Read()
	if err != nil {
		return nil, fmt.Errorf("%s: no header in its first %s: %v", path, safefile.FormatBytes(maxHeaderBytes), err)
	}
	return h, nil
}

// TidyRuns rewrites the complete runs.csv in out with one column per
// metric — the union over the runs, in a stable order, 0 where a run
// lacks an entry of a map metric (it counted none), empty where it lacks
// any other metric — in place of the other_metrics column, and returns
// the new header. It reads the file twice (once to find the columns, once
// to write them), so its memory does not grow with the number of runs,
// and replaces runs.csv atomically.
func TidyRuns(out *safefile.OutDir, header []string) ([]string, error) {
	path := filepath.Join(out.Path, RunsFile)
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
	cols := mergeColumns(fixed, slices.Sorted(maps.Keys(extra)))
	index := map[string]int{}
	for i, c := range cols {
		index[c] = i
	}
	from := make([]int, len(fixed)) // fixed column j → new column
	for j, h := range fixed {
		from[j] = index[h]
	}

	// Pass 2: write the rows in the new columns.
	f, err := out.Create(RunsFile)
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
		if IsCountEntry(c) {
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
			if rec[j] != "" || !IsCountEntry(fixed[j]) {
				row[from[j]] = rec[j]
			}
		}
		for _, kv := range splitOther(rec[len(rec)-1]) {
			row[index[kv[0]]] = kv[1]
		}
		// Seeds as text (the decimal of a runs.csv resumed or merged
		// from an earlier version's rows becomes FormatSeed's form).
		if hasSeed {
			if v, err := ParseSeed(row[seedCol]); err == nil {
				row[seedCol] = FormatSeed(v)
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
		if !ok || !isMetric(prefix) {
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
func IsCountEntry(col string) bool {
	prefix, _, ok := strings.Cut(col, ".")
	return ok && isMetric(prefix)
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
