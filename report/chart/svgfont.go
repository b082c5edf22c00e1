package chart

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"

	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// svgCanvas is gonum's SVG canvas that carries the fonts of its text: on
// writing, an @font-face rule for each face used, with the face's glyphs
// that the text needs (a subset of the TrueType file: a chart's 70 or so
// glyphs take some 60 kB where the whole Liberation Serif takes 390 kB).
// A browser then draws the text in the font it was laid out with, at the
// widths the layout measured, whatever fonts the reader's machine has.
type svgCanvas struct {
	*vgsvg.Canvas
	faces []font.Face       // in order of first use
	runes []map[rune]bool   // the text drawn with each face
	index map[string]int    // a face's CSS description → its index
	descr map[int][3]string // family, weight and style names, by index
}

func newSVGCanvas(w, h vg.Length) *svgCanvas {
	return &svgCanvas{Canvas: vgsvg.NewWith(vgsvg.UseWH(w, h)), index: map[string]int{}, descr: map[int][3]string{}}
}

// FillString implements vg.Canvas, noting the face and the text.
func (c *svgCanvas) FillString(f font.Face, pt vg.Point, s string) {
	key := fmt.Sprintf("%s|%v|%v", f.Font.Typeface, f.Font.Weight, f.Font.Style)
	i, ok := c.index[key]
	if !ok {
		i = len(c.faces)
		c.index[key] = i
		c.faces = append(c.faces, f)
		c.runes = append(c.runes, map[rune]bool{})
	}
	for _, r := range s {
		c.runes[i][r] = true
	}
	c.Canvas.FillString(f, pt, s)
}

// WriteTo writes the SVG with a <style> of the subset fonts after the
// opening <svg> tag.
func (c *svgCanvas) WriteTo(w io.Writer) (int64, error) {
	var doc bytes.Buffer
	if _, err := c.Canvas.WriteTo(&doc); err != nil {
		return 0, err
	}
	b := doc.Bytes()
	if len(c.faces) > 0 {
		at := bytes.Index(b, []byte("<svg "))
		end := bytes.IndexByte(b[max(at, 0):], '>')
		if at < 0 || end < 0 {
			return 0, errors.New("chart: SVG without an <svg> element")
		}
		at += end + 2 // after ">\n"
		var style bytes.Buffer
		style.WriteString("<defs>\n<style>\n")
		for i, f := range c.faces {
			var names sfnt.Buffer
			family, err := f.Face.Name(&names, sfnt.NameIDFamily)
			if err != nil {
				return 0, fmt.Errorf("chart: font: %w", err)
			}
			var raw bytes.Buffer
			if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
				return 0, fmt.Errorf("chart: font: %w", err)
			}
			keep := []sfnt.GlyphIndex{0}
			for r := range c.runes[i] {
				if g, err := f.Face.GlyphIndex(&names, r); err == nil && g != 0 {
					keep = append(keep, g)
				}
			}
			sub, err := subsetTrueType(raw.Bytes(), keep)
			if err != nil {
				return 0, fmt.Errorf("chart: font %s: %w", family, err)
			}
			weight, fstyle := "normal", "normal"
			if f.Font.Weight >= stdfont.WeightSemiBold {
				weight = "bold"
			}
			if f.Font.Style != stdfont.StyleNormal {
				fstyle = "italic"
			}
			fmt.Fprintf(&style, "@font-face{font-family:%q;font-weight:%s;font-style:%s;src:url(data:font/ttf;base64,%s) format(\"truetype\");}\n",
				family, weight, fstyle, base64.StdEncoding.EncodeToString(sub))
		}
		style.WriteString("</style>\n</defs>\n")
		b = slices.Concat(b[:at], style.Bytes(), b[at:])
	}
	n, err := w.Write(b)
	return int64(n), err
}

// subsetTrueType returns the TrueType font ttf with the outlines of the
// glyphs keep (and of the glyphs they are composed of) and no others.
// Glyph indices are unchanged, so every table that refers to glyphs
// (cmap, hmtx, kern, GPOS) stays valid; glyphs not kept are empty. The
// glyph names (post), ligatures and other substitutions (GSUB: the
// layout made none) and the per-size device tables are left out.
func subsetTrueType(ttf []byte, keep []sfnt.GlyphIndex) ([]byte, error) {
	be := binary.BigEndian
	tables, err := readTables(ttf)
	if err != nil {
		return nil, err
	}
	head, maxp, loca, glyf := tables["head"], tables["maxp"], tables["loca"], tables["glyf"]
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("not a TrueType font with glyf outlines")
	}
	o := outlines{loca: loca, glyf: glyf, long: be.Uint16(head[50:]) == 1, glyphs: int(be.Uint16(maxp[4:]))}
	kept := o.closure(keep)
	var newGlyf bytes.Buffer
	newLoca := make([]byte, 4*(o.glyphs+1))
	for g := 0; g < o.glyphs; g++ {
		be.PutUint32(newLoca[4*g:], uint32(newGlyf.Len()))
		if kept[g] {
			newGlyf.Write(o.outline(g))
			for newGlyf.Len()%4 != 0 {
				newGlyf.WriteByte(0)
			}
		}
	}
	be.PutUint32(newLoca[4*o.glyphs:], uint32(newGlyf.Len()))
	newHead := slices.Clone(head)
	be.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below
	be.PutUint16(newHead[50:], 1)
	tables["head"], tables["loca"], tables["glyf"] = newHead, newLoca, newGlyf.Bytes()
	if post := tables["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32])
		be.PutUint32(p, 0x00030000) // no glyph names
		tables["post"] = p
	}
	for _, tag := range []string{"GSUB", "DSIG", "hdmx", "LTSH", "VDMX", "FFTM"} {
		delete(tables, tag)
	}
	return writeTables(ttf[:4], tables), nil
}

// readTables reads a font's table directory: each table's bytes by tag.
func readTables(ttf []byte) (map[string][]byte, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errors.New("not a TrueType font")
	}
	n := int(be.Uint16(ttf[4:]))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errors.New("truncated table directory")
		}
		tag := string(ttf[rec : rec+4])
		off, ln := int(be.Uint32(ttf[rec+8:])), int(be.Uint32(ttf[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(ttf) {
			return nil, fmt.Errorf("table %q out of the file", tag)
		}
		tables[tag] = ttf[off : off+ln]
	}
	return tables, nil
}

// outlines are a font's glyph outlines: the glyf table indexed by loca
// (long or short offsets).
type outlines struct {
	loca, glyf []byte
	long       bool
	glyphs     int
}

func (o outlines) offset(i int) (int, bool) {
	be := binary.BigEndian
	if o.long {
		if 4*i+4 > len(o.loca) {
			return 0, false
		}
		return int(be.Uint32(o.loca[4*i:])), true
	}
	if 2*i+2 > len(o.loca) {
		return 0, false
	}
	return 2 * int(be.Uint16(o.loca[2*i:])), true
}

// outline is glyph g's outline, nil when loca is out of the table.
func (o outlines) outline(g int) []byte {
	a, ok1 := o.offset(g)
	b, ok2 := o.offset(g + 1)
	if !ok1 || !ok2 || a > b || b > len(o.glyf) {
		return nil
	}
	return o.glyf[a:b]
}

// closure marks the glyphs keep, with the components of composite glyphs.
func (o outlines) closure(keep []sfnt.GlyphIndex) []bool {
	kept := make([]bool, o.glyphs)
	todo := []int{}
	for _, g := range keep {
		if int(g) < o.glyphs {
			todo = append(todo, int(g))
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if kept[g] {
			continue
		}
		kept[g] = true
		todo = append(todo, o.components(g)...)
	}
	return kept
}

// components are the glyphs composite glyph g is made of (none for a
// simple glyph).
func (o outlines) components(g int) []int {
	be := binary.BigEndian
	out := o.outline(g)
	if len(out) < 10 || int16(be.Uint16(out)) >= 0 {
		return nil
	}
	var comps []int
	for p := 10; p+4 <= len(out); {
		flags, comp := be.Uint16(out[p:]), int(be.Uint16(out[p+2:]))
		if comp < o.glyphs {
			comps = append(comps, comp)
		}
		p += 4
		if flags&0x1 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x8 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x40 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x80 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x20 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return comps
}

// writeTables writes a font of the tables, in tag order, after the
// sfnt version version, and sets head's checkSumAdjustment.
func writeTables(version []byte, tables map[string][]byte) []byte {
	be := binary.BigEndian
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	var out bytes.Buffer
	hdr := make([]byte, 12+16*len(tags))
	copy(hdr, version)
	nt := len(tags)
	pow := 1
	log := 0
	for pow*2 <= nt {
		pow *= 2
		log++
	}
	be.PutUint16(hdr[4:], uint16(nt))
	be.PutUint16(hdr[6:], uint16(16*pow))
	be.PutUint16(hdr[8:], uint16(log))
	be.PutUint16(hdr[10:], uint16(16*nt-16*pow))
	off := len(hdr)
	var body bytes.Buffer
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		rec := hdr[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(data))
		be.PutUint32(rec[8:], uint32(off+body.Len()))
		be.PutUint32(rec[12:], uint32(len(data)))
		if t == "head" {
			headAt = off + body.Len()
		}
		body.Write(data)
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	out.Write(hdr)
	out.Write(body.Bytes())
	b := out.Bytes()
	be.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

// checksum is a TrueType table's checksum: the sum of its big-endian
// 32-bit words, the last padded with zeros.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
