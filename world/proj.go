package world

import "math"

// LatLon is a WGS84 position in degrees (EPSG:4326), north and east positive.
type LatLon struct{ Lat, Lon float64 }

// Point is a position on the map in metres: X east and Y north of the
// projection's origin (51.0° N, 1.4° E, in the Strait of Dover).
type Point struct{ X, Y float64 }

// Projection parameters. The map uses a transverse Mercator projection of
// the WGS84 ellipsoid with its central meridian through the Strait of Dover,
// a scale factor of 1 on that meridian and the origin at 51.0° N 1.4° E
// (no false easting or northing, so the origin is (0, 0)).
//
// Error. Transverse Mercator is conformal; its point scale factor at a
// distance x from the central meridian is k ≈ 1 + x²/(2R²) (R ≈ 6,381 km at
// 51° N), so lengths on the map are too long by that fraction:
//
//	Calais, Coquelles (x ≈ +30 km)     0.001 %
//	Dover, Folkestone (x ≈ −5…−19 km)  < 0.001 %
//	Stansted (x ≈ −80 km)              0.008 %
//	London (x ≈ −106 km)               0.014 %
//	Heathrow, Colnbrook (x ≈ −130 km)  0.021 %
//	edge of the valid box, 1.5° W      0.05 %
//
// So a distance measured on the map, anywhere between Calais and Heathrow,
// is within 0.03 % of the geodesic (ellipsoidal) distance: 3 m on a 10 km
// road. Project and Unproject use Krüger's series to sixth order in the
// third flattening (Karney 2011, "Transverse Mercator with an accuracy of a
// few nanometers", J. Geodesy 85:475–485), accurate to far better than a
// millimetre over this map; a round trip returns the input to within 1e-9°.
const (
	OriginLat = 51.0 // latitude of origin, degrees
	OriginLon = 1.4  // central meridian, degrees

	wgs84A = 6378137.0         // semi-major axis, m
	wgs84F = 1 / 298.257223563 // flattening
)

// tm holds the constants of the transverse Mercator series, computed once.
var tm = func() (c struct {
	e, a1, n0   float64    // eccentricity, rectifying radius A, northing of the origin
	alpha, beta [7]float64 // forward and inverse Krüger coefficients, 1-based
}) {
	f := wgs84F
	n := f / (2 - f)
	n2 := n * n
	n3 := n2 * n
	n4, n5, n6 := n2*n2, n2*n3, n3*n3
	c.e = math.Sqrt(f * (2 - f))
	c.a1 = wgs84A / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	c.alpha = [7]float64{0,
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	c.beta = [7]float64{0,
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	x, _ := tmForward(c.e, c.a1, &c.alpha, OriginLat*math.Pi/180, 0)
	c.n0 = x
	return c
}()

// tmForward returns the northing and easting (unshifted) of latitude phi and
// longitude dl east of the central meridian, both in radians.
func tmForward(e, a1 float64, alpha *[7]float64, phi, dl float64) (north, east float64) {
	s := math.Sin(phi)
	t := math.Sinh(math.Atanh(s) - e*math.Atanh(e*s)) // tan of the conformal latitude
	xi := math.Atan2(t, math.Cos(dl))
	eta := math.Atanh(math.Sin(dl) / math.Sqrt(1+t*t))
	x, y := xi, eta
	for j := 1; j <= 6; j++ {
		k := 2 * float64(j)
		x += alpha[j] * math.Sin(k*xi) * math.Cosh(k*eta)
		y += alpha[j] * math.Cos(k*xi) * math.Sinh(k*eta)
	}
	return a1 * x, a1 * y
}

// Project returns the map position of ll.
func Project(ll LatLon) Point {
	n, e := tmForward(tm.e, tm.a1, &tm.alpha, ll.Lat*math.Pi/180, (ll.Lon-OriginLon)*math.Pi/180)
	return Point{X: e, Y: n - tm.n0}
}

// Unproject returns the WGS84 position of map point p; it inverts Project.
func Unproject(p Point) LatLon {
	xi := (p.Y + tm.n0) / tm.a1
	eta := p.X / tm.a1
	x, y := xi, eta
	for j := 1; j <= 6; j++ {
		k := 2 * float64(j)
		x -= tm.beta[j] * math.Sin(k*xi) * math.Cosh(k*eta)
		y -= tm.beta[j] * math.Cos(k*xi) * math.Sinh(k*eta)
	}
	// x, y are the conformal sphere's ξ', η'; tau' is the tangent of the
	// conformal latitude, and the geographic latitude's tangent tau solves
	// tau' = tau·√(1+σ²) − σ·√(1+tau²), σ = sinh(e·atanh(e·tau/√(1+tau²))),
	// by Newton's method (Karney 2011, eqs. 7–9 and 19–21).
	taup := math.Sin(x) / math.Sqrt(math.Sinh(y)*math.Sinh(y)+math.Cos(x)*math.Cos(x))
	lam := math.Atan2(math.Sinh(y), math.Cos(x))
	e := tm.e
	e2m := 1 - e*e
	tau := taup / e2m
	for i := 0; i < 10; i++ {
		tau1 := math.Sqrt(1 + tau*tau)
		sig := math.Sinh(e * math.Atanh(e*tau/tau1))
		taupa := math.Sqrt(1+sig*sig)*tau - sig*tau1
		d := (taup - taupa) * (1 + e2m*tau*tau) / (e2m * tau1 * math.Sqrt(1+taupa*taupa))
		tau += d
		if math.Abs(d) < 1e-14*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return LatLon{Lat: math.Atan(tau) * 180 / math.Pi, Lon: OriginLon + lam*180/math.Pi}
}

// Dist returns the straight-line distance in metres between two map points.
func Dist(a, b Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// EarthRadiusM is the mean Earth radius (IUGG, R1 = (2a+b)/3) used by
// Haversine.
const EarthRadiusM = 6371008.8

// Haversine returns the great-circle distance in metres between a and b on a
// sphere of radius EarthRadiusM. It ignores the Earth's flattening, so it can
// be off by up to about 0.5 % from the geodesic; on this map, at 51° N, it
// comes out 0.1–0.3 % short (0.27 % for Calais–Dover). It is a check on the projection, not a
// substitute for it.
func Haversine(a, b LatLon) float64 {
	const r = math.Pi / 180
	p1, p2 := a.Lat*r, b.Lat*r
	dp, dl := p2-p1, (b.Lon-a.Lon)*r
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(h)))
}
