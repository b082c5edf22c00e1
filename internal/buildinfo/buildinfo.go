// Package buildinfo says what a binary knows of the code it was built
// from: the module version, the commit and its date, whether the tree was
// dirty, and the Go version.
package buildinfo

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Info is what the binary knows of the code it was built from.
type Info struct {
	Version string // module version, "(devel)" for a local build
	Commit  string // VCS revision, "" when unknown
	Date    string // commit time (RFC 3339), "" when unknown
	Dirty   bool   // built from a tree with uncommitted changes
	Go      string // Go version
}

// Read reads runtime/debug.ReadBuildInfo, falling back to the values
// stamped with -ldflags (stampVersion, stampCommit, stampDate) for what
// it lacks.
func Read(stampVersion, stampCommit, stampDate string) Info {
	b := Info{Version: "(devel)"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.Go = bi.GoVersion
		if bi.Main.Version != "" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.time":
				b.Date = s.Value
			case "vcs.modified":
				b.Dirty = s.Value == "true"
			}
		}
	}
	if b.Commit == "" && stampCommit != "" {
		b.Commit = strings.TrimSuffix(stampCommit, "-dirty")
		b.Dirty = strings.HasSuffix(stampCommit, "-dirty")
		b.Date = stampDate
	}
	if b.Version == "(devel)" && stampVersion != "" {
		b.Version = stampVersion
	}
	return b
}

// String is the version for --version and manifests: module version,
// commit (+dirty), commit date and Go version, such as
// "(devel) (commit 85c6ad7f3e21+dirty, 2025-12-01T20:53:00Z, go1.26.8)".
func (b Info) String() string {
	var parts []string
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if b.Dirty {
			c += "+dirty"
		}
		parts = append(parts, "commit "+c)
		if b.Date != "" {
			parts = append(parts, b.Date)
		}
	} else {
		parts = append(parts, "commit unknown: built without VCS information (use make build)")
	}
	if b.Go != "" {
		parts = append(parts, b.Go)
	}
	return fmt.Sprintf("%s (%s)", b.Version, strings.Join(parts, ", "))
}
