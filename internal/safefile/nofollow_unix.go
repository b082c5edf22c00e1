//go:build unix

package safefile

import (
	"errors"
	"syscall"
)

// oNoFollow makes an open fail on a symbolic link rather than follow it.
const oNoFollow = syscall.O_NOFOLLOW

// isLinkErr reports an open refused because the path is a symbolic link.
func isLinkErr(err error) bool { return errors.Is(err, syscall.ELOOP) }
