package experiment

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzShards runs the tiny sweep (one replication: 100 one-day runs) as
// two shards into dir and returns the plan and the shard directories.
func fuzzShards(f *testing.F, dir string) (*Plan, []string) {
	s, err := Load("testdata/tiny-sweep.toml")
	if err != nil {
		f.Fatal(err)
	}
	p, err := NewPlan(s, 0, 1)
	if err != nil {
		f.Fatal(err)
	}
	var dirs []string
	for k := 1; k <= 2; k++ {
		d := filepath.Join(dir, []string{"s1", "s2"}[k-1])
		if _, err := Execute(p, d, Options{Workers: 2, Shard: k, Shards: 2}); err != nil {
			f.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	return p, dirs
}

// runsSeeds adds the runs.csv damages of the reliability findings to the
// corpus: the good file, a ragged row, a value that is not a number, rows
// of another shard, a partial last line, nothing at all.
func runsSeeds(f *testing.F, good []byte) {
	f.Add(good)
	lines := strings.SplitAfter(string(good), "\n")
	ragged := append([]string(nil), lines...)
	ragged[2] = strings.Join(strings.Split(ragged[2], ",")[:5], ",") + "\n"
	f.Add([]byte(strings.Join(ragged, "")))
	nonNum := append([]string(nil), lines...)
	cells := strings.Split(nonNum[3], ",")
	cells[len(cells)-3] = "NaN"
	nonNum[3] = strings.Join(cells, ",")
	f.Add([]byte(strings.Join(nonNum, "")))
	f.Add([]byte(lines[0] + strings.Join(lines[2:], ""))) // a row missing
	f.Add(good[:len(good)-7])                             // killed mid-line
	f.Add([]byte{})
	f.Add([]byte(lines[0]))
}

// FuzzMergeRuns: whatever a shard's runs.csv holds, Merge either refuses
// it (a Refusal, and no runs.csv written) or writes a runs.csv of every
// run in order, each line copied from a shard.
func FuzzMergeRuns(f *testing.F) {
	root := f.TempDir()
	p, dirs := fuzzShards(f, root)
	path := filepath.Join(dirs[1], RunsFile)
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	first, _ := os.ReadFile(filepath.Join(dirs[0], RunsFile))
	runsSeeds(f, good)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		_, err := Merge(out, dirs)
		got, rerr := os.ReadFile(filepath.Join(out, RunsFile))
		if err != nil {
			if !IsRefusal(err) {
				t.Fatalf("Merge: %v is not a refusal", err)
			}
			if rerr == nil {
				t.Fatal("a refused merge wrote runs.csv")
			}
			return
		}
		lines := strings.SplitAfter(string(got), "\n")
		if len(lines) != p.Runs()+2 || lines[len(lines)-1] != "" {
			t.Fatalf("merged runs.csv has %d lines for %d runs", len(lines)-1, p.Runs())
		}
		for _, l := range lines[1 : len(lines)-1] {
			if !bytes.Contains(data, []byte(l)) && !bytes.Contains(first, []byte(l)) {
				t.Fatalf("merged line %q is in no shard", l)
			}
		}
	})
}

// FuzzResumeRuns: whatever an interrupted shard's runs.csv holds, a
// resume either refuses it (a Refusal, the file left as it was) or keeps
// a prefix of whole rows that are the plan's runs and completes it into
// the uninterrupted shard's file.
func FuzzResumeRuns(f *testing.F) {
	root := f.TempDir()
	p, dirs := fuzzShards(f, root)
	good, err := os.ReadFile(filepath.Join(dirs[1], RunsFile))
	if err != nil {
		f.Fatal(err)
	}
	man, err := os.ReadFile(filepath.Join(dirs[1], ManifestFile))
	if err != nil {
		f.Fatal(err)
	}
	runsSeeds(f, good)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, ManifestFile), man, 0o644)
		os.WriteFile(filepath.Join(dir, RunsFile), data, 0o644)
		_, err := Execute(p, dir, Options{Workers: 1, Shard: 2, Shards: 2, Resume: true})
		got, _ := os.ReadFile(filepath.Join(dir, RunsFile))
		if err != nil {
			if !IsRefusal(err) {
				t.Fatalf("Execute: %v is not a refusal", err)
			}
			if !bytes.Equal(got, data) {
				t.Fatal("a refused resume changed runs.csv")
			}
			return
		}
		// A resume keeps only rows equal in identity to the plan's; their
		// metrics may differ from a fresh run's only if the file's did.
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(good), "\n")
		if len(gl) != len(wl) {
			t.Fatalf("resumed runs.csv has %d lines, want %d", len(gl), len(wl))
		}
		for i := range gl {
			if gl[i] != wl[i] && !bytes.Contains(data, []byte(gl[i]+"\n")) {
				t.Fatalf("line %d %q is neither the plan's run nor a row of the file", i+1, gl[i])
			}
		}
	})
}
