package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"strings"
	"testing"
)

// runP runs the explorer and returns its exit status, stdout and stderr.
func physRun(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	st := physicsMain(args, &out, &errb)
	return st, out.String(), errb.String()
}

func physDecode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("bad JSON %q: %v", s, err)
	}
	return m
}

func physNum(t *testing.T, m map[string]any, k string) float64 {
	t.Helper()
	v, ok := m[k].(float64)
	if !ok {
		t.Fatalf("no number %q in %v", k, m)
	}
	return v
}

func TestPhysicsAttenuation(t *testing.T) {
	st, out, errs := physRun("attenuation", "--material", "iron", "--energy-mev", "1.25", "--json")
	if st != exitOK {
		t.Fatalf("exit %d: %s", st, errs)
	}
	m := physDecode(t, out)
	// NIST SRD 126, iron at 1.25 MeV (scanner-physics.md §1).
	if physNum(t, m, "mu_rho_cm2_g") != 0.0535 || physNum(t, m, "mu_en_rho_cm2_g") != 0.02472 {
		t.Errorf("iron 1.25 MeV: %v", m)
	}
	st, out, _ = physRun("attenuation", "--material", "water", "--energy-mev", "1")
	if st != exitOK || !strings.Contains(out, "0.07072") || !strings.Contains(out, "mu/rho") {
		t.Errorf("table output: %d %q", st, out)
	}
}

func TestPhysicsTransmission(t *testing.T) {
	st, out, errs := physRun("transmission", "--material", "iron", "--thickness-cm", "1.645", "--energy-mev", "1.25", "--json")
	if st != exitOK {
		t.Fatalf("exit %d: %s", st, errs)
	}
	if tr := physNum(t, physDecode(t, out), "transmission"); math.Abs(tr-0.5) > 0.001 {
		t.Errorf("one HVL of iron transmits %g, want 0.5", tr)
	}
}

func TestPhysicsCO2(t *testing.T) {
	st, out, errs := physRun("co2", "--people", "5", "--minutes", "60", "--air-m3", "86", "--ach", "0.2", "--json")
	if st != exitOK {
		t.Fatalf("exit %d: %s", st, errs)
	}
	// calc.py: 5 people, ACH 0.2, 1 h → 948.5 ppm.
	if d := physNum(t, physDecode(t, out), "delta_ppm"); math.Abs(d-948.5) > 0.1 {
		t.Errorf("delta_ppm %g, want 948.5", d)
	}
	st, out, _ = physRun("co2", "--people", "1", "--minutes", "60", "--air-m3", "86", "--ach", "0")
	if st != exitOK || !strings.Contains(out, "no ventilation") {
		t.Errorf("ACH 0: %d %q", st, out)
	}
}

func TestPhysicsDetect(t *testing.T) {
	st, out, errs := physRun("detect", "--method", "xray", "--hidden", "2", "--place", "trailer", "--cargo", "general", "--trailer", "box", "--json")
	if st != exitOK {
		t.Fatalf("exit %d: %s", st, errs)
	}
	m := physDecode(t, out)
	for _, k := range []string{"p_detect", "p_false_alarm", "duration_min", "dose_usv_hidden"} {
		v := physNum(t, m, k)
		if v < 0 || (strings.HasPrefix(k, "p_") && v > 1) {
			t.Errorf("%s = %g", k, v)
		}
	}
	if d := physNum(t, m, "duration_min"); d < 45 || d > 75 {
		t.Errorf("xray duration %g, want about an hour (A6)", d)
	}
	// Wind raises heartbeat false alarms outside a shed.
	_, o1, _ := physRun("detect", "--method", "heartbeat", "--cargo", "general", "--trailer", "curtain", "--json")
	_, o2, _ := physRun("detect", "--method", "heartbeat", "--cargo", "general", "--trailer", "curtain", "--wind-ms", "9", "--json")
	if !(physNum(t, physDecode(t, o2), "p_false_alarm") > physNum(t, physDecode(t, o1), "p_false_alarm")+0.2) {
		t.Errorf("wind does not raise heartbeat false alarms: %s %s", o1, o2)
	}
	// A method that cannot work on the trailer says so and exits 2.
	st, out, errs = physRun("detect", "--method", "pmmw", "--trailer", "reefer", "--cargo", "general")
	if st != exitUsage || out != "" || !strings.Contains(errs, "reefer") {
		t.Errorf("pmmw on a reefer: exit %d, stdout %q, stderr %q", st, out, errs)
	}
	st, _, errs = physRun("detect", "--method", "co2", "--trailer", "flatbed")
	if st != exitUsage || !strings.Contains(errs, "flatbed") {
		t.Errorf("co2 on a flatbed: exit %d, %q", st, errs)
	}
	// Readable output.
	st, out, _ = physRun("detect", "--method", "dog", "--trailer", "curtain", "--cargo", "produce", "--temp-c", "30")
	if st != exitOK || !strings.Contains(out, "P(detect)") {
		t.Errorf("dog table: %d %q", st, out)
	}
}

func TestPhysicsTable(t *testing.T) {
	st, out, errs := physRun("table", "--json")
	if st != exitOK {
		t.Fatalf("exit %d: %s", st, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7*5*6 {
		t.Fatalf("%d rows, want 210", len(rows))
	}
	for _, r := range rows {
		if r["method"] == "pmmw" && r["trailer"] != "curtain" {
			if r["applicable"] != false || r["p_detect"] != nil {
				t.Errorf("pmmw row %v", r)
			}
		}
	}
	st, out, _ = physRun("table", "--place", "axle", "--hidden", "2", "--wind-ms", "5")
	if st != exitOK || !strings.Contains(out, "not applicable") || !strings.Contains(out, "heartbeat") {
		t.Errorf("table: %d %q", st, out)
	}
}

func TestPhysicsBadInput(t *testing.T) {
	cases := []struct {
		args []string
		flag string
	}{
		{[]string{"attenuation", "--material", "unobtainium", "--energy-mev", "1"}, "--material"},
		{[]string{"attenuation", "--energy-mev", "1"}, "--material"},
		{[]string{"attenuation", "--material", "iron", "--energy-mev", "30"}, "--energy-mev"},
		{[]string{"attenuation", "--material", "iron", "--energy-mev", "0.001"}, "0.01"},
		{[]string{"attenuation", "--material", "iron"}, "--energy-mev"},
		{[]string{"attenuation", "--material", "iron", "--energy-mev", "abc"}, "energy-mev"},
		{[]string{"transmission", "--material", "iron", "--thickness-cm", "-1", "--energy-mev", "1"}, "--thickness-cm"},
		{[]string{"transmission", "--material", "iron", "--thickness-cm", "NaN", "--energy-mev", "1"}, "--thickness-cm"},
		{[]string{"transmission", "--material", "iron", "--thickness-cm", "1", "--energy-mev", "1", "--density-g-cm3", "-2"}, "--density"},
		{[]string{"co2", "--people", "-1", "--minutes", "1", "--air-m3", "86", "--ach", "1"}, "--people"},
		{[]string{"co2", "--people", "1", "--minutes", "1", "--air-m3", "0", "--ach", "1"}, "--air-m3"},
		{[]string{"co2", "--people", "1", "--minutes", "1", "--air-m3", "86"}, "--ach"},
		{[]string{"detect", "--method", "telepathy"}, "--method"},
		{[]string{"detect", "--method", "xray", "--place", "boot"}, "--place"},
		{[]string{"detect", "--method", "xray", "--cargo", "gold"}, "--cargo"},
		{[]string{"detect", "--method", "xray", "--trailer", "bus"}, "--trailer"},
		{[]string{"detect", "--method", "xray", "--hidden", "-3"}, "--hidden"},
		{[]string{"detect", "--method", "heartbeat", "--wind-ms", "-1"}, "--wind-ms"},
		{[]string{"table", "--temp-c", "99"}, "--temp-c"},
		{[]string{"table", "extra"}, "extra"},
		{[]string{"nonsense"}, "nonsense"},
		{nil, "Usage"},
	}
	for _, c := range cases {
		st, out, errs := physRun(c.args...)
		if st != exitUsage || out != "" || !strings.Contains(errs, c.flag) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 naming %s", c.args, st, out, errs, c.flag)
		}
	}
}

func TestPhysicsHelp(t *testing.T) {
	for _, sub := range []string{"attenuation", "transmission", "co2", "detect", "table"} {
		st, out, errs := physRun(sub, "--help")
		if st != exitOK || !strings.Contains(out, "Usage") || errs != "" {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q; want the help on stdout", sub, st, out, errs)
		}
	}
	if st, out, _ := physRun("--help"); st != exitOK || !strings.Contains(out, "transmission") {
		t.Errorf("physics --help: %d %q", st, out)
	}
}

// TestPhysicsDispatch goes through the binary's dispatcher, capturing stdout.
func TestPhysicsDispatch(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	st := dispatch([]string{"physics", "co2", "--people", "1", "--minutes", "15", "--air-m3", "86", "--ach", "0.2", "--json"})
	os.Stdout = old
	w.Close()
	b, _ := io.ReadAll(r)
	if st != exitOK {
		t.Fatalf("exit %d", st)
	}
	// calc.py: 1 person, ACH 0.2, 15 min → 51.0 ppm.
	if d := physNum(t, physDecode(t, string(b)), "delta_ppm"); math.Abs(d-51.0) > 0.05 {
		t.Errorf("delta_ppm %g", d)
	}
}
