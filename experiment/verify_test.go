package experiment

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"channelsim/internal/safefile"
)

// replaceLine returns the file with its line n (1-based) replaced by fn.
func replaceLine(t *testing.T, b []byte, n int, fn func(string) string) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(b), "\n")
	if n > len(lines) {
		t.Fatalf("no line %d", n)
	}
	nl := strings.HasSuffix(lines[n-1], "\n")
	l := fn(strings.TrimSuffix(lines[n-1], "\n"))
	if nl {
		l += "\n"
	}
	lines[n-1] = l
	return []byte(strings.Join(lines, ""))
}

// cell replaces column c (0-based) of a CSV line without quotes.
func cell(c int, v string) func(string) string {
	return func(l string) string {
		f := strings.Split(l, ",")
		f[c] = v
		return strings.Join(f, ",")
	}
}

// damages are rows that a resume and a merge must refuse, each with what
// the message says.
func damages(p *Plan) []struct {
	name string
	fn   func(string) string
	want string
} {
	params := len(p.Sweep.Params)
	return []struct {
		name string
		fn   func(string) string
		want string
	}{
		{"ragged", func(l string) string { return l[:strings.LastIndexByte(l, ',')] }, "columns, expected"},
		{"non-numeric metric", cell(4+params, "lots"), `is not a number`},
		{"infinite metric", cell(4+params, "+Inf"), `is not a number`},
		{"another parameter value", cell(4, "0.123457"), `= "0.123457"`},
		{"another seed", cell(3, "12345"), `seed "12345", expected`},
		{"another point", cell(1, "7"), `point "7" and replication`},
		{"bad other_metrics", func(l string) string { return l[:strings.LastIndexByte(l, ',')+1] + "nonsense" }, `other_metrics: "nonsense" is not a list of key=number`},
	}
}

// TestResumeVerifiesEveryRow: a resume keeps a row only if it is the
// plan's run in every column; a missing or unreadable manifest refuses to
// resume (a sweep of another horizon has the same columns and seeds).
func TestResumeVerifiesEveryRow(t *testing.T) {
	p, ref := reference(t)
	for _, d := range damages(p) {
		dir := t.TempDir()
		run(t, p, dir, Options{Workers: 2})
		path := filepath.Join(dir, RunsFile)
		bad := replaceLine(t, ref, 3, d.fn)
		os.WriteFile(path, bad, 0o644)
		_, err := Execute(p, dir, Options{Resume: true})
		if err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), path+":3: ") || !strings.Contains(err.Error(), d.want) {
			t.Errorf("%s: resume = %v, want a refusal at %s:3 with %q", d.name, err, path, d.want)
		}
		if !bytes.Equal(read(t, path), bad) {
			t.Errorf("%s: a refused resume changed runs.csv", d.name)
		}
	}

	// Without its manifest, a directory of a 14-day sweep cannot be
	// resumed as a 7-day one (finding: both horizons mixed in one file).
	long, _ := NewPlan(p.Sweep, 14, 0)
	short, _ := NewPlan(p.Sweep, 7, 0)
	dir := t.TempDir()
	run(t, long, dir, Options{Workers: 2})
	os.Remove(filepath.Join(dir, ManifestFile))
	if _, err := Execute(short, dir, Options{Resume: true}); err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "no "+filepath.Join(dir, ManifestFile)) {
		t.Errorf("resume without a manifest: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ManifestFile), []byte("{\"plan_sha256\": "), 0o644)
	if _, err := Execute(short, dir, Options{Resume: true}); err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "refusing to resume") {
		t.Errorf("resume with a corrupt manifest: %v", err)
	}
}

// TestOneProcessADirectory: while a process holds a sweep directory, a
// second sweep (a second --resume) and a merge of it are refused.
func TestOneProcessADirectory(t *testing.T) {
	p, _ := reference(t)
	dir := t.TempDir()
	run(t, p, dir, Options{Workers: 2})
	l, err := safefile.LockDir(dir) // as a sweep running there holds it
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	if _, err := Execute(p, dir, Options{Resume: true}); err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("a second process in the directory: %v", err)
	}
	if _, err := Merge(filepath.Join(t.TempDir(), "m"), []string{dir}); err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("merging a directory in use: %v", err)
	}
	l.Unlock()
	if _, err := Execute(p, dir, Options{Resume: true}); err != nil {
		t.Errorf("after the other process: %v", err)
	}
}

// TestMergeVerifiesEveryRow: a shard with a ragged row, a value that is
// not a number, or a row of another run is refused, naming its line.
func TestMergeVerifiesEveryRow(t *testing.T) {
	p, ref := reference(t)
	root := t.TempDir()
	var dirs []string
	for k := 1; k <= 2; k++ {
		d := filepath.Join(root, "shard-"+string(rune('0'+k)))
		run(t, p, d, Options{Workers: 2, Shard: k, Shards: 2})
		dirs = append(dirs, d)
	}
	path := filepath.Join(dirs[1], RunsFile)
	good := read(t, path)
	for _, d := range damages(p) {
		bad := replaceLine(t, good, 3, d.fn)
		os.WriteFile(path, bad, 0o644)
		_, err := Merge(filepath.Join(root, "out"), dirs)
		if err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), path+":3: ") || !strings.Contains(err.Error(), d.want) {
			t.Errorf("%s: merge = %v, want a refusal at %s:3 with %q", d.name, err, path, d.want)
		}
		if _, err := os.Stat(filepath.Join(root, "out", RunsFile)); err == nil {
			t.Errorf("%s: a refused merge wrote runs.csv", d.name)
		}
	}
	os.WriteFile(path, good, 0o644)
	if _, err := Merge(filepath.Join(root, "out"), dirs); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(root, "out", RunsFile)); !bytes.Equal(got, ref) {
		t.Error("the merge of the repaired shards differs from the single process's runs.csv")
	}
}

// TestMergeOfTwoSplits: shard 1/3 with shard 2/2 are of two different
// splits of the sweep (both hold run 3), not "the same shard twice".
func TestMergeOfTwoSplits(t *testing.T) {
	p, _ := reference(t)
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	run(t, p, a, Options{Shard: 1, Shards: 3})
	run(t, p, b, Options{Shard: 2, Shards: 2})
	_, err := Merge(filepath.Join(root, "out"), []string{a, b})
	if err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "both hold run 3: they are shards of two different splits") || strings.Contains(err.Error(), "twice") {
		t.Errorf("merge of 1/3 and 2/2: %v", err)
	}
}
