//go:build unix

package safefile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadInputRefusesSpecialFilesAndLargeOnes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, bytes.Repeat([]byte("#"), 1025), 0o644)
	exact := filepath.Join(dir, "exact.toml")
	os.WriteFile(exact, bytes.Repeat([]byte("#"), 1024), 0o644)
	for _, c := range []struct {
		path, want string
	}{
		{"/dev/zero", "/dev/zero is a character device, not a regular file"},
		{fifo, "is a FIFO (named pipe), not a regular file"},
		{dir, "is a directory, not a regular file"},
		{big, "larger than the limit of 1 KiB for a scenario file"},
	} {
		_, err := ReadInput(c.path, 1024, "scenario file")
		if err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadInput(%s) = %v, want a refusal with %q", c.path, err, c.want)
		}
	}
	if b, err := ReadInput(exact, 1024, "scenario file"); err != nil || len(b) != 1024 {
		t.Errorf("a file of exactly the limit: %d bytes, %v", len(b), err)
	}
	if _, err := ReadInput(filepath.Join(dir, "missing.toml"), 1024, "scenario file"); err == nil || IsRefusal(err) || !os.IsNotExist(err) {
		t.Errorf("a missing file: %v, want the open error", err)
	}
}

func TestWriteFileReplacesWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "chart.png")
	if err := WriteFile(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	tf, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tf.Write([]byte("half of the sec"))
	tf.Abort() // a failed write: the first version stays
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("after an aborted write: %q", b)
	}
	if err := WriteFile(path, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Errorf("after a write: %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "sub", ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := WriteFile(dir, []byte("x")); !IsRefusal(err) {
		t.Errorf("writing over a directory: %v, want a refusal", err)
	}
}

func TestStageIsOneUnit(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	write := func(files map[string]string) error {
		s, err := NewStage(out, "manifest.json")
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
		// Before the commit, nothing of the new output is visible.
		if b, err := os.ReadFile(filepath.Join(out, "a.csv")); err == nil && string(b) == files["a.csv"] && files["a.csv"] == "2" {
			t.Errorf("a staged file is visible before the commit")
		}
		return s.Commit()
	}
	if err := write(map[string]string{"a.csv": "1", "b.json": "1", "manifest.json": "1"}); err != nil {
		t.Fatal(err)
	}
	if err := write(map[string]string{"a.csv": "2", "manifest.json": "2"}); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(out)
	var names []string
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(out, e.Name()))
		names = append(names, e.Name()+"="+string(b))
	}
	if got := strings.Join(names, " "); got != "a.csv=2 manifest.json=2" {
		t.Errorf("after replacing an output: %s (nothing of the first may remain)", got)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".out.*")); len(left) > 0 {
		t.Errorf("temporary directories left: %v", left)
	}
	// An aborted output leaves the previous one.
	s, _ := NewStage(out, "manifest.json")
	s.Write("a.csv", []byte("3"))
	s.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "a.csv")); string(b) != "2" {
		t.Errorf("after an abort: %q", b)
	}
	// A directory of other files, and a file, are refused.
	foreign := filepath.Join(parent, "foreign")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	if _, err := NewStage(foreign, "manifest.json"); !IsRefusal(err) || !strings.Contains(err.Error(), "holds other files") {
		t.Errorf("a directory of other files: %v", err)
	}
	if _, err := NewStage(filepath.Join(foreign, "notes.txt"), "manifest.json"); !IsRefusal(err) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file: %v", err)
	}
	// An existing empty directory is filled.
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	s, _ = NewStage(empty, "manifest.json")
	s.Write("manifest.json", []byte("x"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(empty, "manifest.json")); string(b) != "x" {
		t.Errorf("empty directory: %q", b)
	}
}

func TestLockDirExcludesASecondHolder(t *testing.T) {
	dir := t.TempDir()
	l, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockDir(dir)
	if !IsRefusal(err) || !strings.Contains(err.Error(), "in use by another process (pid ") {
		t.Fatalf("second lock: %v, want a refusal naming the holder", err)
	}
	l.Unlock()
	l2, err := LockDir(dir)
	if err != nil {
		t.Fatalf("after Unlock: %v", err)
	}
	l2.Unlock()
}
