package viz_test

import (
	"image"
	"testing"

	"channelsim/viz"
	"channelsim/viz/viztest"
)

// The image backend draws the map and the agents where they are: sea and
// land colours where the Natural Earth map has sea and land, and lorry
// colours on the A16 near Calais at a busy hour.
func TestImageBackendPixels(t *testing.T) {
	m, f := viztest.RunTo(t, "2015-07-15T11:00") // daytime: no night shading
	b, err := viz.NewBuilder(m.World, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
	viz.NewImageRenderer(b.Fonts).Render(img, b.Build(f))
	viztest.CheckFramePixels(t, img, b, m.World, f.Snap)
}
