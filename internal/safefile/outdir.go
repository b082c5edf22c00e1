package safefile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
)

// The output-directory contract (docs/cli.md, Output directories): every
// command that writes a directory opens it with OpenOutDir, which takes
// the directory only if it is new, empty, or holds nothing but what an
// earlier run of the same command wrote there, as its record lists it.
// A command removes only files its record lists, writes only through
// names it has claimed in the record first, never follows a symbolic
// link it finds there, and holds the directory's lock while it writes.
const (
	// RecordFile is the record of an output directory: the command that
	// writes it and the names it wrote, claimed before they are written.
	RecordFile = ".channelsim-output.json"
	// tmpPrefix starts the names of the temporary files and directories
	// channelsim makes inside an output directory; one left by a killed
	// process is removed when the directory is next opened.
	tmpPrefix = ".channelsim-tmp-"
	// MaxRecordBytes is the largest record read.
	MaxRecordBytes = 1 << 20
)

// record is RecordFile's content.
type record struct {
	Program string   `json:"program"`
	Command string   `json:"command"`
	Files   []string `json:"files"`
}

// OutDir is an output directory taken by one command: locked, checked
// against the contract, with the names its record lists.
type OutDir struct {
	// Path is the directory as given.
	Path     string
	command  string
	lock     *Lock
	files    map[string]bool
	created  bool // made by OpenOutDir: removed by Close if nothing was written
	lockMade bool // the lock file was made by OpenOutDir
}

// OutDirOptions are what a command tells OpenOutDir of its output.
type OutDirOptions struct {
	// Subdirs reports the names of subdirectories the command writes
	// (each an output directory of its own, checked when it is opened):
	// such a directory found in dir is the command's, not foreign.
	Subdirs func(name string) bool
}

// ownName reports whether name is one of channelsim's own names in an
// output directory: the lock, the record, a temporary file.
func ownName(name string) bool {
	return name == LockFile || name == RecordFile || strings.HasPrefix(name, tmpPrefix)
}

// validName reports whether a record may list name: a plain name of the
// directory, not one of channelsim's own.
func validName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`+"\x00") && !ownName(name)
}

// OpenOutDir takes dir as the output directory of command (such as
// "run"): it creates dir when missing, takes its lock (a Refusal naming
// the holder when another process has it), and refuses, with a Refusal
// that names what it found, a path that is not a directory, a directory
// whose record is another command's, and one that holds anything the
// record does not list. Temporary files a killed process left are
// removed. The caller must Close it.
func OpenOutDir(dir, command string, o OutDirOptions) (*OutDir, error) {
	if err := checkDirPath(dir, command); err != nil {
		return nil, err
	}
	// Checked before the lock is taken, so that a refused directory is
	// left as it was (without a lock file), and again under the lock.
	if _, err := os.Stat(dir); err == nil {
		pre := &OutDir{Path: dir, command: command, files: map[string]bool{}}
		if err := pre.check(o, false); err != nil {
			return nil, err
		}
	}
	_, statErr := os.Stat(dir)
	_, lockErr := os.Lstat(filepath.Join(dir, LockFile))
	lock, err := LockDir(dir)
	if err != nil {
		return nil, err
	}
	d := &OutDir{Path: dir, command: command, lock: lock, files: map[string]bool{}, created: statErr != nil, lockMade: lockErr != nil}
	if err := d.check(o, true); err != nil {
		lock.Unlock()
		return nil, err
	}
	return d, nil
}

// checkDirPath refuses a dir that exists and is not a directory.
func checkDirPath(dir, command string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return refuse("the output %s is %s, not a directory: give a new directory, or one channelsim %s wrote before", dir, kind(st.Mode()), command)
	}
	return nil
}

// readRecord reads dir's record; ok is false when it has none.
func readRecord(dir string) (r record, ok bool, err error) {
	path := filepath.Join(dir, RecordFile)
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return r, false, nil
	}
	if err != nil {
		return r, false, err
	}
	if !st.Mode().IsRegular() {
		return r, false, refuse("%s is %s, not the record channelsim writes: refusing to write into %s", path, kind(st.Mode()), dir)
	}
	b, err := ReadInput(path, MaxRecordBytes, "record of an output directory")
	if err != nil {
		return r, false, err
	}
	if err := json.Unmarshal(b, &r); err != nil || r.Program != "channelsim" || r.Command == "" {
		return r, false, refuse("%s is not a record channelsim wrote (%v): refusing to write into %s; give a new or empty directory", path, errOr(err, "no program and command"), dir)
	}
	for _, n := range r.Files {
		if !validName(n) {
			return r, false, refuse("%s lists %q, not a file name of the directory: refusing to write into %s", path, n, dir)
		}
	}
	return r, true, nil
}

func errOr(err error, s string) string {
	if err != nil {
		return err.Error()
	}
	return s
}

// check applies the contract to the directory's entries; with clean
// (under the lock) it removes the temporary files of a killed process.
func (d *OutDir) check(o OutDirOptions, clean bool) error {
	r, ok, err := readRecord(d.Path)
	if err != nil {
		return err
	}
	if ok {
		if r.Command != d.command {
			return refuse("%s holds the output of channelsim %s, not of channelsim %s: give a new or empty directory (nothing in %s was changed)", d.Path, r.Command, d.command, d.Path)
		}
		for _, n := range r.Files {
			d.files[n] = true
		}
	}
	ents, err := os.ReadDir(d.Path)
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range ents {
		n := e.Name()
		switch {
		case n == LockFile || n == RecordFile:
		case strings.HasPrefix(n, tmpPrefix):
			if !clean {
				continue
			}
			// A temporary file or directory of a killed process.
			p := filepath.Join(d.Path, n)
			if e.Type()&fs.ModeSymlink != 0 || !e.IsDir() {
				os.Remove(p)
			} else {
				os.RemoveAll(p)
			}
		case d.files[n]:
		case o.Subdirs != nil && o.Subdirs(n) && e.IsDir() && e.Type()&fs.ModeSymlink == 0:
		default:
			what := n
			if e.Type()&fs.ModeSymlink != 0 {
				what += " (a symbolic link)"
			}
			foreign = append(foreign, what)
		}
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		more := ""
		if len(foreign) > 5 {
			more = fmt.Sprintf(" and %d more", len(foreign)-5)
			foreign = foreign[:5]
		}
		by := "this command"
		if ok {
			by = "channelsim " + d.command
		}
		return refuse("%s holds other files than the output of %s (%s%s): give a new or empty directory (nothing in %s was changed)", d.Path, by, strings.Join(foreign, ", "), more, d.Path)
	}
	return nil
}

// Close releases the directory's lock. A directory that OpenOutDir
// created and that received none of the files claimed is removed, so
// that a command that fails leaves no output at all.
func (d *OutDir) Close() {
	if d == nil || d.lock == nil {
		return
	}
	if d.created {
		empty := true
		if ents, err := os.ReadDir(d.Path); err == nil {
			for _, e := range ents {
				empty = empty && ownName(e.Name())
			}
		}
		if empty {
			os.Remove(d.path(RecordFile))
			os.Remove(d.path(LockFile))
			os.Remove(d.Path)
		}
	} else if d.lockMade {
		// A directory that received nothing keeps no lock file.
		if _, err := os.Lstat(d.path(RecordFile)); errors.Is(err, fs.ErrNotExist) {
			os.Remove(d.path(LockFile))
		}
	}
	d.lock.Unlock()
	d.lock = nil
}

// Path of name in the directory.
func (d *OutDir) path(name string) string { return filepath.Join(d.Path, name) }

// Owns reports whether the record lists name.
func (d *OutDir) Owns(name string) bool { return d.files[name] }

// Claim adds names to the record, which is written before they are:
// a process killed while writing them leaves a directory that the
// command takes again.
func (d *OutDir) Claim(names ...string) error {
	changed := false
	for _, n := range names {
		if !validName(n) {
			return fmt.Errorf("safefile: %q is not a name an output directory may hold", n)
		}
		if !d.files[n] {
			d.files[n] = true
			changed = true
		}
	}
	if !changed {
		if _, err := os.Lstat(d.path(RecordFile)); err == nil {
			return nil
		}
	}
	return d.writeRecord()
}

// writeRecord writes the record of the names in d.files.
func (d *OutDir) writeRecord() error {
	r := record{Program: "channelsim", Command: d.command, Files: []string{}}
	for n := range d.files {
		r.Files = append(r.Files, n)
	}
	sort.Strings(r.Files)
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return d.replace(RecordFile, append(b, '\n'))
}

// WriteFile replaces the claimed file name with b, atomically (a
// temporary file in the directory, renamed over it: a symbolic link
// planted at name is replaced, not followed).
func (d *OutDir) WriteFile(name string, b []byte) error {
	if !d.files[name] {
		return fmt.Errorf("safefile: %s is not claimed in %s", name, d.Path)
	}
	return d.replace(name, b)
}

func (d *OutDir) replace(name string, b []byte) error {
	return writeWhole(d.Create(name))(b)
}

// Create starts a file that replaces name when committed (see Temp).
func (d *OutDir) Create(name string) (*Temp, error) {
	if name != RecordFile && !d.files[name] {
		return nil, fmt.Errorf("safefile: %s is not claimed in %s", name, d.Path)
	}
	return createTemp(d.Path, d.path(name))
}

// CreateNew creates the claimed file name, which must not exist; a
// symbolic link there is refused, not followed.
func (d *OutDir) CreateNew(name string) (*os.File, error) {
	if !d.files[name] {
		return nil, fmt.Errorf("safefile: %s is not claimed in %s", name, d.Path)
	}
	f, err := os.OpenFile(d.path(name), os.O_RDWR|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, refuse("%s already exists (%s): refusing to write over it", d.path(name), lkind(d.path(name)))
	}
	return f, err
}

// OpenExisting opens the claimed regular file name for reading and
// writing, refusing a symbolic link or a special file.
func (d *OutDir) OpenExisting(name string) (*os.File, error) {
	if !d.files[name] {
		return nil, fmt.Errorf("safefile: %s is not claimed in %s", name, d.Path)
	}
	f, err := os.OpenFile(d.path(name), os.O_RDWR|oNoFollow|syscall.O_NONBLOCK, 0)
	if isLinkErr(err) {
		return nil, refuse("%s is a symbolic link: refusing to write through it", d.path(name))
	}
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		return nil, refuse("%s is %s, not a regular file: refusing to write into it", d.path(name), kind(st.Mode()))
	}
	return f, nil
}

// lkind names what is at path, without following a link.
func lkind(path string) string {
	st, err := os.Lstat(path)
	switch {
	case err != nil:
		return "cannot be examined"
	case st.Mode()&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return kind(st.Mode())
}

// Stage starts an output of several files, made visible together when
// committed; marker is the file moved in last (a reader that finds it
// finds the whole output).
func (d *OutDir) Stage(marker string) (*Stage, error) {
	tmp, err := os.MkdirTemp(d.Path, tmpPrefix+"stage-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Stage{out: d, marker: marker, tmp: tmp}, nil
}

// Stage is an output of several files written into a temporary
// directory inside the output directory, then moved into place by
// Commit: the previous output's files (those the record lists) are
// removed, the marker first, and the new ones moved in, the marker last.
// A process killed meanwhile leaves files the record lists, which the
// next run of the command replaces.
type Stage struct {
	out    *OutDir
	owned  bool // the OutDir was opened by NewStage and is closed with it
	marker string
	tmp    string
	names  []string
	done   bool
}

// NewStage opens dir as command's output directory (OpenOutDir) and
// starts a staged output in it; Commit or Abort closes the directory.
func NewStage(dir, command, marker string) (*Stage, error) {
	d, err := OpenOutDir(dir, command, OutDirOptions{})
	if err != nil {
		return nil, err
	}
	s, err := d.Stage(marker)
	if err != nil {
		d.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// Write writes the file name of the output.
func (s *Stage) Write(name string, b []byte) error {
	if !validName(name) || slices.Contains(s.names, name) {
		return fmt.Errorf("safefile: cannot stage %q", name)
	}
	f, err := os.OpenFile(filepath.Join(s.tmp, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
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
	if err == nil {
		s.names = append(s.names, name)
	}
	return err
}

// Commit replaces the directory's previous output with the staged one.
func (s *Stage) Commit() error {
	if s.done {
		return errors.New("safefile: commit of an output already committed or aborted")
	}
	s.done = true
	err := s.commit()
	os.RemoveAll(s.tmp)
	if s.owned {
		s.out.Close()
	}
	return err
}

func (s *Stage) commit() error {
	d := s.out
	old := make([]string, 0, len(d.files))
	for n := range d.files {
		old = append(old, n)
	}
	// The record lists the old files and the new before anything moves.
	if err := d.Claim(s.names...); err != nil {
		return err
	}
	// The marker first: a reader that finds it finds a whole output.
	sort.Slice(old, func(i, j int) bool { return old[i] == s.marker && old[j] != s.marker })
	for _, n := range old {
		if slices.Contains(s.names, n) && n != s.marker {
			continue // replaced by a rename below
		}
		if err := removeOwned(d.path(n)); err != nil {
			return err
		}
	}
	var last string
	for _, n := range s.names {
		if n == s.marker {
			last = n
			continue
		}
		if err := os.Rename(filepath.Join(s.tmp, n), d.path(n)); err != nil {
			return err
		}
	}
	if last != "" {
		if err := os.Rename(filepath.Join(s.tmp, last), d.path(last)); err != nil {
			return err
		}
	}
	syncDir(d.Path)
	d.files = map[string]bool{}
	for _, n := range s.names {
		d.files[n] = true
	}
	return d.writeRecord()
}

// removeOwned removes a file the record lists (a link is removed, not
// followed); a directory is left, as the command never wrote one there.
func removeOwned(path string) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.IsDir() {
		return refuse("%s is a directory where the output had a file: refusing to remove it", path)
	}
	return os.Remove(path)
}

// Abort removes the staged files; it does nothing after Commit.
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	os.RemoveAll(s.tmp)
	if s.owned {
		s.out.Close()
	}
}
