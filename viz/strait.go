package viz

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"channelsim/agents"
	"channelsim/world"
)

// The Strait view (runs with the small boats): the Dover Strait from
// Dunkirk to the Baie de Somme, with the launch points and the landing
// places, the boats at sea sized by the people aboard, the people waiting
// on the beaches, the beach patrols at each launch point in use, and the
// weather of the night: a rough sea is tinted and crested, and a panel
// says the wave height, whether boats go on it, the patrols and the counts
// on the beach and at sea.

// Colours of the Strait view.
var (
	ColLaunch   = rgb(0xb3, 0x4a, 0x00)
	ColLanding  = rgb(0x0b, 0x2f, 0x5c)
	ColCalm     = rgb(0x1b, 0x7a, 0x3e)
	ColRough    = rgb(0xc0, 0x1c, 0x28)
	colRoughSea = rgb(0x4a, 0x5a, 0x66) // tint of a rough sea, by its height
	colCrest    = rgba(0xff, 0xff, 0xff, 0xc0)
)

// seaShape is the Strait view's sea, found with the static layers: a
// polygon of the view with the land as holes, for the rough sea's tint,
// and points well out at sea where wave crests are drawn.
type seaShape struct {
	rings  [][]Vec
	crests []Vec
}

// crestStep is the spacing of the wave crests at scale 1, in pixels.
const crestStep = 26

// seaOf returns the sea of view v: its screen grown by a margin, wound
// against the land's rings (so that the land is a hole in it), and the
// crest points of a staggered grid that are at sea with the land at least
// half a step away.
func (b *Builder) seaOf(v View) seaShape {
	clip := v.Screen.Inset(-20)
	var land [][]Vec
	outer, big := 1.0, 0.0
	for _, ring := range b.World.Land {
		pts := project(v, ring)
		if len(pts) < 3 || !overlaps(pts, v.Screen) {
			continue
		}
		if pts = ClipPolygon(pts, clip); len(pts) >= 3 {
			land = append(land, pts)
			// The largest ring is an outer one: the land's winding.
			if a := signedArea(pts); math.Abs(a) > big {
				big, outer = math.Abs(a), math.Copysign(1, a)
			}
		}
	}
	box := []Vec{clip.Min, {clip.Max.X, clip.Min.Y}, clip.Max, {clip.Min.X, clip.Max.Y}}
	if signedArea(box)*outer > 0 {
		box = []Vec{box[0], box[3], box[2], box[1]}
	}
	s := seaShape{rings: append([][]Vec{box}, land...)}
	step := crestStep * b.Layout.Scale
	half := step / 2
	for row, y := 0, v.Screen.Min.Y+half; y < v.Screen.Max.Y-half/2; row, y = row+1, y+step {
		x0 := v.Screen.Min.X + half
		if row%2 == 1 {
			x0 += half
		}
		for x := x0; x < v.Screen.Max.X-half/2; x += step {
			q := Vec{x, y}
			if b.atSeaPx(v, q, half) {
				s.crests = append(s.crests, q)
			}
		}
	}
	return s
}

// atSeaPx reports whether screen point q of view v and the points r
// pixels around it are all at sea.
func (b *Builder) atSeaPx(v View, q Vec, r float64) bool {
	for _, d := range []Vec{{0, 0}, {r, 0}, {-r, 0}, {0, r}, {0, -r}} {
		if b.World.OnLand(v.ToWorld(q.Add(d))) {
			return false
		}
	}
	return true
}

// signedArea is twice the signed area of a ring (positive when it runs
// clockwise on a y-down screen).
func signedArea(pts []Vec) float64 {
	var a float64
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		a += p.X*q.Y - q.X*p.Y
	}
	return a
}

// atSea reports whether the Strait view draws agent a: the boats, the
// ferries and the people on the beaches; the lorries, the camps and the
// rest are the other views'.
func atSea(a *agents.View) bool {
	return a.Kind == agents.KindBoat || a.Kind == agents.KindFerry || (a.Kind == agents.KindMigrant && a.Place == "beach")
}

// roughness is how rough the sea of frame f looks, 0 (calm: boats go) to
// 1 (a metre and a half over the boats' limit and more).
func roughness(bt *Boats) float64 {
	if bt.Calm {
		return 0
	}
	return math.Max(0.15, math.Min(1, (bt.WaveM-bt.MaxWaveM)/1.5))
}

// straitScene draws the Strait view's weather and patrols into its agents'
// layer l: a rough sea's tint and crests (under the agents: layers draw
// rectangles, polygons, lines, then markers), and a triangle at each launch
// point in use sized by the officers watching it, on the land side.
func (b *Builder) straitScene(l *Layer, f *Frame) {
	v, k := b.Strait, b.Layout.Scale
	bt := &f.Boats
	if r := roughness(bt); r > 0 {
		l.Polys = append(l.Polys, Poly{Rings: b.sea.rings, Color: fade(colRoughSea, uint8(math.Round(255*(0.2+0.35*r))))})
		a := (1.5 + 2.5*r) * k
		w := 5 * k
		for _, c := range b.sea.crests {
			l.Lines = append(l.Lines, Line{[]Vec{{c.X - w, c.Y + a/2}, {c.X - w/2, c.Y - a/2}, {c.X, c.Y + a/2}, {c.X + w/2, c.Y - a/2}, {c.X + w, c.Y + a/2}}, 1.2 * k, colCrest})
		}
	}
	zk := zoomK(v, b.fit[viewStrait])
	for _, p := range bt.Launches {
		s, ok := b.World.Site(p.Site)
		if !ok || !v.Visible(s.Pos, 10) {
			continue
		}
		st := PatrolStyle
		size := st.Size * patrolScale(p.Officers) * zk
		at := v.ToScreen(s.Pos).Add(Vec{0.6*size + 4*k, 0.6*size + 4*k}) // inland: France is south-east of its coast here
		l.Markers = append(l.Markers, Marker{At: at, Shape: st.Shape, Size: size, Fill: st.Fill, Line: st.Line})
	}
}

// panelLine is a line of the Strait view's panel.
type panelLine struct {
	s    string
	size FontSize
	c    color.RGBA
}

// straitCounts writes the Strait view's panel in its bottom-left corner,
// over the Channel off the Somme: the sea of the day, the patrols, and the
// people on the beach and at sea in the snapshot. Where the view is too
// narrow for it beside the scale bar (small frames), the panel keeps the
// sea alone, in short, or goes (the HUD has the same figures).
func (b *Builder) straitCounts(f *Frame) *Layer {
	v, k := b.Strait, b.Layout.Scale
	l := &Layer{Name: "strait", Clip: v.Screen}
	lines := straitPanel(f)
	width := func(ls []panelLine) float64 {
		w := 0.0
		for _, ln := range ls {
			w = math.Max(w, b.Fonts.Width(ln.size, ln.s))
		}
		return w + 12*k
	}
	x, y1 := v.Screen.Min.X+6*k, v.Screen.Max.Y-6*k
	bar, _ := b.scaleLength(v)
	room := v.Screen.Max.X - 14*k - bar - 6 - 6*k - x // to the scale bar's box
	if width(lines) > room {
		lines = lines[:1]
		lines[0].s = strings.SplitN(lines[0].s, ",", 2)[0] // "Sea 0.46 m: calm"
		if width(lines) > room {
			return l
		}
	}
	lh := b.Fonts.LineHeight(FontSmall) + 2*k
	y0 := y1 - float64(len(lines))*lh - 8*k
	l.Rects = append(l.Rects, RectFill{R(x, y0, x+width(lines), y1), fade(rgb(0xff, 0xff, 0xff), 0xd8)})
	for i, ln := range lines {
		b.text(l, x+6*k, y0+4*k+float64(i+1)*lh-3*k, ln.s, ln.size, ln.c, 0)
	}
	return l
}

// straitPanel returns the lines of the Strait view's panel of frame f.
func straitPanel(f *Frame) []panelLine {
	bt := &f.Boats
	beach, boats, aboard := 0, 0, 0
	for i := range f.Snap.Agents {
		a := &f.Snap.Agents[i]
		switch {
		case a.Kind == agents.KindBoat:
			boats++
			aboard += max(0, a.Rank)
		case a.Kind == agents.KindMigrant && a.Place == "beach":
			beach++
		}
	}
	sea, col := fmt.Sprintf("Sea %.2f m: calm, boats go (up to %.1f m)", bt.WaveM, bt.MaxWaveM), ColCalm
	if !bt.Calm {
		sea, col = fmt.Sprintf("Sea %.2f m: rough, no boats (over %.1f m)", bt.WaveM, bt.MaxWaveM), ColRough
	}
	return []panelLine{
		{sea, FontBold, col},
		{fmt.Sprintf("Beach patrols %.0f officers", bt.Officers), FontSmall, ColLabel},
		{fmt.Sprintf("On the beach %d · at sea %s, %d aboard", beach, plural(boats, "boat"), aboard), FontSmall, ColLabel},
	}
}

// plural returns "1 boat", "2 boats".
func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// straitNames are the Strait view's labels of the launch points and
// landing places (their names in world.json are descriptions).
var straitNames = map[string]string{
	"launch-dunkirk": "Dunkirk beaches", "launch-gravelines": "Gravelines", "launch-calais-sangatte": "Calais, Sangatte",
	"launch-wissant-gris-nez": "Wissant, Gris-Nez", "launch-wimereux-boulogne": "Wimereux, Boulogne",
	"launch-hardelot-le-touquet": "Hardelot, Le Touquet", "launch-berck-somme": "Berck, Somme",
	"dover-western-docks": "Dover (landings)", "dungeness": "Dungeness",
}

// straitSite reports whether the Strait view draws site s (the launch
// points and landing places), with its label.
func straitSite(s *world.Site) (string, bool) {
	if s.Kind != "launch" && s.Kind != "landing" {
		return "", false
	}
	if n, ok := straitNames[s.ID]; ok {
		return n, true
	}
	return ShortName(s), true
}
