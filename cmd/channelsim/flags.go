package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"channelsim/scenarios"
)

// exitStatus is a command's exit status, returned as an error by a
// command that has already reported what went wrong.
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// status turns a command's exit status into RunE's error.
func status(code int) error {
	if code == exitOK {
		return nil
	}
	return exitStatus(code)
}

// usageErr is a usage error found by cobra, a flag or an argument check:
// reported by execute with the command's hint line.
type usageErr struct {
	cmd *cobra.Command
	msg string
}

func (e *usageErr) Error() string { return e.msg }

// printUsageError writes "PATH: message" and the hint to run PATH --help.
func printUsageError(w io.Writer, path, msg string) {
	fmt.Fprintf(w, "%s: %s\nRun '%s --help' for usage.\n", path, msg, path)
}

// usageError reports a usage problem of the command NAME ("run",
// "verify queue") on stderr and returns exitUsage.
func usageError(name string, format string, a ...any) int {
	printUsageError(os.Stderr, "channelsim "+name, fmt.Sprintf(format, a...))
	return exitUsage
}

// flagError adds a "did you mean" to pflag's errors about unknown flags:
// the closest flag of the command, or the double-dash form of a long
// flag given with one dash (-days for --days).
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	names = append(names, "help")
	sort.Strings(names)
	switch {
	case strings.HasPrefix(msg, "unknown flag: --"):
		name, _, _ := strings.Cut(strings.TrimPrefix(msg, "unknown flag: --"), "=")
		if s := scenarios.Suggest(name, names); s != "" {
			msg += fmt.Sprintf("; did you mean --%s?", s)
		}
	case strings.HasPrefix(msg, "unknown shorthand flag:"):
		// "unknown shorthand flag: 'd' in -days"
		if i := strings.LastIndex(msg, " in -"); i >= 0 {
			name, _, _ := strings.Cut(msg[i+len(" in -"):], "=")
			if c.Flags().Lookup(name) != nil {
				msg += fmt.Sprintf("; did you mean --%s?", name)
			} else if s := scenarios.Suggest(name, names); s != "" {
				msg += fmt.Sprintf("; did you mean --%s?", s)
			}
		}
	}
	return &usageErr{cmd: c, msg: msg}
}

// noArgs, maxArgs and minArgs check the number of positional arguments,
// as usage errors that say what was expected.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageErr{cmd: c, msg: fmt.Sprintf("unexpected argument %q", args[0])}
	}
	return nil
}

func maxArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > n {
			return &usageErr{cmd: c, msg: fmt.Sprintf("expected at most %d %s, got %d: %s", n, what, len(args), strings.Join(args, " "))}
		}
		return nil
	}
}

// maxDays is the longest horizon, in days (as the scenario key days).
const maxDays = 3660

// checkDays refuses a --days that was given outside 1 to maxDays: --days
// N overrides the horizon of the scenario or sweep file in every command,
// and leaving it out keeps the file's; 0 is refused, not read as "the
// file's".
func checkDays(name string, days int) int {
	if days < 1 || days > maxDays {
		return usageError(name, "--days: expected a number of days from 1 to %d (leave it out for the file's horizon), got %d", maxDays, days)
	}
	return exitOK
}

// quoteOr quotes the suggestions: "a" or "a" or "b".
func quoteOr(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, " or ")
}

// completeScenario completes a scenario argument: the embedded scenarios'
// names with their first sentence, else TOML files.
func completeScenario(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return completeNames(scenarios.Names(), scenarioSummary, toComplete)
}

// completeSweep completes a sweep argument: the embedded sweeps' names,
// else TOML files.
func completeSweep(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return completeNames(scenarios.SweepNames(), nil, toComplete)
}

func completeNames(names []string, describe func(string) string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, toComplete) {
			if describe != nil {
				if d := describe(n); d != "" {
					n += "\t" + d
				}
			}
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// scenarioSummary is the first sentence of an embedded scenario's
// description, or "".
func scenarioSummary(name string) string {
	sc, err := scenarios.Load(name)
	if err != nil {
		return ""
	}
	return firstSentence(sc.Config.Description)
}

// fixedCompletion completes a flag from a fixed list.
func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// formats are the values of --format.
var formats = []string{"table", "json", "csv"}

// addFormatFlag adds --format table|json|csv and its shorthand --json.
func addFormatFlag(c *cobra.Command, format *string, asJSON *bool) {
	c.Flags().StringVar(format, "format", "table", "output format: table, json or csv")
	c.Flags().BoolVar(asJSON, "json", false, "print JSON (same as --format json)")
	c.RegisterFlagCompletionFunc("format", fixedCompletion(formats...))
}

// checkFormat reports a --format value other than table, json or csv.
func checkFormat(name, format string) int {
	for _, f := range formats {
		if f == format {
			return exitOK
		}
	}
	msg := fmt.Sprintf("--format: expected table, json or csv, got %q", format)
	if s := scenarios.Suggest(format, formats); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return usageError(name, "%s", msg)
}

// Bounds of the numeric flags (docs/cli.md, Limits). Each fits a
// laptop's memory and a working day's time at the largest value, and
// is checked before any work starts: a value outside is bad usage.
const (
	maxWorkers     = 1024      // --workers: goroutines, and the results they hold
	maxReps        = 1000      // --reps of compare, validate, calibrate, sensitivity
	maxDraws       = 1000      // --draws of a posterior sample
	maxDrawReps    = 100       // --draw-reps
	maxBins        = 200       // plot --bins
	maxLevels      = 200       // plot: the values an axis or a heatmap's rows may have
	maxMorrisR     = 1000      // sensitivity --r
	maxMorrisGrid  = 64        // sensitivity --levels
	maxSobolN      = 1 << 16   // sensitivity --n
	maxBoot        = 100_000   // sensitivity --boot
	maxParticles   = 10_000    // calibrate --particles
	maxGenerations = 100       // calibrate --generations
	maxServers     = 1000      // verify queue --servers
	maxCustomers   = 100000000 // verify queue --customers
	maxGIFPixels   = 1 << 28   // render: frames × width × height of a GIF (a byte each)
)

// checkInt refuses an integer flag outside lo…hi, naming the bound.
func checkInt(name, flag string, v, lo, hi int) int {
	if v < lo || v > hi {
		return usageError(name, "--%s: expected from %d to %d, got %d", flag, lo, hi, v)
	}
	return exitOK
}

// checkInts applies checkInt to each flag in turn; the first refusal
// is reported.
func checkInts(name string, checks ...intCheck) int {
	for _, c := range checks {
		if code := checkInt(name, c.flag, c.v, c.lo, c.hi); code != exitOK {
			return code
		}
	}
	return exitOK
}

type intCheck struct {
	flag      string
	v, lo, hi int
}

// checkShare refuses a number flag that is not within lo…hi (strictly
// inside with open), NaN included.
func checkShare(name, flag string, v, lo, hi float64, open bool) int {
	ok := v >= lo && v <= hi
	if open {
		ok = v > lo && v < hi
	}
	if !ok {
		between := "from %g to %g"
		if open {
			between = "strictly between %g and %g"
		}
		return usageError(name, "--%s: expected a number "+between+", got %g", flag, lo, hi, v)
	}
	return exitOK
}
