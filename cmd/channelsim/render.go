package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"channelsim/scenarios"
	"channelsim/sim"
	"channelsim/viz"
)

func init() {
	register("render", "draw the map and agents at an instant to PNG (or a PNG sequence or GIF)", runRender)
}

func runRender(args []string) int {
	fs := newFlags("render", "[SCENARIO] --at DATETIME --out FRAME.png [--width W] [--height H] [--seed N] [--frames N --every DURATION]",
		"Runs SCENARIO (default "+scenarios.Default+") to DATETIME, French local time (e.g. 2015-07-02T23:00),\n"+
			"and draws the viewer's scene (Calais–Coquelles, Kent to London, HUD and charts) with the\n"+
			"pure-Go image backend. With --frames N it draws N frames DURATION apart: into the\n"+
			"directory --out as frame-0001.png … or, if --out ends in .gif, as one animated GIF.")
	at := fs.String("at", "", "French local date and time of the (first) frame, e.g. 2015-07-02T23:00 (required)")
	out := fs.String("out", "", "output PNG file, or directory for --frames, or .gif file (required)")
	width := fs.Int("width", 1280, "frame width in pixels (320–4096)")
	height := fs.Int("height", 800, "frame height in pixels (240–4096)")
	seed := fs.Uint64("seed", 0, "seed of the run's random streams (default: the scenario's)")
	frames := fs.Int("frames", 1, "number of frames (1–10000)")
	every := fs.Duration("every", time.Hour, "simulated time between frames, e.g. 10m, 1h")
	legend := fs.Bool("legend", true, "draw the legend")
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) > 1 {
		return usageError(fs, "expected at most one scenario, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	if *at == "" || *out == "" {
		return usageError(fs, "--at and --out are required")
	}
	when, err := viz.ParseInstant(*at)
	if err != nil {
		return usageError(fs, "--at: %v", err)
	}
	if *width < 320 || *width > 4096 || *height < 240 || *height > 4096 {
		return usageError(fs, "--width and --height: expected 320–4096 by 240–4096 pixels, got %d×%d", *width, *height)
	}
	if *frames < 1 || *frames > 10000 {
		return usageError(fs, "--frames: expected 1 to 10000, got %d", *frames)
	}
	if *frames > 1 && *every <= 0 {
		return usageError(fs, "--every: expected a positive duration, got %s", *every)
	}
	isGIF := strings.EqualFold(filepath.Ext(*out), ".gif")
	if *frames == 1 && !isGIF && !strings.EqualFold(filepath.Ext(*out), ".png") {
		return usageError(fs, "--out: expected a .png or .gif file for one frame, got %q", *out)
	}
	ref := scenarios.Default
	if len(pos) == 1 {
		ref = pos[0]
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	sc, err := scenarios.Load(ref)
	if err != nil {
		return reportLoadError(err)
	}
	cfg := sc.Config
	if set["seed"] {
		cfg.Seed = *seed
	}
	m, err := sim.NewDefault(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
		return exitInternal
	}
	t0, err := viz.MinuteOf(m, when)
	if err != nil {
		return usageError(fs, "--at: %v", err)
	}
	last := when.Add(time.Duration(*frames-1) * *every)
	if _, err := viz.MinuteOf(m, last); err != nil {
		return usageError(fs, "--frames/--every: the last frame: %v", err)
	}
	b, err := viz.NewBuilder(m.World, *width, *height)
	if err != nil {
		fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
		return exitInternal
	}
	r := viz.NewImageRenderer(b.Fonts)
	f := &viz.Frame{Status: viz.Status{Scenario: cfg.Name, Legend: *legend, Selected: -1}}

	var files *atomicFiles
	var anim gif.GIF
	dir := filepath.Dir(*out)
	if *frames > 1 && !isGIF {
		dir = *out
	}
	if files, err = newAtomicFiles(dir); err != nil {
		fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
		return exitInternal
	}
	bar := newProgress("render", *frames > 5)
	img := image.NewRGBA(image.Rect(0, 0, *width, *height))
	for i := 0; i < *frames; i++ {
		m.RunUntil(t0 + float64(i)*every.Minutes())
		if err := viz.Capture(m, f); err != nil {
			files.Abort()
			fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
			return exitInternal
		}
		if *frames > 1 {
			f.Status.Speed = fmt.Sprintf("frame %d/%d, every %s", i+1, *frames, every)
		}
		r.Render(img, b.Build(f))
		switch {
		case isGIF:
			anim.Image = append(anim.Image, quantise(img))
			anim.Delay = append(anim.Delay, 50) // 0.5 s a frame
		default:
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				files.Abort()
				fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
				return exitInternal
			}
			name := filepath.Base(*out)
			if *frames > 1 {
				name = fmt.Sprintf("frame-%04d.png", i+1)
			}
			if err := files.Write(name, buf.Bytes()); err != nil {
				files.Abort()
				fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
				return exitInternal
			}
		}
		bar.Update(float64(i+1)/float64(*frames), fmt.Sprintf("frame %d/%d", i+1, *frames))
	}
	bar.Done()
	if isGIF {
		var buf bytes.Buffer
		if err := gif.EncodeAll(&buf, &anim); err != nil {
			fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
			return exitInternal
		}
		if err := files.Write(filepath.Base(*out), buf.Bytes()); err != nil {
			files.Abort()
			fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
			return exitInternal
		}
	}
	if err := files.Commit(); err != nil {
		fmt.Fprintf(os.Stderr, "channelsim render: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// quantise converts a frame to a paletted image for GIF: the Plan 9
// palette (256 colours spread over the RGB cube) with Floyd–Steinberg
// dithering, which keeps the pale map colours smooth.
func quantise(img *image.RGBA) *image.Paletted {
	p := image.NewPaletted(img.Bounds(), palette.Plan9)
	draw.FloydSteinberg.Draw(p, img.Bounds(), img, image.Point{})
	return p
}
