package safefile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockFile is the name of the lock file a Lock keeps in its directory.
const LockFile = ".channelsim.lock"

// Lock is an advisory lock on a directory, held by one process at a time:
// two sweeps (or a sweep and a merge) cannot write the same directory at
// once. It is a lock on the file LockFile in the directory, released by
// Unlock or when the process ends, however it ends.
type Lock struct {
	f    *os.File
	path string
}

// LockDir takes the lock of dir (created if missing) without waiting. If
// another process holds it, it returns a Refusal that names the process
// (its pid, as it recorded it in the lock file).
func LockDir(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockFile)
	l, busy, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	if busy {
		holder := "another process"
		if b, err := ReadInput(path, 64, "lock file"); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
				holder = fmt.Sprintf("another process (pid %d)", pid)
			}
		}
		return nil, refuse("%s is in use by %s: wait for it to end, or stop it, before running this again (the lock is %s)", dir, holder, path)
	}
	l.f.Truncate(0)
	l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return l, nil
}

// Unlock releases the lock.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	l.unlock()
	l.f = nil
}
