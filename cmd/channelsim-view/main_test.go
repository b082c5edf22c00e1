//go:build viz

package main

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopxl/pixel/v2/backends/opengl"

	"channelsim/sim"
	"channelsim/viz"
	"channelsim/viz/viztest"
	"channelsim/world"
)

// The tests open windows, so they need a display (scripts/test-viz.sh
// runs them under xvfb-run) and run inside opengl.Run.
func TestMain(m *testing.M) {
	code := 1
	opengl.Run(func() { code = m.Run() })
	os.Exit(code)
}

// channelsim-view --screenshot FILE --until DATETIME: advance, draw, save
// the window's pixels, exit 0; the picture has the map and the lorries.
func TestScreenshot(t *testing.T) {
	out := filepath.Join(t.TempDir(), "shot.png")
	var stderr bytes.Buffer
	o, code := parse([]string{"--screenshot", out, "--until", "2015-07-15T11:00"}, &stderr)
	if o == nil {
		t.Fatalf("parse: exit %d: %s", code, stderr.String())
	}
	if code := view(o, &stderr); code != exitOK {
		t.Fatalf("view: exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rgba, ok := img.(*image.RGBA)
	if !ok || rgba.Rect.Dx() != 1280 || rgba.Rect.Dy() != 800 {
		t.Fatalf("screenshot is %T %v, want a 1280×800 RGBA image", img, img.Bounds())
	}
	// Replay the same run headless (same seed) for the snapshot, and check
	// the window's pixels against it.
	m, err := sim.NewDefault(o.cfg)
	if err != nil {
		t.Fatal(err)
	}
	at, _ := viz.ParseInstant("2015-07-15T11:00")
	tm, _ := viz.MinuteOf(m, at)
	m.RunUntil(tm)
	var snap sim.Snapshot
	m.Snapshot(&snap)
	w, _ := world.Default()
	b, err := viz.NewBuilder(w, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	viztest.CheckFramePixels(t, rgba, b, w, &snap)
}

func TestNoDisplay(t *testing.T) {
	for _, k := range []string{"DISPLAY", "WAYLAND_DISPLAY"} {
		if v, ok := os.LookupEnv(k); ok {
			t.Cleanup(func() { os.Setenv(k, v) })
			os.Unsetenv(k)
		}
	}
	err := haveDisplay()
	if err == nil || !strings.Contains(err.Error(), "DISPLAY") || !strings.Contains(err.Error(), "channelsim render") {
		t.Errorf("haveDisplay() = %v, want an error naming DISPLAY and the headless alternative", err)
	}
}

func TestParseErrors(t *testing.T) {
	for i, args := range [][]string{
		{"--screenshot", "x.png"},
		{"--until", "2015-07-15T11:00"},
		{"--screenshot", "x.png", "--until", "tomorrow"},
		{"--speed", "5000"},
		{"a", "b"},
		{"no-such-scenario"},
		{"--bogus"},
	} {
		var stderr bytes.Buffer
		if o, code := parse(args, &stderr); o != nil || code != exitUsage {
			t.Errorf("%d %v: exit %d, want %d (usage)", i, args, code, exitUsage)
		}
		if stderr.Len() == 0 {
			t.Errorf("%d %v: no message", i, args)
		}
	}
	var stderr bytes.Buffer
	if o, code := parse([]string{"--seed", "7", "--speed", "60"}, &stderr); o == nil || o.cfg.Seed != 7 || o.speed != 60 {
		t.Errorf("valid flags: %+v, exit %d: %s", o, code, stderr.String())
	}
}

func TestSpeedNames(t *testing.T) {
	if speeds[0] != 1 || speeds[len(speeds)-1] != 24*60 {
		t.Errorf("speeds run from %g to %g simulated minutes per second, want 1 minute to 1 day", speeds[0], speeds[len(speeds)-1])
	}
	for s, want := range map[float64]string{1: "1 min/s", 30: "30 min/s", 120: "2 h/s", 1440: "1 day/s"} {
		if got := speedName(s); got != want {
			t.Errorf("speedName(%g) = %q, want %q", s, got, want)
		}
	}
}

// newKeyViewer is a viewer of scenario without a window, its model
// advanced to 10:00 on the first day, for pressing keys.
func newKeyViewer(t *testing.T, scenario string) *viewer {
	t.Helper()
	m := viztest.Model(t, scenario)
	b, err := viz.NewBuilder(m.World, 640, 400)
	if err != nil {
		t.Fatal(err)
	}
	v := &viewer{b: b, horizon: m.Horizon(), boats: m.Boats(), d: viz.NewDriver(m)}
	t.Cleanup(v.d.Stop)
	v.d.Advance(600)
	v.d.Sync()
	return v
}

// press types keys into v and returns the frame once the model has taken
// them.
func press(v *viewer, keys string) *viz.Frame {
	for _, c := range keys {
		v.key(c)
	}
	v.d.Sync()
	return v.d.Acquire()
}

// TestKeysPullTheLevers: the keys of the help overlay change the levers
// from now, each change in the policy log that the charts mark: X, E and D
// those of the controls and removals; P and O the beach patrols and B and
// V the boat supply, by a tenth of their dated numbers, in a run with the
// small boats.
func TestKeysPullTheLevers(t *testing.T) {
	v := newKeyViewer(t, "baseline-2018-2024")
	f := press(v, "")
	xray, escorts := f.Levers.Xray, f.Levers.Escorts
	dated := f.Boats.Officers
	if !f.Boats.On || f.Boats.PatrolFactor != 1 || f.Boats.Supply != 1 || dated <= 0 {
		t.Fatalf("boats before any key: %+v", f.Boats)
	}
	f = press(v, "PPPo")
	if f.Boats.PatrolFactor != 1.2 || math.Abs(f.Boats.Officers-1.2*dated) > 1e-9 {
		t.Errorf("after P P P O: patrols ×%g, %g officers; want ×1.2, %g", f.Boats.PatrolFactor, f.Boats.Officers, 1.2*dated)
	}
	f = press(v, "bVV")
	if f.Boats.Supply != 0.9 {
		t.Errorf("after B V V: supply ×%g, want ×0.9", f.Boats.Supply)
	}
	f = press(v, "XEED")
	if f.Levers.Xray == xray || f.Levers.Escorts != escorts+10 {
		t.Errorf("after X E E D: X-ray %v (was %v), escorts %d (was %d); want it switched and 10 more", f.Levers.Xray, xray, f.Levers.Escorts, escorts)
	}
	var got []string
	for _, p := range f.Policy {
		got = append(got, p.What)
		if p.Min != 600 {
			t.Errorf("%s changed at minute %g, want 600 (now)", p.What, p.Min)
		}
	}
	want := "beach_patrols beach_patrols beach_patrols beach_patrols boat_supply boat_supply boat_supply xray_for_people escort_staff escort_staff escort_staff"
	if strings.Join(got, " ") != want {
		t.Errorf("policy log %v, want %s", got, want)
	}
	// Down to nothing, not below.
	f = press(v, strings.Repeat("o", 15))
	if f.Boats.PatrolFactor != 0 || f.Boats.Officers != 0 {
		t.Errorf("after fifteen O: patrols ×%g, %g officers; want none", f.Boats.PatrolFactor, f.Boats.Officers)
	}
	if v.status.Notice != "" {
		t.Errorf("notice %q in a run with boats", v.status.Notice)
	}
}

// TestBoatKeysWithoutBoats: in a run without the small boats, P, O, B and
// V change nothing and the viewer says so; the other levers still work.
func TestBoatKeysWithoutBoats(t *testing.T) {
	v := newKeyViewer(t, "baseline-2015")
	f := press(v, "PoBv")
	if len(f.Policy) != 0 || f.Boats.On {
		t.Errorf("the boats' keys in a run without boats: policy log %+v, boats %+v", f.Policy, f.Boats)
	}
	if v.status.Notice != noBoats || !strings.Contains(noBoats, "No small boats") {
		t.Errorf("notice %q, want %q", v.status.Notice, noBoats)
	}
	if f = press(v, "E"); len(f.Policy) != 1 || f.Policy[0].What != "escort_staff" {
		t.Errorf("E after the boats' keys: policy log %+v", f.Policy)
	}
	// The help overlay lists the keys.
	var help strings.Builder
	for _, l := range viz.HelpLines {
		help.WriteString(l[0] + " " + l[1] + "\n")
	}
	for _, want := range []string{"P / O", "beach patrols", "B / V", "boat supply"} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, help.String())
		}
	}
}
