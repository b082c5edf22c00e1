//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"channelsim/internal/safefile"
	"channelsim/internal/worker"
)

// hostile runs the binary in dir under the hostile corpus's limits: 2 GB
// of address space (ulimit -v) and 30 s; stdout goes to the file out
// ("" : discarded). It returns the exit status and stderr.
func hostile(t *testing.T, dir, out string, args ...string) (int, string) {
	t.Helper()
	if out == "" {
		out = os.DevNull
	}
	return cliScript(t, dir, `ulimit -v 2097152; exec "$0" "$@" > "$OUT"`, []string{"OUT=" + out}, 30*time.Second, args...)
}

// tree lists every path under dir with its content and mode, without
// following links (a lock file aside): what a refused command must leave
// as it was.
func tree(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if info.Name() == safefile.LockFile && info.Mode().IsRegular() {
			return nil // the lock records its holder's pid
		}
		fmt.Fprintf(&b, "%s %v", rel, info.Mode())
		if info.Mode().IsRegular() {
			c, _ := os.ReadFile(p)
			fmt.Fprintf(&b, " %x", c)
		}
		b.WriteString("\n")
		return nil
	})
	return b.String()
}

// TestHostileCorpus: the bad inputs and hostile situations of issue 27,
// each as a red team tried them: no data loss, no write outside the
// output directory, no panic, no memory beyond 2 GB, no hang past 30 s,
// and bad input exits with 2. Every case failed before the fix.
func TestHostileCorpus(t *testing.T) {
	root := t.TempDir()
	src, err := filepath.Abs(filepath.Join("..", "..", "experiment", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	tiny := filepath.Join(src, "tiny.toml")
	write := func(name, text string) string {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(args ...string) {
		t.Helper()
		if code, errs := hostile(t, root, "", args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	// A sweep of its own base, so that the base can be edited.
	base := write("sw/base.toml", string(mustRead(t, tiny)))
	sweepFile := write("sw/sweep.toml", "name = \"h\"\nbase = \"base.toml\"\ndays = 1\nseed = 1\n[[parameters]]\nkey = \"controls.search_share\"\nvalues = [0.1, 0.5]\n")
	run("sweep", sweepFile, "--out", "whole", "--no-progress")
	run("sweep", sweepFile, "--shard", "1/2", "--out", "s1", "--no-progress")
	run("sweep", sweepFile, "--shard", "2/2", "--out", "s2", "--no-progress")
	run("sweep", sweepFile, "--shard", "1/2", "--out", "resumable", "--no-progress")
	run("run", tiny, "--out", "runout")
	runsCSV := filepath.Join(root, "whole", "runs.csv")

	// User directories that a command must not take.
	user := write("user/manifest.json", "{\"mine\": true}\n")
	write("user/main.go", "package main\n")
	write("usercmp/comparison.csv", "mine\n")
	write("userframes/frame-0001.png", "mine\n")
	write("whole/notes.txt", "my notes\n")
	outside := write("outside.txt", "precious\n")
	os.MkdirAll(filepath.Join(root, "dangling"), 0o755)
	os.Symlink(filepath.Join(root, "created-outside.csv"), filepath.Join(root, "dangling", "runs.csv"))
	os.MkdirAll(filepath.Join(root, "locklink"), 0o755)
	os.Symlink(outside, filepath.Join(root, "locklink", safefile.LockFile))
	os.MkdirAll(filepath.Join(root, "fifo"), 0o755)
	syscall.Mkfifo(filepath.Join(root, "fifo", "manifest.json"), 0o644)
	os.MkdirAll(filepath.Join(root, "zero"), 0o755)
	os.Symlink("/dev/zero", filepath.Join(root, "zero", "manifest.json"))
	// A resumable shard whose runs.csv ends in a line of 2 MiB.
	longLine := filepath.Join(root, "longline")
	os.MkdirAll(longLine, 0o755)
	for _, f := range []string{"manifest.json", safefile.RecordFile} {
		os.WriteFile(filepath.Join(longLine, f), mustRead(t, filepath.Join(root, "resumable", f)), 0o644)
	}
	os.WriteFile(filepath.Join(longLine, "runs.csv"), append(mustRead(t, filepath.Join(root, "resumable", "runs.csv")), bytes.Repeat([]byte("9"), 2<<20)...), 0o644)
	// Hostile TOML: one key of 8,000 dotted segments, directly, through
	// extends, and in a sweep file.
	deepKey := strings.Repeat("a.", 400) + "a = 1\n"
	deep := write("deep.toml", "extends = \"baseline-2015\"\n"+deepKey)
	extendsDeep := write("extends-deep.toml", "extends = \"deep.toml\"\n")
	deepSweep := write("deep-sweep.toml", "base = \"baseline-2015\"\n"+deepKey)
	sweepDays := write("sw/sweep-days.toml", "base = \"base.toml\"\n[[parameters]]\nkey = \"days\"\nvalues = [1, 2]\n[[parameters]]\nkey = \"seed\"\nvalues = [1, 2]\n")
	var levels strings.Builder
	levels.WriteString("run,label,detections_total\n")
	for i := range 20000 {
		fmt.Fprintf(&levels, "%d,l%05d,%d\n", i, i, i%7)
	}
	manyLevels := write("levels.csv", levels.String())

	protected := func() string { return tree(t, root) }
	cases := []struct {
		name string
		args []string
		out  string // stdout's file
		code int
		want string
		edit func() // before the command
		keep bool   // the tree is left exactly as it was
	}{
		{"run --out . beside a manifest.json", []string{"run", tiny, "--out", filepath.Dir(user)}, "", 2, "holds other files", nil, true},
		{"compare --out beside a comparison.csv", []string{"compare", tiny, tiny, "--reps", "2", "--out", "usercmp"}, "", 2, "holds other files", nil, true},
		{"render --frames 2 beside a frame", []string{"render", tiny, "--at", "2015-07-01T06:00", "--frames", "2", "--out", "userframes"}, "", 2, "holds other files", nil, true},
		{"run --out a sweep's directory", []string{"run", tiny, "--out", "whole"}, "", 2, "holds", nil, true},
		{"run --out another run's directory, as compare", []string{"compare", tiny, tiny, "--reps", "2", "--out", "runout"}, "", 2, "holds the output of channelsim run", nil, true},
		{"merge into a complete sweep", []string{"merge", "whole", "s1", "s2"}, "", 2, "holds", nil, true},
		{"a dangling runs.csv link", []string{"sweep", sweepFile, "--out", "dangling", "--no-progress"}, "", 2, "symbolic link", nil, true},
		{"a lock that is a link", []string{"sweep", sweepFile, "--out", "locklink", "--no-progress"}, "", 2, "symbolic link", nil, true},
		{"a FIFO named manifest.json", []string{"sweep", sweepFile, "--out", "fifo", "--resume", "--no-progress"}, "", 2, "FIFO", nil, true},
		{"manifest.json linked to /dev/zero", []string{"sweep", sweepFile, "--out", "zero", "--resume", "--no-progress"}, "", 2, "character device", nil, true},
		{"a 2 MiB line in runs.csv", []string{"sweep", sweepFile, "--shard", "1/2", "--out", "longline", "--resume", "--no-progress"}, "", 2, "longer than the limit of 1 MiB", nil, true},
		{"a sweep over days and seed", []string{"sweep", sweepDays, "--out", "never"}, "", 2, "days cannot be swept", nil, true},
		{"a key of 400 segments", []string{"check", deep}, "", 2, "over the limit of 16", nil, true},
		{"a key of 8,000 segments", []string{"check", write("deeper.toml", strings.Repeat("a.", 8000)+"a = 1\n")}, "", 2, "a key longer than the limit of 1024 bytes", nil, true},
		{"... through extends", []string{"run", extendsDeep}, "", 2, "over the limit of 16", nil, true},
		{"... in a sweep file", []string{"sweep", deepSweep}, "", 2, "over the limit of 16", nil, true},
		{"compare --reps 1e9", []string{"compare", tiny, tiny, "--reps", "1000000000"}, "", 2, "--reps: expected from 2 to 1000", nil, true},
		{"validate --reps 1e9", []string{"validate", "--reps", "1000000000"}, "", 2, "--reps: expected from 2 to 1000", nil, true},
		{"sensitivity --r 1e9", []string{"sensitivity", "--r", "1000000000"}, "", 2, "--r: expected from 2 to 1000", nil, true},
		{"sensitivity --n 1e9", []string{"sensitivity", "--n", "1000000000"}, "", 2, "--n: expected from 2 to 65536", nil, true},
		{"sensitivity --boot 1e9", []string{"sensitivity", "--boot", "1000000000"}, "", 2, "--boot: expected from 10 to 100000", nil, true},
		{"sensitivity --levels 3", []string{"sensitivity", "--levels", "3"}, "", 2, "--levels: expected an even number", nil, true},
		{"calibrate --particles 1e9", []string{"calibrate", "--params", "migrants.try_share", "--particles", "1000000000"}, "", 2, "--particles: expected from 4 to 10000", nil, true},
		{"calibrate --particles 0", []string{"calibrate", "--params", "migrants.try_share", "--particles", "0"}, "", 2, "--particles: expected from 4", nil, true},
		{"calibrate --pacc-min NaN", []string{"calibrate", "--params", "migrants.try_share", "--pacc-min", "NaN"}, "", 2, "--pacc-min: expected a number strictly between 0 and 1, got NaN", nil, true},
		{"compare --negligible NaN", []string{"compare", tiny, tiny, "--negligible", "NaN"}, "", 2, "--negligible: expected a number from 0 to 1, got NaN", nil, true},
		{"sweep --workers 1e9", []string{"sweep", sweepFile, "--workers", "1000000000"}, "", 2, "--workers: expected from 0 to 1024", nil, true},
		{"plot --bins 1e9", []string{"plot", runsCSV, "--x", "controls.search_share", "--y", "detections_total", "--bins", "1000000000", "--out", "p.png"}, "", 2, "--bins: expected from 2 to 200", nil, true},
		{"plot --bins 2^62", []string{"plot", runsCSV, "--x", "controls.search_share", "--y", "detections_total", "--bins", "4611686018427387904", "--out", "p.png"}, "", 2, "--bins", nil, true},
		{"a heatmap of 20,000 levels", []string{"plot", manyLevels, "--x", "label", "--y", "detections_total", "--by", "label", "--heatmap", "--out", "h.png"}, "", 2, "over the limit of 200", nil, true},
		{"a GIF of 300 4096² frames", []string{"render", tiny, "--at", "2015-07-01T00:00", "--frames", "300", "--every", "1m", "--width", "4096", "--height", "4096", "--out", "big.gif"}, "", 2, "at most 268435456 pixels", nil, true},
		{"uk_bound_per_year out of range", []string{"check", write("huge.toml", "extends = \"baseline-2015\"\n[freight]\nuk_bound_per_year = 1e9\n")}, "", 2, "uk_bound_per_year", nil, false},
		{"scenarios --show into /dev/full", []string{"scenarios", "--show", "baseline-2015"}, "/dev/full", 1, "no space left on device", nil, true},
		{"run --json into /dev/full", []string{"run", tiny, "--json"}, "/dev/full", 1, "no space left on device", nil, true},
		{"columns into /dev/full", []string{"columns", runsCSV}, "/dev/full", 1, "no space left on device", nil, true},
		{"a base edited before the second shard", []string{"sweep", sweepFile, "--shard", "2/2", "--out", "s2", "--resume", "--no-progress"}, "", 2, "the base scenario base.toml changed",
			func() {
				os.WriteFile(base, append(mustRead(t, base), []byte("\n[controls]\nsearch_share = 0.3\n")...), 0o644)
			}, true},
		{"a merge of shards of two bases", []string{"merge", "m-mixed", "s1", "s2"}, "", 0, "", nil, false},
	}
	// Shard 2 is re-run on the edited base for the mixed merge below.
	for _, c := range cases {
		if c.name == "a merge of shards of two bases" {
			os.RemoveAll(filepath.Join(root, "s2"))
			run("sweep", sweepFile, "--shard", "2/2", "--out", "s2", "--no-progress")
			c.code, c.want = 2, "the base scenario base.toml changed"
		}
		if c.edit != nil {
			c.edit()
		}
		before := protected()
		start := time.Now()
		code, errs := hostile(t, root, c.out, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: %v: exit %d, want %d with %q; stderr:\n%s", c.name, c.args, code, c.code, c.want, firstLines(errs, 6))
		}
		if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "fatal error") {
			t.Errorf("%s: a crash:\n%s", c.name, firstLines(errs, 6))
		}
		if c.keep {
			if after := protected(); after != before {
				t.Errorf("%s: files changed:\n%s", c.name, diffLines(before, after))
			}
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s: took %v", c.name, d)
		}
	}
	if b := mustRead(t, outside); string(b) != "precious\n" {
		t.Errorf("a file outside the output directories was written: %q", b)
	}
	if _, err := os.Lstat(filepath.Join(root, "created-outside.csv")); err == nil {
		t.Error("a dangling link's target was created")
	}
}

// TestLockHonouredByEveryWriter: while one process holds a directory,
// every command that writes there is refused, naming the holder.
func TestLockHonouredByEveryWriter(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	tiny, _ := filepath.Abs(filepath.Join("..", "..", "experiment", "testdata", "tiny.toml"))
	sweepFile, _ := filepath.Abs(filepath.Join("..", "..", "experiment", "testdata", "tiny-sweep.toml"))
	dir := filepath.Join(root, "busy")
	l, err := safefile.LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	for _, args := range [][]string{
		{"run", tiny, "--out", dir},
		{"compare", tiny, tiny, "--reps", "2", "--days", "1", "--out", dir},
		{"sweep", sweepFile, "--reps", "1", "--out", dir},
		{"merge", dir, dir + "-shard"},
		{"render", tiny, "--at", "2015-07-01T06:00", "--frames", "2", "--out", dir},
		{"calibrate", "--params", "migrants.try_share", "--targets", "C7", "--particles", "4", "--generations", "1", "--out", dir},
		{"sensitivity", "--params", "migrants.try_share", "--r", "2", "--n", "2", "--days", "1", "--out", dir},
		{"validate", "--reps", "2", "--out", filepath.Join(dir, "report.md")},
		{"plot", filepath.Join(dir, "runs.csv"), "--x", "a", "--y", "b", "--out", filepath.Join(dir, "p.png")},
	} {
		code, errs := hostile(t, root, "", args...)
		if code != 2 || !(strings.Contains(errs, "in use by another process (pid ") || strings.Contains(errs, "the output directory of a channelsim command")) {
			t.Errorf("%v: exit %d, want 2 naming the holder; stderr:\n%s", args, code, firstLines(errs, 4))
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the busy directory was written: %v", ents)
	}
}

// TestPanicIsAnInternalError: a panic, on the command's goroutine or a
// worker's, is reported as an internal error with what to send, exit 1
// (Go's runtime would exit 2, the status of bad input).
func TestPanicIsAnInternalError(t *testing.T) {
	commandMakers = append(commandMakers, func() *cobra.Command {
		return &cobra.Command{Use: "test-panic", Hidden: true, RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				worker.Go(func() { panic("a worker's bug") })()
			}
			var m map[string]int
			m["x"] = 1 // assignment to a nil map
			return nil
		}}
	})
	defer func() { commandMakers = commandMakers[:len(commandMakers)-1] }()
	for _, args := range [][]string{{"test-panic"}, {"test-panic", "worker"}} {
		r, w, _ := os.Pipe()
		saved := os.Stderr
		os.Stderr = w
		code := dispatch(args)
		os.Stderr = saved
		w.Close()
		var b bytes.Buffer
		b.ReadFrom(r)
		if code != exitInternal || !strings.Contains(b.String(), "channelsim: internal error:") || !strings.Contains(b.String(), "please report it") {
			t.Errorf("%v: exit %d, stderr:\n%s", args, code, firstLines(b.String(), 6))
		}
	}
}

func firstLines(s string, n int) string {
	ls := strings.SplitN(s, "\n", n+1)
	if len(ls) > n {
		ls = ls[:n]
	}
	return strings.Join(ls, "\n")
}

func diffLines(a, b string) string {
	in := map[string]bool{}
	for _, l := range strings.Split(a, "\n") {
		in[l] = true
	}
	var out []string
	for _, l := range strings.Split(b, "\n") {
		if !in[l] {
			out = append(out, "+ "+firstLines(l, 1))
		}
	}
	return strings.Join(out, "\n")
}
