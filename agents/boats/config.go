package boats

import (
	"fmt"

	"channelsim/agents"
	"channelsim/engine"
)

// Config is the small-boat submodel (the scenario's [boats] table): the
// smugglers' boats and their supply, the launch points on the French
// coast, the French police and gendarmes on the beaches, the crossing and
// its dangers, and the UK's Border Force, which brings the boats that
// reach English waters to Dover. Sources: docs/research/small-boats.md.
type Config struct {
	Enabled      bool            `toml:"enabled" doc:"simulate small-boat crossings as a second way across, chosen by the camp's people beside the lorries (needs migrants.enabled)"`
	MaxWaveM     float64         `toml:"max_wave_m" unit:"m" range:"0,10" doc:"the highest significant wave height (weather) at which smugglers launch" src:"'people smugglers do not tend to attempt crossings if waves exceed half a metre' (The Times, 22 Jun 2023)" low:"0.4" high:"0.7" why:"around the half metre the press reports; the Met Office's assessment also weighs wind, rain and surf (HO, Jun 2025)"`
	InitialBoats int             `toml:"initial_boats" unit:"boats" range:"0,100000" doc:"boats and engines the smugglers hold on the coast at the start" src:"EST: a few weeks of the supply"`
	StockWeeks   float64         `toml:"stock_weeks" unit:"weeks" range:"0,520" doc:"the most boats the smugglers hold on the coast, in weeks of the supply in force: boats beyond it are not brought (0: no limit)" src:"EST: boats are stored inland (German warehouses, NCA via The Times, 5 Aug 2023) and brought to the coast as needed" low:"1" high:"12" why:"from a week's to a season's boats on the coast"`
	Supply       []DatedRate     `toml:"supply" doc:"boats (with engines) reaching the smugglers on the coast a week, from each date until the next entry; an array of tables"`
	Seats        []DatedSeats    `toml:"seats" doc:"the most people the smugglers put in one boat, from each date: the hulls grew and were loaded more heavily; an array of tables"`
	Price        []DatedPrice    `toml:"price" doc:"what a seat costs, from each date (paid once: a person prevented tries again without paying); an array of tables"`
	Patrols      []DatedOfficers `toml:"patrols" doc:"French police and gendarmes on the beaches a night, from each date; an array of tables"`
	Prevent      float64         `toml:"prevent_per_officer" unit:"1/officer" range:"0,1" doc:"k in the chance 1 − exp(−k·n) that n officers patrolling a launch point stop a launch there (people turned back on the beach, the boat slashed or taken)" src:"EST; calibrated to the share of crossings prevented in 2019–2021 (41 % in 2019, HO via BBC 28 Nov 2020; >23,000 prevented in 2021, PQ HL3419)" low:"0.002" high:"0.03" why:"from a quarter to three times the estimate"`
	Seize        float64         `toml:"seized_when_prevented" range:"0,1" doc:"chance that the boat of a prevented launch is taken or destroyed (else the smugglers keep it)" src:"EST; prevention includes 'finds of maritime equipment' (HO, SB_02 notes)" low:"0.2" high:"0.9" why:"no count of boats taken on the beach"`
	Taxi         []DatedShare    `toml:"taxi_boats" doc:"share of launches made as 'taxi boats' (launched empty, boarded by people waiting in the water, where French forces do not intervene), from each date; an array of tables"`
	SpeedKnots   float64         `toml:"speed_knots" unit:"knots" range:"0,30" doc:"speed over ground of a loaded boat" src:"EST: 3–6 knots for an overloaded dinghy (docs/research/small-boats.md §3; no published crossing times)" low:"3" high:"6" why:"the research note's range"`
	Distress     float64         `toml:"distress_per_boat" range:"0,1" doc:"chance that a boat gets into distress (engine failure, deflation, capsize) on the crossing; its people are rescued by French vessels and brought back to France, but for those who die" src:"EST from 2021: ~7,800 rescued at sea by French vessels to 24 Nov 2021 (The National, 25 Nov 2021) against 1,034 boats arriving (HO SB_01), i.e. ~280 boats of ~1,300" low:"0.1" high:"0.3" why:"the 2021 rescues read as boats of the mean size of arrivals, and half to one and a half times that"`
	Fatality     float64         `toml:"fatality_in_distress" range:"0,1" doc:"chance that a person on a boat in distress dies" src:"EST from 2021: 32–41 deaths at sea (Refugee Council; maritime prefecture via The National) among ~7,800 rescued" low:"0.002" high:"0.01" why:"the 2021 deaths over the people in boats in distress, from half to twice"`
	PatrolFactor float64         `toml:"patrol_factor" range:"0,100" doc:"a policy lever: the beach patrols are the dated patrols times this factor (1: as dated; 0: none)"`
	SupplyFactor float64         `toml:"supply_factor" range:"0,100" doc:"a policy lever: the boats reaching the coast are the dated supply times this factor (1: as dated; below 1: seizures and disruption upstream)"`
	Launches     []Launch        `toml:"launch_points" doc:"the beaches and canals boats leave from; an array of tables"`
	Landing      string          `toml:"landing" doc:"the map site where Border Force lands the people (for drawing the boats at sea)"`
}

// Launch is a stretch of the French coast boats leave from.
type Launch struct {
	Name       string      `toml:"name" doc:"the launch point's name (a map site id, for drawing)"`
	From       engine.Date `toml:"from" doc:"first day smugglers use it"`
	DistanceKm float64     `toml:"distance_km" unit:"km" range:"1,300" doc:"the crossing's length to where Border Force meets the boats and brings them to Dover"`
	Weight     float64     `toml:"weight" range:"0," doc:"how much smugglers use the point when no police are there (normalised over the points in use)"`
	Patrol     float64     `toml:"patrol_share" range:"0,1" doc:"share of the beach patrols watching this point (normalised over the points in use)"`
	Note       string      `toml:"note" doc:"where it is and its sources"`
}

// DatedRate is a weekly supply from a date.
type DatedRate struct {
	From    engine.Date `toml:"from" doc:"first day"`
	PerWeek float64     `toml:"per_week" unit:"boats/week" range:"0,10000" doc:"boats a week"`
	Note    string      `toml:"note" doc:"its source"`
}

// DatedSeats is the load of a boat from a date.
type DatedSeats struct {
	From   engine.Date `toml:"from" doc:"first day"`
	People int         `toml:"people" unit:"people" range:"1,200" doc:"the most people put in one boat"`
	Note   string      `toml:"note" doc:"its source"`
}

// DatedPrice is a seat's price from a date.
type DatedPrice struct {
	From engine.Date `toml:"from" doc:"first day"`
	GBP  float64     `toml:"gbp" unit:"GBP" range:"0,100000" doc:"price of a seat"`
	Note string      `toml:"note" doc:"its source"`
}

// DatedOfficers is the patrols on the beaches from a date.
type DatedOfficers struct {
	From     engine.Date `toml:"from" doc:"first day"`
	Officers float64     `toml:"officers" unit:"officers" range:"0,100000" doc:"police and gendarmes watching the beaches a night"`
	Note     string      `toml:"note" doc:"its source"`
}

// DatedShare is a share from a date.
type DatedShare struct {
	From  engine.Date `toml:"from" doc:"first day"`
	Share float64     `toml:"share" range:"0,1" doc:"the share"`
	Note  string      `toml:"note" doc:"its source"`
}

// Check checks the rules that tie the section's keys together: with
// boats enabled, launch points with names, and weights the model can
// normalise.
func (c *Config) Check(add func(path, msg string)) {
	if !c.Enabled {
		return
	}
	if len(c.Launches) == 0 {
		add("launch_points", "expected at least one launch point with boats enabled")
		return
	}
	seen := map[string]bool{}
	ws, ps := make([]float64, len(c.Launches)), make([]float64, len(c.Launches))
	for i, l := range c.Launches {
		if l.Name == "" {
			add(fmt.Sprintf("launch_points[%d].name", i), "expected a name")
		} else if seen[l.Name] {
			add(fmt.Sprintf("launch_points[%d].name", i), fmt.Sprintf("expected a name not used before, got %q again", l.Name))
		}
		seen[l.Name] = true
		ws[i], ps[i] = l.Weight, l.Patrol
	}
	agents.CheckWeights(add, "launch_points", "launch point weights", ws...)
	if !(c.SpeedKnots > 0) {
		add("speed_knots", "expected a speed above 0 knots with boats enabled, got "+agents.FormatNumber(c.SpeedKnots))
	}
	if len(c.Seats) == 0 {
		add("seats", "expected at least one entry with boats enabled")
	}
}
