package main

import (
	"fmt"
	"os"

	"channelsim/scenarios"
)

func init() {
	register("check", "check scenario files; FILE:LINE:COL errors, exit 2 if any is invalid", runCheck)
	register("scenarios", "list the embedded scenarios, or print the scenario reference", runScenarios)
}

func runCheck(args []string) int {
	fs := newFlags("check", "FILE...", "Checks each scenario file (or embedded name): exit 0 if all are valid;\notherwise FILE:LINE:COL: message lines on stderr and exit 2.")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) == 0 {
		return usageError(fs, "expected at least one scenario file")
	}
	status := exitOK
	for _, f := range pos {
		if _, err := scenarios.Load(f); err != nil {
			reportLoadError(err)
			status = exitUsage
			continue
		}
		fmt.Printf("%s: ok\n", f)
	}
	return status
}

func runScenarios(args []string) int {
	fs := newFlags("scenarios", "[--reference] [--show NAME]", "Lists the embedded scenarios, one a line: name, then description.\nWith --reference, prints the Markdown reference of every scenario key\n(docs/scenarios.md); with --show NAME, prints an embedded scenario's TOML.")
	ref := fs.Bool("reference", false, "print the scenario key reference as Markdown")
	show := fs.String("show", "", "print the TOML of the embedded scenario NAME")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return usageError(fs, "unexpected argument %q", pos[0])
	}
	switch {
	case *ref:
		fmt.Print(scenarios.Reference())
	case *show != "":
		b, ok := scenarios.Embedded(*show)
		if !ok {
			return usageError(fs, "no embedded scenario %q", *show)
		}
		os.Stdout.Write(b)
	default:
		for _, n := range scenarios.Names() {
			sc, err := scenarios.Load(n)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", n, err)
				return exitInternal
			}
			fmt.Printf("%-30s %s\n", n, firstSentence(sc.Config.Description))
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
