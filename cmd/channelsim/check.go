package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/internal/safefile"
	"channelsim/scenarios"
)

func init() {
	register(newCheckCmd)
	register(newScenariosCmd)
}

func newCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check FILE...",
		Short: "check scenario, sweep, ranges and posterior files; FILE:LINE:COL errors, exit 2 if any is invalid",
		Long: "Checks each file as what its content says it is: a scenario file (or embedded\n" +
			"name), a sweep file (one with [[parameters]] or a design, docs/sweeps.md), a\n" +
			"ranges file (one with [[range]] tables, docs/sensitivity.md) or a posterior file\n" +
			"(calibrate's posterior.csv, checked against the scenario its rows name). Exit 0\n" +
			"if all are valid; otherwise every error of\n" +
			"each file (up to " + fmt.Sprint(scenarios.MaxErrors) + " a file) as FILE:LINE:COL: key: what was expected,\n" +
			"on stderr, and exit 2. It also checks the plausible ranges in the key tags\n" +
			"(docs/scenarios.md): each must contain the default scenario's value and lie\n" +
			"within the key's allowed values.",
		Example:           "  channelsim check my-scenario.toml\n  channelsim check scenarios/embedded/*.toml",
		ValidArgsFunction: completeScenario,
		RunE: func(c *cobra.Command, args []string) error {
			return status(runCheck(args))
		},
	}
}

// runCheck checks each file and reports all of its errors.
func runCheck(files []string) int {
	if len(files) == 0 {
		return usageError("check", "expected at least one scenario file")
	}
	code := exitOK
	if err := analysis.CheckTagRanges(); err != nil {
		reportLoadError(err)
		code = exitUsage
	}
	for _, f := range files {
		data, _ := safefile.ReadInput(f, scenarios.MaxFileBytes, "input file")
		kind, err := analysis.CheckFile(f, data)
		var noExtends analysis.NoExtendsError
		switch {
		case errors.As(err, &noExtends):
			fmt.Fprintln(os.Stderr, noExtends.Error())
			code = exitUsage
		case err != nil:
			reportLoadError(err)
			code = exitUsage
		case kind == analysis.KindSweep || kind == analysis.KindPosterior:
			fmt.Printf("%s: ok (%s)\n", f, kind)
		case kind == analysis.KindRanges:
			fmt.Fprintf(stdout, "%s: ok (ranges)\n", f)
		default:
			fmt.Fprintf(stdout, "%s: ok\n", f)
		}
	}
	return code
}

// scenariosOptions are the scenarios command's parsed command line.
type scenariosOptions struct {
	Reference bool
	Show      string
	Format    string
}

func newScenariosCmd() *cobra.Command {
	var o scenariosOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "scenarios",
		Short: "list the embedded scenarios, or print the scenario reference",
		Long: "Lists the embedded scenarios, one a line: name, then description (--format json:\n" +
			"an array of {name, description, sha256}).\n" +
			"With --reference, prints the Markdown reference of every scenario key\n" +
			"(docs/scenarios.md); with --show NAME, prints an embedded scenario's TOML.",
		Example: "  channelsim scenarios\n  channelsim scenarios --show xray-for-people > mine.toml\n  channelsim scenarios --json",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if asJSON {
				o.Format = "json"
			}
			return status(runScenarios(o))
		},
	}
	f := c.Flags()
	f.BoolVar(&o.Reference, "reference", false, "print the scenario key reference as Markdown")
	f.StringVar(&o.Show, "show", "", "print the TOML of the embedded scenario NAME")
	addFormatFlag(c, &o.Format, &asJSON)
	c.RegisterFlagCompletionFunc("show", func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return scenarios.Names(), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}

func runScenarios(o scenariosOptions) int {
	if code := checkFormat("scenarios", o.Format); code != exitOK {
		return code
	}
	switch {
	case o.Reference:
		fmt.Fprint(stdout, scenarios.Reference())
	case o.Show != "":
		b, ok := scenarios.Embedded(o.Show)
		if !ok {
			msg := fmt.Sprintf("no embedded scenario %q", o.Show)
			if s := scenarios.Suggest(o.Show, scenarios.Names()); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; the embedded scenarios are: " + strings.Join(scenarios.Names(), ", ")
			}
			return usageError("scenarios", "%s", msg)
		}
		stdout.Write(b)
	default:
		type entry struct {
			Name        string `json:"name"`
			Description string `json:"description"`
			Summary     string `json:"summary"`
			SHA256      string `json:"sha256"`
		}
		var list []entry
		for _, n := range scenarios.Names() {
			sc, err := scenarios.Load(n)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", n, err)
				return exitInternal
			}
			list = append(list, entry{n, sc.Config.Description, firstSentence(sc.Config.Description), sc.Hash})
		}
		switch o.Format {
		case "json":
			b, err := json.MarshalIndent(list, "", "  ")
			if err != nil {
				fmt.Fprintf(os.Stderr, "channelsim scenarios: %v\n", err)
				return exitInternal
			}
			stdout.Write(append(b, '\n'))
		case "csv":
			rows := [][]string{{"name", "summary", "sha256"}}
			for _, e := range list {
				rows = append(rows, []string{e.Name, e.Summary, e.SHA256})
			}
			writeCSV(stdout, rows)
		default:
			for _, e := range list {
				fmt.Fprintf(stdout, "%-30s %s\n", e.Name, e.Summary)
			}
		}
	}
	return exitOK
}

func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}
