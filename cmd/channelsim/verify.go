package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"text/tabwriter"

	"channelsim/engine"
	"channelsim/sim"
)

func init() {
	register("verify", "run the verification checks (queue engine against Erlang C, ...)", runVerify)
}

func runVerify(args []string) int {
	if len(args) > 0 && args[0] == "queue" {
		return runVerifyQueue(args[1:])
	}
	fs := newFlags("verify", "[queue FLAGS]", "Runs every verification check and prints a table of results; exit 1 if\nany fails. 'channelsim verify queue --help' runs the queue check alone.")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return usageError(fs, "unknown check %q (known: queue)", pos[0])
	}
	results := sim.VerifyAll()
	if *asJSON {
		b, _ := json.MarshalIndent(results, "", "  ")
		fmt.Println(string(b))
	} else {
		tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "check\tsimulated\texpected\trelative error\ttolerance\tresult")
		for _, r := range results {
			fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%.4f\t%.3g\t%s\n", r.Name, r.Simulated, r.Expected, r.RelativeError, r.Tolerance, passFail(r.Pass))
		}
		tw.Flush()
	}
	for _, r := range results {
		if !r.Pass {
			return exitInternal
		}
	}
	return exitOK
}

func passFail(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}

func runVerifyQueue(args []string) int {
	fs := newFlags("verify queue", "--servers C --arrivals-per-hour L --service-mean-min S [--customers N] [--seed K] [--json]",
		"Simulates an M/M/c FIFO queue (Poisson arrivals, exponential service) on the\nevent kernel and compares its mean wait in queue with the Erlang C formula.")
	c := fs.Int("servers", 1, "number of servers c (≥ 1)")
	lam := fs.Float64("arrivals-per-hour", 0, "arrival rate λ, per hour (> 0)")
	svc := fs.Float64("service-mean-min", 0, "mean service time, minutes (> 0)")
	n := fs.Int("customers", 1_000_000, "customers to simulate (≥ 1000)")
	seed := fs.Uint64("seed", 1, "seed")
	asJSON := fs.Bool("json", false, "print {simulated_mean_wait_min, erlang_c_mean_wait_min, relative_error} as JSON")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	switch {
	case len(pos) > 0:
		return usageError(fs, "unexpected argument %q", pos[0])
	case *c < 1:
		return usageError(fs, "--servers: expected at least 1, got %d", *c)
	case !(*lam > 0) || math.IsInf(*lam, 0):
		return usageError(fs, "--arrivals-per-hour: expected a positive rate, got %g", *lam)
	case !(*svc > 0) || math.IsInf(*svc, 0):
		return usageError(fs, "--service-mean-min: expected a positive time, got %g", *svc)
	case *n < 1000:
		return usageError(fs, "--customers: expected at least 1000, got %d", *n)
	}
	want, err := engine.ErlangCWaitMin(*c, *lam, *svc)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	got, err := engine.MMc(*c, *lam, *svc, *n, *seed)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	rel := math.Abs(got-want) / want
	if *asJSON {
		b, _ := json.Marshal(map[string]float64{
			"simulated_mean_wait_min": got,
			"erlang_c_mean_wait_min":  want,
			"relative_error":          rel,
		})
		fmt.Println(string(b))
		return exitOK
	}
	fmt.Printf("M/M/%d, λ = %g/h, mean service %g min, ρ = %.3f, %d customers\n", *c, *lam, *svc, *lam**svc/60/float64(*c), *n)
	fmt.Printf("simulated mean wait  %.4f min\nErlang C mean wait   %.4f min\nrelative error       %.4f\n", got, want, rel)
	return exitOK
}
