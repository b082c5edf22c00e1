package world

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
)

// The sane box: every coordinate of a world file must lie in it. It holds
// the whole map (Calais to Stansted) with a margin, and catches swapped
// lat/lon, dropped signs and stray digits.
const (
	MinLat, MaxLat = 50.0, 52.5
	MinLon, MaxLon = -1.5, 2.5
)

// fileJSON is a GeoJSON FeatureCollection with an optional foreign member
// "views" (id → [min lon, min lat, max lon, max lat]).
type fileJSON struct {
	Type     string               `json:"type"`
	Views    map[string][]float64 `json:"views"`
	Features []featureJSON        `json:"features"`
}

type featureJSON struct {
	Type       string        `json:"type"`
	Properties propsJSON     `json:"properties"`
	Geometry   *geometryJSON `json:"geometry"`
}

type propsJSON struct {
	ID                 string   `json:"id"`
	Name               string   `json:"name"`
	Country            string   `json:"country"`
	Kind               string   `json:"kind"`
	Layer              string   `json:"layer"`
	Source             string   `json:"source"`
	Capacity           int      `json:"capacity"`
	FreeFlowKmh        *float64 `json:"free_flow_kmh"`
	Lanes              *int     `json:"lanes"`
	CapacityVehPerHour *float64 `json:"capacity_veh_per_hour"`
	// Natural Earth fields.
	Adm0 string `json:"adm0_a3"`
	IATA string `json:"iata_code"`
}

type geometryJSON struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// layerSet records which base layers a file provides.
type layerSet struct{ land, coast, river, place bool }

func decodeFile(r io.Reader) (*fileJSON, error) {
	var f fileJSON
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("world: parse: %w", err)
	}
	if f.Type != "FeatureCollection" {
		return nil, fmt.Errorf("world: type is %q, want \"FeatureCollection\"", f.Type)
	}
	return &f, nil
}

// isKebab reports whether s is a kebab-case id: lowercase ASCII letters and
// digits in words joined by single hyphens.
func isKebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// slug turns a name into a kebab-case id fragment.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// position converts a GeoJSON position ([lon, lat, ...]) and checks it.
func position(p []float64, what string) (LatLon, error) {
	if len(p) < 2 {
		return LatLon{}, fmt.Errorf("world: %s: coordinates: a position needs [lon, lat], got %d numbers", what, len(p))
	}
	ll := LatLon{Lat: p[1], Lon: p[0]}
	if math.IsNaN(ll.Lat) || ll.Lat < MinLat || ll.Lat > MaxLat {
		return ll, fmt.Errorf("world: %s: coordinates: lat %v outside %v…%v (are lon and lat swapped?)", what, ll.Lat, MinLat, MaxLat)
	}
	if math.IsNaN(ll.Lon) || ll.Lon < MinLon || ll.Lon > MaxLon {
		return ll, fmt.Errorf("world: %s: coordinates: lon %v outside %v…%v", what, ll.Lon, MinLon, MaxLon)
	}
	return ll, nil
}

func positions(ps [][]float64, what string) ([]LatLon, error) {
	out := make([]LatLon, 0, len(ps))
	for _, p := range ps {
		ll, err := position(p, what)
		if err != nil {
			return nil, err
		}
		out = append(out, ll)
	}
	return out, nil
}

// lines decodes the coordinates of a LineString, MultiLineString, Polygon
// or MultiPolygon as a list of polylines or rings.
func lines(g *geometryJSON, what string) ([][]LatLon, error) {
	var raw [][][]float64
	switch g.Type {
	case "LineString":
		var c [][]float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, fmt.Errorf("world: %s: coordinates: %w", what, err)
		}
		raw = [][][]float64{c}
	case "MultiLineString", "Polygon":
		if err := json.Unmarshal(g.Coordinates, &raw); err != nil {
			return nil, fmt.Errorf("world: %s: coordinates: %w", what, err)
		}
	case "MultiPolygon":
		var c [][][][]float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, fmt.Errorf("world: %s: coordinates: %w", what, err)
		}
		for _, poly := range c {
			raw = append(raw, poly...)
		}
	default:
		return nil, fmt.Errorf("world: %s: geometry type %q not allowed here", what, g.Type)
	}
	out := make([][]LatLon, 0, len(raw))
	for _, l := range raw {
		ll, err := positions(l, what)
		if err != nil {
			return nil, err
		}
		out = append(out, ll)
	}
	return out, nil
}

func projectAll(ls [][]LatLon) [][]Point {
	out := make([][]Point, len(ls))
	for i, l := range ls {
		out[i] = make([]Point, len(l))
		for j, q := range l {
			out[i][j] = Project(q)
		}
	}
	return out
}

// addFeatures adds the features of a file to w. defLayer and defKind apply
// to features without a layer or kind (used for the Natural Earth files);
// strict requires the fields of the world-file format.
func (w *World) addFeatures(fs []featureJSON, defLayer, defKind string, have *layerSet, strict bool) error {
	for n := range fs {
		f := &fs[n]
		p := &f.Properties
		what := fmt.Sprintf("feature #%d", n)
		if p.ID != "" {
			what = fmt.Sprintf("feature #%d %q", n, p.ID)
		}
		if f.Type != "Feature" {
			return fmt.Errorf("world: %s: type is %q, want \"Feature\"", what, f.Type)
		}
		if f.Geometry == nil {
			return fmt.Errorf("world: %s: geometry: missing", what)
		}
		layer := p.Layer
		if layer == "" {
			layer = defLayer
		}
		switch layer {
		case "":
			switch f.Geometry.Type {
			case "Point":
				if err := w.addSite(p, f.Geometry); err != nil {
					return err
				}
			case "LineString":
				if err := w.addRoad(p, f.Geometry); err != nil {
					return err
				}
			default:
				return fmt.Errorf("world: %s: geometry type %q: a site is a Point and a road a LineString", what, f.Geometry.Type)
			}
		case "land", "coast", "river":
			if layer == "land" && f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon" ||
				layer != "land" && f.Geometry.Type != "LineString" && f.Geometry.Type != "MultiLineString" {
				return fmt.Errorf("world: %s: geometry type %q not allowed in layer %q", what, f.Geometry.Type, layer)
			}
			ls, err := lines(f.Geometry, what)
			if err != nil {
				return err
			}
			for _, l := range ls {
				if layer == "land" && len(l) < 3 || len(l) < 2 {
					return fmt.Errorf("world: %s: coordinates: a %s line or ring with %d points", what, layer, len(l))
				}
			}
			switch layer {
			case "land":
				w.Land = append(w.Land, projectAll(ls)...)
				have.land = true
			case "coast":
				w.Coast = append(w.Coast, projectAll(ls)...)
				have.coast = true
			default:
				w.Rivers = append(w.Rivers, projectAll(ls)...)
				have.river = true
			}
		case "place":
			if err := w.addPlace(p, f.Geometry, defKind, what, strict); err != nil {
				return err
			}
			have.place = true
		default:
			return fmt.Errorf("world: %s: layer %q unknown (want land, coast, river or place)", what, layer)
		}
	}
	return nil
}

func pointOf(g *geometryJSON, what string) (LatLon, error) {
	if g.Type != "Point" {
		return LatLon{}, fmt.Errorf("world: %s: geometry type %q, want Point", what, g.Type)
	}
	var c []float64
	if err := json.Unmarshal(g.Coordinates, &c); err != nil {
		return LatLon{}, fmt.Errorf("world: %s: coordinates: %w", what, err)
	}
	return position(c, what)
}

// checkID checks a site or road id and that no other site or road has it.
func (w *World) checkID(kind, id string) error {
	if !isKebab(id) {
		return fmt.Errorf("world: %s %q: id must be kebab-case (a-z, 0-9, single hyphens)", kind, id)
	}
	if _, dup := w.sites[id]; dup {
		return fmt.Errorf("world: %s %q: id already used by a site", kind, id)
	}
	if _, dup := w.roads[id]; dup {
		return fmt.Errorf("world: %s %q: id already used by a road", kind, id)
	}
	return nil
}

func (w *World) addSite(p *propsJSON, g *geometryJSON) error {
	if err := w.checkID("site", p.ID); err != nil {
		return err
	}
	what := fmt.Sprintf("site %q", p.ID)
	ll, err := pointOf(g, what)
	if err != nil {
		return err
	}
	switch {
	case p.Name == "":
		return fmt.Errorf("world: %s: name: missing", what)
	case p.Country != "FR" && p.Country != "UK":
		return fmt.Errorf("world: %s: country %q, want \"FR\" or \"UK\"", what, p.Country)
	case p.Kind == "":
		return fmt.Errorf("world: %s: kind: missing", what)
	case p.Capacity < 0:
		return fmt.Errorf("world: %s: capacity %d must be ≥ 0", what, p.Capacity)
	case strings.TrimSpace(p.Source) == "":
		return fmt.Errorf("world: %s: source: missing (say how the position was obtained)", what)
	}
	w.sites[p.ID] = len(w.Sites)
	w.Sites = append(w.Sites, Site{ID: p.ID, Name: p.Name, Country: p.Country, Kind: p.Kind,
		LL: ll, Pos: Project(ll), Capacity: p.Capacity, Source: p.Source})
	return nil
}

func (w *World) addRoad(p *propsJSON, g *geometryJSON) error {
	if err := w.checkID("road", p.ID); err != nil {
		return err
	}
	what := fmt.Sprintf("road %q", p.ID)
	ls, err := lines(g, what)
	if err != nil {
		return err
	}
	r := newRoad(p.ID, p.Name, ls[0])
	positive := func(field string, v *float64) error {
		switch {
		case v == nil:
			return fmt.Errorf("world: %s: %s: missing", what, field)
		case !(*v > 0) || math.IsInf(*v, 1):
			return fmt.Errorf("world: %s: %s %v must be > 0", what, field, *v)
		}
		return nil
	}
	switch {
	case len(r.Points) < 2:
		return fmt.Errorf("world: %s: coordinates: %d distinct points, need at least 2", what, len(r.Points))
	case !(r.LengthM >= 1):
		return fmt.Errorf("world: %s: coordinates: the road is %.3g m long, want at least 1 m", what, r.LengthM)
	case p.Name == "":
		return fmt.Errorf("world: %s: name: missing", what)
	case strings.TrimSpace(p.Source) == "":
		return fmt.Errorf("world: %s: source: missing (say how the course was obtained)", what)
	case p.Lanes == nil:
		return fmt.Errorf("world: %s: lanes: missing", what)
	case *p.Lanes < 1:
		return fmt.Errorf("world: %s: lanes %d must be ≥ 1", what, *p.Lanes)
	}
	if err := positive("free_flow_kmh", p.FreeFlowKmh); err != nil {
		return err
	}
	if err := positive("capacity_veh_per_hour", p.CapacityVehPerHour); err != nil {
		return err
	}
	r.FreeFlowKmh, r.Lanes, r.CapacityVehPerHour, r.Source = *p.FreeFlowKmh, *p.Lanes, *p.CapacityVehPerHour, p.Source
	w.roads[p.ID] = len(w.Roads)
	w.Roads = append(w.Roads, r)
	return nil
}

// addPlace adds a base-map place. Natural Earth places get generated ids
// ("ne-port-calais") and a country from adm0_a3 or, for ports and airports,
// from which side of the Strait they are.
func (w *World) addPlace(p *propsJSON, g *geometryJSON, defKind, what string, strict bool) error {
	ll, err := pointOf(g, what)
	if err != nil {
		return err
	}
	s := Site{ID: p.ID, Name: p.Name, Country: p.Country, Kind: p.Kind, LL: ll, Pos: Project(ll), Capacity: p.Capacity, Source: p.Source}
	if s.Kind == "" {
		s.Kind = defKind
	}
	if s.Kind == "" {
		s.Kind = "place"
	}
	if s.ID == "" && !strict {
		tag := slug(s.Name)
		if p.IATA != "" {
			tag = slug(p.IATA)
		}
		s.ID = "ne-" + s.Kind + "-" + tag
	}
	if s.Country == "" && !strict {
		switch {
		case p.Adm0 == "FRA":
			s.Country = "FR"
		case p.Adm0 == "GBR":
			s.Country = "UK"
		case ll.Lon > 1.5 && ll.Lat < 51.06: // the French shore of the Strait
			s.Country = "FR"
		default:
			s.Country = "UK"
		}
	}
	if s.Source == "" && !strict {
		s.Source = "Natural Earth 1:10m, release 4.0.0 (public domain); see data/naturalearth/README.md"
	}
	switch {
	case !isKebab(s.ID):
		return fmt.Errorf("world: place %q: id must be kebab-case", s.ID)
	case s.Name == "":
		return fmt.Errorf("world: place %q: name: missing", s.ID)
	case s.Country != "FR" && s.Country != "UK":
		return fmt.Errorf("world: place %q: country %q, want \"FR\" or \"UK\"", s.ID, s.Country)
	}
	for i := range w.Places {
		if w.Places[i].ID == s.ID {
			return fmt.Errorf("world: place %q: id already used by a place", s.ID)
		}
	}
	w.Places = append(w.Places, s)
	return nil
}

func checkView(id string, v []float64) ([4]float64, error) {
	var box [4]float64
	if len(v) != 4 {
		return box, fmt.Errorf("world: view %q: want [min lon, min lat, max lon, max lat], got %d numbers", id, len(v))
	}
	copy(box[:], v)
	what := fmt.Sprintf("view %q", id)
	if _, err := position(box[0:2], what); err != nil {
		return box, err
	}
	if _, err := position(box[2:4], what); err != nil {
		return box, err
	}
	if !(box[0] < box[2]) || !(box[1] < box[3]) {
		return box, fmt.Errorf("world: %s: min must be below max in %v", what, v)
	}
	return box, nil
}

// naturalEarth parses the embedded Natural Earth extract once.
var naturalEarth = sync.OnceValues(func() (*World, error) {
	w := &World{}
	var have layerSet
	files := []struct{ file, layer, kind string }{
		{"land.geojson", "land", ""},
		{"coastline.geojson", "coast", ""},
		{"rivers.geojson", "river", ""},
		{"places.geojson", "place", "place"},
		{"ports.geojson", "place", "port"},
		{"airports.geojson", "place", "airport"},
	}
	for _, f := range files {
		b, err := dataFS.ReadFile("data/naturalearth/" + f.file)
		if err != nil {
			return nil, fmt.Errorf("world: embedded naturalearth/%s: %w", f.file, err)
		}
		var fc fileJSON
		if err := json.Unmarshal(b, &fc); err != nil {
			return nil, fmt.Errorf("world: embedded naturalearth/%s: %w", f.file, err)
		}
		if err := w.addFeatures(fc.Features, f.layer, f.kind, &have, false); err != nil {
			return nil, fmt.Errorf("embedded naturalearth/%s: %w", f.file, err)
		}
	}
	if !have.land || !have.coast || !have.river || !have.place {
		return nil, errors.New("world: embedded Natural Earth extract is missing a layer")
	}
	return w, nil
})
