package viz

import (
	"fmt"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
)

// Fonts are the faces the scene is laid out and drawn with: Liberation Sans
// (SIL Open Font Licence, embedded by codeberg.org/go-fonts/liberation, a
// dependency gonum/plot already brings), hinted for crisp small text. A
// font.Face is not safe for concurrent use: each Builder and each backend
// owns its Fonts.
type Fonts struct {
	Face [numFonts]font.Face
	// PxSize is each face's size in pixels.
	PxSize [numFonts]float64
}

// NewFonts returns the scene's faces, scaled by k (1 for 1280×800).
func NewFonts(k float64) (*Fonts, error) {
	reg, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("viz: font: %w", err)
	}
	bold, err := opentype.Parse(liberationsansbold.TTF)
	if err != nil {
		return nil, fmt.Errorf("viz: font: %w", err)
	}
	f := &Fonts{}
	spec := [numFonts]struct {
		ttf  *opentype.Font
		size float64
	}{FontSmall: {reg, 11}, FontNormal: {reg, 13}, FontLarge: {bold, 16}, FontBold: {bold, 13}}
	for i, s := range spec {
		px := s.size * k
		face, err := opentype.NewFace(s.ttf, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, fmt.Errorf("viz: font: %w", err)
		}
		f.Face[i], f.PxSize[i] = face, px
	}
	return f, nil
}

// Width returns the advance of s in pixels.
func (f *Fonts) Width(size FontSize, s string) float64 {
	return float64(font.MeasureString(f.Face[size], s)) / 64
}

// Ascent returns the height of capitals above the baseline, in pixels.
func (f *Fonts) Ascent(size FontSize) float64 {
	return float64(f.Face[size].Metrics().CapHeight) / 64
}

// LineHeight returns the distance between baselines, in pixels.
func (f *Fonts) LineHeight(size FontSize) float64 {
	return float64(f.Face[size].Metrics().Height) / 64
}
