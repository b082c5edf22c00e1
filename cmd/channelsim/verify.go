package main

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"channelsim/engine"
	"channelsim/report"
	"channelsim/sim"
)

func init() { register(newVerifyCmd) }

func newVerifyCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "verify",
		Short: "run the verification checks (queue engine against Erlang C, ...)",
		Long: "Runs every verification check and prints a table of results; exit 1 if\n" +
			"any fails. 'channelsim verify queue --help' runs the queue check alone.",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCheck(c, args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			return status(runVerify(asJSON))
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the results as JSON")
	c.AddCommand(newVerifyQueueCmd())
	return c
}

// unknownCheck is the usage error for an unknown verification check.
func unknownCheck(c *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown check %q (known: queue)", name)
	if s := c.SuggestionsFor(name); len(s) > 0 {
		msg = fmt.Sprintf("unknown check %q; did you mean %s?", name, quoteOr(s))
	}
	return &usageErr{cmd: c, msg: msg}
}

func runVerify(asJSON bool) int {
	results := sim.VerifyAll()
	if asJSON {
		b, _ := json.MarshalIndent(results, "", "  ")
		fmt.Fprintln(stdout, string(b))
	} else {
		report.PrintVerification(stdout, results)
	}
	for _, r := range results {
		if !r.Pass {
			return exitInternal
		}
	}
	return exitOK
}

// verifyQueueOptions are verify queue's parsed command line.
type verifyQueueOptions struct {
	Servers   int
	Arrivals  float64 // per hour
	Service   float64 // mean, minutes
	Customers int
	Seed      uint64
	JSON      bool
}

func newVerifyQueueCmd() *cobra.Command {
	var o verifyQueueOptions
	c := &cobra.Command{
		Use:   "queue --servers C --arrivals-per-hour L --service-mean-min S [--customers N] [--seed K] [--json]",
		Short: "the queue engine against the Erlang C formula (M/M/c)",
		Long: "Simulates an M/M/c FIFO queue (Poisson arrivals, exponential service) on the\n" +
			"event kernel and compares its mean wait in queue with the Erlang C formula.",
		Example: "  channelsim verify queue --servers 4 --arrivals-per-hour 19.2 --service-mean-min 10",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return status(runVerifyQueue(o))
		},
	}
	f := c.Flags()
	f.IntVar(&o.Servers, "servers", 1, "number of servers c (1–1000)")
	f.Float64Var(&o.Arrivals, "arrivals-per-hour", 0, "arrival rate λ, per hour (> 0)")
	f.Float64Var(&o.Service, "service-mean-min", 0, "mean service time, minutes (> 0)")
	f.IntVar(&o.Customers, "customers", 1_000_000, "customers to simulate (1000–100000000)")
	f.Uint64Var(&o.Seed, "seed", 1, "seed")
	f.BoolVar(&o.JSON, "json", false, "print {simulated_mean_wait_min, erlang_c_mean_wait_min, relative_error} as JSON")
	return c
}

func runVerifyQueue(o verifyQueueOptions) int {
	c, lam, svc, n := o.Servers, o.Arrivals, o.Service, o.Customers
	switch {
	case c < 1 || c > maxServers:
		return usageError("verify queue", "--servers: expected from 1 to %d, got %d", maxServers, c)
	case !(lam > 0) || math.IsInf(lam, 0):
		return usageError("verify queue", "--arrivals-per-hour: expected a positive rate, got %g", lam)
	case !(svc > 0) || math.IsInf(svc, 0):
		return usageError("verify queue", "--service-mean-min: expected a positive time, got %g", svc)
	case n < 1000 || n > maxCustomers:
		return usageError("verify queue", "--customers: expected from 1000 to %d, got %d", maxCustomers, n)
	}
	want, err := engine.ErlangCWaitMin(c, lam, svc)
	if err != nil {
		return usageError("verify queue", "%v", err)
	}
	got, err := engine.MMc(c, lam, svc, n, o.Seed)
	if err != nil {
		return usageError("verify queue", "%v", err)
	}
	rel := math.Abs(got-want) / want
	if o.JSON {
		b, _ := json.Marshal(map[string]float64{
			"simulated_mean_wait_min": got,
			"erlang_c_mean_wait_min":  want,
			"relative_error":          rel,
		})
		fmt.Fprintln(stdout, string(b))
		return exitOK
	}
	fmt.Fprintf(stdout, "M/M/%d, λ = %g/h, mean service %g min, ρ = %.3f, %d customers\n", c, lam, svc, lam*svc/60/float64(c), n)
	fmt.Fprintf(stdout, "simulated mean wait  %.4f min\nErlang C mean wait   %.4f min\nrelative error       %.4f\n", got, want, rel)
	return exitOK
}
