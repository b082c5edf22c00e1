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
