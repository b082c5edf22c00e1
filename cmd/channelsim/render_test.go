package main

import (
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestRenderPNG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "frame.png")
	if code := dispatch([]string{"render", "--at", "2015-07-01T06:00", "--out", out, "--width", "640", "--height", "400"}); code != exitOK {
		t.Fatalf("exit %d", code)
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
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 400 {
		t.Errorf("frame is %v, want 640×400", b)
	}
}

func TestRenderSequenceAndGIF(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "frames")
	if code := dispatch([]string{"render", "baseline-2015", "--at", "2015-07-01T06:00", "--frames", "3", "--every", "20m", "--out", dir, "--width", "320", "--height", "240"}); code != exitOK {
		t.Fatalf("sequence: exit %d", code)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "frame-*.png"))
	if len(names) != 3 || filepath.Base(names[0]) != "frame-0001.png" {
		t.Errorf("sequence wrote %v, want frame-0001.png … frame-0003.png", names)
	}
	out := filepath.Join(t.TempDir(), "anim.gif")
	if code := dispatch([]string{"render", "--at", "2015-07-01T06:00", "--frames", "2", "--every", "1h", "--out", out, "--width", "320", "--height", "240"}); code != exitOK {
		t.Fatalf("gif: exit %d", code)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 2 || g.Image[0].Bounds().Dx() != 320 {
		t.Errorf("GIF has %d frames of %v, want 2 of 320×240", len(g.Image), g.Image[0].Bounds())
	}
}

func TestRenderUsageErrors(t *testing.T) {
	tmp := t.TempDir()
	for i, args := range [][]string{
		{"render", "--out", filepath.Join(tmp, "a.png")},                                              // no --at
		{"render", "--at", "2015-07-01T06:00"},                                                        // no --out
		{"render", "--at", "2014-01-01T00:00", "--out", filepath.Join(tmp, "a.png")},                  // before the run
		{"render", "--at", "2015-07-01T06:00", "--out", filepath.Join(tmp, "a.jpg")},                  // not PNG
		{"render", "--at", "1 July", "--out", filepath.Join(tmp, "a.png")},                            // bad instant
		{"render", "--at", "2015-07-01T06:00", "--width", "10", "--out", filepath.Join(tmp, "a.png")}, // too small
		{"render", "--at", "2015-11-30T12:00", "--frames", "100", "--every", "1h", "--out", tmp},      // runs past the end
	} {
		if code := dispatch(args); code != exitUsage {
			t.Errorf("%d %v: exit %d, want %d", i, args[1:], code, exitUsage)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("usage errors left files: %v", entries)
	}
}
