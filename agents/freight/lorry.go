package freight

import "channelsim/scanner"

// LorryState is where a lorry is in the system. Every lorry is in exactly one
// state at every event (the conservation invariant the tests check).
type LorryState uint8

// Lorry states, UK-bound first.
const (
	Approaching      LorryState = iota // driving the approach roads to a site's gate
	Parked                             // resting in a lorry park near Calais
	Held                               // queued on the approach road: site closed or full
	CheckIn                            // check-in queue or lane
	FrenchControl                      // French exit-control queue or booth
	UKControl                          // UK document-check queue or booth
	AtScreening                        // with the screening layer: waiting for or at a PMMW portal, heartbeat shed, dog team or CO₂ probe
	SearchQueue                        // selected by Border Force, waiting for the scanner or a search team
	Searching                          // being scanned or searched by Border Force
	Embarking                          // in the embarkation lanes, waiting for a departure
	CrossingToUK                       // on a ferry or shuttle to the UK
	Onward                             // driving from Dover or Folkestone towards London
	KentQueue                          // France-bound, waiting at the UK terminal or on the M20
	CrossingToFrance                   // France-bound, on a ferry or shuttle
	NumLorryStates
)

var lorryStateNames = [NumLorryStates]string{
	"approaching", "parked", "held", "check_in", "french_control", "uk_control",
	"screening", "search_queue", "searching", "embarking", "crossing_to_uk", "onward",
	"kent_queue", "crossing_to_france",
}

// String returns the state's snake_case name.
func (s LorryState) String() string {
	if s < NumLorryStates {
		return lorryStateNames[s]
	}
	return "unknown"
}

// Route is how a lorry crosses: the ferry from Calais port or the shuttle
// from Coquelles.
type Route uint8

// Routes.
const (
	ViaPort Route = iota
	ViaTunnel
	NumRoutes
)

// String returns "port" or "tunnel".
func (r Route) String() string {
	if r == ViaPort {
		return "port"
	}
	return "tunnel"
}

// Lorry is a lorry and its driver. Lorries live in the model's slab and are
// recycled when they leave the map; ID is unique over the run.
type Lorry struct {
	ID       uint64
	State    LorryState
	Route    Route
	FromEast bool // approached on the A16 from the Dunkirk side
	Vehicle  scanner.Vehicle

	GateMin  float64 // arrival at the site gate, minutes
	laneMin  float64 // reached the embarkation lanes
	BoardMin float64 // boarded a departure
	Searched bool
	// Move is the lorry's movement while it drives.
	Move Movement
	live bool
	pos  int32 // position in the list of the place it is at (places.go)
	rest int32 // the rest place it is parked at (state Parked)

	Vigilance float64 // the driver's vigilance, 0–1
	Complicit bool    // the driver takes paying stowaways
	// The controls' progress with the lorry.
	step      uint8 // next method of the screening sequence
	alarm     bool  // a screening method or the scanner alarmed
	forPeople bool  // selected by Border Force for a search for people
	contra    bool  // selected for a contraband scan
	scanned   bool  // has been through the scanner
	cleared   bool  // a scan for people found nothing: no team search
}

// Movement is travel along a path at constant speed from (T0, D0) to
// (T1, D1): the position at any instant is interpolated, so nothing ticks.
type Movement struct {
	Path   *Path
	T0, T1 float64 // minutes
	D0, D1 float64 // metres along Path
}

// DistAt returns the distance along the path at minute t (clamped).
func (m *Movement) DistAt(t float64) float64 {
	if m.T1 <= m.T0 || t >= m.T1 {
		return m.D1
	}
	if t <= m.T0 {
		return m.D0
	}
	return m.D0 + (m.D1-m.D0)*(t-m.T0)/(m.T1-m.T0)
}
