//go:build !unix

package safefile

// oNoFollow: where O_NOFOLLOW is missing, links are checked with Lstat
// before a file is opened.
const oNoFollow = 0

func isLinkErr(err error) bool { return false }
