//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// listDir is the directory's visible names with their contents.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		names = append(names, e.Name()+"="+string(b))
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

func stage(dir, command string, files map[string]string) error {
	s, err := NewStage(dir, command, "manifest.json")
	if err != nil {
		return err
	}
	for _, n := range []string{"a.csv", "b.json", "manifest.json"} {
		if v, ok := files[n]; ok {
			if err := s.Write(n, []byte(v)); err != nil {
				s.Abort()
				return err
			}
		}
	}
	return s.Commit()
}

func TestStageReplacesOnlyItsOwnOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := stage(out, "run", map[string]string{"a.csv": "1", "b.json": "1", "manifest.json": "1"}); err != nil {
		t.Fatal(err)
	}
	if err := stage(out, "run", map[string]string{"a.csv": "2", "manifest.json": "2"}); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, out); got != "a.csv=2 manifest.json=2" {
		t.Errorf("after replacing an output: %s (nothing of the first may remain)", got)
	}
	// An aborted output leaves the previous one.
	s, _ := NewStage(out, "run", "manifest.json")
	s.Write("a.csv", []byte("3"))
	s.Abort()
	if got := listDir(t, out); got != "a.csv=2 manifest.json=2" {
		t.Errorf("after an abort: %s", got)
	}
	// The working directory and an existing empty directory are filled.
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	if err := stage(empty, "run", map[string]string{"manifest.json": "x"}); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, empty); got != "manifest.json=x" {
		t.Errorf("empty directory: %s", got)
	}
	if left, _ := filepath.Glob(filepath.Join(out, tmpPrefix+"*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestOutDirContract: a directory is taken only when it is new, empty,
// or holds nothing but the same command's output; whatever is refused is
// left exactly as it was.
func TestOutDirContract(t *testing.T) {
	parent := t.TempDir()
	mk := func(name string, files map[string]string) string {
		d := filepath.Join(parent, name)
		os.MkdirAll(d, 0o755)
		for n, v := range files {
			os.WriteFile(filepath.Join(d, n), []byte(v), 0o644)
		}
		return d
	}
	outside := filepath.Join(parent, "outside.txt")
	os.WriteFile(outside, []byte("precious"), 0o644)

	runOut := mk("run-out", nil)
	if err := stage(runOut, "run", map[string]string{"manifest.json": "m", "a.csv": "a"}); err != nil {
		t.Fatal(err)
	}
	userManifest := mk("user-manifest", map[string]string{"manifest.json": "mine", "main.go": "package main"})
	withNotes := mk("with-notes", nil)
	stage(withNotes, "run", map[string]string{"manifest.json": "m"})
	os.WriteFile(filepath.Join(withNotes, "notes.txt"), []byte("mine"), 0o644)
	linked := mk("linked", nil)
	os.Symlink(outside, filepath.Join(linked, "a.csv"))
	lockLink := mk("lock-link", nil)
	os.Symlink(outside, filepath.Join(lockLink, LockFile))
	lockFIFO := mk("lock-fifo", nil)
	syscall.Mkfifo(filepath.Join(lockFIFO, LockFile), 0o644)
	badRecord := mk("bad-record", map[string]string{RecordFile: `{"program":"channelsim","command":"run","files":["../x"]}`})
	aFile := filepath.Join(parent, "a-file")
	os.WriteFile(aFile, []byte("x"), 0o644)

	cases := []struct {
		name, dir, command, want string
	}{
		{"a user's manifest.json", userManifest, "run", "holds other files than the output of this command (main.go, manifest.json)"},
		{"another command's output", runOut, "compare", "holds the output of channelsim run, not of channelsim compare"},
		{"a file added to an output", withNotes, "run", "holds other files than the output of channelsim run (notes.txt)"},
		{"a planted link", linked, "run", "a.csv (a symbolic link)"},
		{"a lock that is a link", lockLink, "run", "is a symbolic link, not channelsim's lock"},
		{"a lock that is a FIFO", lockFIFO, "run", "is a FIFO (named pipe), not channelsim's lock"},
		{"a record naming a path", badRecord, "run", `lists "../x"`},
		{"a file", aFile, "run", "is a file, not a directory"},
	}
	for _, c := range cases {
		before := snapshot(t, parent)
		err := stage(c.dir, c.command, map[string]string{"manifest.json": "new", "a.csv": "new"})
		if !IsRefusal(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a refusal with %q", c.name, err, c.want)
		}
		if after := snapshot(t, parent); after != before {
			t.Errorf("%s: the refusal changed files:\nbefore %s\nafter  %s", c.name, before, after)
		}
	}
	if b, _ := os.ReadFile(outside); string(b) != "precious" {
		t.Errorf("a file outside the output directories was written: %q", b)
	}
	// A leftover temporary file of a killed process is removed; a
	// listed name that became a link is replaced, not followed.
	os.WriteFile(filepath.Join(runOut, tmpPrefix+"a.csv.tmp1"), []byte("half"), 0o644)
	os.Remove(filepath.Join(runOut, "a.csv"))
	os.Symlink(outside, filepath.Join(runOut, "a.csv"))
	if err := stage(runOut, "run", map[string]string{"manifest.json": "m2", "a.csv": "a2"}); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, runOut); got != "a.csv=a2 manifest.json=m2" {
		t.Errorf("after a leftover and a link: %s", got)
	}
	if b, _ := os.ReadFile(outside); string(b) != "precious" {
		t.Errorf("written through a link: %q", b)
	}
	// A single file may not be written into an output directory.
	if err := CheckOutFile(filepath.Join(runOut, "report.md")); !IsRefusal(err) || !strings.Contains(err.Error(), "the output directory of a channelsim command") {
		t.Errorf("a file in an output directory: %v", err)
	}
	if err := CheckOutFile(filepath.Join(linked, "a.csv")); !IsRefusal(err) || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a file that is a link: %v", err)
	}
}

// snapshot lists every path under dir with its size, hidden ones too.
func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + ":" + info.Mode().String() + " ")
		return nil
	})
	return b.String()
}

func TestClaimedWrites(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenOutDir(dir, "sweep", OutDirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateNew("runs.csv"); err == nil {
		t.Error("an unclaimed name was created")
	}
	d.Claim("runs.csv")
	outside := filepath.Join(t.TempDir(), "x")
	os.Symlink(outside, filepath.Join(dir, "runs.csv")) // dangling
	if _, err := d.CreateNew("runs.csv"); !IsRefusal(err) || !strings.Contains(err.Error(), "a symbolic link") {
		t.Errorf("creating over a dangling link: %v", err)
	}
	if _, err := d.OpenExisting("runs.csv"); !IsRefusal(err) {
		t.Errorf("opening a link: %v", err)
	}
	if _, err := os.Lstat(outside); err == nil {
		t.Error("the link's target was created")
	}
	// Another process is refused while the directory is open.
	if _, err := OpenOutDir(dir, "sweep", OutDirOptions{}); !IsRefusal(err) || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("a second opener: %v", err)
	}
	d.Close()
	// Subdirectories the command writes are its own.
	os.Remove(filepath.Join(dir, "runs.csv"))
	os.Mkdir(filepath.Join(dir, "gen-00"), 0o755)
	if _, err := OpenOutDir(dir, "sweep", OutDirOptions{}); !IsRefusal(err) {
		t.Errorf("an unknown subdirectory: %v", err)
	}
	d, err = OpenOutDir(dir, "sweep", OutDirOptions{Subdirs: func(n string) bool { return strings.HasPrefix(n, "gen-") }})
	if err != nil {
		t.Fatalf("a known subdirectory: %v", err)
	}
	d.Close()
}

func TestLimitLines(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		fail bool
	}{
		{"ab\ncd\n", 2, false},
		{"ab\ncde\n", 2, true},
		{"abc", 2, true},
		{strings.Repeat("x", 10) + "\n" + strings.Repeat("y", 10), 10, false},
		{"", 1, false},
	} {
		r := LimitLines(strings.NewReader(c.in), c.max, "f.csv")
		buf := make([]byte, 3)
		var err error
		for err == nil {
			_, err = r.Read(buf)
		}
		if got := IsRefusal(err); got != c.fail {
			t.Errorf("%q max %d: %v", c.in, c.max, err)
		}
	}
}
