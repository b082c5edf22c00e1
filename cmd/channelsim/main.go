// Command channelsim runs the cross-Channel border simulation headless: single
// runs, verification checks, the physics explorer, parameter sweeps and
// scenario comparisons. It builds with CGO_ENABLED=0; the desktop viewer is
// the separate command channelsim-view.
//
// The command line is built with github.com/spf13/cobra (docs/cli.md says
// why): help on stdout when asked for, errors on stderr with one line of
// hint, "did you mean" suggestions, --version and shell completion.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses shared by every subcommand.
const (
	exitOK       = 0
	exitInternal = 1 // an internal failure
	exitUsage    = 2 // bad usage or bad input
	// exitBandMissed: validate ran fine and a target's mean is outside
	// its band, a finding about the model rather than a failure of the
	// program (1) or of its input (2).
	exitBandMissed = 3
)

// commandMakers are the subcommands' constructors, added by each
// subcommand's file in an init function, so that each subcommand lives in
// a file of its own. A fresh tree is built for every invocation (flags
// hold their values in the tree).
var commandMakers []func() *cobra.Command

func register(mk func() *cobra.Command) { commandMakers = append(commandMakers, mk) }

const rootLong = `channelsim simulates the cross-Channel border system of 2015: the Calais
camp, UK-bound lorries and their drivers, the juxtaposed controls at Calais
port and Coquelles, ferries and shuttles, and UK removals.

A SCENARIO is an embedded scenario's name (channelsim scenarios lists them)
or a TOML file. Exit status: 0 success, 1 internal failure, 2 bad usage or
input; validate: 3 when it ran and a band was missed.`

// newRoot builds the command tree.
func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "channelsim",
		Short:         "simulate the cross-Channel border system of 2015",
		Long:          rootLong,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			return unknownCommand(c, args[0])
		},
		RunE: func(c *cobra.Command, args []string) error {
			// channelsim alone: the help, on stderr since nothing was asked.
			c.SetOut(c.ErrOrStderr())
			c.Help()
			return exitStatus(exitUsage)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	root.SetVersionTemplate("channelsim {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.SetHelpCommand(newHelpCmd())
	root.CompletionOptions.HiddenDefaultCmd = false
	for _, mk := range commandMakers {
		root.AddCommand(mk())
	}
	return root
}

// newHelpCmd is 'channelsim help [COMMAND ...]': the command's help on
// stdout, or a usage error with a suggestion for an unknown command.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "help about any command",
		Long:  "Help prints the help of any command: channelsim help run, channelsim help physics table.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, s := range cmd.Commands() {
				if s.IsAvailableCommand() && strings.HasPrefix(s.Name(), toComplete) {
					names = append(names, s.Name()+"\t"+s.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				parent := root
				if cmd != nil {
					parent = cmd
				}
				bad := args[len(args)-1]
				if len(rest) > 0 {
					bad = rest[0]
				}
				return unknownCommand(parent, bad)
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// unknownCommand is the usage error for an unknown subcommand of c, with
// the closest commands as suggestions.
func unknownCommand(c *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q", name)
	if c.HasParent() {
		msg = fmt.Sprintf("unknown command %q for %q", name, c.CommandPath())
	}
	c.SuggestionsMinimumDistance = 2
	if s := c.SuggestionsFor(name); len(s) > 0 {
		msg += "; did you mean " + quoteOr(s) + "?"
	}
	return &usageErr{cmd: c, msg: msg}
}

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

// dispatch runs the command line args and returns the exit status. A
// panic (on this goroutine, or a worker's carried to it) is an internal
// error, exit status 1; a failed write to stdout turns success into 1.
func dispatch(args []string) (code int) {
	stdout.w, stdout.err = os.Stdout, nil
	defer func() {
		if r := recover(); r != nil {
			code = reportPanic(os.Stderr, r, debug.Stack())
		}
	}()
	code = execute(args, stdout, os.Stderr)
	if stdout.err != nil && (code == exitOK || code == exitBandMissed) {
		fmt.Fprintf(os.Stderr, "channelsim: writing the standard output: %v\n", stdout.err)
		code = exitInternal
	}
	return code
}

// execute runs args with cobra's output (help, completion scripts) on
// stdout and its errors on stderr, and maps errors to exit statuses: a
// command's own status, or exitUsage for a usage error, reported as
// "channelsim CMD: message" and one line of hint.
func execute(args []string, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(helpArg(root, args))
	c, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	var ue *usageErr
	if errors.As(err, &ue) && ue.cmd != nil {
		c = ue.cmd
	}
	if c == nil {
		c = root
	}
	printUsageError(stderr, c.CommandPath(), err.Error())
	return exitUsage
}

// helpArg turns "channelsim CMD help" into "channelsim CMD --help" when no
// file named help exists: "help" after a command asks for its help, not for
// a scenario named help.
func helpArg(root *cobra.Command, args []string) []string {
	if len(args) < 2 || args[len(args)-1] != "help" {
		return args
	}
	c, rest, err := root.Find(args[:len(args)-1])
	if err != nil || c == root || len(rest) > 0 {
		return args
	}
	if _, err := os.Stat("help"); err == nil {
		return args
	}
	out := append([]string(nil), args[:len(args)-1]...)
	return append(out, "--help")
}
