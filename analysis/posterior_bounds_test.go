package analysis

import (
	"errors"
	"strings"
	"testing"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
)

// TestPosteriorBounds: weights that sum to +Inf, a line over the limit
// and non-numbers are refused at their line, as bad input.
func TestPosteriorBounds(t *testing.T) {
	base, err := scenarios.Load("baseline-2015")
	if err != nil {
		t.Fatal(err)
	}
	h, err := SampleHash(base.Config, []string{"migrants.try_share"})
	if err != nil {
		t.Fatal(err)
	}
	head := "draw,weight,distance,scenario,scenario_sha256,migrants.try_share\n"
	row := func(w string) string { return "0," + w + ",0.1,baseline-2015," + h + ",0.2\n" }
	for _, c := range []struct{ name, text, want string }{
		{"weights summing to +Inf", head + row("1e308") + row("1e308"), "the weights sum to more than the largest number"},
		{"a NaN weight", head + row("NaN"), "weight: expected a non-negative number"},
		{"a line over the limit", head + row(strings.Repeat("1", safefile.MaxLineBytes)), "longer than the limit of 1 MiB"},
	} {
		_, err := ParsePosterior("p.csv", safefile.LimitLines(strings.NewReader(c.text), safefile.MaxLineBytes, "p.csv"), base)
		var es scenarios.Errors
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &es) {
			t.Errorf("%s: %v, want scenario errors with %q", c.name, err, c.want)
		}
	}
	if _, err := ParsePosterior("p.csv", strings.NewReader(head+row("0.5")+row("0.5")), base); err != nil {
		t.Errorf("a good posterior: %v", err)
	}
}
