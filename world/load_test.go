package world

import (
	"bytes"
	"strings"
	"testing"
)

// A minimal valid world file: one site, one road and a view.
const minimal = `{"type": "FeatureCollection",
 "views": {"calais": [1.8, 50.9, 1.95, 50.98]},
 "features": [
  {"type": "Feature", "properties": {"id": "gate", "name": "Gate", "country": "FR", "kind": "gate", "capacity": 12, "source": "test"},
   "geometry": {"type": "Point", "coordinates": [1.85, 50.96]}},
  {"type": "Feature", "properties": {"id": "lane", "name": "Lane", "free_flow_kmh": 60, "lanes": 1, "capacity_veh_per_hour": 1000, "source": "test"},
   "geometry": {"type": "LineString", "coordinates": [[1.85, 50.96], [1.85, 50.96], [1.86, 50.96], [1.86, 50.97]]}}
 ]}`

func TestLoadMinimal(t *testing.T) {
	w, err := Load(strings.NewReader(minimal))
	if err != nil {
		t.Fatal(err)
	}
	s, ok := w.Site("gate")
	if !ok || s.Capacity != 12 || s.Country != "FR" || s.Pos != Project(LatLon{50.96, 1.85}) {
		t.Errorf("site: %+v", s)
	}
	r, ok := w.Road("lane")
	if !ok {
		t.Fatal("no road")
	}
	if len(r.Points) != 3 {
		t.Errorf("road has %d points, want 3 (the repeated vertex dropped)", len(r.Points))
	}
	want := vincenty(LatLon{50.96, 1.85}, LatLon{50.96, 1.86}) + vincenty(LatLon{50.96, 1.86}, LatLon{50.97, 1.86})
	if e := relErr(r.LengthM, want); e > 1e-4 {
		t.Errorf("length %.1f m, geodesic %.1f m", r.LengthM, want)
	}
	// The base map comes from Natural Earth when the file has none.
	if len(w.Land) == 0 || len(w.Coast) == 0 || len(w.Rivers) == 0 || len(w.Places) == 0 {
		t.Errorf("base map not filled in: %d land rings, %d coast lines, %d rivers, %d places", len(w.Land), len(w.Coast), len(w.Rivers), len(w.Places))
	}
	min, max := w.CalaisBounds()
	if !(min.X < s.Pos.X && s.Pos.X < max.X && min.Y < s.Pos.Y && s.Pos.Y < max.Y) {
		t.Error("CalaisBounds (from the view) does not hold the site")
	}
	// No "uk" view and no UK site: UKBounds falls back to the whole map.
	umin, umax := w.UKBounds()
	bmin, bmax := w.Bounds()
	if umin != bmin || umax != bmax {
		t.Error("UKBounds without a view or UK sites is not Bounds")
	}
}

// A file's own base layers replace Natural Earth's.
func TestLoadOwnBaseMap(t *testing.T) {
	const f = `{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"layer": "land"},
   "geometry": {"type": "Polygon", "coordinates": [[[1.0, 50.5], [2.0, 50.5], [2.0, 51.0], [1.0, 51.0], [1.0, 50.5]]]}},
  {"type": "Feature", "properties": {"layer": "place", "id": "town", "name": "Town", "country": "FR"},
   "geometry": {"type": "Point", "coordinates": [1.5, 50.7]}}]}`
	w, err := Load(strings.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Land) != 1 || len(w.Places) != 1 || w.Places[0].ID != "town" {
		t.Fatalf("land %d rings, places %+v", len(w.Land), w.Places)
	}
	if !w.OnLand(Project(LatLon{50.7, 1.5})) || w.OnLand(Project(LatLon{51.2, 1.5})) {
		t.Error("OnLand wrong for the file's own square of land")
	}
	if len(w.Coast) == 0 {
		t.Error("coast not filled in from Natural Earth")
	}
}

func TestLoadErrors(t *testing.T) {
	site := func(props, coords string) string {
		return `{"type": "Feature", "properties": {` + props + `}, "geometry": {"type": "Point", "coordinates": ` + coords + `}}`
	}
	road := func(props, coords string) string {
		return `{"type": "Feature", "properties": {` + props + `}, "geometry": {"type": "LineString", "coordinates": ` + coords + `}}`
	}
	fc := func(features ...string) string {
		return `{"type": "FeatureCollection", "features": [` + strings.Join(features, ",") + `]}`
	}
	okSite := `"id": "a", "name": "A", "country": "FR", "kind": "gate", "source": "s"`
	okRoad := `"id": "r", "name": "R", "free_flow_kmh": 50, "lanes": 2, "capacity_veh_per_hour": 900, "source": "s"`
	line := `[[1.8, 50.9], [1.9, 50.95]]`
	cases := []struct {
		name, file string
		want       []string // substrings of the error
	}{
		{"not JSON", `{"type": `, []string{"parse"}},
		{"not a collection", `{"type": "Feature"}`, []string{"FeatureCollection"}},
		{"duplicate site", fc(site(okSite, `[1.8, 50.9]`), site(okSite, `[1.8, 50.9]`)), []string{`site "a"`, "already used"}},
		{"road reuses a site id", fc(site(okSite, `[1.8, 50.9]`), road(strings.Replace(okRoad, `"r"`, `"a"`, 1), line)), []string{`road "a"`, "already used by a site"}},
		{"not kebab-case", fc(site(strings.Replace(okSite, `"a"`, `"Calais Port"`, 1), `[1.8, 50.9]`)), []string{`"Calais Port"`, "kebab"}},
		{"empty id", fc(site(strings.Replace(okSite, `"a"`, `""`, 1), `[1.8, 50.9]`)), []string{"kebab"}},
		{"one-point road", fc(road(okRoad, `[[1.8, 50.9]]`)), []string{`road "r"`, "coordinates", "at least 2"}},
		{"road of one repeated point", fc(road(okRoad, `[[1.8, 50.9], [1.8, 50.9]]`)), []string{`road "r"`, "at least 2"}},
		{"road 1 mm long", fc(road(okRoad, `[[1.8, 50.9], [1.8, 50.90000001]]`)), []string{`road "r"`, "long"}},
		{"zero speed", fc(road(strings.Replace(okRoad, `"free_flow_kmh": 50`, `"free_flow_kmh": 0`, 1), line)), []string{`road "r"`, "free_flow_kmh"}},
		{"negative speed", fc(road(strings.Replace(okRoad, `"free_flow_kmh": 50`, `"free_flow_kmh": -5`, 1), line)), []string{`road "r"`, "free_flow_kmh"}},
		{"missing speed", fc(road(strings.Replace(okRoad, `"free_flow_kmh": 50,`, ``, 1), line)), []string{`road "r"`, "free_flow_kmh", "missing"}},
		{"zero capacity", fc(road(strings.Replace(okRoad, `"capacity_veh_per_hour": 900`, `"capacity_veh_per_hour": 0`, 1), line)), []string{`road "r"`, "capacity_veh_per_hour"}},
		{"zero lanes", fc(road(strings.Replace(okRoad, `"lanes": 2`, `"lanes": 0`, 1), line)), []string{`road "r"`, "lanes"}},
		{"missing lanes", fc(road(strings.Replace(okRoad, `"lanes": 2,`, ``, 1), line)), []string{`road "r"`, "lanes", "missing"}},
		{"road without source", fc(road(strings.Replace(okRoad, `"source": "s"`, `"source": " "`, 1), line)), []string{`road "r"`, "source"}},
		{"site without source", fc(site(strings.Replace(okSite, `, "source": "s"`, ``, 1), `[1.8, 50.9]`)), []string{`site "a"`, "source"}},
		{"lat/lon swapped", fc(site(okSite, `[50.9, 1.8]`)), []string{`site "a"`, "lat"}},
		{"lon out of the box", fc(site(okSite, `[3.5, 50.9]`)), []string{`site "a"`, "lon"}},
		{"road vertex out of the box", fc(road(okRoad, `[[1.8, 50.9], [1.8, 49.0]]`)), []string{`road "r"`, "lat"}},
		{"short position", fc(site(okSite, `[1.8]`)), []string{`site "a"`, "coordinates"}},
		{"bad country", fc(site(strings.Replace(okSite, `"FR"`, `"GB"`, 1), `[1.8, 50.9]`)), []string{`site "a"`, "country"}},
		{"missing kind", fc(site(strings.Replace(okSite, `"kind": "gate", `, ``, 1), `[1.8, 50.9]`)), []string{`site "a"`, "kind"}},
		{"negative capacity", fc(site(okSite+`, "capacity": -1`, `[1.8, 50.9]`)), []string{`site "a"`, "capacity"}},
		{"capacity of the wrong type", fc(site(okSite+`, "capacity": "lots"`, `[1.8, 50.9]`)), []string{"parse"}},
		{"polygon as a site", fc(`{"type": "Feature", "properties": {"id": "p"}, "geometry": {"type": "Polygon", "coordinates": []}}`), []string{`"p"`, "Polygon"}},
		{"no geometry", fc(`{"type": "Feature", "properties": {"id": "g"}}`), []string{`"g"`, "geometry"}},
		{"unknown layer", fc(`{"type": "Feature", "properties": {"layer": "sea"}, "geometry": {"type": "Point", "coordinates": [1.8, 50.9]}}`), []string{"layer", "sea"}},
		{"point as land", fc(`{"type": "Feature", "properties": {"layer": "land"}, "geometry": {"type": "Point", "coordinates": [1.8, 50.9]}}`), []string{"layer", "land"}},
		{"bad view", `{"type": "FeatureCollection", "views": {"uk": [1, 51, 0, 52]}, "features": []}`, []string{`view "uk"`}},
		{"short view", `{"type": "FeatureCollection", "views": {"uk": [1, 51]}, "features": []}`, []string{`view "uk"`}},
	}
	for _, c := range cases {
		_, err := Load(strings.NewReader(c.file))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %q", c.name, err, w)
			}
		}
	}
}

// The embedded data round-trips through Load as any other file would.
func TestEmbeddedFileLoads(t *testing.T) {
	b, err := dataFS.ReadFile("data/world.json")
	if err != nil {
		t.Fatal(err)
	}
	w, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	d := mustDefault(t)
	if len(w.Sites) != len(d.Sites) || len(w.Roads) != len(d.Roads) {
		t.Error("Load and Default disagree")
	}
}

// Load never panics, whatever it is given: it returns a world or an error.
func FuzzLoad(f *testing.F) {
	b, err := dataFS.ReadFile("data/world.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add(minimal)
	f.Add(``)
	f.Add(`{}`)
	f.Add(`[]`)
	f.Add(`null`)
	f.Add(`{"type": "FeatureCollection", "features": null}`)
	f.Add(`{"type": "FeatureCollection", "features": [null]}`)
	f.Add(`{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": null}}]}`)
	f.Add(`{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[]]}}]}`)
	f.Add(`{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"layer": "land"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[]]]}}]}`)
	f.Add(`{"type": "FeatureCollection", "views": {"x": []}, "features": []}`)
	f.Add(`{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "r", "name": "R", "free_flow_kmh": 1e308, "lanes": 1, "capacity_veh_per_hour": 1e-308, "source": "s"}, "geometry": {"type": "LineString", "coordinates": [[1.8, 50.9], [1.8, 50.90000001]]}}]}`)
	f.Add(string(b[:len(b)/2]))
	f.Fuzz(func(t *testing.T, s string) {
		w, err := Load(strings.NewReader(s))
		if (w == nil) == (err == nil) {
			t.Fatalf("Load returned world %v and error %v", w != nil, err)
		}
		if w == nil {
			return
		}
		// Whatever loaded must be usable.
		for i := range w.Roads {
			r := &w.Roads[i]
			_ = r.At(r.LengthM / 2)
			_ = r.Heading(r.LengthM / 3)
			_ = r.TravelTimeMin(100)
			if len(r.Points) < 2 || !(r.LengthM > 0) {
				t.Fatalf("road %q accepted with %d points, length %v", r.ID, len(r.Points), r.LengthM)
			}
		}
		_, _ = w.Bounds()
		_, _ = w.CalaisBounds()
		_, _ = w.UKBounds()
	})
}
