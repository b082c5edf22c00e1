package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

var update = flag.Bool("update", false, "rewrite docs/cli.md from the command tree")

const cliHeader = `# Command-line reference

Generated from the command tree: ` + "`go test ./cmd/channelsim -run TestCLIReference -update`" + `
rewrites this file, and the test fails when it is out of date. ` + "`channelsim help COMMAND`" + `
prints the same for one command.

## Conventions

- ` + "`-h`, `--help`, `channelsim help COMMAND` and `channelsim COMMAND help`" + ` print a
  command's help once, on stdout (so ` + "`channelsim run --help | less`" + ` works).
- Errors go to stderr as one line naming the problem, then one line of hint
  (` + "`Run 'channelsim run --help' for usage.`" + `); unknown commands, flags, scenario
  and sweep names, plot columns and formats get a "did you mean".
- Exit status: 0 success, 1 internal failure, 2 bad usage or input, and for
  ` + "`validate`" + ` 3 when a band was missed (see [Exit status](#exit-status)).
- Flags are GNU-style (` + "`--days 14` or `--days=14`" + `) and may follow the arguments.
- Output files are written before anything is printed on stdout, so a reader
  that stops early (` + "`| head`" + `) loses nothing; progress, timing and "wrote"
  messages go to stderr.
- ` + "`channelsim --version`" + ` prints the module version, commit and commit date
  (from the Go toolchain's VCS stamp, or from the values ` + "`make build`" + ` stamps
  with -ldflags); every manifest records the same.
- Shell completion: ` + "`channelsim completion bash|zsh|fish`" + ` prints a script that
  completes commands, flags, embedded scenario and sweep names and plot columns
  (README.md shows how to install it).

## Exit status

Every command ends with one of three statuses, tested for each command by
` + "`TestExitCodeContract`" + ` (cmd/channelsim/exitcodes_test.go); ` + "`validate`" + ` has a
fourth, 3, for a finding about the model rather than a failure (` + "`TestValidateStatus`" + `):

| status | meaning | examples |
|---|---|---|
| 0 | success | the outputs are written, the table printed |
| 1 | internal failure: the program or its environment failed | a full disk or a file-size limit (stdout included: a result printed into a full disk or /dev/full is a failure), an output directory that cannot be created, a model that cannot be built, a bug (a panic is reported as "internal error" with what to send in a bug report, never with Go's status 2); ` + "`verify`" + ` when a check fails |
| 2 | bad usage or input: what was asked cannot be done as asked | an unknown flag or command; ` + "`--days 0`" + `; a scenario or sweep file with an error (every error, as FILE:LINE:COL); an input that is a device or FIFO or over a limit; a numeric flag outside its bound; ` + "`--out`" + ` naming a file where a directory is needed, a directory of other files or of another command's output, or one in use by another process; a sweep directory of another sweep or shard, or of a changed base scenario; shards that do not make one sweep; a runs.csv row that is not the plan's run |
| 3 | ` + "`validate`" + ` only: it ran fine and a band was missed | the mean over the seeds of a target of the period (` + "`--period`" + `, in sample or out of sample) is outside its band (context figures have none; the seeds in the band, the split and 2016's ARD row are reported, not judged); scripts that only need the table can accept 0 and 3 |

A failure, of either kind, leaves no half-written output: each file is
written to a temporary file and renamed into place, and a directory's files
are written into a temporary directory inside it and moved in together, the
manifest (or the marker file) last; ` + "`run`" + `'s manifest.json also names every
other file with its size and SHA-256. A sweep's runs.csv is the exception by
design: it grows run by run so that ` + "`--resume`" + ` can continue it, and its
manifest records how many runs are done.

## Output directories

Every command that writes a directory (` + "`run --out`" + `, ` + "`compare --out`" + `,
` + "`render --frames`" + `, ` + "`sweep`" + `, ` + "`merge`" + `, ` + "`calibrate`" + `, ` + "`sensitivity`" + `) follows one
contract, tested by ` + "`TestOutDirContract`" + ` and ` + "`TestHostileCorpus`" + `:

- It takes a directory only if it is new, empty, or holds nothing but an
  earlier output of the same command: the directory's record,
  ` + "`.channelsim-output.json`" + `, names the command and every file it wrote, and
  a name is claimed in the record before the file is written. Anything else
  there (a user's ` + "`manifest.json`" + `, ` + "`notes.txt`" + `, another command's output, a
  symbolic link) is refused, naming it, and nothing in the directory is
  changed. (Directories written before the record existed are refused too:
  write into a new one.)
- It removes only files its record lists, when a new output replaces an
  earlier one; it never removes a directory.
- It holds the directory's lock, ` + "`.channelsim.lock`" + ` (flock(2), released when
  the process ends however it ends), from the start of the command to its
  end: a second command writing the same directory is refused, naming the
  holder's pid. A single-file output (` + "`plot`" + `, ` + "`validate --out`" + `, ` + "`render`" + `
  of one frame or a GIF) is refused inside a directory that holds a record
  or a lock.
- No written path follows a symbolic link: files are created with
  O_EXCL|O_NOFOLLOW or renamed over their name, and a lock or record that
  is a link, a FIFO or a device is refused.
- Temporary files (` + "`.channelsim-tmp-*`" + `) left by a killed process are removed
  when the directory is next taken.

` + "`--days N`" + ` means the same in every command: the horizon, 1 to 3660 days, in
place of the scenario's or sweep file's; left out, the file's horizon is
kept; ` + "`--days 0`" + ` is refused.

## Limits

Inputs are checked against these limits before any expensive work, and a
refusal names the limit (exit status 2):

| input | limit |
|---|---|
| a scenario or sweep file | a regular file (not a device, FIFO or directory) of at most 1 MiB |
| ` + "`extends`" + ` | a chain of at most 8 files, without cycles |
| numbers in a scenario or sweep file | finite (` + "`inf`" + ` and ` + "`nan`" + ` are refused, shown as written) and within each key's range (docs/scenarios.md) |
| weights that are normalised (` + "`hour_profile`" + `, ` + "`trailer_mix`" + `, ` + "`nationality_shares`" + `, removal ` + "`causes`" + `, regions' ` + "`share`" + `) | a positive sum |
| ` + "`removals.within_week`" + ` | at least ` + "`within_day`" + ` (the week includes the day) |
| ` + "`seed`" + `, ` + "`--seed`" + ` | 0 to 2⁶³ − 1 (recorded as a signed 64-bit integer) |
| a sweep's points | at most 100,000 (a factorial design's product of values, a range's steps, a Latin hypercube's samples), counted before any point is made |
| a sweep's runs (points × replications) | at most 1,000,000; ` + "`replications`" + ` and ` + "`--reps`" + ` at least 1 |
| a sweep's ` + "`name`" + ` | no ` + "`/`" + `, ` + "`\\`" + ` or ` + "`..`" + `: without ` + "`--out`" + `, the output is ` + "`sweep-NAME`" + ` in the working directory |
| a sweep's parameters | not ` + "`days`" + `, ` + "`seed`" + `, ` + "`extends`" + ` or ` + "`name`" + ` (the sweep's horizon and seeds, and the resolved base) |
| a sweep's plan | identified by the sweep file, the resolved base scenario (after ` + "`extends`" + `), the horizon and the replications: a shard, a merge or a ` + "`--resume`" + ` of a plan that differs is refused, naming what changed |
| an output directory | one process at a time, and only a new, empty or same-command directory (see [Output directories](#output-directories)) |
| runs.csv read by ` + "`--resume`" + ` and ` + "`merge`" + ` | each row checked against the plan: its columns, run, point, replication, seed, parameter values, and numbers in the metric columns; a directory without its manifest.json cannot be resumed |
| a CSV file read by ` + "`plot`" + ` or ` + "`columns`" + ` | a regular file; its header within its first 1 MiB; a ` + "`plot`" + ` axis of at most 200 values (a numeric column of more is binned) |
| a TOML text (scenario, sweep, ranges file) | checked before it is decoded: a key path of at most 16 segments (a table header's and a dotted key's together), a key of at most 1 KiB, arrays and inline tables nested at most 16 deep |
| a line of runs.csv, a posterior file or a manifest | at most 1 MiB (a manifest at most 16 MiB in all); a posterior file of at most 1,000,000 draws, whose weights sum to a positive finite number |
| numeric flags | each within the bound its help gives, checked before any work: ` + "`--workers`" + ` 0–1024; ` + "`--reps`" + ` 2–1000 (` + "`compare`" + `, ` + "`validate`" + `), 1–1000 (` + "`calibrate`" + `, ` + "`sensitivity`" + `); ` + "`--draws`" + ` 2–1000; ` + "`--draw-reps`" + ` 1–100; ` + "`--negligible`" + ` 0–1; ` + "`--particles`" + ` 4–10000; ` + "`--generations`" + ` 1–100; ` + "`--alpha`" + `, ` + "`--pacc-min`" + ` strictly between 0 and 1; ` + "`--r`" + ` 2–1000; ` + "`--levels`" + ` even, 2–64; ` + "`--n`" + ` 2–65536; ` + "`--boot`" + ` 10–100000; ` + "`--bins`" + ` 2–200; ` + "`--shard K/N`" + ` N ≤ 1,000,000; ` + "`render`" + ` 320–4096 × 240–4096 pixels, 1–10000 frames, a GIF at most 2²⁸ pixels in all (frames × width × height); ` + "`verify queue --servers`" + ` 1–1000, ` + "`--customers`" + ` 1000–10⁸; NaN is refused everywhere |

A hostile corpus of the failures of issue 27 (data loss through ` + "`--out`" + `, locks,
symbolic links, mixed plans, inputs that exhausted memory or hung, ignored
write errors, crashes) runs with the tests: ` + "`TestHostileCorpus`" + ` and
` + "`TestLockHonouredByEveryWriter`" + ` (cmd/channelsim/hostile_test.go) run each case
under 2 GB of address space and 30 s, in about 5 s.

## Why cobra

The command line is built on [spf13/cobra](https://github.com/spf13/cobra) with
[spf13/pflag](https://github.com/spf13/pflag), the library behind kubectl, gh,
hugo and docker: Go users already know its conventions (GNU flags, ` + "`help CMD`" + `,
` + "`completion`" + `), and it gives, maintained upstream rather than by hand here,
nested subcommands, help and usage text, "did you mean" for commands, shell
completion for bash, zsh, fish and PowerShell with dynamic values, and this
reference. The standard library's flag package has none of these beyond flag
parsing; urfave/cli and kong are smaller but less used, and their completion and
documentation stories are thinner. Cobra adds two small dependencies to the
binary (pflag and, on Windows only, mousetrap); its doc generator is used by
this test alone.

`

// cliReference is docs/cli.md: the header, then every visible command's
// help as Markdown, depth first in the order of the tree.
func cliReference(t *testing.T) string {
	var b bytes.Buffer
	b.WriteString(cliHeader)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		if err := doc.GenMarkdownCustom(c, &b, func(name string) string {
			return "#" + strings.ReplaceAll(strings.TrimSuffix(name, ".md"), "_", "-")
		}); err != nil {
			t.Fatal(err)
		}
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() || s.Name() == "help" {
				walk(s)
			}
		}
	}
	root := newRoot()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	walk(root)
	return b.String()
}

func TestCLIReference(t *testing.T) {
	want := cliReference(t)
	const path = "../../docs/cli.md"
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("docs/cli.md: %v", err)
	}
	if string(got) != want {
		t.Error("docs/cli.md is out of date: run 'go test ./cmd/channelsim -run TestCLIReference -update'")
	}
}
