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

// The small boats' calibration sample (docs/calibration/boats: fitted to
// baseline-2018-2024 on 2019–2021), embedded for validate's 2022–2024;
// TestKeptPosteriorIsTheDocsOne keeps it equal to the docs' copy.
//
//go:embed calibration/boats-posterior.csv
var keptBoatsPosterior []byte

// KeptBoatsPosteriorName names the small boats' kept sample in messages.
const KeptBoatsPosteriorName = "docs/calibration/boats/posterior.csv (embedded)"

// KeptBoatsPosterior returns the small boats' kept sample's text.
func KeptBoatsPosterior() []byte { return keptBoatsPosterior }
