package scenarios

import (
	"strings"
	"testing"
	"time"

	"channelsim/agents/camp"
	"channelsim/agents/freight"
	"channelsim/sim"
)

func TestSet(t *testing.T) {
	cases := []struct {
		path  string
		value any
		check func(c *sim.Config) bool
		err   string // substring of the error; "" for success
	}{
		{"controls.search_share", 0.25, func(c *sim.Config) bool { return c.Controls.SearchShare == 0.25 }, ""},
		{"controls.search_share", int64(1), func(c *sim.Config) bool { return c.Controls.SearchShare == 1 }, ""},
		{"removals.escort.staff", int64(321), func(c *sim.Config) bool { return c.Removals.Escort.Staff == 321 }, ""},
		{"removals.escort.staff", 40.0, func(c *sim.Config) bool { return c.Removals.Escort.Staff == 40 }, ""},
		{"removals.escort.staff", 40.5, nil, "expected integer"},
		{"port.ships", int64(7), func(c *sim.Config) bool { return c.Port.Ships == 7 }, ""},
		{"port.checkin_lanes", int64(3), func(c *sim.Config) bool { return c.Port.CheckinLanes == 3 }, ""},
		{"controls.xray_for_people", true, func(c *sim.Config) bool { return c.Controls.XrayForPeople }, ""},
		{"controls.xray_for_people", "yes", nil, "expected boolean"},
		{"controls.selection", "risk", func(c *sim.Config) bool { return c.Controls.Selection == "risk" }, ""},
		{"controls.selection", int64(3), nil, "expected string"},
		{"port.crossing", "75m", func(c *sim.Config) bool { return c.Port.Crossing.Duration == 75*time.Minute }, ""},
		{"port.crossing", 75 * time.Minute, func(c *sim.Config) bool { return c.Port.Crossing.Duration == 75*time.Minute }, ""},
		{"port.crossing", int64(75), nil, "duration string"},
		{"port.crossing", "soon", nil, "duration string"},
		{"seed", int64(99), func(c *sim.Config) bool { return c.Seed == 99 }, ""},
		{"seed", int64(-1), nil, "expected integer"},
		{"days", int64(5), func(c *sim.Config) bool { return c.Days == 5 }, ""},
		{"closures[0].site", "port", func(c *sim.Config) bool { return c.Closures[0].Site == "port" }, ""},
		{"closures[9].site", "port", nil, "out of range"},
		{"controls.search_shar", 0.5, nil, `did you mean "controls.search_share"`},
		{"removals.escorts.staff", int64(3), nil, `did you mean "removals.escort.staff"`},
		{"controls", 0.5, nil, "is a table"},
		{"screening.sequence", "dog", nil, "is an array"},
		{"freight.hour_profile", 1.0, nil, "is an array"},
	}
	for i, tc := range cases {
		sc, err := Load("baseline-2015")
		if err != nil {
			t.Fatal(err)
		}
		cfg := sc.Config
		if len(cfg.Closures) == 0 {
			cfg.Closures = append(cfg.Closures, freight.Closure{Site: "tunnel"})
		}
		err = Set(cfg, tc.path, tc.value)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%d: Set(%s, %v): %v", i, tc.path, tc.value, err)
		case tc.err != "" && err == nil:
			t.Errorf("%d: Set(%s, %v): no error, want one containing %q", i, tc.path, tc.value, tc.err)
		case tc.err != "" && !strings.Contains(err.Error(), tc.err):
			t.Errorf("%d: Set(%s, %v): error %q does not contain %q", i, tc.path, tc.value, err, tc.err)
		case tc.err == "" && !tc.check(cfg):
			t.Errorf("%d: Set(%s, %v) did not set the field", i, tc.path, tc.value)
		}
	}
}

func TestSetThenValidate(t *testing.T) {
	sc, _ := Load("baseline-2015")
	if err := Set(sc.Config, "controls.search_share", 1.5); err != nil {
		t.Fatal(err)
	}
	err := Validate(sc.Config)
	if err == nil || !strings.Contains(err.Error(), "controls.search_share") || !strings.Contains(err.Error(), "got 1.5") {
		t.Errorf("Validate after an out-of-range Set: %v", err)
	}
}

func TestGetRoundTrip(t *testing.T) {
	sc, _ := Load("baseline-2015")
	for _, p := range []string{"controls.search_share", "removals.escort.staff", "port.crossing", "controls.xray_for_people", "controls.selection"} {
		v, err := Get(sc.Config, p)
		if err != nil {
			t.Fatalf("Get(%s): %v", p, err)
		}
		c := *sc.Config
		if err := Set(&c, p, v); err != nil {
			t.Errorf("Set(%s, Get(%s) = %v): %v", p, p, v, err)
		}
		h1, _ := Hash(sc.Config)
		h2, _ := Hash(&c)
		if h1 != h2 {
			t.Errorf("%s: setting the value it had changed the config", p)
		}
	}
}

// TestClear: each kind of scalar key goes to its zero value; an unknown
// path is an error.
func TestClear(t *testing.T) {
	sc, _ := Load("baseline-2015")
	c := *sc.Config
	c.Migrants.Spots = append([]camp.Spot(nil), c.Migrants.Spots...)
	for _, p := range []string{"controls.search_share", "removals.escort.staff", "port.crossing", "controls.xray_for_people", "controls.selection", "migrants.spots[3].stop_chance"} {
		if err := Clear(&c, p); err != nil {
			t.Fatalf("Clear(%s): %v", p, err)
		}
	}
	if c.Controls.SearchShare != 0 || c.Removals.Escort.Staff != 0 || c.Port.Crossing.Duration != 0 || c.Controls.XrayForPeople || c.Controls.Selection != "" || c.Migrants.Spots[3].Stop != 0 {
		t.Errorf("not cleared: %+v %+v %v", c.Controls, c.Removals.Escort, c.Port.Crossing)
	}
	if sc.Config.Migrants.Spots[3].Stop == 0 || sc.Config.Port.Crossing.Duration == 0 {
		t.Error("Clear reached the scenario it was copied from")
	}
	if err := Clear(&c, "controls.no_such_key"); err == nil {
		t.Error("an unknown key was cleared")
	}
}
