package world

import (
	"math"
	"testing"
)

// vincenty returns the geodesic distance in metres between a and b on the
// WGS84 ellipsoid by Vincenty's inverse formula (T. Vincenty, "Direct and
// inverse solutions of geodesics on the ellipsoid with application of nested
// equations", Survey Review 23(176):88–93, 1975). It is an independent
// reference for the projection: accurate to well under a millimetre for
// points this close.
func vincenty(a, b LatLon) float64 {
	const r = math.Pi / 180
	f := wgs84F
	bAxis := wgs84A * (1 - f)
	L := (b.Lon - a.Lon) * r
	u1 := math.Atan((1 - f) * math.Tan(a.Lat*r))
	u2 := math.Atan((1 - f) * math.Tan(b.Lat*r))
	su1, cu1 := math.Sincos(u1)
	su2, cu2 := math.Sincos(u2)
	lam := L
	var sinS, cosS, sigma, cos2A, cos2Sm float64
	for i := 0; i < 200; i++ {
		sl, cl := math.Sincos(lam)
		sinS = math.Hypot(cu2*sl, cu1*su2-su1*cu2*cl)
		if sinS == 0 {
			return 0
		}
		cosS = su1*su2 + cu1*cu2*cl
		sigma = math.Atan2(sinS, cosS)
		sinA := cu1 * cu2 * sl / sinS
		cos2A = 1 - sinA*sinA
		cos2Sm = cosS - 2*su1*su2/cos2A
		c := f / 16 * cos2A * (4 + f*(4-3*cos2A))
		prev := lam
		lam = L + (1-c)*f*sinA*(sigma+c*sinS*(cos2Sm+c*cosS*(-1+2*cos2Sm*cos2Sm)))
		if math.Abs(lam-prev) < 1e-13 {
			break
		}
	}
	u2s := cos2A * (wgs84A*wgs84A - bAxis*bAxis) / (bAxis * bAxis)
	A := 1 + u2s/16384*(4096+u2s*(-768+u2s*(320-175*u2s)))
	B := u2s / 1024 * (256 + u2s*(-128+u2s*(74-47*u2s)))
	dS := B * sinS * (cos2Sm + B/4*(cosS*(-1+2*cos2Sm*cos2Sm)-B/6*cos2Sm*(-3+4*sinS*sinS)*(-3+4*cos2Sm*cos2Sm)))
	return bAxis * A * (sigma - dS)
}

func projDist(a, b LatLon) float64 { return Dist(Project(a), Project(b)) }

func relErr(got, want float64) float64 { return math.Abs(got-want) / want }

// Natural Earth port points (data/naturalearth/ports.geojson).
var (
	calaisPort = LatLon{Lat: 50.96583, Lon: 1.85018}
	doverPort  = LatLon{Lat: 51.12083, Lon: 1.32214}
)

func TestProjectOrigin(t *testing.T) {
	p := Project(LatLon{OriginLat, OriginLon})
	if math.Abs(p.X) > 1e-6 || math.Abs(p.Y) > 1e-6 {
		t.Errorf("origin projects to %v, want (0, 0)", p)
	}
	// East is +X and north is +Y.
	if p := Project(LatLon{51.2, 1.6}); !(p.X > 0 && p.Y > 0) {
		t.Errorf("51.2 N 1.6 E projects to %v, want X > 0, Y > 0", p)
	}
}

func TestProjectRoundTrip(t *testing.T) {
	worst := 0.0
	for lat := MinLat; lat <= MaxLat+1e-9; lat += 0.125 {
		for lon := MinLon; lon <= MaxLon+1e-9; lon += 0.125 {
			ll := LatLon{lat, lon}
			back := Unproject(Project(ll))
			e := math.Max(math.Abs(back.Lat-lat), math.Abs(back.Lon-lon))
			worst = math.Max(worst, e)
			if e > 1e-9 {
				t.Fatalf("round trip of %v gives %v (error %.3g°)", ll, back, e)
			}
		}
	}
	t.Logf("worst round-trip error over the valid box: %.2g°", worst)
	// And the other way, from map points.
	for x := -200e3; x <= 200e3; x += 25e3 {
		for y := -100e3; y <= 150e3; y += 25e3 {
			p := Point{x, y}
			if q := Project(Unproject(p)); Dist(p, q) > 1e-6 {
				t.Fatalf("Project(Unproject(%v)) = %v", p, q)
			}
		}
	}
}

// On the central meridian the scale factor is 1, so the northing is the
// meridian arc: it must equal the geodesic distance.
func TestCentralMeridianIsTrue(t *testing.T) {
	for _, lat := range []float64{50.0, 50.5, 51.5, 52.5} {
		a, b := LatLon{OriginLat, OriginLon}, LatLon{lat, OriginLon}
		if got, want := math.Abs(Project(b).Y), vincenty(a, b); math.Abs(got-want) > 0.01 {
			t.Errorf("northing of %v° on the central meridian = %.3f m, geodesic %.3f m", lat, got, want)
		}
	}
}

func TestCalaisDoverDistance(t *testing.T) {
	geo := vincenty(calaisPort, doverPort)
	proj := projDist(calaisPort, doverPort)
	hav := Haversine(calaisPort, doverPort)
	t.Logf("Calais port – Dover port: geodesic %.1f m, projected %.1f m, haversine %.1f m", geo, proj, hav)
	// The port-to-port distance across the Strait is about 41 km (the
	// shortest crossing, Cap Gris-Nez – Dover, is about 33 km).
	for name, d := range map[string]float64{"geodesic": geo, "projected": proj} {
		if e := relErr(d, 41000); e > 0.005 {
			t.Errorf("%s Calais–Dover distance %.0f m is %.2f %% from 41 km, want within 0.5 %%", name, d, 100*e)
		}
	}
	// Near the central meridian the projection is all but exact.
	if e := relErr(proj, geo); e > 1e-5 {
		t.Errorf("projected distance off the geodesic by %.4f %%", 100*e)
	}
	// The sphere ignores the flattening: a few tenths of a per cent.
	if e := relErr(hav, proj); e > 0.005 {
		t.Errorf("haversine %.1f m off the projected distance by %.3f %%", hav, 100*e)
	}
}

// The scale error documented in proj.go: within 0.03 % anywhere between
// Calais and Heathrow, growing as x² away from the central meridian.
func TestProjectionScaleError(t *testing.T) {
	heathrow := LatLon{51.4700, -0.4543}
	gatwick := LatLon{51.1565, -0.1610}
	london := LatLon{51.5073, -0.1277}
	stansted := LatLon{51.8890, 0.2620}
	coquelles := LatLon{50.9245, 1.8230}
	folkestone := LatLon{51.0970, 1.1330}
	pairs := []struct {
		name string
		a, b LatLon
		max  float64 // relative error allowed
	}{
		{"Calais–Coquelles", calaisPort, coquelles, 2e-5},
		{"Coquelles–Folkestone", coquelles, folkestone, 2e-5},
		{"Dover–London", doverPort, london, 1e-4},
		{"London–Heathrow", london, heathrow, 2.5e-4},
		{"Heathrow–Gatwick", heathrow, gatwick, 2.5e-4},
		{"London–Stansted", london, stansted, 1.5e-4},
		{"Calais–Heathrow", calaisPort, heathrow, 1e-4},
	}
	for _, p := range pairs {
		geo, proj, hav := vincenty(p.a, p.b), projDist(p.a, p.b), Haversine(p.a, p.b)
		e := relErr(proj, geo)
		t.Logf("%-22s geodesic %9.1f m  projected %+.4f %%  haversine %+.3f %%", p.name, geo, 100*(proj-geo)/geo, 100*(hav-geo)/geo)
		if e > p.max || proj < geo-0.01 {
			t.Errorf("%s: projected %.1f m vs geodesic %.1f m: error %.4f %%, want ≤ %.4f %% (and never shorter)", p.name, proj, geo, 100*e, 100*p.max)
		}
		if relErr(hav, geo) > 0.005 {
			t.Errorf("%s: haversine %.1f m vs geodesic %.1f m: more than 0.5 %% apart", p.name, hav, geo)
		}
	}
}
