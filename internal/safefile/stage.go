package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Stage is an output directory of several files made visible as one
// unit: the files are written into a temporary directory beside it, which
// Commit renames into place. A reader of the directory sees the previous
// output, then nothing, then the new output, never a mixture: a process
// killed at any point leaves either the old directory or the new one (or,
// between the two renames that replace an old output, none), and at worst
// a hidden temporary directory beside it.
type Stage struct {
	final  string
	marker string
	tmp    string
	done   bool
}

// CheckOutDir checks, before any work, that dir can receive a staged
// output: it is missing, an empty directory, or a directory holding a
// previous output of the same command, recognised by the file marker
// (such as "manifest.json"). It refuses a path that names a file and a
// directory holding other files, naming the marker it looked for.
func CheckOutDir(dir, marker string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return refuse("--out %s is %s, not a directory: give a new directory, or one this command wrote before", dir, kind(st.Mode()))
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(ents) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
		return nil
	}
	return refuse("--out %s is a directory that holds other files (no %s: not an output of this command): give a new or empty directory", dir, marker)
}

// NewStage starts an output for the directory dir (see CheckOutDir).
func NewStage(dir, marker string) (*Stage, error) {
	if err := CheckOutDir(dir, marker); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp*")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Stage{final: abs, marker: marker, tmp: tmp}, nil
}

// Write writes the file name of the output.
func (s *Stage) Write(name string, b []byte) error {
	f, err := os.OpenFile(filepath.Join(s.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Commit makes the output visible in place of the directory's previous
// contents.
func (s *Stage) Commit() error {
	if s.done {
		return errors.New("safefile: commit of an output already committed or aborted")
	}
	s.done = true
	parent := filepath.Dir(s.final)
	// Checked again: another process may have written there meanwhile.
	if err := CheckOutDir(s.final, s.marker); err != nil {
		os.RemoveAll(s.tmp)
		return err
	}
	// A missing or empty directory is replaced by one rename.
	if err := os.Rename(s.tmp, s.final); err == nil {
		syncDir(parent)
		return nil
	}
	if ents, err := os.ReadDir(s.final); err == nil && len(ents) == 0 {
		// An empty directory that cannot be renamed over (the working
		// directory, a mount point): the files move in one by one.
		return s.moveIn()
	}
	// A previous output: moved aside, replaced, then removed.
	old, err := os.MkdirTemp(parent, "."+filepath.Base(s.final)+".old*")
	if err != nil {
		os.RemoveAll(s.tmp)
		return err
	}
	os.Remove(old) // only its unique name is needed
	if err := os.Rename(s.final, old); err != nil {
		os.RemoveAll(s.tmp)
		return err
	}
	if err := os.Rename(s.tmp, s.final); err != nil {
		os.Rename(old, s.final) // put the previous output back
		os.RemoveAll(s.tmp)
		return err
	}
	syncDir(parent)
	os.RemoveAll(old)
	return nil
}

// Abort removes the staged files; it does nothing after Commit.
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.tmp)
}

// moveIn renames the staged files into the existing, empty directory,
// the marker last, so that a reader that checks the marker sees the
// output whole.
func (s *Stage) moveIn() error {
	ents, err := os.ReadDir(s.tmp)
	if err != nil {
		os.RemoveAll(s.tmp)
		return err
	}
	var last string
	for _, e := range ents {
		if e.Name() == s.marker {
			last = e.Name()
			continue
		}
		if err := os.Rename(filepath.Join(s.tmp, e.Name()), filepath.Join(s.final, e.Name())); err != nil {
			os.RemoveAll(s.tmp)
			return err
		}
	}
	if last != "" {
		if err := os.Rename(filepath.Join(s.tmp, last), filepath.Join(s.final, last)); err != nil {
			os.RemoveAll(s.tmp)
			return err
		}
	}
	syncDir(s.final)
	return os.Remove(s.tmp)
}
