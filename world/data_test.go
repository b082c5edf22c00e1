package world

import (
	"math"
	"testing"
)

var requiredSites = map[string]string{ // id → country
	"calais-port-checkin": "FR", "calais-paf": "FR", "calais-uk-booths": "FR", "calais-search": "FR",
	"calais-embark": "FR", "calais-port-secure-park": "FR",
	"coquelles-checkin": "FR", "coquelles-paf": "FR", "coquelles-uk-booths": "FR", "coquelles-search": "FR",
	"coquelles-platforms": "FR", "coquelles-holding": "FR",
	"camp": "FR", "spot-rocade": "FR", "spot-a16": "FR", "spot-coquelles": "FR", "lorry-park": "FR", "services-a26": "FR", "aire-grande-synthe": "FR",
	"a16-j42": "FR", "a16-port-junction": "FR",
	"dover-eastern-docks": "UK", "dover-arrival-checks": "UK", "folkestone-terminal": "UK",
	"heathrow": "UK", "gatwick": "UK", "stansted": "UK",
	"irc-harmondsworth": "UK", "irc-colnbrook": "UK", "irc-brook-house": "UK", "irc-tinsley-house": "UK",
	"london": "UK", "m20-j8": "UK", "m20-j11": "UK", "m20-j11a": "UK", "m20-j13": "UK", "m25-j3": "UK",
}

var requiredRoads = []string{
	"a16-south", "a16-east", "rocade", "coquelles-access", "ferry-route", "tunnel",
	"dover-a20", "folkestone-m20", "m20-london", "m20-stack",
	"m25-heathrow", "m25-gatwick", "m11-stansted",
}

func site(t *testing.T, w *World, id string) *Site {
	t.Helper()
	s, ok := w.Site(id)
	if !ok {
		t.Fatalf("no site %q", id)
	}
	return s
}

func road(t *testing.T, w *World, id string) *Road {
	t.Helper()
	r, ok := w.Road(id)
	if !ok {
		t.Fatalf("no road %q", id)
	}
	return r
}

func TestRequiredFeatures(t *testing.T) {
	w := mustDefault(t)
	for id, country := range requiredSites {
		s, ok := w.Site(id)
		if !ok {
			t.Errorf("no site %q", id)
			continue
		}
		if s.Country != country {
			t.Errorf("site %q: country %q, want %q", id, s.Country, country)
		}
		if s.ID != id || s.Name == "" || s.Kind == "" || s.Source == "" {
			t.Errorf("site %q incomplete: %+v", id, *s)
		}
		if d := Dist(Project(s.LL), s.Pos); d > 1e-6 {
			t.Errorf("site %q: Pos is not the projection of LL", id)
		}
	}
	for _, id := range requiredRoads {
		r, ok := w.Road(id)
		if !ok {
			t.Errorf("no road %q", id)
			continue
		}
		if r.Source == "" || r.Name == "" || r.FreeFlowKmh <= 0 || r.Lanes < 1 || r.CapacityVehPerHour <= 0 {
			t.Errorf("road %q incomplete: %s, %v km/h, %d lanes, %v veh/h", id, r.Name, r.FreeFlowKmh, r.Lanes, r.CapacityVehPerHour)
		}
	}
	if s := site(t, w, "calais-port-secure-park"); s.Capacity != 230 {
		t.Errorf("Calais port secure zone holds %d lorries, want 230", s.Capacity)
	}
	if s := site(t, w, "coquelles-holding"); s.Capacity != 900 {
		t.Errorf("Eurotunnel holding zone holds %d lorries, want 900", s.Capacity)
	}
	// The A26 service areas towards Calais: Nortkerque's 5 HGV places and
	// La Grande Bucaille's 15 (research notes lorry-places.md §1), drawn at
	// Nortkerque.
	if s := site(t, w, "services-a26"); s.Kind != "rest-area" || s.Capacity != 20 {
		t.Errorf("services-a26 is a %q of %d places, want a rest-area of 20", s.Kind, s.Capacity)
	}
	if d := Dist(site(t, w, "services-a26").Pos, Project(LatLon{50.87, 2.03})); d > 100 {
		t.Errorf("services-a26 is %.0f m from Nortkerque (50.87 N, 2.03 E)", d)
	}
	// The Aire de Grande-Synthe on the A16 towards Calais: 11 HGV places
	// (lorry-places.md §1).
	if s := site(t, w, "aire-grande-synthe"); s.Kind != "rest-area" || s.Capacity != 11 {
		t.Errorf("aire-grande-synthe is a %q of %d places, want a rest-area of 11", s.Kind, s.Capacity)
	}
	if got := len(w.SitesOfKind("rest-area")); got != 2 {
		t.Errorf("%d rest areas, want 2", got)
	}
	if _, ok := w.Site("no-such-site"); ok {
		t.Error("Site found an id that does not exist")
	}
	if _, ok := w.Road("camp"); ok {
		t.Error("Road found a site")
	}
	if got := len(w.SitesOfKind("irc")); got != 4 {
		t.Errorf("%d removal centres, want 4", got)
	}
}

// The lengths catch mis-digitised data: a dropped vertex, swapped
// coordinates or a road that runs to the wrong junction.
func TestRoadLengths(t *testing.T) {
	w := mustDefault(t)
	km := func(id string) float64 { return road(t, w, id).LengthM / 1000 }
	check := func(what string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s is %.2f km, want %v–%v km", what, got, lo, hi)
		} else {
			t.Logf("%-32s %7.2f km", what, got)
		}
	}
	// A16 from the Coquelles junction (exit 42) to the port junction: ~10 km.
	south := road(t, w, "a16-south")
	d42, off := south.Locate(site(t, w, "a16-j42").Pos)
	if off > 50 {
		t.Errorf("a16-j42 is %.0f m off the A16", off)
	}
	check("A16 Coquelles (J42) → port junction", (south.LengthM-d42)/1000, 7, 12)
	check("A16 Marquise (J34) → J42", d42/1000, 12, 20)
	check("a16-east (Gravelines → port)", km("a16-east"), 14, 22)
	check("rocade", km("rocade"), 3, 7)
	check("coquelles-access", km("coquelles-access"), 0.3, 2)
	check("ferry-route", km("ferry-route"), 38, 48)
	check("tunnel", km("tunnel"), 45, 55)
	check("dover-a20", km("dover-a20"), 12, 22)
	check("folkestone-m20", km("folkestone-m20"), 1, 4)
	// M20 J11a–J1 is about 47 miles (76 km), then ~27 km of A20/A2 to
	// Charing Cross: about 103 km.
	check("m20-london", km("m20-london"), 100, 125)
	// J8–J11 coastbound is about 21 miles.
	check("m20-stack (J8 → J11)", km("m20-stack"), 30, 40)
	check("m25-heathrow", km("m25-heathrow"), 60, 100)
	check("m25-gatwick", km("m25-gatwick"), 35, 60)
	check("m11-stansted", km("m11-stansted"), 50, 85)

	// Free-flow times of the crossings match the timetables.
	if t0 := road(t, w, "tunnel").FreeFlowMin(); math.Abs(t0-35) > 2 {
		t.Errorf("tunnel free-flow time %.1f min, want 35 ± 2 (platform to platform)", t0)
	}
	if t0 := road(t, w, "ferry-route").FreeFlowMin(); math.Abs(t0-90) > 10 {
		t.Errorf("ferry free-flow time %.1f min, want 90 ± 10", t0)
	}
}

// The roads join into the routes package sim builds: each leg starts where
// the previous one ends, and the ends are at the sites they serve.
func TestRoadsConnect(t *testing.T) {
	w := mustDefault(t)
	start := func(id string) Point { return road(t, w, id).At(0) }
	end := func(id string) Point { return road(t, w, id).At(math.Inf(1)) }
	at := func(id string) Point { return site(t, w, id).Pos }
	cases := []struct {
		what string
		a, b Point
		maxM float64
	}{
		{"a16-south ends at the port junction", end("a16-south"), at("a16-port-junction"), 1},
		{"a16-east ends at the port junction", end("a16-east"), at("a16-port-junction"), 1},
		{"rocade starts at the port junction", start("rocade"), at("a16-port-junction"), 1},
		{"rocade ends at the port check-in", end("rocade"), at("calais-port-checkin"), 1},
		{"coquelles-access starts at J42", start("coquelles-access"), at("a16-j42"), 1},
		{"coquelles-access ends at the check-in", end("coquelles-access"), at("coquelles-checkin"), 1},
		{"ferry leaves from the embarkation lanes", start("ferry-route"), at("calais-embark"), 500},
		{"ferry arrives at the Eastern Docks", end("ferry-route"), at("dover-eastern-docks"), 500},
		{"tunnel starts at the Coquelles platforms", start("tunnel"), at("coquelles-platforms"), 1},
		{"tunnel ends at the Folkestone terminal", end("tunnel"), at("folkestone-terminal"), 1},
		{"dover-a20 starts at the Eastern Docks", start("dover-a20"), at("dover-eastern-docks"), 500},
		{"dover-a20 ends where m20-london starts", end("dover-a20"), start("m20-london"), 1},
		{"folkestone-m20 starts at the terminal", start("folkestone-m20"), at("folkestone-terminal"), 1},
		{"folkestone-m20 ends where m20-london starts", end("folkestone-m20"), start("m20-london"), 1},
		{"m20-london starts at J11a", start("m20-london"), at("m20-j11a"), 1},
		{"m20-london ends in London", end("m20-london"), at("london"), 1},
		{"m20-stack starts at J8", start("m20-stack"), at("m20-j8"), 1},
		{"m20-stack ends at J11", end("m20-stack"), at("m20-j11"), 1},
		{"m25-heathrow starts at M25 J3", start("m25-heathrow"), at("m25-j3"), 1},
		{"m25-heathrow ends at Heathrow", end("m25-heathrow"), at("heathrow"), 1},
		{"m25-gatwick starts at M25 J3", start("m25-gatwick"), at("m25-j3"), 1},
		{"m25-gatwick ends at Gatwick", end("m25-gatwick"), at("gatwick"), 1},
		{"m11-stansted starts at M25 J3", start("m11-stansted"), at("m25-j3"), 1},
		{"m11-stansted ends at Stansted", end("m11-stansted"), at("stansted"), 1},
	}
	for _, c := range cases {
		if d := Dist(c.a, c.b); d > c.maxM {
			t.Errorf("%s: %.0f m apart, want ≤ %v m", c.what, d, c.maxM)
		}
	}
	// Sites that lie on a road.
	on := []struct {
		site, road string
		maxM       float64
	}{
		{"a16-j42", "a16-south", 1},
		{"m20-j13", "dover-a20", 1},
		{"m20-j11", "m20-london", 1},
		{"m20-j8", "m20-london", 1},
		{"m25-j3", "m20-london", 1},
		{"spot-rocade", "rocade", 100},
		{"spot-a16", "a16-south", 100},
		{"camp", "rocade", 1000},
		{"lorry-park", "a16-east", 500},
		{"irc-harmondsworth", "m25-heathrow", 500},
		{"irc-colnbrook", "m25-heathrow", 500},
		{"irc-brook-house", "m25-gatwick", 2000},
		{"irc-tinsley-house", "m25-gatwick", 2000},
	}
	for _, c := range on {
		if _, off := road(t, w, c.road).Locate(at(c.site)); off > c.maxM {
			t.Errorf("%s is %.0f m from %s, want ≤ %v m", c.site, off, c.road, c.maxM)
		}
	}
	// Operation Stack lies on the M20.
	m20 := road(t, w, "m20-london")
	for i, p := range road(t, w, "m20-stack").Points {
		if _, off := m20.Locate(p); off > 1 {
			t.Errorf("m20-stack vertex %d is %.0f m off m20-london", i, off)
		}
	}
	// The stack runs coastbound (towards Folkestone: east).
	if s := road(t, w, "m20-stack"); !(s.At(math.Inf(1)).X > s.At(0).X) {
		t.Error("m20-stack does not run coastbound (east)")
	}
}

// inNEBox reports whether ll is inside the Natural Earth extract's box,
// where the land layer means anything.
func inNEBox(ll LatLon) bool {
	return ll.Lat >= 50.15 && ll.Lat <= 51.75 && ll.Lon >= -0.75 && ll.Lon <= 2.5
}

// landRing returns the index of the land ring that holds p, or −1.
func landRing(w *World, p Point) int {
	for i, ring := range w.Land {
		if inRing(ring, p) {
			return i
		}
	}
	return -1
}

func place(t *testing.T, w *World, id string) *Site {
	t.Helper()
	for i := range w.Places {
		if w.Places[i].ID == id {
			return &w.Places[i]
		}
	}
	t.Fatalf("no place %q", id)
	return nil
}

// Each site lies on land on its own side of the Channel: French sites in the
// land polygon that holds Calais, UK sites in the one that holds London.
func TestSitesOnTheRightSideOfTheCoast(t *testing.T) {
	w := mustDefault(t)
	fr := landRing(w, place(t, w, "ne-place-calais").Pos)
	uk := landRing(w, place(t, w, "ne-place-london").Pos)
	if fr < 0 || uk < 0 || fr == uk {
		t.Fatalf("land rings: France %d, Great Britain %d; want two different rings", fr, uk)
	}
	want := map[string]int{"FR": fr, "UK": uk}
	checked := 0
	for i := range w.Sites {
		s := &w.Sites[i]
		if !inNEBox(s.LL) {
			if s.ID != "stansted" {
				t.Errorf("site %q at %v is outside the base map", s.ID, s.LL)
			}
			continue
		}
		if !w.OnLand(s.Pos) {
			// The shore's sites (launch areas, landing places) may fall
			// on the sea side of the coarse Natural Earth coast: they
			// must then be near their own country's coast
			// (TestLaunchSites).
			if shoreKinds[s.Kind] {
				if c, d := nearestCoast(w, s.Pos); c != coastOf(t, w, s.Country) || d > 2000 {
					t.Errorf("site %q (%s) at %v is %.0f m out to sea off coast line %d", s.ID, s.Country, s.LL, d, c)
				}
				checked++
				continue
			}
			t.Errorf("site %q (%s) at %v is in the sea", s.ID, s.Country, s.LL)
			continue
		}
		if got := landRing(w, s.Pos); got != want[s.Country] {
			t.Errorf("site %q (%s) is on land ring %d, want %d", s.ID, s.Country, got, want[s.Country])
		}
		checked++
	}
	if checked < len(requiredSites)-1 {
		t.Errorf("checked only %d sites", checked)
	}
	// Every vertex of the French roads is in France, of the Kent and London
	// roads in Great Britain (the Stansted end is outside the base map).
	for id, ring := range map[string]int{"a16-south": fr, "a16-east": fr, "rocade": fr, "coquelles-access": fr,
		"dover-a20": uk, "folkestone-m20": uk, "m20-london": uk, "m20-stack": uk, "m25-heathrow": uk, "m25-gatwick": uk, "m11-stansted": uk} {
		r := road(t, w, id)
		for i, p := range r.Points {
			if inNEBox(r.LL[i]) && landRing(w, p) != ring {
				t.Errorf("road %s vertex %d %v is not on its country's land", id, i, r.LL[i])
			}
		}
	}
}

// The ferry is at sea except at its two ends, and the tunnel runs under
// about 38 km of sea.
func TestCrossingsAtSea(t *testing.T) {
	w := mustDefault(t)
	ferry := road(t, w, "ferry-route")
	onLand := 0
	for _, p := range ferry.Points {
		if w.OnLand(p) {
			onLand++
		}
	}
	if onLand*4 > len(ferry.Points) {
		t.Errorf("%d of the ferry route's %d vertices are on land, want at most a quarter", onLand, len(ferry.Points))
	}
	for d := 0.1 * ferry.LengthM; d < 0.9*ferry.LengthM; d += 200 {
		if w.OnLand(ferry.At(d)) {
			t.Errorf("ferry route on land %.1f km from Calais", d/1000)
			break
		}
	}
	tunnel := road(t, w, "tunnel")
	sea := 0.0
	const step = 100.0
	for d := step / 2; d < tunnel.LengthM; d += step {
		if !w.OnLand(tunnel.At(d)) {
			sea += step
		}
	}
	t.Logf("tunnel: %.1f km of %.1f km under the sea (Natural Earth coast)", sea/1000, tunnel.LengthM/1000)
	if sea < 33e3 || sea > 43e3 {
		t.Errorf("tunnel runs %.1f km under the sea, want about 38 km (33–43)", sea/1000)
	}
}

func TestViews(t *testing.T) {
	w := mustDefault(t)
	inside := func(p, min, max Point) bool {
		return p.X >= min.X && p.X <= max.X && p.Y >= min.Y && p.Y <= max.Y
	}
	bmin, bmax := w.Bounds()
	cmin, cmax := w.CalaisBounds()
	umin, umax := w.UKBounds()
	omin, omax := w.CoastBounds()
	for i := range w.Sites {
		s := &w.Sites[i]
		if !inside(s.Pos, bmin, bmax) {
			t.Errorf("site %q outside Bounds", s.ID)
		}
		// The rest areas are further out on the motorways: the coast view
		// holds them, and every other French site but the small boats'
		// launch areas is in the detail view. The launch areas run along
		// 130 km of coast, beyond the coast view, which does not draw them.
		if s.Kind == "launch" {
			continue
		}
		if s.Country == "FR" && s.Kind != "rest-area" && !inside(s.Pos, cmin, cmax) {
			t.Errorf("French site %q outside CalaisBounds", s.ID)
		}
		if s.Country == "FR" && !inside(s.Pos, omin, omax) {
			t.Errorf("French site %q outside CoastBounds", s.ID)
		}
		if s.Country == "UK" && inside(s.Pos, omin, omax) {
			t.Errorf("UK site %q inside CoastBounds", s.ID)
		}
	}
	if inside(site(t, w, "services-a26").Pos, cmin, cmax) {
		t.Error("services-a26 is inside CalaisBounds; want it further out")
	}
	if !inside(cmin, omin, omax) || !inside(cmax, omin, omax) {
		t.Error("CoastBounds does not hold CalaisBounds")
	}
	for _, id := range []string{"dover-eastern-docks", "folkestone-terminal", "london", "heathrow", "gatwick",
		"irc-harmondsworth", "irc-colnbrook", "irc-brook-house", "irc-tinsley-house", "m20-j8"} {
		if !inside(site(t, w, id).Pos, umin, umax) {
			t.Errorf("site %q outside UKBounds", id)
		}
	}
	if wkm, hkm := (cmax.X-cmin.X)/1000, (cmax.Y-cmin.Y)/1000; wkm > 20 || hkm > 15 || wkm < 5 || hkm < 3 {
		t.Errorf("CalaisBounds is %.1f × %.1f km; want a detail view (5–20 × 3–15 km)", wkm, hkm)
	}
	if inside(site(t, w, "camp").Pos, umin, umax) || inside(site(t, w, "london").Pos, cmin, cmax) {
		t.Error("the two views overlap the wrong country")
	}
}

// TestStraitView: the Strait view holds every launch area and landing
// place, and the Baie de Somme south of the last launch area, and is a
// view of the Strait, not of Kent or Picardy (100–150 km a side).
func TestStraitView(t *testing.T) {
	w := mustDefault(t)
	lo, hi := w.StraitBounds()
	inside := func(p Point) bool { return p.X >= lo.X && p.X <= hi.X && p.Y >= lo.Y && p.Y <= hi.Y }
	for _, kind := range []string{"launch", "landing"} {
		for _, s := range w.SitesOfKind(kind) {
			if !inside(s.Pos) {
				t.Errorf("%s %q outside StraitBounds", kind, s.ID)
			}
		}
	}
	if somme := Project(LatLon{Lat: 50.23, Lon: 1.58}); !inside(somme) {
		t.Error("the Baie de Somme is outside StraitBounds")
	}
	if wkm, hkm := (hi.X-lo.X)/1000, (hi.Y-lo.Y)/1000; wkm < 100 || wkm > 150 || hkm < 100 || hkm > 150 {
		t.Errorf("StraitBounds is %.0f × %.0f km; want 100–150 km a side", wkm, hkm)
	}
	if inside(site(t, w, "london").Pos) {
		t.Error("StraitBounds holds London")
	}
}

func TestDefaultIsCached(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Default()
	if a != b {
		t.Error("Default parsed the data twice")
	}
}

// shoreKinds are the kinds of site on the shore itself.
var shoreKinds = map[string]bool{"launch": true, "landing": true}

// nearestCoast returns the index of the Coast line nearest p and its
// distance in metres.
func nearestCoast(w *World, p Point) (int, float64) {
	best, bestD := -1, math.Inf(1)
	for i, line := range w.Coast {
		for j := 1; j < len(line); j++ {
			if d := segmentDist(p, line[j-1], line[j]); d < bestD {
				best, bestD = i, d
			}
		}
	}
	return best, bestD
}

// segmentDist is the distance from p to the segment ab.
func segmentDist(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return Dist(p, Point{X: a.X + t*dx, Y: a.Y + t*dy})
}

// coastOf returns the index of the coast line of a country: the line
// nearest Calais for France, nearest Dover for the UK.
func coastOf(t *testing.T, w *World, country string) int {
	t.Helper()
	town := map[string]string{"FR": "ne-place-calais", "UK": "ne-place-dover"}[country]
	c, _ := nearestCoast(w, place(t, w, town).Pos)
	return c
}

// TestLaunchSites: the small boats' launch areas (research note
// docs/research/small-boats.md §3) are in France on or near its coast, each
// at the straight-line distance from Dover's landing place that the note
// gives (its EST distances, from 15 % under the low end to 15 % over the
// high end: the note measures between town coordinates, and a launch area
// is drawn at one of its towns). The landing places are on the English
// coast.
func TestLaunchSites(t *testing.T) {
	w := mustDefault(t)
	frCoast, ukCoast := coastOf(t, w, "FR"), coastOf(t, w, "UK")
	fr := landRing(w, place(t, w, "ne-place-calais").Pos)
	dover := site(t, w, "dover-western-docks").Pos
	want := map[string][2]float64{ // km to Dover, the note's range
		"launch-dunkirk":             {76, 76},
		"launch-gravelines":          {56, 56},
		"launch-calais-sangatte":     {36, 41},
		"launch-wissant-gris-nez":    {33, 33},
		"launch-wimereux-boulogne":   {44, 52},
		"launch-hardelot-le-touquet": {57, 69},
		"launch-berck-somme":         {82, 90},
	}
	launches := w.SitesOfKind("launch")
	if len(launches) != len(want) {
		t.Errorf("%d launch sites, want %d", len(launches), len(want))
	}
	for _, s := range launches {
		r, ok := want[s.ID]
		if !ok {
			t.Errorf("launch site %q has no distance in the research note", s.ID)
			continue
		}
		if s.Country != "FR" {
			t.Errorf("%s: country %q, want FR", s.ID, s.Country)
		}
		c, d := nearestCoast(w, s.Pos)
		if c != frCoast || d > 5000 {
			t.Errorf("%s is %.1f km from coast line %d, want within 5 km of the French coast (line %d)", s.ID, d/1000, c, frCoast)
		}
		if w.OnLand(s.Pos) && landRing(w, s.Pos) != fr {
			t.Errorf("%s is on land outside France", s.ID)
		}
		km := Dist(s.Pos, dover) / 1000
		if lo, hi := 0.85*r[0], 1.15*r[1]; km < lo || km > hi {
			t.Errorf("%s is %.1f km from Dover, want %.0f–%.0f (the note: %v–%v)", s.ID, km, lo, hi, r[0], r[1])
		} else {
			t.Logf("%-28s %5.1f km from Dover (note %v–%v), %.1f km from the coast, on land %v", s.ID, km, r[0], r[1], d/1000, w.OnLand(s.Pos))
		}
	}
	for _, id := range []string{"dover-western-docks", "dungeness"} {
		s := site(t, w, id)
		if c, d := nearestCoast(w, s.Pos); s.Kind != "landing" || s.Country != "UK" || c != ukCoast || d > 2000 {
			t.Errorf("%s: a %s in %s, %.1f km from coast line %d; want a UK landing within 2 km of the English coast (line %d)", id, s.Kind, s.Country, d/1000, c, ukCoast)
		}
	}
	if d := Dist(dover, site(t, w, "dover-eastern-docks").Pos); d > 2000 {
		t.Errorf("the Western Docks are %.1f km from the Eastern Docks; want the same harbour", d/1000)
	}
	if s := site(t, w, "manston"); s.Kind != "processing" || !w.OnLand(s.Pos) {
		t.Errorf("manston: a %q, on land %v", s.Kind, w.OnLand(s.Pos))
	}
}
