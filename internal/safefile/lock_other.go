//go:build !unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
)

// lockFile, where flock(2) is missing, creates path exclusively: the lock
// is held while the file exists. A process that dies holding it leaves
// the file, which the Refusal's message names so that it can be removed.
func lockFile(path string) (l *Lock, busy bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	return &Lock{f: f, path: path}, false, nil
}

func (l *Lock) unlock() {
	l.f.Close()
	os.Remove(l.path)
}
