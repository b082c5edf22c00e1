//go:build viz

// Command channelsim-view shows the cross-Channel border simulation in a
// window: Calais–Coquelles in detail and Kent to London beside it, the
// agents moving, a HUD with charts, and live policy changes from the
// keyboard (H shows the keys). It needs cgo, OpenGL and a display (build
// with -tags viz); 'channelsim render' draws the same scene without them.
//
// Usage:
//
//	channelsim-view [SCENARIO] [--seed N] [--speed MIN] [--start DATETIME]
//	channelsim-view [SCENARIO] --screenshot FILE.png --until DATETIME
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gopxl/pixel/v2/backends/opengl"

	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/viz"
)

// Exit statuses, as channelsim's.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
)

// options are the parsed command line.
type options struct {
	cfg        *sim.Config
	screenshot string
	until      string
	start      string
	width      int
	height     int
	speed      float64
	paused     bool
}

func main() {
	opts, code := parse(os.Args[1:], os.Stderr)
	if opts == nil {
		os.Exit(code)
	}
	if err := haveDisplay(); err != nil {
		fmt.Fprintf(os.Stderr, "channelsim-view: %v\n", err)
		os.Exit(exitInternal)
	}
	code = exitInternal
	func() {
		// GLFW reports a failed initialisation (no X server, no OpenGL
		// 3.3) by panicking in opengl.Run: say so plainly instead.
		defer func() {
			if p := recover(); p != nil {
				fmt.Fprintf(os.Stderr, "channelsim-view: cannot open a window: %v\n(run 'channelsim render' to draw frames without a display)\n", p)
				code = exitInternal
			}
		}()
		opengl.Run(func() { code = view(opts, os.Stderr) })
	}()
	os.Exit(code)
}

// haveDisplay reports why no window can be opened, if it cannot.
func haveDisplay() error {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display: DISPLAY is not set.\n" +
			"Run it in a desktop session, under 'xvfb-run -a channelsim-view …',\n" +
			"or draw frames without a display with 'channelsim render --at DATETIME --out frame.png'")
	}
	return nil
}

// parse parses the command line; a nil result means exit with code.
func parse(args []string, stderr io.Writer) (*options, int) {
	fs := flag.NewFlagSet("channelsim-view", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seed := fs.Uint64("seed", 0, "seed of the run's random streams (default: the scenario's)")
	o := &options{}
	fs.StringVar(&o.screenshot, "screenshot", "", "save the window as this PNG file at --until and exit")
	fs.StringVar(&o.until, "until", "", "with --screenshot: French local date and time to advance to, e.g. 2015-07-15T22:00")
	fs.StringVar(&o.start, "start", "", "advance to this French local date and time before showing the window")
	fs.IntVar(&o.width, "width", 1280, "window width in pixels")
	fs.IntVar(&o.height, "height", 800, "window height in pixels")
	fs.Float64Var(&o.speed, "speed", 10, "simulated minutes per second at the start (1 to 1440)")
	fs.BoolVar(&o.paused, "paused", false, "start paused")
	usage := func() {
		fmt.Fprintf(stderr, "Usage: channelsim-view [SCENARIO] [--seed N] [--speed MIN] [--start DATETIME]\n"+
			"       channelsim-view [SCENARIO] --screenshot FILE.png --until DATETIME\n\n"+
			"Shows SCENARIO (a TOML file or an embedded scenario's name; default %s)\n"+
			"running in a window. Press H in the window for the keys.\n\nFlags:\n", scenarios.Default)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return nil, exitOK
			}
			fmt.Fprintf(stderr, "channelsim-view: %v\n\n", err)
			usage()
			return nil, exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	bad := func(format string, a ...any) (*options, int) {
		fmt.Fprintf(stderr, "channelsim-view: %s\n\n", fmt.Sprintf(format, a...))
		usage()
		return nil, exitUsage
	}
	if len(pos) > 1 {
		return bad("expected at most one scenario, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	if (o.screenshot == "") != (o.until == "") {
		return bad("--screenshot and --until go together")
	}
	if o.width < 640 || o.height < 400 || o.width > 8192 || o.height > 8192 {
		return bad("--width and --height: expected at least 640×400, got %d×%d", o.width, o.height)
	}
	if o.speed < 1 || o.speed > 1440 {
		return bad("--speed: expected 1 to 1440 simulated minutes per second, got %g", o.speed)
	}
	ref := scenarios.Default
	if len(pos) == 1 {
		ref = pos[0]
	}
	sc, err := scenarios.Load(ref)
	if err != nil {
		var es scenarios.Errors
		if errors.As(err, &es) {
			for _, e := range es {
				fmt.Fprintln(stderr, e.Error())
			}
		} else {
			fmt.Fprintf(stderr, "channelsim-view: %v\n", err)
		}
		return nil, exitUsage
	}
	o.cfg = sc.Config
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			o.cfg.Seed = *seed
		}
	})
	for _, s := range []string{o.until, o.start} {
		if s != "" {
			if _, err := viz.ParseInstant(s); err != nil {
				return bad("%v", err)
			}
		}
	}
	return o, exitOK
}
