package scenarios

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// The example sweep files (channelsim sweep NAME); package experiment reads
// them. They live here because go:embed cannot reach a parent directory.
//
//go:embed sweeps/*.toml
var sweepFiles embed.FS

// SweepNames returns the names of the embedded example sweeps, sorted.
func SweepNames() []string {
	ents, _ := fs.ReadDir(sweepFiles, "sweeps")
	var ns []string
	for _, e := range ents {
		ns = append(ns, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(ns)
	return ns
}

// SweepFile returns the text of an embedded example sweep.
func SweepFile(name string) ([]byte, bool) {
	b, err := sweepFiles.ReadFile("sweeps/" + name + ".toml")
	return b, err == nil
}
