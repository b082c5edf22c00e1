package agents

// Event priorities: at equal times, lower fires first. Capacity changes
// come before departures, departures before arrivals, so a lorry that
// reaches the lanes at the instant of a sailing waits for the next one.
// Every submodel schedules with these, so that the order across them is
// one order.
const (
	PrioControl int32 = iota // closures, shifts, policy changes
	PrioDepart               // ferry and shuttle departures
	PrioArrive               // vessel arrivals
	PrioService              // queue completions
	PrioLorry                // lorry arrivals and movements, agents' own events
	PrioDaily                // end-of-day bookkeeping
)
