package viz_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"channelsim/viz"
	"channelsim/viz/viztest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenFrames are frames of runs without the small boats, drawn as
// channelsim render draws them (viz.Film, the legend on): a night and a
// day, at two frame sizes. Their pixels are pinned so that what is added
// for other runs leaves these frames exactly as they were.
var goldenFrames = []struct {
	scenario, at string
	w, h         int
}{
	{"baseline-2015", "2015-07-02T23:00", 1280, 800},
	{"baseline-2015", "2015-07-15T11:00", 640, 400},
	{"baseline-2016", "2016-05-10T02:00", 1280, 800},
}

const goldenFile = "testdata/render-golden.txt"

// TestRenderGolden: the frames of goldenFrames hash to the SHA-256 in
// testdata/render-golden.txt. If a change to the drawing is intended,
// regenerate it with go test ./viz -run RenderGolden -update and say why
// in the commit. A failing frame is written beside the test's temporary
// files, to look at.
func TestRenderGolden(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		// Other architectures may fuse multiply-adds, which moves
		// anti-aliased edges by a rounding: the pins are amd64's.
		t.Skip("the pinned hashes are of amd64 frames")
	}
	var got []string
	for _, g := range goldenFrames {
		img := goldenRender(t, g.scenario, g.at, g.w, g.h)
		sum := sha256.Sum256(img.Pix)
		line := fmt.Sprintf("%s %s %dx%d %s", g.scenario, g.at, g.w, g.h, hex.EncodeToString(sum[:]))
		got = append(got, line)
		if !*update && !strings.Contains(readGolden(t), line) {
			out := filepath.Join(t.TempDir(), fmt.Sprintf("%s-%s.png", g.scenario, strings.ReplaceAll(g.at, ":", "")))
			if f, err := os.Create(out); err == nil {
				png.Encode(f, img)
				f.Close()
			}
			t.Errorf("frame %s changed (%s; the frame is %s)", line, goldenFile, out)
		}
	}
	if *update {
		if err := os.WriteFile(goldenFile, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readGolden(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run go test ./viz -run RenderGolden -update)", err)
	}
	return string(b)
}

// goldenRender draws scenario at French local instant at as render does.
func goldenRender(t *testing.T, scenario, at string, w, h int) *image.RGBA {
	t.Helper()
	m, tm := viztest.ModelAt(t, scenario, at)
	b, err := viz.NewBuilder(m.World, w, h)
	if err != nil {
		t.Fatal(err)
	}
	f := &viz.Frame{Status: viz.Status{Scenario: m.Cfg.Name, Legend: true, Selected: -1}}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if err := viz.NewFilm(m, b, f).Draw(img, tm); err != nil {
		t.Fatal(err)
	}
	return img
}
