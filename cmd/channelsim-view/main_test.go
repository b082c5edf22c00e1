//go:build viz

package main

import (
	"bytes"
	"image"
	"image/png"
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
