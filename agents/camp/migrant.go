package camp

// MigrantState is where a migrant is. Every migrant is in exactly one state
// at every event; the terminal states (InUK, Disappeared, LeftCamp) keep
// those who have left the border system, so that counts add up to everyone
// ever created.
type MigrantState uint8

// Migrant states.
const (
	InCamp        MigrantState = iota // in the camp, may try tonight
	OutTonight                        // left the camp for a boarding spot
	Hidden                            // hidden on a UK-bound lorry in France
	Returning                         // caught, handed to French police, walking back
	CrossingUK                        // hidden on a lorry crossing, or on the road in the UK
	InUK                              // found in the UK: in the asylum and removals system
	Disappeared                       // reached the UK undetected and left the lorry unseen
	LeftCamp                          // left for a reception centre, asylum in France, or gave up
	InOtherCamp                       // in another camp (Dunkirk, Belgium): may come back
	AtSea                             // in a small boat crossing the Channel
	ArrivedByBoat                     // landed at Dover from a small boat: in the asylum and removals system
	DiedAtSea                         // died on a small-boat crossing
	NumMigrantStates
)

var migrantStateNames = [NumMigrantStates]string{
	"in_camp", "out_tonight", "hidden", "returning", "crossing_uk", "in_uk", "disappeared", "left_camp", "in_other_camp",
	"at_sea", "arrived_by_boat", "died_at_sea",
}

// Terminal reports whether s is a state that people never leave (InUK,
// Disappeared, LeftCamp, ArrivedByBoat, DiedAtSea): they have left the border system, no event,
// group, camp list or lorry names them any more, and the camp reuses their
// record's slot for a newcomer, counting them only in the state counts.
func (s MigrantState) Terminal() bool {
	return s == InUK || s == Disappeared || s == LeftCamp || s == ArrivedByBoat || s == DiedAtSea
}

// String returns the state's snake_case name.
func (s MigrantState) String() string {
	if s < NumMigrantStates {
		return migrantStateNames[s]
	}
	return "unknown"
}

// Nationality groups of the Calais camp in 2015 (for colour and reporting;
// behaviour does not depend on them). Shares are scenario parameters.
var Nationalities = []string{"sudanese", "eritrean", "afghan", "syrian", "iraqi", "ethiopian", "other"}

// Migrant is a person in the camp.
type Migrant struct {
	ID          uint64
	Nationality uint8
	Group       int32 // index of the group they go out with tonight, -1 when none
	MoneyGBP    float64
	Attempts    int // boarding attempts made
	Caught      int // times found and returned
	Failed      int // nights out that ended without getting on a lorry, or caught
	State       MigrantState
	Lorry       int32   // the lorry they hide on, when Hidden or CrossingUK
	Spot        int8    // the boarding spot tonight
	Place       uint8   // hiding place (scanner.Place)
	BoardedMin  float64 // when they got on the current lorry
	ArrivedMin  float64 // when they came to the camp
	Other       bool    // their camp is one of the other camps (migrants.elsewhere), not Calais
	Paid        bool    // they have paid smugglers for a seat in a boat (paid once, whatever the tries)

	// Harm, accumulated over every attempt.
	HoursConcealed float64
	MaxCO2ppm      float64 // highest CO₂ excess breathed in a closed trailer
	DoseUSv        float64 // radiation dose from scans
	Injured        bool
}
