package viz

import (
	"image/color"
	"math"

	"channelsim/agents"
)

// Palette: the colours of the map and the HUD, chosen to read on screen and
// on paper: a pale sea and land (so agents stand out), motorways in the
// usual map yellow, and agents in saturated colours that stay distinct for
// the common forms of colour blindness where possible (orange/blue/magenta
// rather than red/green for the lorry states).
var (
	ColSea        = rgb(0xa6, 0xc8, 0xe0)
	ColLand       = rgb(0xf0, 0xec, 0xe0)
	ColCoast      = rgb(0x6f, 0x93, 0xb0)
	ColRiver      = rgb(0x8d, 0xb6, 0xd6)
	ColRoad       = rgb(0xfc, 0xd6, 0x7a)
	ColRoadCasing = rgb(0xb8, 0x8a, 0x3a)
	ColSeaRoute   = rgb(0x4a, 0x76, 0x9a)
	ColTunnel     = rgb(0x7a, 0x6a, 0x5a)
	ColSite       = rgb(0x33, 0x33, 0x33)
	ColLabel      = rgb(0x22, 0x22, 0x22)
	ColHalo       = rgba(0xff, 0xff, 0xff, 0xd0)
	ColPanel      = rgb(0x1e, 0x23, 0x2b)
	ColPanelText  = rgb(0xe8, 0xea, 0xee)
	ColPanelDim   = rgb(0x9a, 0xa3, 0xaf)
	ColFrame      = rgb(0x1e, 0x23, 0x2b)
	ColNight      = rgb(0x10, 0x1c, 0x58) // scaled by the darkness
	ColPolicy     = rgb(0xff, 0x5c, 0x8a)
)

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

// rgba returns a premultiplied colour from straight r, g, b and alpha a.
func rgba(r, g, b, a uint8) color.RGBA {
	m := func(c uint8) uint8 { return uint8((uint32(c)*uint32(a) + 127) / 255) }
	return color.RGBA{m(r), m(g), m(b), a}
}

// fade returns c (opaque) with alpha a, premultiplied.
func fade(c color.RGBA, a uint8) color.RGBA { return rgba(c.R, c.G, c.B, a) }

// Style is how one kind of agent in one state is drawn.
type Style struct {
	Shape Shape
	Size  float64 // pixels at the default zoom
	Fill  color.RGBA
	Line  color.RGBA // outline; transparent for none
	Label string     // legend text
}

// KindStyle draws one kind of agent: Pick chooses among Variants by the
// agent's state and flags. Every variant appears in the legend, in order.
type KindStyle struct {
	Name     string
	Variants []Style
	// BoatVariants follow Variants in Pick's numbering: the looks of runs
	// with the small boats (people on the beach, boats at sea), which the
	// legend lists only in those runs.
	BoatVariants []Style
	Pick         func(a *agents.View) int
	// Scale, if set, sizes an agent: its style's size times Scale(a)
	// (a boat by the people aboard).
	Scale func(a *agents.View) float64
	// Top kinds are drawn over the others (vessels over the lorries they
	// carry, flights over the map).
	Top bool
}

// Styles is the table of agent styles by kind. Kinds it does not hold are
// drawn with Unknown. Add a kind by adding an entry.
type Styles struct {
	ByKind  map[agents.Kind]*KindStyle
	Unknown Style
}

// Of returns the style of agent a.
func (s *Styles) Of(a *agents.View) (Style, bool) {
	k, ok := s.ByKind[a.Kind]
	if !ok {
		return s.Unknown, false
	}
	i := 0
	if k.Pick != nil {
		i = k.Pick(a)
	}
	var st Style
	switch {
	case i >= 0 && i < len(k.Variants):
		st = k.Variants[i]
	case i >= len(k.Variants) && i < len(k.Variants)+len(k.BoatVariants):
		st = k.BoatVariants[i-len(k.Variants)]
	default:
		return s.Unknown, false
	}
	if k.Scale != nil {
		st.Size *= k.Scale(a)
	}
	return st, k.Top
}

var noLine color.RGBA

var outline = rgba(0x10, 0x10, 0x10, 0xc0)

// Lorry variants, by Pick order.
const (
	lorryMoving = iota
	lorryQueued
	lorryParked
	lorrySearched
	lorryPeople
	lorryFranceBound
)

// DefaultStyles returns the styles of the model's agent kinds.
func DefaultStyles() *Styles {
	s := &Styles{ByKind: map[agents.Kind]*KindStyle{}, Unknown: Style{Shape: ShapeDot, Size: 4, Fill: rgb(0x80, 0x80, 0x80), Label: "other agent"}}
	s.ByKind[agents.KindLorry] = &KindStyle{
		Name: "Lorries",
		Variants: []Style{
			lorryMoving:      {ShapeLorry, 7, rgb(0x1f, 0x4e, 0x9a), outline, "lorry, UK-bound, moving"},
			lorryQueued:      {ShapeLorry, 7, rgb(0xf2, 0x8e, 0x1c), outline, "lorry, queued or held"},
			lorryParked:      {ShapeLorry, 7, rgb(0x8a, 0x6a, 0x4a), outline, "lorry, parked (break or rest)"},
			lorrySearched:    {ShapeLorry, 8, rgb(0xd8, 0x1b, 0x60), outline, "lorry being searched"},
			lorryPeople:      {ShapeLorry, 9, rgb(0xe4, 0x1a, 0x1c), rgb(0xff, 0xff, 0x00), "lorry carrying hidden people"},
			lorryFranceBound: {ShapeLorry, 7, rgb(0x1b, 0x9e, 0x77), outline, "lorry, France-bound"},
		},
		Pick: func(a *agents.View) int {
			switch {
			case a.Flags&agents.FlagPeople != 0:
				return lorryPeople
			case a.Flags&agents.FlagFranceBound != 0:
				return lorryFranceBound
			case a.State == "searching":
				return lorrySearched
			case a.State == "approaching" || a.State == "onward" || a.State == "crossing_to_uk":
				return lorryMoving
			case a.State == "parked":
				// Stopped by choice, for a break or the night, where
				// people board: not waiting in a queue.
				return lorryParked
			}
			return lorryQueued
		},
	}
	s.ByKind[agents.KindMigrant] = &KindStyle{
		Name: "Migrants",
		Variants: []Style{
			{ShapeDot, 4, rgb(0x8e, 0x5c, 0xb8), noLine, "migrant in the camp"},
			{ShapeDot, 5, rgb(0xc5, 0x1b, 0x7d), outline, "migrant at a boarding spot"},
			{ShapeDot, 4, rgb(0xc9, 0xa8, 0xe0), noLine, "migrant returning to camp"},
		},
		BoatVariants: []Style{
			migrantBeach: {ShapeDot, 4, rgb(0xff, 0x4f, 0xa0), noLine, "migrant waiting on the beach"},
		},
		Pick: func(a *agents.View) int {
			switch {
			case a.Place == "beach":
				return 3 + migrantBeach // after the three Variants
			case a.State == "out_tonight":
				return 1
			case a.State == "returning":
				return 2
			}
			return 0
		},
	}
	s.ByKind[agents.KindOfficer] = &KindStyle{
		Name: "UK Border Force",
		Variants: []Style{
			{ShapeTriangle, 6, rgb(0x00, 0x6d, 0x5b), noLine, "UK officer at a booth"},
			{ShapeTriangle, 6, rgb(0x66, 0xa6, 0x1e), noLine, "UK search team"},
		},
		Pick: func(a *agents.View) int {
			if a.State == "booth" {
				return 0
			}
			return 1
		},
	}
	s.ByKind[agents.KindFerry] = &KindStyle{
		Name:     "Vessels",
		Variants: []Style{{ShapeShip, 16, rgb(0x0b, 0x2f, 0x5c), rgb(0xff, 0xff, 0xff), "ferry"}},
		Top:      true,
	}
	s.ByKind[agents.KindShuttle] = &KindStyle{
		Name:     "Shuttles",
		Variants: []Style{{ShapeLorry, 16, rgb(0x55, 0x55, 0x55), rgb(0xff, 0xff, 0xff), "Eurotunnel shuttle"}},
		Top:      true,
	}
	s.ByKind[agents.KindEscort] = &KindStyle{
		Name:     "Escorts",
		Variants: []Style{{ShapeSquare, 5, rgb(0x8c, 0x51, 0x0a), noLine, "escort overseas"}},
	}
	s.ByKind[agents.KindBoat] = &KindStyle{
		Name:         "Small boats",
		BoatVariants: []Style{{ShapeShip, 7, rgb(0xff, 0x6d, 0x00), rgb(0xff, 0xff, 0xff), "small boat (size: people)"}},
		Scale:        boatScale,
		Top:          true,
	}
	s.ByKind[agents.KindFlight] = &KindStyle{
		Name: "Flights",
		Variants: []Style{
			{ShapePlane, 13, rgb(0x20, 0x20, 0x20), rgb(0xff, 0xff, 0xff), "removal flight"},
			{ShapePlane, 15, rgb(0xb0, 0x00, 0x20), rgb(0xff, 0xff, 0xff), "charter flight"},
		},
		Pick: func(a *agents.View) int {
			if a.State == "charter" {
				return 1
			}
			return 0
		},
		Top: true,
	}
	return s
}

// migrantBeach is the migrants' look on the beach, among their
// BoatVariants.
const migrantBeach = 0

// boatScale sizes a boat at sea by the people aboard (its Rank): about 9
// pixels long for a dozen, 11 for 35 and 14 for 70 (the boats of 2018,
// 2021 and 2024).
func boatScale(a *agents.View) float64 {
	return 0.75 + 0.15*math.Sqrt(float64(max(0, a.Rank)))
}

// PatrolStyle draws the beach patrols at each launch point in use, sized
// by the officers watching it (patrolScale); the legend lists it with the
// boats.
var PatrolStyle = Style{ShapeTriangle, 7, rgb(0x15, 0x4f, 0xc8), rgb(0xff, 0xff, 0xff), "beach patrol (size: officers)"}

// patrolScale sizes a launch point's patrol by its officers: 1 for 25, 2
// for 225, 3 for 625.
func patrolScale(officers float64) float64 {
	return math.Max(0.6, 0.5+0.1*math.Sqrt(math.Max(0, officers)))
}

// legendOrder is the order of kinds in the legend.
var legendOrder = []agents.Kind{agents.KindLorry, agents.KindMigrant, agents.KindOfficer, agents.KindFerry, agents.KindShuttle, agents.KindEscort, agents.KindFlight, agents.KindBoat}
