package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// bin is the channelsim binary built once for the end-to-end tests, with
// CGO_ENABLED=0 as on a cluster node.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "channelsim-cli")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "channelsim")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		panic("building channelsim with CGO_ENABLED=0: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs the binary and returns its exit status, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	r, err := runCLI(args...)
	if err != nil {
		t.Fatal(err)
	}
	return r.code, r.out, r.errs
}

// cliRun is what one run of the binary gave: its exit status, stdout and
// stderr.
type cliRun struct {
	code      int
	out, errs string
}

// runCLI runs the binary; err is a failure to run it at all (cli for a
// test, runCLI for a fixture that tests share).
func runCLI(args ...string) (cliRun, error) {
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := cliRun{out: out.String(), errs: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code, err = ee.ExitCode(), nil
	}
	return r, err
}

func TestRunJSONHasTheStableKeys(t *testing.T) {
	t.Parallel()
	code, out, errs := cli(t, "run", "--days", "3", "--json", "--seed", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"scenario", "seed", "days", "lorries_arrived", "lorries_departed", "lorries_searched",
		"search_rate", "freight_delay_mean_min", "freight_delay_p95_min", "queue_max_lorries", "detections_total",
		"detections_by_method", "searches_by_method", "false_alarms_total", "xray_scans", "contraband_detections",
		"stowaway_dose_usv_total", "stowaway_dose_usv_max", "driver_dose_usv_total", "xray_process_time_mean_min",
		"migrants_in_camp_start", "migrants_in_camp_end", "boarding_attempts", "stowaways_boarded",
		"stowaways_detected_controls", "stowaways_detected_uk_arrival", "clandestine_arrivals_uk",
		"in_country_encounters", "attempts_per_person_mean", "civil_penalties_gbp", "hours_concealed_mean",
		"removal_plans", "removal_plans_cancelled", "removal_cancellation_rate", "cancellations_by_cause",
		"removals_completed", "removals_escorted", "removals_charter", "tickets_issued", "tickets_cancelled",
		"tickets_per_removal", "ticket_spend_gbp", "ticket_loss_gbp", "ticket_loss_true_gbp", "ticket_loss_share",
		"escort_utilisation", "detention_days_mean", "charter_flights"} {
		if _, ok := s[k]; !ok {
			t.Errorf("summary lacks key %q", k)
		}
	}
	if s["seed"].(float64) != 5 || s["days"].(float64) != 3 {
		t.Errorf("--seed/--days not applied: %v %v", s["seed"], s["days"])
	}
}

// TestRunOutputs: --out writes the three files; flags may follow the
// scenario; the same seed gives byte-identical summary.json and daily.csv.
func TestRunOutputs(t *testing.T) {
	t.Parallel()
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, errs := cli(t, "run", "baseline-2015", "--days", "4", "--out", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	for _, f := range []string{"summary.json", "daily.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed (or is empty)", f)
		}
	}
	daily, _ := os.ReadFile(filepath.Join(a, "daily.csv"))
	lines := strings.Split(strings.TrimSpace(string(daily)), "\n")
	if !strings.HasPrefix(lines[0], "date,") || len(lines) != 5 {
		t.Errorf("daily.csv: want a date column first and 4 rows, got %d lines:\n%s", len(lines), daily)
	}
	var man map[string]any
	mb, _ := os.ReadFile(filepath.Join(a, "manifest.json"))
	if err := json.Unmarshal(mb, &man); err != nil || man["scenario_sha256"] == "" || man["seed"] == nil {
		t.Errorf("manifest.json: %v %s", err, mb)
	}
	left, _ := filepath.Glob(filepath.Join(a, ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestBadInputExits2: broken scenario files and bad flags give a clear
// message and exit status 2, never a panic or partial output.
func TestBadInputExits2(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"check", "../../scenarios/testdata/bad/unknown-key.toml"}, "unknown-key.toml:4:1: port.checkin_lane: unknown key"},
		{[]string{"check", "../../scenarios/testdata/bad/negative.toml"}, "negative.toml:4:1: port.ships"},
		{[]string{"run", "../../scenarios/testdata/bad/syntax.toml", "--out", out}, "syntax.toml:2"},
		{[]string{"run", "no-such-scenario"}, "not an embedded scenario"},
		{[]string{"run", "--days", "0"}, "--days"},
		{[]string{"run", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"verify", "queue", "--servers", "0", "--arrivals-per-hour", "1", "--service-mean-min", "1"}, "--servers"},
		{[]string{"verify", "queue", "--servers", "1", "--arrivals-per-hour", "60", "--service-mean-min", "2"}, "unstable"},
	}
	for _, tc := range cases {
		code, _, errs := cli(t, tc.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", tc.args, code, errs)
		}
		if !strings.Contains(errs, tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errs, tc.want)
		}
		if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
			t.Errorf("%v panicked: %s", tc.args, errs)
		}
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("a failed run wrote output: %v", ents)
	}
}

// TestHelpEverywhere: -h, --help, help CMD and CMD help print the
// command's help once, on stdout, and exit 0.
func TestHelpEverywhere(t *testing.T) {
	t.Parallel()
	for _, c := range []string{"run", "check", "scenarios", "verify", "validate", "physics", "sweep", "merge", "plot", "compare", "render", "columns"} {
		for _, args := range [][]string{{c, "--help"}, {c, "-h"}, {"help", c}, {c, "help"}} {
			code, out, errs := cli(t, args...)
			if code != 0 || !strings.Contains(out, "channelsim "+c) || errs != "" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
			}
			if n := strings.Count(out, "Usage:"); n != 1 {
				t.Errorf("%v: the usage is printed %d times", args, n)
			}
		}
	}
	code, out, _ := cli(t, "help", "physics", "table")
	if code != 0 || !strings.Contains(out, "channelsim physics table") {
		t.Errorf("help physics table: exit %d, %q", code, out)
	}
}

func TestScenariosListsEmbedded(t *testing.T) {
	t.Parallel()
	code, out, _ := cli(t, "scenarios")
	if code != 0 {
		t.Fatal(code)
	}
	for _, n := range []string{"baseline-2015", "xray-for-people", "xray-dose-capped", "surge-after-paris", "high-intensity",
		"low-intensity", "police-reinforcement-oct-2015", "roadblocks-2016", "escorts-plus-50", "escorts-minus-25",
		"refundable-tickets", "charter-heavy"} {
		if !strings.Contains(out, n+" ") {
			t.Errorf("scenarios does not list %s", n)
		}
	}
}

// TestVerifyQueueJSON: the verification of the queue engine, callable alone.
func TestVerifyQueueJSON(t *testing.T) {
	t.Parallel()
	code, out, errs := cli(t, "verify", "queue", "--servers", "4", "--arrivals-per-hour", "19.2", "--service-mean-min", "10",
		"--customers", "1000000", "--seed", "3", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r map[string]float64
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r["relative_error"] > 0.02 || r["erlang_c_mean_wait_min"] <= 0 {
		t.Errorf("M/M/4 at ρ = 0.8: %v", r)
	}
}
