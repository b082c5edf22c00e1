// Command channelsim runs the cross-Channel border simulation headless: single
// runs, verification checks, the physics explorer, parameter sweeps and
// scenario comparisons. It builds with CGO_ENABLED=0; the desktop viewer is
// the separate command channelsim-view.
package main

import (
	"fmt"
	"os"
	"sort"
)

// Exit statuses shared by every subcommand.
const (
	exitOK       = 0
	exitInternal = 1 // an internal failure
	exitUsage    = 2 // bad usage or bad input
)

// command is one subcommand. run gets the arguments after the subcommand's
// name and returns the exit status.
type command struct {
	summary string
	run     func(args []string) int
}

// commands is filled by each subcommand's file in an init function, so that
// each subcommand lives in a file of its own.
var commands = map[string]command{}

func register(name, summary string, run func([]string) int) {
	if _, dup := commands[name]; dup {
		panic("channelsim: command registered twice: " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

func usage() {
	fmt.Fprintf(os.Stderr, "channelsim simulates the cross-Channel border system of 2015.\n\nUsage:\n  channelsim COMMAND [ARGS]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(os.Stderr, "\nRun 'channelsim COMMAND --help' for a command's flags.\n")
}

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

func dispatch(args []string) int {
	if len(args) == 0 {
		usage()
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		usage()
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "channelsim: unknown command %q\n\n", args[0])
		usage()
		return exitUsage
	}
	return c.run(args[1:])
}
