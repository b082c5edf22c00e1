// Package longtest gates the tests that check the model over many
// simulated years: `make test` (and so CI) runs them, with CHANNELSIM_LONG=1;
// a plain `go test ./...`, the edit–test loop, skips them and says how to
// run them.
package longtest

import (
	"os"
	"testing"
)

// Env is the environment variable that turns the long tests on ("1").
const Env = "CHANNELSIM_LONG"

// Enabled reports whether the long tests run.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Require skips t, naming what it would have simulated, unless the long
// tests run.
func Require(t testing.TB, what string) {
	t.Helper()
	if !Enabled() {
		t.Skipf("a long check (%s): run it with %s=1 go test, as make test does", what, Env)
	}
}
