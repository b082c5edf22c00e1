//go:build !viz

package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWithoutTagSaysHowToBuild: built without the viz tag, the viewer
// explains in one line how to build it and exits 2 (it used to fail to
// build with "build constraints exclude all Go files").
func TestWithoutTagSaysHowToBuild(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "channelsim-view")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build without the viz tag: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("exit: %v, want status 2", err)
	}
	msg := stderr.String()
	if stdout.Len() != 0 || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "-tags viz") {
		t.Errorf("stdout %q, stderr %q: want one line on stderr saying -tags viz", stdout.String(), msg)
	}
}
