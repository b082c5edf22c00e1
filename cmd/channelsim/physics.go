package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"channelsim/scanner"
	"channelsim/scanner/explore"
)

func init() { register(newPhysicsCmd) }

// physicsMain runs the explorer (channelsim physics ARGS) writing to
// stdout and stderr; it returns the exit status.
func physicsMain(args []string, stdout, stderr io.Writer) int {
	return execute(append([]string{"physics"}, args...), stdout, stderr)
}

// physicsSubs are the explorer's subcommands, in the order help lists them.
var physicsSubs = []struct {
	name, summary string
	make          func() *cobra.Command
}{
	{"attenuation", "NIST mass attenuation and energy-absorption coefficients", newPhysicsAttenuationCmd},
	{"transmission", "narrow-beam transmission through a slab", newPhysicsTransmissionCmd},
	{"co2", "CO₂ rise in a closed load space (one-zone model)", newPhysicsCO2Cmd},
	{"detect", "P(detect), P(false alarm), time and dose of one search method", newPhysicsDetectCmd},
	{"table", "every method across trailer and cargo types", newPhysicsTableCmd},
}

func newPhysicsCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "physics SUBCOMMAND [FLAGS]",
		Short: "explore detector physics: attenuation, transmission, CO₂, detection",
		Long: "The detector physics explorer: the models the simulation's searches use, one\n" +
			"at a time (docs/physics.md). --json prints JSON.",
		Example: "  channelsim physics transmission --material iron --thickness-cm 2 --energy-mev 1.25\n" +
			"  channelsim physics table --place axle --format csv",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			c.SetOut(c.ErrOrStderr())
			c.Help()
			return exitStatus(exitUsage)
		},
	}
	for _, s := range physicsSubs {
		sub := s.make()
		sub.Short = s.summary
		c.AddCommand(sub)
	}
	return c
}

// physicsCmd makes a physics subcommand whose run gets stdout and stderr.
func physicsCmd(use, example string, run func(stdout, stderr io.Writer) int) *cobra.Command {
	name, _, _ := strings.Cut(use, " ")
	return &cobra.Command{
		Use:     use,
		Example: example,
		Args:    noArgs,
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			_ = name
			return status(run(c.OutOrStdout(), c.ErrOrStderr()))
		},
	}
}

// physFinish reports err (a usage error → exit 2, anything else → 1) or
// prints the result as JSON or as an aligned table of rows.
func physFinish(name string, err error, jsonOut bool, v any, rows []explore.Row, stdout, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "channelsim physics %s: %v\n", name, err)
		var ue explore.UsageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitInternal
	}
	if jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(stderr, "channelsim physics %s: %v\n", name, err)
			return exitInternal
		}
		return exitOK
	}
	if err := explore.WriteRows(stdout, rows); err != nil {
		return exitInternal
	}
	return exitOK
}

func newPhysicsAttenuationCmd() *cobra.Command {
	var mat string
	var e float64
	var js bool
	c := physicsCmd("attenuation --material M --energy-mev E [--json]", "  channelsim physics attenuation --material iron --energy-mev 1.25",
		func(stdout, stderr io.Writer) int {
			o, rows, err := explore.Attenuation(mat, e)
			return physFinish("attenuation", err, js, o, rows, stdout, stderr)
		})
	f := c.Flags()
	f.StringVar(&mat, "material", "", "material: "+strings.Join(scanner.MaterialNames(), ", "))
	f.Float64Var(&e, "energy-mev", math.NaN(), "photon energy, MeV (0.01–20)")
	f.BoolVar(&js, "json", false, "print a JSON object")
	c.RegisterFlagCompletionFunc("material", fixedCompletion(scanner.MaterialNames()...))
	return c
}

func newPhysicsTransmissionCmd() *cobra.Command {
	var o explore.Slab
	var js bool
	c := physicsCmd("transmission --material M --thickness-cm X --energy-mev E [--density-g-cm3 D] [--json]",
		"  channelsim physics transmission --material iron --thickness-cm 1.645 --energy-mev 1.25",
		func(stdout, stderr io.Writer) int {
			r, rows, err := explore.Transmission(o)
			return physFinish("transmission", err, js, r, rows, stdout, stderr)
		})
	f := c.Flags()
	f.StringVar(&o.Material, "material", "", "material: "+strings.Join(scanner.MaterialNames(), ", "))
	f.Float64Var(&o.ThicknessCm, "thickness-cm", math.NaN(), "thickness, cm (≥ 0)")
	f.Float64Var(&o.Energy, "energy-mev", math.NaN(), "photon energy, MeV (0.01–20)")
	f.Float64Var(&o.Density, "density-g-cm3", 0, "bulk density, g/cm³ (default: the material's nominal density)")
	f.BoolVar(&js, "json", false, "print a JSON object")
	c.RegisterFlagCompletionFunc("material", fixedCompletion(scanner.MaterialNames()...))
	return c
}

func newPhysicsCO2Cmd() *cobra.Command {
	var o explore.LoadSpace
	var js bool
	c := physicsCmd("co2 --people N --minutes T --air-m3 V --ach A [--gen-l-s G] [--json]",
		"  channelsim physics co2 --people 5 --minutes 60 --air-m3 86 --ach 0.2",
		func(stdout, stderr io.Writer) int {
			r, rows, err := explore.CO2(o)
			return physFinish("co2", err, js, r, rows, stdout, stderr)
		})
	f := c.Flags()
	f.Float64Var(&o.People, "people", math.NaN(), "people in the load space (0–1000)")
	f.Float64Var(&o.Minutes, "minutes", math.NaN(), "minutes since the load space was closed (0–10000)")
	f.Float64Var(&o.AirM3, "air-m3", math.NaN(), "air volume of the load space, m³ (0 < V ≤ 1000)")
	f.Float64Var(&o.ACH, "ach", math.NaN(), "air changes per hour (0–100)")
	f.Float64Var(&o.GenLPerS, "gen-l-s", 0.005, "CO₂ generation per person, L/s (0 < G ≤ 0.05; 0.005 EST)")
	f.BoolVar(&js, "json", false, "print a JSON object")
	return c
}

// physAddSettingFlags adds the vehicle and condition flags shared by detect
// and table, setting s.
func physAddSettingFlags(c *cobra.Command, s *explore.Setting) {
	fs := c.Flags()
	c.RegisterFlagCompletionFunc("place", fixedCompletion("trailer", "axle", "roof", "cab"))
	fs.IntVar(&s.Hidden, "hidden", 1, "number of people hidden (0–200)")
	fs.StringVar(&s.Place, "place", "trailer", "hiding place: trailer, axle, roof, cab")
	fs.Float64Var(&s.WindMS, "wind-ms", 0, "wind speed at the search area, m/s (0–60)")
	fs.BoolVar(&s.Shed, "shed", false, "the vehicle stands in a shed")
	fs.Float64Var(&s.TempC, "temp-c", 12, "air temperature, °C (−40–60)")
	fs.Float64Var(&s.ClosedMin, "closed-min", 60, "minutes the load space has been closed with the people inside (0–10000)")
	fs.BoolVar(&s.DriverInCab, "driver-in-cab", false, "X-ray/gamma: drive-through portal, driver stays in the cab")
}

func newPhysicsDetectCmd() *cobra.Command {
	var o explore.Search
	var js bool
	c := physicsCmd("detect --method M --hidden N --place P --cargo C --trailer T [--wind-ms W] [--shed] [--temp-c C] [--closed-min T] [--json]",
		"  channelsim physics detect --method xray --hidden 2 --place trailer --cargo general --trailer box",
		func(stdout, stderr io.Writer) int {
			r, rows, err := explore.Detect(o)
			return physFinish("detect", err, js, r, rows, stdout, stderr)
		})
	f := c.Flags()
	f.StringVar(&o.Method, "method", "", "search method: "+strings.Join(scanner.Names(), ", "))
	f.StringVar(&o.Cargo, "cargo", "general", "cargo: empty, general, produce, paper, metal, liquid")
	f.StringVar(&o.Trailer, "trailer", "curtain", "trailer: curtain, box, reefer, tanker, flatbed")
	physAddSettingFlags(c, &o.Setting)
	f.BoolVar(&js, "json", false, "print a JSON object")
	c.RegisterFlagCompletionFunc("method", fixedCompletion(scanner.Names()...))
	c.RegisterFlagCompletionFunc("cargo", fixedCompletion("empty", "general", "produce", "paper", "metal", "liquid"))
	c.RegisterFlagCompletionFunc("trailer", fixedCompletion("curtain", "box", "reefer", "tanker", "flatbed"))
	return c
}

func newPhysicsTableCmd() *cobra.Command {
	var s explore.Setting
	var format string
	var asJSON bool
	c := physicsCmd("table [--hidden N] [--place P] [--wind-ms W] [--shed] [--temp-c C] [--closed-min T] [--format table|json|csv]",
		"  channelsim physics table --place axle --hidden 2 --wind-ms 5\n  channelsim physics table --format csv > methods.csv",
		func(stdout, stderr io.Writer) int {
			if asJSON {
				format = "json"
			}
			return physicsTable(s, format, stdout, stderr)
		})
	physAddSettingFlags(c, &s)
	addFormatFlag(c, &format, &asJSON)
	return c
}

func physicsTable(s explore.Setting, format string, stdout, stderr io.Writer) int {
	if format != "table" && format != "json" && format != "csv" {
		return physFinish("table", explore.UsageError{Msg: fmt.Sprintf("--format: expected table, json or csv, got %q", format)}, false, nil, nil, stdout, stderr)
	}
	res, err := explore.Table(s)
	if err != nil || format == "json" {
		return physFinish("table", err, true, res, nil, stdout, stderr)
	}
	write := explore.WriteTable
	if format == "csv" {
		write = explore.WriteTableCSV
	}
	if err := write(stdout, res); err != nil {
		return exitInternal
	}
	return exitOK
}
