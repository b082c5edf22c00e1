package scanner

import "testing"

func TestDog(t *testing.T) {
	d := Dog{}
	c := Conditions{TempC: 12, WindMS: 2}
	one := func(tr Trailer, cg CargoKind) *Vehicle {
		return &Vehicle{Trailer: tr, Cargo: cg, People: [NumPlaces]int{1, 0, 0, 0}}
	}
	// Calibration (§8.5, EST): curtain-sider 0.8–0.95, sealed reefer 0.3–0.7.
	if p := d.PDetect(one(CurtainSider, General), c); p < 0.8 || p > 0.95 {
		t.Errorf("curtain-sider P_D %.3f", p)
	}
	if p := d.PDetect(one(Reefer, General), c); p < 0.3 || p > 0.7 {
		t.Errorf("reefer P_D %.3f", p)
	}
	// Heat degrades.
	if !(d.PDetect(one(CurtainSider, General), Conditions{TempC: 32, WindMS: 2}) < d.PDetect(one(CurtainSider, General), c)) {
		t.Error("heat does not degrade the dog")
	}
	// Strong-smelling loads mask and provoke false alerts.
	if !(d.PDetect(one(Box, Produce), c) < d.PDetect(one(Box, General), c)) {
		t.Error("produce does not mask")
	}
	if !(d.PFalseAlarm(one(Box, Produce), c) > d.PFalseAlarm(one(Box, General), c)) {
		t.Error("produce does not raise false alerts")
	}
	// Fatigue and a longer sweep.
	if !(Dog{WorkedMin: 40}.PDetect(one(Box, General), c) < d.PDetect(one(Box, General), c)) {
		t.Error("fatigue does not degrade the dog")
	}
	if !(Dog{SweepMin: 3}.PDetect(one(Box, General), c) > Dog{SweepMin: 1}.PDetect(one(Box, General), c)) {
		t.Error("a longer sweep does not help")
	}
	if HeatFactor(10) != 1 || HeatFactor(35) < 0.5 || HeatFactor(60) != 0.5 {
		t.Error("HeatFactor")
	}
}
