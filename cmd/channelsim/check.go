package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

	"channelsim/analysis"
	"channelsim/experiment"
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
	if err := checkTagRanges(); err != nil {
		reportLoadError(err)
		code = exitUsage
	}
	for _, f := range files {
		data, _ := safefile.ReadInput(f, scenarios.MaxFileBytes, "input file")
		// Telling the kinds apart decodes the file: its shape is checked
		// first, as every loader does.
		if !bytes.HasPrefix(data, []byte(posteriorHeader)) {
			if err := scenarios.CheckShape(f, data); err != nil {
				reportLoadError(err)
				code = exitUsage
				continue
			}
		}
		switch fileKind(data) {
		case "sweep":
			sw, err := experiment.Load(f)
			if err == nil {
				_, err = experiment.NewPlan(sw, 0, 0)
			}
			if err != nil {
				reportLoadError(err)
				code = exitUsage
				continue
			}
			fmt.Printf("%s: ok (sweep)\n", f)
			continue
		case "posterior":
			if err := checkPosterior(f, data); err != nil {
				reportLoadError(err)
				code = exitUsage
				continue
			}
			fmt.Printf("%s: ok (posterior)\n", f)
			continue
		}
		if scenarios.IsRangesFile(data) {
			if _, _, err := loadRangesFile(f, ""); err != nil {
				reportLoadError(err)
				code = exitUsage
				continue
			}
			fmt.Fprintf(stdout, "%s: ok (ranges)\n", f)
			continue
		}
		if _, err := scenarios.Load(f); err != nil {
			var es scenarios.Errors
			if errors.As(err, &es) && zeroValued(es) > len(es)/2 && len(es) > 3 && !hasKey(data, "extends") {
				// Every key the file leaves out is zero: one hint, not
				// an error for each.
				fmt.Fprintf(os.Stderr, "%s: no extends: a scenario file sets what differs from a base scenario, and without one every key it leaves out is 0 (%d errors follow from that); add a first line such as\n  extends = %q\n(channelsim scenarios lists the embedded ones), then check again\n", f, len(es), scenarios.Default)
				code = exitUsage
				continue
			}
			reportLoadError(err)
			code = exitUsage
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", f)
	}
	return code
}

// posteriorHeader begins calibrate's posterior.csv.
const posteriorHeader = "draw,weight,distance,scenario,scenario_sha256"

// fileKind says what an input file is by its content: "sweep" (TOML with
// [[parameters]] or a design), "posterior" (calibrate's posterior.csv), or
// "" (a scenario or a ranges file, told apart by scenarios.IsRangesFile).
func fileKind(data []byte) string {
	if bytes.HasPrefix(data, []byte(posteriorHeader)) {
		return "posterior"
	}
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err == nil {
		if _, ok := top["parameters"]; ok {
			return "sweep"
		}
		if _, ok := top["design"]; ok {
			return "sweep"
		}
	}
	return ""
}

// zeroValued counts the errors of a key left at 0 ("…, got 0").
func zeroValued(es scenarios.Errors) int {
	n := 0
	for _, e := range es {
		if strings.HasSuffix(e.Msg, "got 0") || strings.Contains(e.Msg, "got 0 ") || strings.Contains(e.Msg, "got 0,") {
			n++
		}
	}
	return n
}

// hasKey reports whether a TOML file sets the top-level key (false for a
// file that is not TOML).
func hasKey(data []byte, key string) bool {
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err != nil {
		return true // a syntax error: its own message says it
	}
	_, ok := top[key]
	return ok
}

// checkPosterior reads a posterior file against the scenario its first
// draw names.
func checkPosterior(path string, data []byte) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Read() // the header, which fileKind has seen
	recs, err := r.Read()
	if err != nil || len(recs) < 4 {
		return scenarios.Errors{{File: path, Line: 2, Msg: "a posterior file needs a header and at least one draw"}}
	}
	base, err := scenarios.Load(recs[3])
	if err != nil {
		return scenarios.Errors{{File: path, Line: 2, Key: "scenario", Msg: fmt.Sprintf("the draws name scenario %q, which cannot be loaded: %v", recs[3], err)}}
	}
	_, err = analysis.ParsePosterior(path, bytes.NewReader(data), base)
	return err
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

// checkTagRanges checks the plausible ranges of the key tags against the
// default scenario.
func checkTagRanges() error {
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		return err
	}
	_, err = scenarios.PlausibleRanges(sc.Config)
	return err
}

// loadRangesFile reads a ranges file against its base scenario: the one
// it names (base = ...), else want, else the default. When want is given
// and the file names another base, that is an error at the base line.
func loadRangesFile(path, want string) ([]scenarios.Range, *scenarios.Scenario, error) {
	data, err := safefile.ReadInput(path, scenarios.MaxFileBytes, "ranges file")
	if err != nil {
		return nil, nil, scenarios.Errors{{File: path, Msg: fmt.Sprintf("cannot read ranges file: %v", err)}}
	}
	var head scenarios.RangesFile
	if err := scenarios.DecodeStrict(path, data, &head, []string{"base", "range", "range.key", "range.low", "range.high", "range.why"}); err != nil {
		return nil, nil, err
	}
	base := head.Base
	switch {
	case base == "" && want != "":
		base = want
	case base == "":
		base = scenarios.Default
	case want != "" && base != want:
		line, col := scenarios.Positions(data)("base")
		return nil, nil, scenarios.Errors{{File: path, Line: line, Col: col, Key: "base", Msg: fmt.Sprintf("these ranges are for %q, not for %q", base, want)}}
	}
	sc, err := scenarios.Load(base)
	if err != nil {
		return nil, nil, err
	}
	rs, err := scenarios.ParseRanges(path, data, sc.Config)
	return rs, sc, err
}
