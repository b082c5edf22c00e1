package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmbeddedScenariosLoad(t *testing.T) {
	names := Names()
	if len(names) == 0 || names[0] == "" {
		t.Fatal("no embedded scenarios")
	}
	for _, n := range names {
		sc, err := Load(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if sc.Config.Name != n {
			t.Errorf("embedded scenario %s is named %q inside", n, sc.Config.Name)
		}
	}
}

// TestBadScenarios is the table of broken files: each gets an error that
// names the file, the line and the key and says what was expected.
func TestBadScenarios(t *testing.T) {
	cases := []struct {
		file string
		line int
		want []string // substrings of the error
	}{
		{"syntax.toml", 2, []string{"syntax.toml:2"}},
		{"unknown-key.toml", 4, []string{"port.checkin_lane", "unknown key", `did you mean "port.checkin_lanes"`}},
		{"wrong-type.toml", 3, []string{"days", "expected integer"}},
		{"negative.toml", 4, []string{"port.ships", "expected a value from 0 to 100 ships, got -3"}},
		{"absurd.toml", 4, []string{"controls.search_share", "from 0 to 1", "got 7.5"}},
		{"cycle-a.toml", 0, []string{"extends cycle", "cycle-b.toml"}},
		{"missing-extends.toml", 1, []string{"no-such-file.toml", "cannot read scenario"}},
		{"bare-duration.toml", 4, []string{"port.crossing", "duration string"}},
		{"short-profile.toml", 4, []string{"freight.hour_profile", "exactly 24 values, got 3"}},
		{"bad-enum.toml", 4, []string{"officers.shifts", "site", `"port", "tunnel"`, `"harbour"`}},
		{"late-series.toml", 4, []string{"migrants.arrivals[0].from", "on or before the start date"}},
		{"unknown-spot.toml", 5, []string{"migrants.police[0].spot", `"spot-nowhere"`}},
		{"backwards-closure.toml", 6, []string{"closures[0].to", "end after the start"}},
		{"backwards-transfer.toml", 5, []string{"migrants.transfers[0].to", "on or after the first (2015-09-01), got 2015-08-01"}},
		{"unknown-works-spot.toml", 5, []string{"migrants.works[0].spot", `"all"`}},
		{"zero-reach.toml", 3, []string{"migrants.spots[0].lorry_share", "above 0"}},
		{"fleet-order.toml", 8, []string{"port.fleet[1].from", "after the one before (2015-07-10T00:00)"}},
		{"stop-off-terminal.toml", 12, []string{"migrants.spots[0].stop_chance", `expected 0 at a "queue" spot`}},
	}
	for _, tc := range cases {
		path := filepath.Join("testdata", "bad", tc.file)
		_, err := Load(path)
		if err == nil {
			t.Errorf("%s: loaded without error", tc.file)
			continue
		}
		var es Errors
		if !errors.As(err, &es) {
			t.Errorf("%s: error %T is not scenarios.Errors: %v", tc.file, err, err)
			continue
		}
		msg := err.Error()
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: error %q does not contain %q", tc.file, msg, w)
			}
		}
		if tc.line > 0 {
			found := false
			for _, e := range es {
				if strings.HasSuffix(e.File, tc.file) && e.Line == tc.line {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no error at line %d: %v", tc.file, tc.line, msg)
			}
		}
	}
}

func TestExtendsInheritsAndOverrides(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mid.toml"), []byte("extends = \"baseline-2015\"\nname = \"mid\"\n[port]\nships = 5\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "top.toml"), []byte("extends = \"mid.toml\"\nname = \"top\"\ndays = 10\n"), 0o644)
	sc, err := Load(filepath.Join(dir, "top.toml"))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := Load("baseline-2015")
	c := sc.Config
	if c.Name != "top" || c.Days != 10 || c.Port.Ships != 5 {
		t.Errorf("overrides lost: name %q days %d ships %d", c.Name, c.Days, c.Port.Ships)
	}
	if c.Port.LorriesPerSailing != base.Config.Port.LorriesPerSailing || c.Freight.UKBoundPerYear != base.Config.Freight.UKBoundPerYear {
		t.Error("inherited keys differ from the base")
	}
	if sc.Hash == base.Hash {
		t.Error("different scenarios hash the same")
	}
}

func TestReferenceIsCurrent(t *testing.T) {
	b, err := os.ReadFile("../docs/scenarios.md")
	if err != nil {
		t.Fatalf("docs/scenarios.md: %v", err)
	}
	if string(b) != Reference() {
		t.Error("docs/scenarios.md is out of date: run 'go run ./cmd/channelsim scenarios --reference > docs/scenarios.md'")
	}
}

func TestEveryKeyDocumented(t *testing.T) {
	for _, k := range Keys() {
		if k.Doc == "" {
			t.Errorf("key %s has no doc tag", k.Path)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := knownPaths()
	for in, want := range map[string]string{
		"port.checkin_lane":       "port.checkin_lanes",
		"controls.serch_share":    "controls.search_share",
		"tunnel.lorries_per_shtl": "",
	} {
		if got := suggest(in, known); got != want && want != "" {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLoad checks that no input makes the loader panic: every bad file
// gives an error.
func FuzzLoad(f *testing.F) {
	b, _ := Embedded(Default)
	f.Add(string(b))
	f.Add("name = \"x\"\n[port]\nships = 3\n")
	f.Add("extends = \"baseline-2015\"\n[[closures]]\nsite=\"both\"\n")
	f.Add("a = [1, [2, {b = 3}]]\n\"q.k\" = '''\nx\n'''\n")
	// The cases of the reliability findings: devices, non-finite and
	// degenerate numbers, bounds, an empty file.
	ents, _ := os.ReadDir(filepath.Join("testdata", "bad"))
	for _, e := range ents {
		if b, err := os.ReadFile(filepath.Join("testdata", "bad", e.Name())); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("extends = \"/dev/zero\"\n")
	f.Add("extends = \"baseline-2015\"\nseed = -1\n[freight]\nuk_bound_per_year = inf\n")
	f.Add("")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		p := filepath.Join(dir, "fuzz.toml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Skip()
		}
		sc, err := Load(p)
		if err == nil && sc.Config == nil {
			t.Fatal("nil config without error")
		}
		_ = scanKeyLines(text)
	})
}

// TestEveryErrorReported: a type error does not hide the errors after it
// or before it: the wrong types, the unknown key, the bad duration and the
// value out of range of many.toml all come back, in line order.
func TestEveryErrorReported(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "bad", "many.toml"))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is not Errors", err)
	}
	want := []struct {
		line int
		key  string
	}{{3, "days"}, {5, "port.checkin_lane"}, {6, "port.ships"}, {7, "port.crossing"}, {9, "controls.search_share"}}
	if len(es) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(es), len(want), err)
	}
	for i, w := range want {
		if es[i].Line != w.line || es[i].Key != w.key || es[i].Col == 0 || !strings.Contains(es[i].Msg, "expected") && !strings.Contains(es[i].Msg, "unknown key") {
			t.Errorf("error %d: %v, want line %d key %s", i, es[i], w.line, w.key)
		}
	}
	// More than MaxErrors: the first MaxErrors and a count of the rest.
	var b strings.Builder
	b.WriteString("extends = \"baseline-2015\"\nname = \"x\"\n")
	for i := 0; i < MaxErrors+10; i++ {
		fmt.Fprintf(&b, "unknown_%d = 1\n", i)
	}
	path := filepath.Join(t.TempDir(), "lots.toml")
	os.WriteFile(path, []byte(b.String()), 0o644)
	_, err = Load(path)
	if !errors.As(err, &es) || len(es) != MaxErrors+1 || !strings.Contains(es[MaxErrors].Msg, "10 more errors") {
		t.Errorf("%d errors; last %v", len(es), es[len(es)-1])
	}
}

// TestExtendsReplacesArrays: an array of tables in a file that extends
// another replaces the inherited array whole: an element's keys left out
// are not taken from the inherited element at the same index.
func TestExtendsReplacesArrays(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "child.toml")
	text := "extends = \"baseline-2015\"\nname = \"child\"\n[[migrants.police]]\nfrom = 2015-08-01\nspot = \"all\"\nofficers = 10\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p := sc.Config.Migrants.Police
	if len(p) != 1 || p[0].Note != "" || p[0].Officers != 10 {
		t.Errorf("police after the child's array: %+v, want its one step with no note", p)
	}
	base, err := Load(Default)
	if err != nil {
		t.Fatal(err)
	}
	if base.Config.Migrants.Police[0].Note == "" {
		t.Error("the baseline's police note is empty: the test would prove nothing")
	}
}

// TestKeptPosteriorIsTheDocsOne: the calibration sample validate draws
// from by default is the one docs/calibration keeps (copy it there after
// a new calibration: cp docs/calibration/posterior.csv
// scenarios/calibration/).
func TestKeptPosteriorIsTheDocsOne(t *testing.T) {
	docs, err := os.ReadFile("../docs/calibration/posterior.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(docs, KeptPosterior()) {
		t.Error("scenarios/calibration/posterior.csv differs from docs/calibration/posterior.csv: copy the docs' one over it")
	}
	boats, err := os.ReadFile("../docs/calibration/boats/posterior.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(boats, KeptBoatsPosterior()) {
		t.Error("scenarios/calibration/boats-posterior.csv differs from docs/calibration/boats/posterior.csv: copy the docs' one over it")
	}
}
