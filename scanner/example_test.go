package scanner_test

import (
	"fmt"

	"channelsim/scanner"
)

// Search a curtain-sider carrying two people in its load with a heartbeat
// detector in a shed, and read what the detector's physics gives.
func ExampleNew() {
	m, err := scanner.New("heartbeat")
	if err != nil {
		panic(err)
	}
	v := scanner.Vehicle{Trailer: scanner.CurtainSider, Cargo: scanner.General}
	v.People[scanner.InTrailer] = 2
	fmt.Println(m.Name(), m.Applicable(&v) == nil)
	if a, ok := m.(scanner.Analyzer); ok {
		an := a.Analyze(&v, scanner.Conditions{WindMS: 6, Shed: true, TempC: 15})
		fmt.Println(an.Find[scanner.InTrailer] > 0.5)
	}
	// Output:
	// heartbeat true
	// true
}
