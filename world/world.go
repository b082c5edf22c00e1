// Package world is the simulation's map as data: the sites (check-ins,
// controls, search areas, lorry parks, rest areas, the camp, terminals,
// airports, removal centres, the small boats' launch areas and landing
// places) and the roads, sea route and tunnel between
// Calais, Coquelles, Dover, Folkestone and London, with a Natural Earth base
// map (land, coastline, rivers, places).
//
// Everything is stored in WGS84 longitude/latitude in GeoJSON files embedded
// in the binary (data/world.json and data/naturalearth/*.geojson; see
// data/README.md) and projected to metres by a transverse Mercator
// projection centred in the Strait of Dover (see Project). The package uses
// only the standard library.
package world

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"math"
	"sync"
)

//go:embed data/world.json data/naturalearth/*.geojson
var dataFS embed.FS

// World is a loaded map. Its slices and the values they hold are shared and
// must be treated as read-only; all methods are safe for concurrent use.
type World struct {
	Sites []Site
	Roads []Road
	// Land holds the rings of the land polygons, outer rings and holes
	// alike (Natural Earth's are closed: the last point repeats the first;
	// an open ring is read as closed). A point is on land if it is inside
	// an odd number of them (see OnLand).
	Land [][]Point
	// Coast and Rivers are polylines: the shore and river centre lines.
	Coast, Rivers [][]Point
	// Places are reference points of the base map (towns, ports, airports
	// from Natural Earth); their Kind is "place", "port" or "airport".
	Places []Site

	sites, roads map[string]int
	views        map[string][4]float64 // id → lon/lat box: min lon, min lat, max lon, max lat
}

var (
	defaultOnce  sync.Once
	defaultWorld *World
	defaultErr   error
)

// Default returns the embedded map. It is parsed once and shared by every
// caller (read-only). An error means the embedded data is malformed, which
// is a bug in this package's data.
func Default() (*World, error) {
	defaultOnce.Do(func() {
		b, err := dataFS.ReadFile("data/world.json")
		if err != nil {
			defaultErr = fmt.Errorf("world: embedded data/world.json: %w", err)
			return
		}
		defaultWorld, defaultErr = Load(bytes.NewReader(b))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("embedded data/world.json: %w", defaultErr)
		}
	})
	return defaultWorld, defaultErr
}

// Load reads a world file: a GeoJSON FeatureCollection in WGS84 lon/lat in
// the format of data/world.json (see data/README.md). Point features are
// sites and LineString features are roads; features with a "layer"
// property ("land", "coast", "river", "place") are base-map layers. A base
// layer the file does not provide is taken from the embedded Natural Earth
// extract, so a custom file needs only its sites and roads.
//
// Load validates what it reads: ids must be unique kebab-case, every road
// needs at least two distinct points, a positive free-flow speed, lanes and
// capacity, every site a country of "FR" or "UK", and every coordinate must
// lie in the box lat 50…52.5, lon −1.5…2.5. Errors name the feature and the
// field.
func Load(r io.Reader) (*World, error) {
	f, err := decodeFile(r)
	if err != nil {
		return nil, err
	}
	w := &World{sites: map[string]int{}, roads: map[string]int{}, views: map[string][4]float64{}}
	var have layerSet
	if err := w.addFeatures(f.Features, "", "", &have, true); err != nil {
		return nil, err
	}
	for id, v := range f.Views {
		box, err := checkView(id, v)
		if err != nil {
			return nil, err
		}
		w.views[id] = box
	}
	if !have.land || !have.coast || !have.river || !have.place {
		ne, err := naturalEarth()
		if err != nil {
			return nil, err
		}
		if !have.land {
			w.Land = ne.Land
		}
		if !have.coast {
			w.Coast = ne.Coast
		}
		if !have.river {
			w.Rivers = ne.Rivers
		}
		if !have.place {
			w.Places = ne.Places
		}
	}
	return w, nil
}

// Site returns the site with the given id.
func (w *World) Site(id string) (*Site, bool) {
	i, ok := w.sites[id]
	if !ok {
		return nil, false
	}
	return &w.Sites[i], true
}

// Road returns the road with the given id.
func (w *World) Road(id string) (*Road, bool) {
	i, ok := w.roads[id]
	if !ok {
		return nil, false
	}
	return &w.Roads[i], true
}

// SitesOfKind returns the sites of the given kind, in file order.
func (w *World) SitesOfKind(kind string) []*Site {
	var out []*Site
	for i := range w.Sites {
		if w.Sites[i].Kind == kind {
			out = append(out, &w.Sites[i])
		}
	}
	return out
}

// OnLand reports whether p is on land according to the Land layer (even-odd
// rule over all rings). With the Natural Earth 1:10m coast this is right to
// within about a kilometre of the shore; it knows nothing outside the
// extract's box (lat 50.15–51.75, lon −0.75–2.5).
func (w *World) OnLand(p Point) bool {
	in := false
	for _, ring := range w.Land {
		if inRing(ring, p) {
			in = !in
		}
	}
	return in
}

// inRing reports whether p is inside the closed ring by ray casting.
func inRing(ring []Point, p Point) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// bbox accumulates a bounding box.
type bbox struct {
	min, max Point
	ok       bool
}

func (b *bbox) add(p Point) {
	if !b.ok {
		b.min, b.max, b.ok = p, p, true
		return
	}
	b.min.X, b.min.Y = math.Min(b.min.X, p.X), math.Min(b.min.Y, p.Y)
	b.max.X, b.max.Y = math.Max(b.max.X, p.X), math.Max(b.max.Y, p.Y)
}

func (b *bbox) addAll(ps ...[]Point) {
	for _, s := range ps {
		for _, p := range s {
			b.add(p)
		}
	}
}

// Bounds returns the corners of the smallest box, in map metres, that holds
// every feature: sites, roads, places and the base map.
func (w *World) Bounds() (min, max Point) {
	var b bbox
	for i := range w.Sites {
		b.add(w.Sites[i].Pos)
	}
	for i := range w.Places {
		b.add(w.Places[i].Pos)
	}
	for i := range w.Roads {
		b.addAll(w.Roads[i].Points)
	}
	b.addAll(w.Land...)
	b.addAll(w.Coast...)
	b.addAll(w.Rivers...)
	return b.min, b.max
}

// View returns the box of the named view of the file ("calais", "uk",
// "coast"), in map metres: the smallest box that holds the view's lon/lat
// rectangle once projected.
func (w *World) View(id string) (min, max Point, ok bool) {
	v, ok := w.views[id]
	if !ok {
		return Point{}, Point{}, false
	}
	var b bbox
	const steps = 8
	for i := 0; i <= steps; i++ {
		f := float64(i) / steps
		lon := v[0] + f*(v[2]-v[0])
		lat := v[1] + f*(v[3]-v[1])
		b.add(Project(LatLon{v[1], lon}))
		b.add(Project(LatLon{v[3], lon}))
		b.add(Project(LatLon{lat, v[0]}))
		b.add(Project(LatLon{lat, v[2]}))
	}
	return b.min, b.max, true
}

// countryBounds is the box of the sites of one country, padded by padM.
func (w *World) countryBounds(country string, padM float64) (min, max Point) {
	var b bbox
	for i := range w.Sites {
		if w.Sites[i].Country == country {
			b.add(w.Sites[i].Pos)
		}
	}
	if !b.ok {
		return w.Bounds()
	}
	return Point{b.min.X - padM, b.min.Y - padM}, Point{b.max.X + padM, b.max.Y + padM}
}

// CalaisBounds returns the box of the Calais–Coquelles detail view: the port,
// the rocade, the camp and the Eurotunnel terminal (the file's "calais"
// view; without one, the box of the French sites padded by 1 km).
func (w *World) CalaisBounds() (min, max Point) {
	if min, max, ok := w.View("calais"); ok {
		return min, max
	}
	return w.countryBounds("FR", 1000)
}

// UKBounds returns the box of the UK view: Dover and Folkestone to London,
// Heathrow and Gatwick (the file's "uk" view; without one, the box of the UK
// sites padded by 5 km).
func (w *World) UKBounds() (min, max Point) {
	if min, max, ok := w.View("uk"); ok {
		return min, max
	}
	return w.countryBounds("UK", 5000)
}

// CoastBounds returns the box of the coast view: Boulogne, Calais and
// Dunkirk and the A26 inland, which holds the rest areas further out than
// the Calais view (the file's "coast" view; without one, the box of the
// French sites padded by 10 km).
func (w *World) CoastBounds() (min, max Point) {
	if min, max, ok := w.View("coast"); ok {
		return min, max
	}
	return w.countryBounds("FR", 10000)
}

// StraitBounds returns the box of the Strait view: the Dover Strait from
// Dunkirk to the Baie de Somme and from Dover to Dungeness, which holds
// the small boats' launch areas and landing places (the file's "strait"
// view; without one, the box of those sites padded by 10 km).
func (w *World) StraitBounds() (min, max Point) {
	if min, max, ok := w.View("strait"); ok {
		return min, max
	}
	var b bbox
	for _, kind := range []string{"launch", "landing"} {
		for _, s := range w.SitesOfKind(kind) {
			b.add(s.Pos)
		}
	}
	if !b.ok {
		return w.Bounds()
	}
	const pad = 10000
	return Point{b.min.X - pad, b.min.Y - pad}, Point{b.max.X + pad, b.max.Y + pad}
}
