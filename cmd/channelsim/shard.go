package main

import (
	"fmt"
	"os"
	"path/filepath"

	"channelsim/experiment"
)

// resumeCommand is the command line, to paste into a shell in the
// working directory, that continues an interrupted sweep: the program as
// it was called (when it is channelsim), the sweep as given, and every
// option the plan and the shard depend on.
func resumeCommand(argv0, ref string, days, reps, k, n int, dir string) string {
	prog := "channelsim"
	if filepath.Base(argv0) == "channelsim" {
		prog = argv0
	}
	return experiment.ShellJoin(append([]string{prog}, experiment.ResumeArgs(ref, days, reps, k, n, dir)...))
}

// workingDir is the directory relative paths in a resume command are
// relative to.
func workingDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}

// settleShardIn reads the record of the output directory dir and settles
// the shard with it; on a refusal it reports it and returns exitUsage.
func settleShardIn(r experiment.ShardRequest, dir, plan string) (k, n int, how string, code int) {
	rec, err := experiment.ReadRecord(dir)
	if err == nil {
		k, n, how, err = experiment.SettleShard(r, dir, rec, plan)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim sweep: %v\n", err)
		return 0, 0, "", exitUsage
	}
	return k, n, how, exitOK
}
