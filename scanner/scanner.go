// Package scanner models how border officers search a lorry for people
// hidden in it and for contraband: each search method (manual search, dogs,
// CO₂ probes, heartbeat detectors, passive millimetre wave, X-ray and gamma
// radiography) is a Method that, given a vehicle, what is hidden in it and the
// conditions at the search area, draws the duration of the search, whether it
// finds the people or raises a false alarm, and the radiation dose it gives.
//
// The package is a leaf: it knows nothing of queues, officers or the clock.
// The caller (package agents/freight, whose officers search at the
// juxtaposed controls) owns the staff and equipment a method occupies and
// passes in the random stream to draw from, so that runs are reproducible.
package scanner

import "math/rand/v2"

// Trailer is the body type of a lorry. It decides how a hidden person can get
// in, what the walls are made of and which detectors can work on it.
type Trailer uint8

// Trailer types. The shares in the 2015 fleet are scenario parameters.
const (
	CurtainSider Trailer = iota // soft-sided, tarpaulin curtains
	Box                         // rigid dry box (aluminium/GRP panels)
	Reefer                      // refrigerated box, insulated walls
	Tanker                      // liquid or bulk tank
	Flatbed                     // flatbed or container chassis
	NumTrailers
)

var trailerNames = [NumTrailers]string{"curtain", "box", "reefer", "tanker", "flatbed"}

// String returns the trailer's scenario name.
func (t Trailer) String() string {
	if t < NumTrailers {
		return trailerNames[t]
	}
	return "unknown"
}

// ParseTrailer returns the trailer type named s (as printed by String).
func ParseTrailer(s string) (Trailer, bool) {
	for i, n := range trailerNames {
		if n == s {
			return Trailer(i), true
		}
	}
	return 0, false
}

// Place is where people hide on a lorry. It decides what each detector can
// see and the harm to the person.
type Place uint8

// Hiding places.
const (
	InTrailer Place = iota // inside the load space (cut curtain, roof hatch)
	Axle                   // on the axles or chassis
	Roof                   // on the roof, under a tarpaulin or fairing
	Cab                    // in the cab, with the driver's complicity
	NumPlaces
)

var placeNames = [NumPlaces]string{"trailer", "axle", "roof", "cab"}

// String returns the place's scenario name.
func (p Place) String() string {
	if p < NumPlaces {
		return placeNames[p]
	}
	return "unknown"
}

// ParsePlace returns the place named s (as printed by String).
func ParsePlace(s string) (Place, bool) {
	for i, n := range placeNames {
		if n == s {
			return Place(i), true
		}
	}
	return 0, false
}

// CargoKind is the kind of load. It sets the load's density, whether it
// respires (CO₂ from fresh produce) and how strongly it smells.
type CargoKind uint8

// Cargo kinds.
const (
	Empty   CargoKind = iota // empty or near-empty trailer
	General                  // palletised general goods
	Produce                  // fresh fruit and vegetables (respiring)
	Paper                    // paper, cardboard, textiles (cellulose-like)
	Metal                    // steel coils, machinery
	Liquid                   // drinks, chemicals in containers
	NumCargoKinds
)

var cargoNames = [NumCargoKinds]string{"empty", "general", "produce", "paper", "metal", "liquid"}

// String returns the cargo kind's scenario name.
func (c CargoKind) String() string {
	if c < NumCargoKinds {
		return cargoNames[c]
	}
	return "unknown"
}

// ParseCargo returns the cargo kind named s (as printed by String).
func ParseCargo(s string) (CargoKind, bool) {
	for i, n := range cargoNames {
		if n == s {
			return CargoKind(i), true
		}
	}
	return 0, false
}

// Vehicle is what a method searches: the lorry, its load and what is hidden
// in it. People[p] is the number of people hidden at place p.
type Vehicle struct {
	Trailer    Trailer
	Cargo      CargoKind
	Sealed     bool // customs seal or padlock intact
	Contraband bool // carries contraband (drugs, tobacco, weapons)
	People     [NumPlaces]int
	// ClosedMin is how long the load space has been closed with the people
	// inside, in minutes (it drives the CO₂ build-up).
	ClosedMin float64
}

// Hidden returns the number of people hidden anywhere on the vehicle.
func (v *Vehicle) Hidden() int {
	n := 0
	for _, k := range v.People {
		n += k
	}
	return n
}

// Conditions are the conditions at the search area.
type Conditions struct {
	WindMS float64 // wind speed, m/s
	Shed   bool    // the vehicle stands in a shed (shields heartbeat sensors from wind)
	TempC  float64 // air temperature, °C (dogs tire in heat)
}

// Resources are the staff and equipment a search occupies for its duration.
type Resources struct {
	Officers  int    // officers (or contractor staff) occupied
	Equipment string // the piece of equipment occupied ("" for none)
}

// Outcome is the result of one search of one vehicle.
type Outcome struct {
	DurationMin float64 // whole process: diversion, set-up, search, review
	BeamMin     float64 // time the radiation source is on (X-ray, gamma)
	// Alarm is true when the method indicates people. With people present
	// it is a detection (Detected); without, a false alarm (FalseAlarm).
	Alarm      bool
	Detected   bool
	FalseAlarm bool
	// Found[p] is true when people at place p are found.
	Found [NumPlaces]bool
	// Inconclusive is true when the method could not see into the vehicle
	// (e.g. the load is too dense to penetrate) and the vehicle must go to
	// manual search.
	Inconclusive    bool
	ContrabandFound bool
	// DoseUSv[p] is the effective dose, µSv, to each person hidden at p.
	DoseUSv       [NumPlaces]float64
	DoseDriverUSv float64 // effective dose to the driver, µSv
}

// Method is one way of searching a lorry.
type Method interface {
	// Name is the method's scenario name ("manual", "xray", "co2", ...).
	Name() string
	// Resources are the staff and equipment the method occupies.
	Resources() Resources
	// Applicable returns nil if the method can search v, or an error that
	// says why not (e.g. millimetre wave cannot see through a box trailer).
	Applicable(v *Vehicle) error
	// Search searches v once under conditions c, drawing from r.
	Search(v *Vehicle, c Conditions, r *rand.Rand) Outcome
}
