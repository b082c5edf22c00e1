package longtest

import "testing"

func TestEnabled(t *testing.T) {
	for _, c := range []struct {
		value string
		want  bool
	}{{"1", true}, {"", false}, {"0", false}, {"true", false}} {
		t.Setenv(Env, c.value)
		if got := Enabled(); got != c.want {
			t.Errorf("%s=%q: Enabled() = %v, want %v", Env, c.value, got, c.want)
		}
	}
}

func TestRequireSkips(t *testing.T) {
	t.Setenv(Env, "")
	ran := false
	t.Run("gated", func(t *testing.T) {
		Require(t, "nothing")
		ran = true
	})
	if ran {
		t.Error("Require did not skip with the long tests off")
	}
	t.Setenv(Env, "1")
	t.Run("on", func(t *testing.T) {
		Require(t, "nothing")
		ran = true
	})
	if !ran {
		t.Error("Require skipped with the long tests on")
	}
}
