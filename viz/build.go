package viz

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"channelsim/agents"
	"channelsim/sim"
	"channelsim/world"
)

// Builder builds scenes of one world at one frame size. It keeps the map
// views (which Zoom and Pan change) and caches the static layers and
// labels between frames. It is not safe for concurrent use; it never
// changes the snapshots it reads.
type Builder struct {
	World  *world.World
	Styles *Styles
	Fonts  *Fonts
	Layout Layout
	// Main is the Calais–Coquelles view; Inset the Kent–London view;
	// Coast the coast and the A26, over the corner of Main; Strait the
	// Dover Strait with the small boats, over another corner of Main (in
	// runs with the boats only: see Frame.Boats).
	Main, Inset, Coast, Strait View
	// boats is whether the layout has the Strait view: the last frame
	// built was of a run with the small boats.
	boats bool
	// fit is each view's metres per pixel when fitted, to scale sizes by
	// zoom.
	fit [numViews]float64

	key    uint64 // changes with the views: static layers' cache key
	built  uint64 // key the cached layers were built for
	static []*Layer
	labels [numViews]*Layer
	// counts are where the coast view writes the number of lorries at each
	// rest area, kept free of the static labels.
	counts []countLabel
	picks  []pick
	// The agents' layers and the markers drawn on top, reused from frame
	// to frame: a new slice of 10,000 markers a frame made the garbage
	// collector run every few frames.
	bulk [numViews]Layer
	top  []Marker
	// The charts, the attempts by spot among them once the run's daily
	// columns name the spots: found once, not every frame.
	chartList []chartSpec
	// sea is the Strait view's sea for the weather of the night: the sea
	// as a polygon (the view with the land as holes) and points at sea
	// where wave crests are drawn, found with the static layers.
	sea seaShape
}

// viewID names the map views, in the order their layers are drawn: the
// coast and Strait insets last, over the corners of the Calais view.
type viewID int

const (
	viewCalais viewID = iota
	viewUK
	viewCoast
	viewStrait // runs with the small boats only
	numViews
)

// views returns the map views by viewID.
func (b *Builder) views() [numViews]View {
	return [numViews]View{b.Main, b.Inset, b.Coast, b.Strait}
}

var (
	viewsNoBoats = []viewID{viewCalais, viewUK, viewCoast}
	viewsBoats   = []viewID{viewCalais, viewUK, viewCoast, viewStrait}
)

// shown returns the views the layout has, in drawing order: the Strait
// view only in runs with the small boats.
func (b *Builder) shown() []viewID {
	if b.boats {
		return viewsBoats
	}
	return viewsNoBoats
}

// countLabel is where a rest area's count of lorries is written.
type countLabel struct {
	site *world.Site
	at   Vec // baseline start
}

// pick is a drawn agent, for Pick.
type pick struct {
	at    Vec
	agent int // index in the snapshot's Agents
	r     float64
}

// NewBuilder returns a builder for w×h frames of world wd with the default
// styles.
func NewBuilder(wd *world.World, w, h int) (*Builder, error) {
	b := &Builder{World: wd, Styles: DefaultStyles()}
	b.Resize(w, h)
	f, err := NewFonts(b.Layout.Scale)
	if err != nil {
		return nil, err
	}
	b.Fonts = f
	return b, nil
}

// Resize lays the frame out again for w×h and resets the views to their
// default boxes (world.CalaisBounds, world.UKBounds, world.CoastBounds).
func (b *Builder) Resize(w, h int) {
	old := b.Layout.Scale
	b.Layout = NewLayoutFor(w, h, b.boats)
	b.ResetViews()
	if b.Fonts != nil && old != b.Layout.Scale {
		if f, err := NewFonts(b.Layout.Scale); err == nil {
			b.Fonts = f
		}
	}
}

// ResetViews shows the default boxes again (and world.StraitBounds in runs
// with the small boats).
func (b *Builder) ResetViews() {
	lo, hi := b.World.CalaisBounds()
	b.Main = FitView(b.Layout.Main, lo, hi)
	lo, hi = b.World.UKBounds()
	// A little margin east so that Dover, Folkestone and the first
	// kilometres of both crossings show.
	hi.X += 6000
	b.Inset = FitView(b.Layout.Inset, lo, hi)
	lo, hi = b.World.CoastBounds()
	b.Coast = FitView(b.Layout.Coast, lo, hi)
	b.Strait = View{}
	if b.boats {
		lo, hi = b.World.StraitBounds()
		b.Strait = FitView(b.Layout.Strait, lo, hi)
	}
	b.fit = [numViews]float64{b.Main.MPerPx, b.Inset.MPerPx, b.Coast.MPerPx, b.Strait.MPerPx}
	b.key++
}

// showBoats lays the frame out with or without the Strait view, for a run
// with or without the small boats, when that changes.
func (b *Builder) showBoats(on bool) {
	if on != b.boats {
		b.boats = on
		b.Resize(b.Layout.W, b.Layout.H)
	}
}

// ViewAt returns the view under screen point q (nil outside the maps).
func (b *Builder) ViewAt(q Vec) *View {
	switch {
	case b.Coast.Screen.Contains(q): // over the corner of Main
		return &b.Coast
	case b.boats && b.Strait.Screen.Contains(q): // over another corner
		return &b.Strait
	case b.Inset.Screen.Contains(q):
		return &b.Inset
	case b.Main.Screen.Contains(q):
		return &b.Main
	}
	return nil
}

// Zoom zooms the view under q by k about q.
func (b *Builder) Zoom(q Vec, k float64) {
	if v := b.ViewAt(q); v != nil {
		*v = v.Zoom(q, k)
		b.key++
	}
}

// Pan moves the map under q by d pixels.
func (b *Builder) Pan(q Vec, d Vec) {
	if v := b.ViewAt(q); v != nil {
		*v = v.Pan(d)
		b.key++
	}
}

// StaticKey changes whenever the static layers change.
func (b *Builder) StaticKey() uint64 { return b.key }

// zoomK is how much larger than at the fitted scale things are drawn: the
// square root of the zoom, within 0.6–3.
func zoomK(v View, fit float64) float64 {
	return math.Max(0.6, math.Min(3, math.Sqrt(fit/v.MPerPx)))
}

// Frame is what one scene shows: a snapshot, the daily series so far and
// the viewer's state. Only Snap is required.
type Frame struct {
	Snap    *sim.Snapshot
	History *History
	Policy  []sim.PolicyChange
	Levers  Levers
	// Boats is the small boats' levers, sea and launch points; a frame
	// whose Boats.On is set is drawn with the Strait view.
	Boats  Boats
	Status Status
}

// Levers are the live policy settings shown in the HUD.
type Levers struct {
	// Screening is the screening layer's share of lorries; SearchShare
	// Border Force's control intensity in force.
	Screening   float64
	SearchShare float64
	// Surge is what a surge in progress adds to the base level the lever
	// sets (0 when none is): SearchShare is base plus surge.
	Surge   float64
	Xray    bool
	Escorts int
	Known   bool // false: not shown (e.g. a render without a model)
}

// Status is the viewer's state shown in the HUD and overlays.
type Status struct {
	Scenario string
	Speed    string // e.g. "1 h/s"; empty for a still frame
	Paused   bool
	Done     bool
	Help     bool
	Legend   bool
	Selected int // index in Snap.Agents of the inspected agent, or −1
	FPS      float64
	// Notice is a short message of the viewer's (a key that does nothing
	// in this run), shown low in the Calais view; "" for none.
	Notice string
}

// Build returns the scene of frame f. The scene and its layers are reused
// by the next call to Build.
func (b *Builder) Build(f *Frame) *Scene {
	b.showBoats(f.Boats.On)
	if b.built != b.key || b.static == nil {
		b.buildStatic()
		b.built = b.key
	}
	sc := &Scene{W: b.Layout.W, H: b.Layout.H}
	sc.Layers = append(sc.Layers, b.static...)
	dark := Darkness(f.Snap.Time)
	b.picks = b.picks[:0]
	// Every view's agents, then every view's labels: the agents of the
	// Calais view leave the coast inset's corner alone, so the layers of
	// one view do not overlap another's, and this keeps the bulk layers
	// first.
	views := b.views()
	for _, id := range b.shown() {
		v := views[id]
		l := &b.bulk[id]
		*l = Layer{Name: "agents", Clip: v.Screen, Bulk: true, Rects: l.Rects[:0], Polys: l.Polys[:0], Lines: l.Lines[:0], Markers: l.Markers[:0]}
		if dark > 0 {
			shade := fade(ColNight, uint8(math.Round(dark*0.38*255)))
			for _, r := range b.uncovered(id) {
				l.Rects = append(l.Rects, RectFill{r, shade})
			}
		}
		if id == viewStrait {
			b.straitScene(l, f)
		}
		b.agents(l, id, zoomK(v, b.fit[id]), f)
		sc.Layers = append(sc.Layers, l)
	}
	for _, id := range b.shown() {
		sc.Layers = append(sc.Layers, b.labels[id])
	}
	sc.Layers = append(sc.Layers, b.restAreaCounts(f.Snap))
	if b.boats {
		sc.Layers = append(sc.Layers, b.straitCounts(f))
	}
	sc.Layers = append(sc.Layers, b.hud(f)...)
	return sc
}

// Darkness returns how dark it is in Calais at instant t, 0 (day) to 1
// (night): 1 from 22:00 to 06:00 French time, the model's night (see
// agents.IsNight), with an hour of twilight on either side.
func Darkness(t time.Time) float64 {
	lt := t.In(agents.France)
	h := float64(lt.Hour()) + float64(lt.Minute())/60 + float64(lt.Second())/3600
	switch {
	case h >= 22 || h < 6:
		return 1
	case h >= 21:
		return h - 21
	case h < 7:
		return 7 - h
	}
	return 0
}

// buildStatic builds the base map of every view and their labels.
func (b *Builder) buildStatic() {
	b.static = b.static[:0]
	panel := &Layer{Name: "panel", Clip: R(0, 0, float64(b.Layout.W), float64(b.Layout.H)), Static: true, Key: b.key}
	panel.Rects = append(panel.Rects, RectFill{b.Layout.HUD, ColPanel}, RectFill{b.Layout.Charts, ColPanel})
	b.static = append(b.static, panel)
	b.counts = b.counts[:0]
	views := b.views()
	for _, id := range b.shown() {
		v := views[id]
		l := &Layer{Name: "map", Clip: v.Screen, Static: true, Key: b.key, View: &v}
		b.baseMap(l, v, id, zoomK(v, b.fit[id]))
		b.static = append(b.static, l)
		b.labels[id] = b.placeLabels(v, id)
	}
	if b.boats {
		b.sea = b.seaOf(b.Strait)
	}
}

// uncovered returns the parts of view id's screen that no other view
// covers: all of it but for the Calais view, whose bottom-right corner is
// the coast inset's and, with the small boats, top-left corner the Strait
// inset's.
func (b *Builder) uncovered(id viewID) []Rect {
	v := b.views()[id]
	if id != viewCalais {
		return []Rect{v.Screen}
	}
	out := subtract([]Rect{v.Screen}, b.Coast.Screen)
	if b.boats {
		out = subtract(out, b.Strait.Screen)
	}
	return out
}

// subtract returns the parts of rs outside c: each rectangle that c meets
// is cut into the bands above, left of, right of and below their overlap.
func subtract(rs []Rect, c Rect) []Rect {
	var out []Rect
	for _, s := range rs {
		c := c.Intersect(s)
		if c.Empty() {
			out = append(out, s)
			continue
		}
		for _, r := range []Rect{R(s.Min.X, s.Min.Y, s.Max.X, c.Min.Y), R(s.Min.X, c.Min.Y, c.Min.X, c.Max.Y),
			R(c.Max.X, c.Min.Y, s.Max.X, c.Max.Y), R(s.Min.X, c.Max.Y, s.Max.X, s.Max.Y)} {
			if !r.Empty() {
				out = append(out, r)
			}
		}
	}
	return out
}

// shows reports whether view id draws an agent at world point p with a
// marker of size pixels. The Calais view leaves the insets' corners to
// them, and the insets draw only what the Calais view does not (the rest
// areas, the motorways further out, the sea): each agent is drawn once
// there. (The Strait view draws only the agents at sea and on the
// beaches: see atSea.)
func (b *Builder) shows(id viewID, p world.Point, size float64) bool {
	inMain := func(margin float64) bool {
		if !b.Main.Visible(p, margin) {
			return false
		}
		q := b.Main.ToScreen(p)
		return !b.Coast.Screen.Inset(-margin).Contains(q) && (!b.boats || !b.Strait.Screen.Inset(-margin).Contains(q))
	}
	switch id {
	case viewCalais:
		return inMain(size)
	case viewCoast, viewStrait:
		return b.views()[id].Visible(p, size) && !inMain(0)
	}
	return b.views()[id].Visible(p, size)
}

// project projects a polyline into screen pixels, dropping vertices that
// fall within half a pixel of the previous one.
func project(v View, pts []world.Point) []Vec {
	out := make([]Vec, 0, len(pts))
	for j, p := range pts {
		q := v.ToScreen(p)
		if j > 0 && j < len(pts)-1 {
			if d := q.Sub(out[len(out)-1]); math.Abs(d.X)+math.Abs(d.Y) < 0.5 {
				continue
			}
		}
		out = append(out, q)
	}
	return out
}

// overlaps reports whether the screen box of pts meets r.
func overlaps(pts []Vec, r Rect) bool {
	if len(pts) == 0 {
		return false
	}
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		lo.X, lo.Y = math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)
		hi.X, hi.Y = math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)
	}
	return hi.X >= r.Min.X && lo.X <= r.Max.X && hi.Y >= r.Min.Y && lo.Y <= r.Max.Y
}

// roadClass is how a road is drawn.
func roadClass(id string) (width float64, fill, casing color.RGBA) {
	switch {
	case id == "ferry-route":
		return 2, ColSeaRoute, color.RGBA{}
	case id == "tunnel":
		return 2, ColTunnel, color.RGBA{}
	case id == "coquelles-access" || id == "folkestone-m20":
		return 3.5, ColRoad, ColRoadCasing
	case id == "m20-stack":
		return 0, color.RGBA{}, color.RGBA{} // drawn as part of m20-london
	}
	return 5, ColRoad, ColRoadCasing
}

// baseMap draws sea, land, rivers, coast, roads and site symbols.
func (b *Builder) baseMap(l *Layer, v View, id viewID, k float64) {
	l.Rects = append(l.Rects, RectFill{v.Screen, ColSea})
	// Geometry is clipped to the view grown by a margin (wider than any
	// stroke), so that zooming in never rasterises far-off coordinates.
	clip := v.Screen.Inset(-20)
	land := Poly{Color: ColLand}
	for _, ring := range b.World.Land {
		pts := project(v, ring)
		if len(pts) >= 3 && overlaps(pts, v.Screen) {
			if pts = ClipPolygon(pts, clip); len(pts) >= 3 {
				land.Rings = append(land.Rings, pts)
			}
		}
	}
	l.Polys = append(l.Polys, land)
	lines := func(pts []Vec, w float64, c color.RGBA) {
		for _, p := range ClipPolyline(pts, clip) {
			l.Lines = append(l.Lines, Line{p, w, c})
		}
	}
	for _, r := range b.World.Rivers {
		lines(project(v, r), 1.5*k, ColRiver)
	}
	for _, c := range b.World.Coast {
		lines(project(v, c), 1.2, ColCoast)
	}
	scale := k
	if id != viewCalais {
		scale = 0.6 * k
	}
	// Casings first, then fills, so junctions join cleanly.
	var fills []Line
	for i := range b.World.Roads {
		r := &b.World.Roads[i]
		w, fill, casing := roadClass(r.ID)
		if w == 0 {
			continue
		}
		pts := project(v, r.Points)
		if !overlaps(pts, v.Screen) {
			continue
		}
		w = math.Max(1.5, w*scale)
		for _, p := range ClipPolyline(pts, clip) {
			if casing.A != 0 {
				l.Lines = append(l.Lines, Line{p, w + 2, casing})
			}
			fills = append(fills, Line{p, w, fill})
		}
	}
	l.Lines = append(l.Lines, fills...)
	if id == viewCoast {
		// Where the Calais view is, which shows the agents there.
		lo, hi := b.Main.WorldBounds()
		box := project(v, []world.Point{lo, {X: hi.X, Y: lo.Y}, hi, {X: lo.X, Y: hi.Y}, lo})
		for _, p := range ClipPolyline(box, clip) {
			l.Lines = append(l.Lines, Line{p, 1.2, fade(ColSite, 0xa0)})
		}
	}
	if id == viewStrait {
		b.straitSites(l, v, k)
		return
	}
	for i := range b.World.Sites {
		s := &b.World.Sites[i]
		if !v.Visible(s.Pos, 0) || s.Kind == "junction" {
			continue
		}
		if _, ok := coastLabel(s); id == viewCoast && !ok {
			continue
		}
		sh, size := ShapeSquare, 5.0
		switch s.Kind {
		case "airport":
			sh, size = ShapeCross, 9
		case "irc", "rest-area":
			sh, size = ShapeSquare, 7
		case "camp", "boarding":
			sh, size = ShapeDiamond, 8
		case "city":
			sh, size = ShapeDot, 8
		}
		l.Markers = append(l.Markers, Marker{At: v.ToScreen(s.Pos), Shape: sh, Size: size * math.Min(k, 1.5), Fill: ColSite, Line: rgb(0xff, 0xff, 0xff)})
	}
}

// straitSites draws the Strait view's sites: the launch points and the
// landing places.
func (b *Builder) straitSites(l *Layer, v View, k float64) {
	for i := range b.World.Sites {
		s := &b.World.Sites[i]
		if _, ok := straitSite(s); !ok || !v.Visible(s.Pos, 0) {
			continue
		}
		sh, fill := ShapeDiamond, ColLaunch
		if s.Kind == "landing" {
			sh, fill = ShapeSquare, ColLanding
		}
		l.Markers = append(l.Markers, Marker{At: v.ToScreen(s.Pos), Shape: sh, Size: 8 * math.Min(k, 1.5), Fill: fill, Line: rgb(0xff, 0xff, 0xff)})
	}
}

// coastNames are the labels of the sites the coast view draws besides the
// rest areas: the camp and the two sites of the crossings, which the
// Calais view shows in detail.
var coastNames = map[string]string{"camp": "Camp", "calais-port-checkin": "Port", "coquelles-checkin": "Eurotunnel"}

// coastLabel returns the label of a site the coast view draws, and whether
// it draws it.
func coastLabel(s *world.Site) (string, bool) {
	if s.Kind == "rest-area" {
		return ShortName(s), true
	}
	n, ok := coastNames[s.ID]
	return n, ok
}

// shortNames are the map labels of the sites (their names in world.json
// are descriptions).
var shortNames = map[string]string{
	"calais-port-gate": "Port gate", "calais-port-checkin": "Port check-in", "calais-paf": "PAF",
	"calais-uk-booths": "UK booths", "calais-search": "Search area", "calais-embark": "Ferry berths",
	"calais-port-secure-park": "Secure zone", "a16-j42": "A16 exit 42", "a16-port-junction": "A16 exit 47",
	"coquelles-checkin": "Eurotunnel check-in", "coquelles-paf": "PAF", "coquelles-uk-booths": "UK booths",
	"coquelles-search": "Search area", "coquelles-holding": "Holding zone", "coquelles-platforms": "Shuttle platforms",
	"camp": "The Jungle (camp)", "spot-rocade": "Rocade spot", "spot-a16": "A16 spot", "spot-coquelles": "Fence spot",
	"lorry-park": "Transmarck truck stop", "services-a26": "A26 services", "aire-grande-synthe": "Grande-Synthe", "dover-eastern-docks": "Dover Eastern Docks", "dover-arrival-checks": "Arrival checks",
	"folkestone-terminal": "Folkestone terminal", "m20-j13": "J13", "m20-j11a": "J11a", "m20-j11": "J11", "m20-j8": "J8",
	"m25-j3": "M25 J3", "london": "London", "heathrow": "Heathrow", "gatwick": "Gatwick", "stansted": "Stansted",
	"irc-harmondsworth": "Harmondsworth IRC", "irc-colnbrook": "Colnbrook IRC", "irc-brook-house": "Brook House IRC",
	"irc-tinsley-house": "Tinsley House IRC",
}

// ShortName returns a site's map label.
func ShortName(s *world.Site) string {
	if n, ok := shortNames[s.ID]; ok {
		return n
	}
	n := s.Name
	if i := strings.IndexAny(n, ",(:"); i > 0 {
		n = strings.TrimSpace(n[:i])
	}
	return n
}

// labelRank orders labels: the most important are placed first and win
// when labels would overlap.
func labelRank(kind string) int {
	switch kind {
	case "camp", "city", "airport", "terminal", "port":
		return 0
	case "irc", "checkin", "lorry-park", "rest-area":
		return 1
	case "boarding", "search", "control-uk", "platforms", "embark":
		return 2
	case "place":
		return 3
	}
	return 4
}

// labelCand is a label to place: text at a point, by rank (lower first).
type labelCand struct {
	at   world.Point
	s    string
	rank int
	size FontSize
	col  color.RGBA
	// count, if set, is the rest area whose count of lorries goes in the
	// label's place, written every frame (restAreaCounts): s is the
	// widest such text.
	count *world.Site
}

// labelCands returns the labels view id may show: its sites, the base
// map's towns and the road numbers.
func (b *Builder) labelCands(v View, id viewID) []labelCand {
	if id == viewStrait {
		return b.straitLabels()
	}
	var cs []labelCand
	for i := range b.World.Sites {
		s := &b.World.Sites[i]
		if id == viewCoast {
			if n, ok := coastLabel(s); ok && s.Kind == "rest-area" {
				cs = append(cs, labelCand{s.Pos, countText(s, 9999), 0, FontSmall, ColLabel, s})
			} else if ok {
				cs = append(cs, labelCand{s.Pos, n, labelRank(s.Kind), FontSmall, ColLabel, nil})
			}
			continue
		}
		if s.Kind == "junction" && (id == viewCalais || s.ID == "m20-j13") {
			continue
		}
		cs = append(cs, labelCand{s.Pos, ShortName(s), labelRank(s.Kind), FontSmall, ColLabel, nil})
	}
	seen := map[string]bool{}
	for i := range b.World.Places {
		p := &b.World.Places[i]
		if seen[p.Name] || p.Kind == "airport" {
			continue
		}
		seen[p.Name] = true
		cs = append(cs, labelCand{p.Pos, p.Name, labelRank("place"), FontBold, rgb(0x55, 0x4a, 0x3a), nil})
	}
	// Road numbers, at the middle of the stretch in view.
	for i := range b.World.Roads {
		r := &b.World.Roads[i]
		ref := strings.ToUpper(strings.SplitN(r.ID, "-", 2)[0])
		switch r.ID {
		case "ferry-route":
			ref = "Ferry route"
		case "tunnel":
			ref = "Channel Tunnel"
		case "rocade":
			ref = "A216 rocade"
		case "coquelles-access", "folkestone-m20", "dover-a20", "m20-stack":
			continue
		}
		var in []world.Point
		for _, p := range r.Points {
			if v.Visible(p, -30) {
				in = append(in, p)
			}
		}
		if len(in) > 0 {
			cs = append(cs, labelCand{in[len(in)/2], ref, 1, FontSmall, rgb(0x6b, 0x4a, 0x10), nil})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].rank < cs[j].rank })
	return cs
}

// straitLabels returns the labels the Strait view may show: the launch
// points and landing places (named by their towns: the base map's towns
// would name them twice).
func (b *Builder) straitLabels() []labelCand {
	var cs []labelCand
	for i := range b.World.Sites {
		s := &b.World.Sites[i]
		if n, ok := straitSite(s); ok {
			cs = append(cs, labelCand{s.Pos, n, 0, FontSmall, ColLabel, nil})
		}
	}
	return cs
}

// countText is the coast view's label of rest area s with n lorries there.
func countText(s *world.Site, n int) string {
	name, _ := coastLabel(s)
	if s.Capacity > 0 {
		return fmt.Sprintf("%s: %d/%d lorries", name, n, s.Capacity)
	}
	return fmt.Sprintf("%s: %d lorries", name, n)
}

// placeLabels places site, town and road labels greedily: each tries four
// positions around its point and is dropped if all would overlap a placed
// label (a simple, stable form of label placement). The Calais view's
// labels keep off the coast inset over its corner.
func (b *Builder) placeLabels(v View, id viewID) *Layer {
	l := &Layer{Name: "labels", Clip: v.Screen}
	var placed []Rect
	if id == viewCalais {
		placed = append(placed, b.Coast.Screen.Inset(-2))
		if b.boats {
			placed = append(placed, b.Strait.Screen.Inset(-2))
		}
	}
	fonts := b.Fonts
	for _, c := range b.labelCands(v, id) {
		if !v.Visible(c.at, -4) {
			continue
		}
		q := v.ToScreen(c.at)
		w, h := fonts.Width(c.size, c.s), fonts.Ascent(c.size)
		offs := []Vec{{6, h / 2}, {-6 - w, h / 2}, {-w / 2, -7}, {-w / 2, h + 7}}
		if id == viewStrait {
			// Sea side first: the patrols stand on the land side.
			offs = []Vec{{-8 - w, h / 2}, {-w / 2, -8}, {8, h / 2}, {-w / 2, h + 8}}
		}
		for _, off := range offs {
			at := q.Add(off)
			box := R(at.X-2, at.Y-h-2, at.X+w+2, at.Y+4)
			if !v.Screen.Inset(2).Contains(box.Min) || !v.Screen.Inset(2).Contains(box.Max) {
				continue
			}
			free := true
			for _, p := range placed {
				if !p.Intersect(box).Empty() {
					free = false
					break
				}
			}
			if !free {
				continue
			}
			placed = append(placed, box)
			if c.count != nil {
				b.counts = append(b.counts, countLabel{c.count, at})
			} else {
				l.Texts = append(l.Texts, Text{At: at, S: c.s, Size: c.size, Color: c.col, Halo: ColHalo})
			}
			break
		}
	}
	return l
}

// restAreaCounts writes, in the coast view, the number of lorries the
// snapshot has at each rest area, where placeLabels kept room for it: the
// model parks lorries there, where people board them.
func (b *Builder) restAreaCounts(s *sim.Snapshot) *Layer {
	l := &Layer{Name: "counts", Clip: b.Coast.Screen}
	for _, c := range b.counts {
		n := 0
		for i := range s.Agents {
			if s.Agents[i].Kind == agents.KindLorry && s.Agents[i].Place == c.site.ID {
				n++
			}
		}
		l.Texts = append(l.Texts, Text{At: c.at, S: countText(c.site, n), Size: FontSmall, Color: ColLabel, Halo: ColHalo})
	}
	return l
}

// agents draws the agents of the snapshot that view id shows.
func (b *Builder) agents(l *Layer, id viewID, k float64, f *Frame) {
	v := b.views()[id]
	top := b.top[:0]
	as := f.Snap.Agents
	for i := range as {
		a := &as[i]
		if id == viewStrait && !atSea(a) {
			continue
		}
		st, isTop := b.Styles.Of(a)
		size := st.Size * k
		if !b.shows(id, a.Pos, size) {
			continue
		}
		m := Marker{At: v.ToScreen(a.Pos), Shape: st.Shape, Size: size, Heading: a.Heading, Fill: st.Fill, Line: st.Line}
		if isTop {
			top = append(top, m)
		} else {
			l.Markers = append(l.Markers, m)
		}
		b.picks = append(b.picks, pick{m.At, i, math.Max(size/2, 4)})
	}
	l.Markers = append(l.Markers, top...)
	b.top = top
	if s := f.Status.Selected; s >= 0 && s < len(as) && b.shows(id, as[s].Pos, 0) {
		c := v.ToScreen(as[s].Pos)
		l.Lines = append(l.Lines, Line{circle(c, 11), 2.5, rgb(0xff, 0xff, 0xff)}, Line{circle(c, 11), 1.2, rgb(0xd0, 0x00, 0x50)})
	}
}

// circle returns a closed polyline approximating a circle.
func circle(c Vec, r float64) []Vec {
	const n = 24
	pts := make([]Vec, n+1)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = Vec{c.X + r*math.Cos(a), c.Y + r*math.Sin(a)}
	}
	return pts
}

// Pick returns the index in the last built frame's snapshot of the agent
// drawn nearest to screen point q, within its radius plus 4 pixels, or −1.
func (b *Builder) Pick(q Vec) int {
	best, bestD := -1, math.Inf(1)
	for _, p := range b.picks {
		if d := p.at.Sub(q).Len(); d <= p.r+4 && d < bestD {
			best, bestD = p.agent, d
		}
	}
	return best
}
