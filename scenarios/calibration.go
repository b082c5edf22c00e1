package scenarios

import _ "embed"

// The calibration sample kept in docs/calibration (posterior.csv of
// channelsim calibrate, fitted to the embedded baseline), embedded so that
// validate can draw from it on any machine. go:embed cannot reach docs/,
// so the file is a copy; TestKeptPosteriorIsTheDocsOne keeps them equal.
//
//go:embed calibration/posterior.csv
var keptPosterior []byte

// KeptPosteriorName names the kept calibration sample in messages.
const KeptPosteriorName = "docs/calibration/posterior.csv (embedded)"

// KeptPosterior returns the kept calibration sample's text.
func KeptPosterior() []byte { return keptPosterior }
