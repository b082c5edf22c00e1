package viz

import (
	"image"
	"image/color"
)

// Quantiser converts RGBA frames to a fixed opaque palette with
// Floyd–Steinberg dithering, for animated GIFs. Its output is byte for byte
// that of image/draw.FloydSteinberg.Draw onto an image.Paletted of the same
// palette: the same fixed-point arithmetic, the same error diffusion and
// the same choice among equally near colours (the lowest index). What
// differs is the search for the nearest colour: image/draw tries all 256
// palette entries for every pixel, which took 85 % of the time of
// rendering a GIF; the Quantiser divides the RGB cube into 32³ cells and
// tries only the entries that can be nearest to some point of the pixel's
// cell (a dozen or so).
//
// A Quantiser is safe for concurrent use once made.
type Quantiser struct {
	pal   color.Palette
	rgb   [][3]int32
	cells [][]uint8 // candidates of each cell, in increasing index order
}

const (
	qCellBits = 5 // 32 cells along each axis
	qShift    = 16 - qCellBits
	qCells    = 1 << qCellBits
)

// NewQuantiser returns a Quantiser for pal, which must have 1 to 256 opaque
// colours.
func NewQuantiser(pal color.Palette) *Quantiser {
	if len(pal) == 0 || len(pal) > 256 {
		panic("viz: quantiser palette must have 1–256 colours")
	}
	q := &Quantiser{pal: pal, rgb: make([][3]int32, len(pal)), cells: make([][]uint8, qCells*qCells*qCells)}
	for i, c := range pal {
		r, g, b, a := c.RGBA()
		if a != 0xffff {
			panic("viz: quantiser palette colours must be opaque")
		}
		q.rgb[i] = [3]int32{int32(r), int32(g), int32(b)}
	}
	size := int64(1) << qShift
	minD := make([]int64, len(pal))
	for ci := range q.cells {
		lo := [3]int64{int64(ci>>(2*qCellBits)) * size, int64(ci>>qCellBits&(qCells-1)) * size, int64(ci&(qCells-1)) * size}
		// U bounds from above the distance from any point of the cell to
		// its nearest entry; an entry whose distance from the cell is more
		// than U (plus the rounding of sqDiff) is never the nearest.
		u := int64(1) << 62
		for j, p := range q.rgb {
			var dmin, dmax int64
			for c := 0; c < 3; c++ {
				v, l, h := int64(p[c]), lo[c], lo[c]+size-1
				switch {
				case v < l:
					dmin += (l - v) * (l - v)
				case v > h:
					dmin += (v - h) * (v - h)
				}
				dmax += max((v-l)*(v-l), (h-v)*(h-v))
			}
			minD[j] = dmin
			u = min(u, dmax)
		}
		// The distance image/draw minimises is Σ floor(d²/4) over the
		// channels (alpha adds the same to every opaque entry): within 3
		// of Σd²/4, so within 12 of Σd² in these units.
		var cand []uint8
		for j := range q.rgb {
			if minD[j] <= u+12 {
				cand = append(cand, uint8(j))
			}
		}
		q.cells[ci] = cand
	}
	return q
}

// Quantise returns img dithered to the palette. (image/draw ignores an
// RGBA image's alpha in the choice of colour when the palette is opaque,
// and so does Quantise.)
func (q *Quantiser) Quantise(img *image.RGBA) *image.Paletted {
	b := img.Bounds()
	dst := image.NewPaletted(b, q.pal)
	w, h := b.Dx(), b.Dy()
	// The errors propagated to the pixels of the current and the next row,
	// times 16, with a pixel of margin each side, as image/draw keeps them.
	curr := make([][3]int32, w+2)
	next := make([][3]int32, w+2)
	for y := 0; y < h; y++ {
		src := img.Pix[y*img.Stride:]
		out := dst.Pix[y*dst.Stride:]
		for x := 0; x < w; x++ {
			s := src[4*x : 4*x+3 : 4*x+3]
			er := clamp16(int32(s[0])*0x101 + curr[x+1][0]/16)
			eg := clamp16(int32(s[1])*0x101 + curr[x+1][1]/16)
			eb := clamp16(int32(s[2])*0x101 + curr[x+1][2]/16)
			cell := (er>>qShift)<<(2*qCellBits) | (eg>>qShift)<<qCellBits | eb>>qShift
			best, bestSum := 0, uint32(1<<32-1)
			for _, j := range q.cells[cell] {
				p := &q.rgb[j]
				sum := sqDiff(er, p[0]) + sqDiff(eg, p[1]) + sqDiff(eb, p[2])
				if sum < bestSum {
					best, bestSum = int(j), sum
				}
			}
			out[x] = uint8(best)
			p := &q.rgb[best]
			er, eg, eb = er-p[0], eg-p[1], eb-p[2]
			next[x][0] += er * 3
			next[x][1] += eg * 3
			next[x][2] += eb * 3
			next[x+1][0] += er * 5
			next[x+1][1] += eg * 5
			next[x+1][2] += eb * 5
			next[x+2][0] += er
			next[x+2][1] += eg
			next[x+2][2] += eb
			curr[x+2][0] += er * 7
			curr[x+2][1] += eg * 7
			curr[x+2][2] += eb * 7
		}
		curr, next = next, curr
		clear(next)
	}
	return dst
}

func clamp16(i int32) int32 { return min(max(i, 0), 0xffff) }

// sqDiff is image/draw's: the squared difference, shifted right by 2, in
// wrapping 32-bit arithmetic.
func sqDiff(x, y int32) uint32 {
	d := uint32(x - y)
	return (d * d) >> 2
}
