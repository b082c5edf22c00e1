package sim_test

import (
	"fmt"

	"channelsim/scenarios"
	"channelsim/sim"
)

// Load an embedded scenario, run it for two days and read the summary.
func Example() {
	sc, err := scenarios.Load("baseline-2015")
	if err != nil {
		panic(err)
	}
	sc.Config.Days = 2
	m, err := sim.NewDefault(sc.Config)
	if err != nil {
		panic(err)
	}
	m.Run()
	s := m.Summary()
	arrived, _ := s.Float("lorries_arrived")
	fmt.Println(arrived > 6000, m.CheckInvariants() == nil)
	// Output: true true
}
