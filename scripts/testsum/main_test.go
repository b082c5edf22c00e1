package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummary: a package line as each package ends, a failed test's
// output, and the closing line that CI reads; exit 1 on a failure.
func TestSummary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "testsum")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	events := `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.1}
{"Action":"run","Package":"p","Test":"TestB"}
{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:9: wrong\n"}
{"Action":"fail","Package":"p","Test":"TestB","Elapsed":0.2}
{"Action":"skip","Package":"p","Test":"TestC"}
{"Action":"fail","Package":"p","Elapsed":0.4}
`
	counts := filepath.Join(t.TempDir(), "counts")
	cmd := exec.Command(bin, "-counts", counts)
	cmd.Stdin = strings.NewReader(events)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want 1", err)
	}
	for _, want := range []string{"FAIL p ", "b_test.go:9: wrong", "failed: p TestB", "\ntests: 1 passed, 1 failed, 1 skipped\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if b, _ := os.ReadFile(counts); string(b) != "1 1 1\n" {
		t.Errorf("counts %q", b)
	}
}
