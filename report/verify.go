package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"channelsim/sim"
)

// PrintVerification writes the verification checks as an aligned table,
// one line a check with its result.
func PrintVerification(w io.Writer, results []sim.Check) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "check\tsimulated\texpected\trelative error\ttolerance\tresult")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.4f\t%.3g\t%s\n", r.Name, r.Simulated, r.Expected, r.RelativeError, r.Tolerance, passFail(r.Pass))
	}
	tw.Flush()
}

func passFail(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}
