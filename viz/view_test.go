package viz

import (
	"math"
	"testing"

	"channelsim/world"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestViewRoundTrip(t *testing.T) {
	v := FitView(R(100, 50, 900, 650), world.Point{X: 20000, Y: -8000}, world.Point{X: 32000, Y: 0})
	for i, p := range []world.Point{{X: 20000, Y: -8000}, {X: 26000, Y: -4000}, {X: -130000, Y: 30000}} {
		q := v.ToWorld(v.ToScreen(p))
		if !near(q.X, p.X, 1e-6) || !near(q.Y, p.Y, 1e-6) {
			t.Errorf("%d: round trip of %v gave %v", i, p, q)
		}
	}
}

func TestFitViewShowsTheBox(t *testing.T) {
	screen := R(0, 0, 860, 800)
	lo, hi := world.Point{X: 25000, Y: -10000}, world.Point{X: 37000, Y: -2000} // 12 km × 8 km
	v := FitView(screen, lo, hi)
	// The wider side fills the screen: 12 km over 860 px.
	if !near(v.MPerPx, 12000.0/860, 1e-9) {
		t.Errorf("MPerPx = %g, want %g", v.MPerPx, 12000.0/860)
	}
	a, b := v.ToScreen(lo), v.ToScreen(hi)
	if !near(a.X, 0, 1e-9) || !near(b.X, 860, 1e-9) {
		t.Errorf("box spans x %g…%g, want 0…860", a.X, b.X)
	}
	// North is up: the box's north edge (hi.Y) is drawn above its south edge.
	if !(b.Y < a.Y) || b.Y < 0 || a.Y > 800 {
		t.Errorf("box spans y %g (north) … %g (south), want north above south within 0…800", b.Y, a.Y)
	}
	if c := v.ToScreen(world.Point{X: 31000, Y: -6000}); !near(c.X, 430, 1e-9) || !near(c.Y, 400, 1e-9) {
		t.Errorf("box centre drawn at %v, want the screen centre (430, 400)", c)
	}
}

func TestZoomKeepsThePointUnderTheCursor(t *testing.T) {
	v := FitView(R(0, 0, 800, 600), world.Point{X: 0, Y: 0}, world.Point{X: 8000, Y: 6000})
	q := Vec{200, 150}
	at := v.ToWorld(q)
	z := v.Zoom(q, 2)
	if !near(z.MPerPx, v.MPerPx/2, 1e-12) {
		t.Errorf("zoom ×2: MPerPx %g, want %g", z.MPerPx, v.MPerPx/2)
	}
	if p := z.ToScreen(at); !near(p.X, q.X, 1e-9) || !near(p.Y, q.Y, 1e-9) {
		t.Errorf("point under the cursor moved from %v to %v", q, p)
	}
	// Limits: 0.05 m to 5 km per pixel.
	if z := v.Zoom(q, 1e9); z.MPerPx != 0.05 {
		t.Errorf("zoom in limit: %g m/px", z.MPerPx)
	}
	if z := v.Zoom(q, 1e-9); z.MPerPx != 5000 {
		t.Errorf("zoom out limit: %g m/px", z.MPerPx)
	}
}

func TestPanMovesTheMapWithTheMouse(t *testing.T) {
	v := FitView(R(0, 0, 800, 600), world.Point{X: 0, Y: 0}, world.Point{X: 8000, Y: 6000})
	p := world.Point{X: 1000, Y: 1000}
	before := v.ToScreen(p)
	after := v.Pan(Vec{30, -20}).ToScreen(p)
	if !near(after.X-before.X, 30, 1e-9) || !near(after.Y-before.Y, -20, 1e-9) {
		t.Errorf("dragging by (30, −20) moved the point by %v", after.Sub(before))
	}
}

// The default views put the real places where a reader expects them.
func TestDefaultViewsPlaceTheSites(t *testing.T) {
	w, err := world.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(w, 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	pos := func(id string) world.Point {
		s, ok := w.Site(id)
		if !ok {
			t.Fatalf("no site %s", id)
		}
		return s.Pos
	}
	for _, id := range []string{"calais-port-checkin", "coquelles-checkin", "camp", "spot-a16"} {
		if !b.Main.Visible(pos(id), -10) {
			t.Errorf("%s is not in the Calais view", id)
		}
		if b.Inset.Visible(pos(id), 0) {
			t.Errorf("%s is in the UK view", id)
		}
	}
	for _, id := range []string{"dover-eastern-docks", "folkestone-terminal", "heathrow", "gatwick", "irc-colnbrook", "irc-brook-house", "london"} {
		if !b.Inset.Visible(pos(id), -5) {
			t.Errorf("%s is not in the UK view", id)
		}
	}
	// The A26 rest areas are further out: in the coast inset, with the
	// camp and the crossings' sites, and not in the Calais view.
	for _, id := range []string{"services-a26", "camp", "calais-port-checkin", "coquelles-checkin", "lorry-park"} {
		if !b.Coast.Visible(pos(id), -5) {
			t.Errorf("%s is not in the coast view", id)
		}
	}
	if b.Main.Visible(pos("services-a26"), 0) {
		t.Error("services-a26 is in the Calais view")
	}
	if a, c := b.Coast.ToScreen(pos("services-a26")), b.Coast.ToScreen(pos("camp")); !(a.X > c.X && a.Y > c.Y) {
		t.Errorf("A26 services drawn at %v, the camp at %v: want the services down and right", a, c)
	}
	// The port is north-east of the Eurotunnel terminal: up and to the right.
	port, tun := b.Main.ToScreen(pos("calais-port-checkin")), b.Main.ToScreen(pos("coquelles-checkin"))
	if !(port.X > tun.X && port.Y < tun.Y) {
		t.Errorf("port drawn at %v, tunnel terminal at %v: want the port up and right", port, tun)
	}
	// London is west of Dover: left in the inset.
	if l, d := b.Inset.ToScreen(pos("london")), b.Inset.ToScreen(pos("dover-eastern-docks")); !(l.X < d.X) {
		t.Errorf("London at %v, Dover at %v", l, d)
	}
}

func TestIntensitySaysWhichIsInForce(t *testing.T) {
	for _, tc := range []struct {
		l    Levers
		want string
	}{
		{Levers{SearchShare: 0.6}, "60%"},
		{Levers{SearchShare: 0.45, Surge: 0.4}, "45% (base 5% + surge 40%)"},
	} {
		if got := intensity(tc.l); got != tc.want {
			t.Errorf("intensity(%+v) = %q, want %q", tc.l, got, tc.want)
		}
	}
}
