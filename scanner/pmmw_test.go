package scanner

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPMMWOnlyCurtainSiders: never applicable to rigid bodies, whatever the
// load, the people or the conditions; Search then is inconclusive and finds
// nothing.
func TestPMMWOnlyCurtainSiders(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	m := PMMW{}
	forEachVehicle(func(v Vehicle) {
		v.People = [NumPlaces]int{2, 1, 1, 1}
		err := m.Applicable(&v)
		if v.Trailer == CurtainSider {
			if err != nil {
				t.Errorf("curtain-sider: %v", err)
			}
			return
		}
		if err == nil || !strings.Contains(err.Error(), v.Trailer.String()) {
			t.Errorf("%v: want an error naming the trailer, got %v", v.Trailer, err)
		}
		for _, c := range testConds {
			if a := m.Analyze(&v, c); a != (Analysis{}) {
				t.Errorf("%v: Analyze %+v", v.Trailer, a)
			}
			if o := m.Search(&v, c, r); !o.Inconclusive || o.Alarm || o.DurationMin != 0 {
				t.Errorf("%v: Search %+v", v.Trailer, o)
			}
		}
	})
}

// TestPMMWContrast: ≈ 10 K at 12 °C behind the curtain (§8.4, CALC/EST);
// none when the air is as warm as skin.
func TestPMMWContrast(t *testing.T) {
	m := PMMW{}
	want := pmCurtainTau * pmSkinEmiss * (pmBodyK - 285.15)
	if got := m.ContrastK(12); math.Abs(got-want) > 1e-9 || got < 9 || got > 12 {
		t.Errorf("contrast at 12 °C %.2f K, want ≈ 10", got)
	}
	if m.ContrastK(35) != 0 {
		t.Error("contrast should vanish at body temperature")
	}
	v := Vehicle{Trailer: CurtainSider, Cargo: General, People: [NumPlaces]int{1, 0, 0, 0}}
	cold := m.PDetect(&v, Conditions{TempC: 5})
	hot := m.PDetect(&v, Conditions{TempC: 33})
	if !(hot < cold) {
		t.Errorf("hot day %.3f not worse than cold %.3f", hot, cold)
	}
	// Water-bearing loads hide people better than dry goods.
	vp := v
	vp.Cargo = Produce
	if !(m.PDetect(&vp, Conditions{TempC: 12}) < m.PDetect(&v, Conditions{TempC: 12})) {
		t.Error("produce does not hide better than dry goods")
	}
}
