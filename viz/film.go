package viz

import (
	"image"

	"channelsim/sim"
)

// Film draws a model's run frame by frame into images, as render does:
// each frame advances the model, captures it and draws the scene. The base
// map does not move between frames: its static layers are drawn once (again
// only when the builder's static key changes) and each frame starts from a
// copy of them.
type Film struct {
	m       *sim.Model
	b       *Builder
	r       *ImageRenderer
	f       *Frame
	base    *image.RGBA
	baseKey uint64
}

// NewFilm draws m with builder b, its fonts and the status of frame f.
func NewFilm(m *sim.Model, b *Builder, f *Frame) *Film {
	return &Film{m: m, b: b, r: NewImageRenderer(b.Fonts), f: f}
}

// Draw runs the model to minute t and draws it into img.
func (fm *Film) Draw(img *image.RGBA, t float64) error {
	fm.m.RunUntil(t)
	if err := Capture(fm.m, fm.f); err != nil {
		return err
	}
	sc := fm.b.Build(fm.f)
	if fm.base == nil || fm.baseKey != fm.b.StaticKey() {
		fm.base, fm.baseKey = image.NewRGBA(img.Rect), fm.b.StaticKey()
		fm.r.RenderLayers(fm.base, sc, func(l *Layer) bool { return l.Static })
	}
	copy(img.Pix, fm.base.Pix)
	fm.r.RenderLayers(img, sc, func(l *Layer) bool { return !l.Static })
	return nil
}

// Status is the status line of the frames to come, for the caller to set
// what the model does not say (such as which frame of how many).
func (fm *Film) Status() *Status { return &fm.f.Status }
