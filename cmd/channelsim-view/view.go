//go:build viz

package main

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math"
	"time"

	"github.com/gopxl/pixel/v2"
	"github.com/gopxl/pixel/v2/backends/opengl"

	"channelsim/agents"
	"channelsim/internal/safefile"
	"channelsim/sim"
	"channelsim/viz"
)

// speeds are the viewer's speeds, simulated minutes per second of wall
// time: from 1 minute to 1 day per second.
var speeds = []float64{1, 2, 5, 10, 20, 30, 60, 120, 240, 480, 720, 1440}

// speedName names a speed for the HUD.
func speedName(s float64) string {
	switch {
	case s >= 1440:
		return fmt.Sprintf("%g day/s", s/1440)
	case s >= 60:
		return fmt.Sprintf("%g h/s", s/60)
	}
	return fmt.Sprintf("%g min/s", s)
}

// viewer is the window's state. Only the render goroutine (inside
// opengl.Run) touches it; the model runs behind the driver.
type viewer struct {
	win     *opengl.Window
	b       *viz.Builder
	r       *viz.PixelRenderer
	d       *viz.Driver
	horizon float64
	target  float64 // simulated minute the viewer wants shown
	speed   int     // index in speeds
	status  viz.Status
	drag    struct {
		on    bool
		from  viz.Vec
		moved bool
	}
	selID   uint64
	selKind agents.Kind
	hasSel  bool
	// boats is whether the run has the small boats, whose levers the
	// keys P, O, B and V pull.
	boats bool
	// noticeUntil is when the notice in status goes.
	noticeUntil time.Time
}

// view opens the window and runs until it is closed (or, with
// --screenshot, until the picture is saved). It runs inside opengl.Run.
func view(o *options, stderr io.Writer) int {
	m, err := sim.NewDefault(o.cfg)
	if err != nil {
		fmt.Fprintf(stderr, "channelsim-view: %v\n", err)
		return exitInternal
	}
	start := 0.0
	for _, s := range []string{o.start, o.until} {
		if s == "" {
			continue
		}
		at, _ := viz.ParseInstant(s)
		if start, err = viz.MinuteOf(m, at); err != nil {
			fmt.Fprintf(stderr, "channelsim-view: %v\n", err)
			return exitUsage
		}
	}
	win, err := opengl.NewWindow(opengl.WindowConfig{
		Title:     "channelsim: " + o.cfg.Name,
		Bounds:    pixel.R(0, 0, float64(o.width), float64(o.height)),
		VSync:     o.screenshot == "",
		Resizable: o.screenshot == "",
		Invisible: o.screenshot != "",
	})
	if err != nil {
		fmt.Fprintf(stderr, "channelsim-view: cannot open a window: %v\n", err)
		return exitInternal
	}
	defer win.Destroy()
	wb := win.Bounds()
	b, err := viz.NewBuilder(m.World, int(wb.W()), int(wb.H()))
	if err != nil {
		fmt.Fprintf(stderr, "channelsim-view: %v\n", err)
		return exitInternal
	}
	v := &viewer{win: win, b: b, r: viz.NewPixelRenderer(b.Fonts), horizon: m.Horizon(), target: start, boats: m.Boats()}
	v.d = viz.NewDriver(m)
	defer v.d.Stop()
	v.status = viz.Status{Scenario: o.cfg.Name, Legend: true, Selected: -1, Paused: o.paused}
	v.speed = len(speeds) - 1
	for i, s := range speeds {
		if s >= o.speed {
			v.speed = i
			break
		}
	}
	v.d.Advance(start)
	v.d.Sync()

	if o.screenshot != "" {
		return v.screenshot(o.screenshot, stderr)
	}

	last := time.Now()
	var fps float64
	for !win.Closed() {
		now := time.Now()
		dt := now.Sub(last).Seconds()
		last = now
		if dt > 0 {
			fps = 0.9*fps + 0.1/dt
		}
		if v.input() {
			break
		}
		if !v.status.Paused {
			v.target = math.Min(v.horizon, v.target+speeds[v.speed]*math.Min(dt, 0.25))
			v.d.Advance(v.target)
		}
		if err := v.d.Err(); err != nil {
			fmt.Fprintf(stderr, "channelsim-view: %v\n", err)
			return exitInternal
		}
		v.status.FPS = fps
		v.frame()
		win.Update()
	}
	return exitOK
}

// frame draws the latest frame from the driver.
func (v *viewer) frame() {
	if wb := v.win.Bounds(); int(wb.W()) != v.b.Layout.W || int(wb.H()) != v.b.Layout.H {
		v.b.Resize(int(wb.W()), int(wb.H()))
	}
	f := *v.d.Acquire() // a copy: the viewer's status goes with it, not into the shared frame
	if v.status.Notice != "" && time.Now().After(v.noticeUntil) {
		v.status.Notice = ""
	}
	f.Status.Scenario, f.Status.Paused, f.Status.Help, f.Status.Legend, f.Status.FPS = v.status.Scenario, v.status.Paused, v.status.Help, v.status.Legend, v.status.FPS
	f.Status.Notice = v.status.Notice
	f.Status.Speed = speedName(speeds[v.speed])
	f.Status.Selected = -1
	if v.hasSel {
		// Follow the inspected agent from frame to frame by its ID.
		for i := range f.Snap.Agents {
			if a := &f.Snap.Agents[i]; a.ID == v.selID && a.Kind == v.selKind {
				f.Status.Selected = i
				break
			}
		}
	}
	v.r.Draw(v.win, v.b.Build(&f))
}

// scenePos converts a window position (y up) to scene pixels (y down).
func (v *viewer) scenePos(p pixel.Vec) viz.Vec {
	return viz.Vec{X: p.X, Y: v.win.Bounds().H() - p.Y}
}

// input handles the keyboard and mouse; it returns true to quit.
func (v *viewer) input() bool {
	w := v.win
	if w.JustPressed(pixel.KeyEscape) {
		return true
	}
	for _, c := range w.Typed() {
		if v.key(c) {
			return true
		}
	}
	if w.JustPressed(pixel.KeyUp) {
		v.intensity(+0.05)
	}
	if w.JustPressed(pixel.KeyDown) {
		v.intensity(-0.05)
	}
	q := v.scenePos(w.MousePosition())
	if s := w.MouseScroll(); s.Y != 0 {
		v.b.Zoom(q, math.Pow(1.2, s.Y))
	}
	if w.JustPressed(pixel.MouseButtonLeft) {
		v.drag.on, v.drag.from, v.drag.moved = true, q, false
	}
	if v.drag.on && w.Pressed(pixel.MouseButtonLeft) {
		if d := q.Sub(v.drag.from); d.Len() > 3 || v.drag.moved {
			v.b.Pan(v.drag.from, d)
			v.drag.from, v.drag.moved = q, true
		}
	}
	if v.drag.on && w.JustReleased(pixel.MouseButtonLeft) {
		v.drag.on = false
		if !v.drag.moved {
			v.click(q)
		}
	}
	return false
}

// key handles a typed character (the keys of viz.HelpLines); it returns
// true to quit.
func (v *viewer) key(c rune) bool {
	switch c {
	case 'q', 'Q':
		return true
	case ' ':
		v.status.Paused = !v.status.Paused
	case '+', '=':
		v.speed = min(v.speed+1, len(speeds)-1)
	case '-', '_':
		v.speed = max(v.speed-1, 0)
	case '.':
		v.status.Paused = true
		v.target = math.Min(v.horizon, math.Floor(v.target)+1)
		v.d.Advance(v.target)
	case 'x', 'X':
		v.d.Do(func(m *sim.Model) { m.SetXrayForPeople(!m.XrayForPeople()) })
	case ']':
		v.intensity(+0.05)
	case '[':
		v.intensity(-0.05)
	case '}':
		v.d.Do(func(m *sim.Model) { m.SetScreeningShare(m.ScreeningShare() + 0.05) })
	case '{':
		v.d.Do(func(m *sim.Model) { m.SetScreeningShare(m.ScreeningShare() - 0.05) })
	case 'e', 'E':
		v.d.Do(func(m *sim.Model) { m.SetEscortStaff(m.EscortStaff() + 10) })
	case 'd', 'D':
		v.d.Do(func(m *sim.Model) { m.SetEscortStaff(max(0, m.EscortStaff()-10)) })
	case 'p', 'P', 'o', 'O', 'b', 'B', 'v', 'V':
		v.boatLever(c)
	case 'h', 'H', '?':
		v.status.Help = !v.status.Help
	case 'l', 'L':
		v.status.Legend = !v.status.Legend
	case 'r', 'R':
		v.b.ResetViews()
	}
	return false
}

// leverStep is how much P, O, B and V move the boats' levers: a tenth of
// the dated numbers (the factor 1).
const leverStep = 0.1

// noBoats is the notice of the boats' keys in a run without the boats.
const noBoats = "No small boats in this run: P, O, B and V do nothing (the boats run from 2018)"

// boatLever pulls the boats' levers from now: P and O the beach patrols
// up and down, B and V the boat supply. In a run without the boats they
// do nothing, and the viewer says so.
func (v *viewer) boatLever(c rune) {
	if !v.boats {
		v.say(noBoats)
		return
	}
	step := func(f, d float64) float64 { return math.Max(0, math.Round((f+d)*10)/10) } // tenths, without drift
	switch c {
	case 'p', 'P':
		v.d.Do(func(m *sim.Model) { f, _ := m.BeachPatrols(); m.SetBeachPatrols(step(f, +leverStep)) })
	case 'o', 'O':
		v.d.Do(func(m *sim.Model) { f, _ := m.BeachPatrols(); m.SetBeachPatrols(step(f, -leverStep)) })
	case 'b', 'B':
		v.d.Do(func(m *sim.Model) { m.SetBoatSupply(step(m.BoatSupply(), +leverStep)) })
	case 'v', 'V':
		v.d.Do(func(m *sim.Model) { m.SetBoatSupply(step(m.BoatSupply(), -leverStep)) })
	}
}

// noticeFor is how long a notice stays on screen.
const noticeFor = 4 * time.Second

// say shows msg at the top of the map for a few seconds.
func (v *viewer) say(msg string) {
	v.status.Notice = msg
	v.noticeUntil = time.Now().Add(noticeFor)
}

// intensity changes the control intensity by dx from now.
func (v *viewer) intensity(dx float64) {
	v.d.Do(func(m *sim.Model) { m.SetSearchShare(m.SearchShareBase() + dx) })
}

// click inspects the agent under q, or closes the inspector.
func (v *viewer) click(q viz.Vec) {
	i := v.b.Pick(q)
	f := v.d.Acquire()
	if i < 0 || f == nil || i >= len(f.Snap.Agents) {
		v.hasSel = false
		return
	}
	a := f.Snap.Agents[i]
	v.selID, v.selKind, v.hasSel = a.ID, a.Kind, true
}

// screenshot draws the frame at --until and saves the window's pixels.
func (v *viewer) screenshot(path string, stderr io.Writer) int {
	v.status.Legend = true
	// Two frames: the first uploads the base map and the glyph atlases.
	for range 2 {
		v.frame()
		v.win.Update()
	}
	img := viz.Screenshot(v.win.Canvas())
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		fmt.Fprintf(stderr, "channelsim-view: %v\n", err)
		return exitInternal
	}
	err := safefile.WriteFile(path, buf.Bytes())
	if err != nil {
		fmt.Fprintf(stderr, "channelsim-view: saving the screenshot: %v\n", err)
		return exitInternal
	}
	return exitOK
}
