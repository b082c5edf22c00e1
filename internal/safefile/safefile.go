// Package safefile reads inputs within limits and writes outputs whole or
// not at all. Every file channelsim reads from the user (scenario and
// sweep files) goes through ReadInput, which refuses devices, FIFOs and
// files over a size limit before reading them; every file it writes goes
// through WriteFile, Create or a Stage: a temporary file (or directory)
// beside the destination, synced, then renamed over it, so that a reader
// or a crash never sees half of one.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// A Refusal is an error in what the user asked for (an input that is not
// a regular file, one over a limit, an output path that names a file
// where a directory is needed): bad input, not a failure of the program.
type Refusal struct{ Msg string }

func (r *Refusal) Error() string { return r.Msg }

func refuse(format string, a ...any) error { return &Refusal{fmt.Sprintf(format, a...)} }

// IsRefusal reports whether err is, or wraps, a Refusal.
func IsRefusal(err error) bool {
	var r *Refusal
	return errors.As(err, &r)
}

// FormatBytes writes a size limit for a message: "1 MiB", "64 KiB".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// OpenInput opens the regular file at path for reading. It refuses, with
// a Refusal that names the file, a device, a FIFO, a socket or a
// directory, without blocking: the file is opened non-blocking and
// checked before any read (reading /dev/zero never ends; opening a FIFO
// waits for a writer). A file that cannot be opened gives the
// *fs.PathError of os.Open. what names the file expected in the message
// ("scenario file", "runs.csv").
func OpenInput(path, what string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, refuse("%s is %s, not a regular file: expected a %s", path, kind(st.Mode()), what)
	}
	return f, nil
}

// ReadInput reads the regular file at path (see OpenInput), of at most
// limit bytes: a larger file is refused with a Refusal that names the
// file and the limit, from its size before it is read, and by a limited
// reader while it is read (a file that grows is still cut off).
func ReadInput(path string, limit int64, what string) ([]byte, error) {
	f, err := OpenInput(path, what)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	tooBig := func() error {
		return refuse("%s is larger than the limit of %s for a %s (docs/cli.md, Limits)", path, FormatBytes(limit), what)
	}
	if st.Size() > limit {
		return nil, tooBig()
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, tooBig()
	}
	return b, nil
}

// CheckOutFile refuses an output file path that names a directory, a
// special file or a symbolic link, or that lies in the output directory
// of a command (a directory with a record or a lock: a file of its own
// there would be foreign to it, and another process may be writing it).
// A missing parent directory is created later by the writer; it is
// called before any work so that the refusal is immediate.
func CheckOutFile(path string) error {
	if st, err := os.Lstat(path); err == nil {
		switch {
		case st.Mode()&fs.ModeSymlink != 0:
			return refuse("%s is a symbolic link: give the path of a file to write (a link is not followed)", path)
		case !st.Mode().IsRegular():
			return refuse("%s is %s, not a file: give the path of a file to write", path, kind(st.Mode()))
		}
	}
	dir := filepath.Dir(path)
	for _, own := range []string{RecordFile, LockFile} {
		if _, err := os.Lstat(filepath.Join(dir, own)); err == nil {
			return refuse("%s is in %s, the output directory of a channelsim command (it holds %s): write the file elsewhere", path, dir, own)
		}
	}
	return nil
}

// WriteFile replaces the file at path with b, atomically: b is written
// to a temporary file in the same directory (created if missing), synced
// and renamed over path. The file is readable by others (0644) like any
// output. On any error path is left as it was.
func WriteFile(path string, b []byte) error {
	return writeWhole(Create(path))(b)
}

// writeWhole returns a function that writes b to the file t started and
// commits it, or aborts it on any error.
func writeWhole(t *Temp, err error) func(b []byte) error {
	return func(b []byte) error {
		if err != nil {
			return err
		}
		if _, err := t.Write(b); err != nil {
			t.Abort()
			return err
		}
		return t.Commit()
	}
}

// Temp is a file being written in place of path: it becomes path when
// committed, and disappears when aborted.
type Temp struct {
	*os.File
	path string
	done bool
}

// Create starts a file that will replace path. Its directory is created
// when missing; a path refused by CheckOutFile is refused.
func Create(path string) (*Temp, error) {
	if err := CheckOutFile(path); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return createTemp(dir, path)
}

// createTemp creates the temporary file of path in dir.
func createTemp(dir, path string) (*Temp, error) {
	f, err := os.CreateTemp(dir, tmpPrefix+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &Temp{File: f, path: path}, nil
}

// Commit syncs the file and renames it over its path.
func (t *Temp) Commit() error {
	if t.done {
		return errors.New("safefile: commit of a file already committed or aborted")
	}
	t.done = true
	err := t.Sync()
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.Name(), t.path)
	}
	if err != nil {
		os.Remove(t.Name())
		return err
	}
	syncDir(filepath.Dir(t.path))
	return nil
}

// Abort removes the temporary file; it does nothing after Commit.
func (t *Temp) Abort() {
	if t.done {
		return
	}
	t.done = true
	t.Close()
	os.Remove(t.Name())
}

// syncDir makes a rename in dir durable; errors are ignored (some file
// systems cannot sync a directory, and the rename itself succeeded).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
