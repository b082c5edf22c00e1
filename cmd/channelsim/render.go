package main

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/viz"
)

func init() { register(newRenderCmd) }

// renderOptions are render's parsed command line.
type renderOptions struct {
	Scenario      string
	At            string
	Out           string
	Width, Height int
	Seed          uint64
	SeedSet       bool
	Frames        int
	Every         time.Duration
	Legend        bool
}

func newRenderCmd() *cobra.Command {
	var o renderOptions
	c := &cobra.Command{
		Use:   "render [SCENARIO] --at DATETIME --out FRAME.png",
		Short: "draw the map and agents at an instant to PNG (or a PNG sequence or GIF)",
		Long: "Runs SCENARIO (default " + scenarios.Default + ") to DATETIME, French local time (e.g. 2015-07-02T23:00),\n" +
			"and draws the viewer's scene (Calais–Coquelles, Kent to London, HUD and charts) with the\n" +
			"pure-Go image backend. With --frames N it draws N frames DURATION apart: into the\n" +
			"directory --out as frame-0001.png … or, if --out ends in .gif, as one animated GIF.",
		Example: "  channelsim render --at 2015-07-02T23:00 --out frame.png\n" +
			"  channelsim render --at 2015-07-02T18:00 --frames 48 --every 15m --out night.gif",
		Args:              maxArgs(1, "scenario"),
		ValidArgsFunction: completeScenario,
		RunE: func(c *cobra.Command, args []string) error {
			o.Scenario = scenarios.Default
			if len(args) == 1 {
				o.Scenario = args[0]
			}
			o.SeedSet = c.Flags().Changed("seed")
			return status(runRender(o))
		},
	}
	f := c.Flags()
	f.StringVar(&o.At, "at", "", "French local date and time of the (first) frame, e.g. 2015-07-02T23:00 (required)")
	f.StringVar(&o.Out, "out", "", "output PNG file, or directory for --frames, or .gif file (required)")
	f.IntVar(&o.Width, "width", 1280, "frame width in pixels (320–4096)")
	f.IntVar(&o.Height, "height", 800, "frame height in pixels (240–4096)")
	f.Uint64Var(&o.Seed, "seed", 0, "seed of the run's random streams (default: the scenario's)")
	f.IntVar(&o.Frames, "frames", 1, "number of frames (1–10000)")
	f.DurationVar(&o.Every, "every", time.Hour, "simulated time between frames, e.g. 10m, 1h")
	f.BoolVar(&o.Legend, "legend", true, "draw the legend")
	return c
}

// frameMarker is the file that marks a directory as render's frames (one
// that a new render --frames may replace).
const frameMarker = "frame-0001.png"

func runRender(o renderOptions) int {
	when, code := checkRender(o)
	if code != exitOK {
		return code
	}
	isGIF := strings.EqualFold(filepath.Ext(o.Out), ".gif")
	frameDir := o.Frames > 1 && !isGIF
	var outDir *safefile.OutDir
	var err error
	if frameDir {
		if outDir, err = safefile.OpenOutDir(o.Out, "render", safefile.OutDirOptions{}); err != nil {
			return failed("render", err)
		}
		defer outDir.Close()
	} else if err = safefile.CheckOutFile(o.Out); err != nil {
		return failed("render", err)
	}
	if o.SeedSet {
		if code := checkSeed("render", o.Seed); code != exitOK {
			return code
		}
	}
	film, t0, code := renderFilm(o, when)
	if code != exitOK {
		return code
	}
	// Frames into a directory are one output, made visible at once;
	// one frame or a GIF is one file, replaced atomically.
	var files *safefile.Stage
	if frameDir {
		if files, err = outDir.Stage(frameMarker); err != nil {
			return failed("render", err)
		}
		defer files.Abort()
	}
	single, err := renderFrames(o, film, t0, isGIF, files)
	if err != nil {
		return failed("render", err)
	}
	if frameDir {
		err = files.Commit()
	} else {
		err = safefile.WriteFile(o.Out, single)
	}
	if err != nil {
		return failed("render", fmt.Errorf("writing %s: %w", o.Out, err))
	}
	if frameDir {
		fmt.Fprintf(os.Stderr, "channelsim render: wrote %s to %s\n", plural(o.Frames, "frame"), o.Out)
	} else {
		fmt.Fprintf(os.Stderr, "channelsim render: wrote %s\n", o.Out)
	}
	return exitOK
}

// checkRender checks render's flags and returns the first frame's instant.
func checkRender(o renderOptions) (time.Time, int) {
	if o.At == "" || o.Out == "" {
		return time.Time{}, usageError("render", "--at and --out are required")
	}
	when, err := viz.ParseInstant(o.At)
	if err != nil {
		return time.Time{}, usageError("render", "--at: %v", err)
	}
	isGIF := strings.EqualFold(filepath.Ext(o.Out), ".gif")
	switch {
	case o.Width < 320 || o.Width > 4096 || o.Height < 240 || o.Height > 4096:
		return when, usageError("render", "--width and --height: expected 320–4096 by 240–4096 pixels, got %d×%d", o.Width, o.Height)
	case o.Frames < 1 || o.Frames > 10000:
		return when, usageError("render", "--frames: expected 1 to 10000, got %d", o.Frames)
	case isGIF && int64(o.Frames)*int64(o.Width)*int64(o.Height) > maxGIFPixels:
		return when, usageError("render", "--frames × --width × --height: a GIF holds every frame in memory, at most %d pixels in all (256 MiB), got %d × %d × %d: fewer or smaller frames, or PNG frames into a directory", maxGIFPixels, o.Frames, o.Width, o.Height)
	case o.Frames > 1 && o.Every <= 0:
		return when, usageError("render", "--every: expected a positive duration, got %s", o.Every)
	case o.Frames == 1 && !isGIF && !strings.EqualFold(filepath.Ext(o.Out), ".png"):
		return when, usageError("render", "--out: expected a .png or .gif file for one frame, got %q", o.Out)
	}
	return when, exitOK
}

// renderFilm builds the scenario's model and the film that draws it, and
// returns the first frame's minute, checking that every frame is in the run.
func renderFilm(o renderOptions, when time.Time) (*viz.Film, float64, int) {
	sc, err := scenarios.Load(o.Scenario)
	if err != nil {
		return nil, 0, reportLoadError(err)
	}
	cfg := sc.Config
	if o.SeedSet {
		cfg.Seed = o.Seed
	}
	m, err := sim.NewDefault(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
		return nil, 0, exitInternal
	}
	t0, err := viz.MinuteOf(m, when)
	if err != nil {
		return nil, 0, usageError("render", "--at: %v", err)
	}
	last := when.Add(time.Duration(o.Frames-1) * o.Every)
	if _, err := viz.MinuteOf(m, last); err != nil {
		return nil, 0, usageError("render", "--frames/--every: the last frame: %v", err)
	}
	b, err := viz.NewBuilder(m.World, o.Width, o.Height)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
		return nil, 0, exitInternal
	}
	f := &viz.Frame{Status: viz.Status{Scenario: cfg.Name, Legend: o.Legend, Selected: -1}}
	return viz.NewFilm(m, b, f), t0, exitOK
}

// renderFrames draws the frames: into files (PNG frames into a directory),
// or as the one PNG or GIF file it returns.
func renderFrames(o renderOptions, film *viz.Film, t0 float64, isGIF bool, files *safefile.Stage) ([]byte, error) {
	bar := newProgress("render", o.Frames > 5)
	img := image.NewRGBA(image.Rect(0, 0, o.Width, o.Height))
	var single []byte
	var anim gif.GIF
	var gq *viz.GIFQuantiser
	if isGIF {
		gq = viz.NewGIFQuantiser(o.Frames, img.Rect)
	}
	for i := 0; i < o.Frames; i++ {
		if o.Frames > 1 {
			film.Status().Speed = fmt.Sprintf("frame %d/%d, every %s", i+1, o.Frames, o.Every)
		}
		if err := film.Draw(img, t0+float64(i)*o.Every.Minutes()); err != nil {
			return nil, err
		}
		switch {
		case isGIF:
			gq.Add(i, img)
			anim.Delay = append(anim.Delay, 50) // 0.5 s a frame
		default:
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return nil, err
			}
			if files == nil {
				single = buf.Bytes()
			} else if err := files.Write(fmt.Sprintf("frame-%04d.png", i+1), buf.Bytes()); err != nil {
				return nil, err
			}
		}
		bar.Update(float64(i+1)/float64(o.Frames), fmt.Sprintf("frame %d/%d", i+1, o.Frames))
	}
	bar.Done()
	if isGIF {
		anim.Image = gq.Wait()
		var buf bytes.Buffer
		if err := gif.EncodeAll(&buf, &anim); err != nil {
			return nil, err
		}
		single = buf.Bytes()
	}
	return single, nil
}
