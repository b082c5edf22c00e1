package freight

import (
	"fmt"
	"slices"

	"channelsim/agents"
	"channelsim/engine"
)

// Traffic is the lorry traffic (the scenario's [freight] table).
type Traffic struct {
	UKBoundPerYear     float64         `toml:"uk_bound_per_year" unit:"lorries/year" range:"0,1e8" doc:"UK-bound lorries a year through Calais port and the tunnel together" src:"C3: half of C1 + C2 (1,846,512 port HGVs + ≈1.48 m Eurotunnel trucks, 2015) ≈ 1.66 m"`
	PortShare          float64         `toml:"port_share" range:"0,1" doc:"share of UK-bound lorries that take the ferry at Calais (the rest take the shuttle at Coquelles)" src:"C1:C2 = 1,846,512 : 1,480,000 ⇒ 0.555"`
	FranceBoundPerYear float64         `toml:"france_bound_per_year" unit:"lorries/year" range:"0,1e8" doc:"France-bound lorries a year, which share ferry and shuttle capacity" src:"C3: the other half of C1 + C2"`
	HourProfile        []float64       `toml:"hour_profile" len:"24" range:"0," doc:"relative arrival rate by hour of day 00–23, French local time (24 values; normalised)" src:"EST: no hourly freight profile was found (domain-facts §1c); daytime peak, night trough"`
	WeekdayProfile     []float64       `toml:"weekday_profile" len:"7" range:"0," doc:"relative arrival rate Monday … Sunday (7 values; normalised)" src:"EST: weekend freight is lighter (drivers' hours, retail distribution)"`
	MonthProfile       []float64       `toml:"month_profile" len:"12" range:"0," doc:"relative arrival rate January … December (12 values; normalised so the year's total is the yearly figure)" src:"Eurotunnel monthly trucks 2016–17 (Jan 131 k, Jun 141 k; domain-facts §1a); the December peak (record week 8–14 Dec 2014)"`
	EastShare          float64         `toml:"east_share" range:"0,1" doc:"share of lorries that approach Calais on the A16 from the Dunkirk side (the rest from the Boulogne side)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	TrailerMix         TrailerMix      `toml:"trailer_mix" doc:"shares of trailer types (normalised)"`
	ParkShare          float64         `toml:"park_share" range:"0,1" doc:"share of UK-bound lorries that stop in a lorry park near Calais before the crossing" src:"EST; EU Regulation 561/2006 requires a 45-minute break after 4.5 hours' driving" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	ParkStay           engine.Duration `toml:"park_stay" unit:"duration" range:"0s,24h" doc:"mean stay in the lorry park (exponential)" src:"EST: at least the 45-minute break (Reg. 561/2006)" low:"45m" high:"3h" why:"at least the 45-minute break of Reg. 561/2006; at most twice the estimate"`
	SealedShare        float64         `toml:"sealed_share" range:"0,1" doc:"share of trailers with an intact customs seal or padlock" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	WeekendBan         WeekendBan      `toml:"weekend_ban" doc:"France's weekend ban on heavy lorries and its lifting by date"`
	Volumes            []VolumeStep    `toml:"volumes" doc:"changes in the freight volumes from a date: both directions' yearly figures are multiplied by the factor from that date until the next entry (none: the yearly figures throughout); an array of tables"`
	RestAreas          []RestArea      `toml:"rest_areas" doc:"service areas on the motorways to Calais where UK-bound drivers stop for a break or their daily rest, each holding the lorries physically there; an array of tables"`
}

// RestArea is a service area (aire) or lorry park on the way to Calais
// where some UK-bound drivers stop: for a break (Reg. (EC) 561/2006: 45
// minutes after 4.5 hours' driving) or, arriving in the evening, for their
// daily rest until the morning. The place holds at most its HGV places;
// a driver who finds it full drives on.
type RestArea struct {
	Name      string          `toml:"name" doc:"the place's name: a map site id, and what migrants.spots' place names"`
	Share     float64         `toml:"share" range:"0,1" doc:"share of all UK-bound lorries whose drivers stop here on the way, when there is room"`
	Capacity  int             `toml:"capacity" unit:"lorries" range:"1,100000" doc:"HGV parking places the UK-bound lorries can use; a driver who finds them all taken drives on"`
	Break     engine.Duration `toml:"break" unit:"duration" range:"0s,12h" doc:"mean length of a break beyond the 45-minute minimum of Reg. (EC) 561/2006 (exponential)"`
	RestShare float64         `toml:"rest_share" range:"0,1" doc:"share of the drivers stopping here between 18:00 and 02:00 French time who take their daily rest (at least 9 h under Reg. 561/2006), leaving between 05:00 and 07:00"`
	Note      string          `toml:"note" doc:"what the place is, with the sources of its figures"`
}

// VolumeStep scales the freight volumes from a date (a year's traffic
// against the yearly figures: the Eurotunnel and Port of Dover totals by
// year, COVID-19, the end of the Brexit transition).
type VolumeStep struct {
	From   engine.Date `toml:"from" doc:"first day of the factor"`
	Factor float64     `toml:"factor" range:"0,10" doc:"the volumes from that date, as a multiple of uk_bound_per_year and france_bound_per_year"`
	Note   string      `toml:"note" doc:"the year's figures, with their sources"`
}

// TrailerMix is the share of each trailer type in the fleet.
type TrailerMix struct {
	Curtain float64 `toml:"curtain" range:"0," doc:"curtain-siders" src:"EST: the most common trailer on cross-Channel routes"`
	Box     float64 `toml:"box" range:"0," doc:"rigid dry boxes" src:"EST"`
	Reefer  float64 `toml:"reefer" range:"0," doc:"refrigerated boxes" src:"EST"`
	Tanker  float64 `toml:"tanker" range:"0," doc:"tankers" src:"EST"`
	Flatbed float64 `toml:"flatbed" range:"0," doc:"flatbeds and container chassis" src:"EST"`
}

// Site is a juxtaposed-control site's gate and booths (Calais port or the
// Eurotunnel terminal at Coquelles).
type Site struct {
	CheckinLanes      int             `toml:"checkin_lanes" unit:"lanes" range:"1,100" doc:"check-in lanes open"`
	CheckinService    engine.Duration `toml:"checkin_service" unit:"duration" range:"0s,2h" doc:"mean check-in time per lorry"`
	FrenchBooths      int             `toml:"french_booths" unit:"booths" range:"1,100" doc:"French exit-control (PAF) booths open"`
	FrenchService     engine.Duration `toml:"french_service" unit:"duration" range:"0s,2h" doc:"mean French passport check per lorry"`
	UKBooths          int             `toml:"uk_booths" unit:"booths" range:"1,100" doc:"UK juxtaposed-control booths (each staffed by one officer when enough are on duty)"`
	UKService         engine.Duration `toml:"uk_service" unit:"duration" range:"0s,2h" doc:"mean UK document check per lorry"`
	HoldingCapacity   int             `toml:"holding_capacity" unit:"lorries" range:"0,100000" doc:"lorries that can queue inside the site before the queue backs onto the approach road"`
	UKHoldingCapacity int             `toml:"uk_holding_capacity" unit:"lorries" range:"0,100000" doc:"France-bound lorries the UK terminal can hold; beyond it they queue on the M20 (Operation Stack)" src:"EST; only ~550 official HGV spaces in Kent (domain-facts §2b)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	ApproachCapacity  int             `toml:"approach_capacity" unit:"lorries" range:"1,1000000" doc:"most UK-bound lorries queued on the approach roads to this site; a lorry arriving when they are full crosses by another port and leaves the model (lorries_turned_away); the bound also keeps a run's memory bounded whatever the freight volume" src:"EST: the record's longest queue is about 30 miles (2,680 lorries at 18 m; validation.md); the bound is set well above it so that it binds only far beyond the record, and keeps a run's memory bounded" low:"3000" high:"20000" why:"from the record's longest queue to several times it"`
	KentCapacity      int             `toml:"kent_capacity" unit:"lorries" range:"1,1000000" doc:"most France-bound lorries waiting in Kent for this site (terminal, TAP, Operation Stack and the roads beyond); a lorry arriving when they are full crosses by another port (lorries_turned_away)" src:"EST: 'up to 5,000 lorries' in Operation Stack at the worst of 2015 (BBC; domain-facts §2b), both sites together; the bound is set above it" low:"3000" high:"20000" why:"from the record's worst to several times it"`
	IntrusionStop     engine.Duration `toml:"intrusion_stop" unit:"duration" range:"0s,24h" doc:"how long departures stop, both ways, when intruders reach the tracks, platforms or berths (migrants.spots' stop_chance); stops that overlap extend each other" src:"EST: services 'suspended for a brief period' after 'migrant activity' at Coquelles, 24 July 2015 (Irish Times and Guardian, 25 Jul 2015); 150 people in a restricted area at 22:30 interrupted freight on 3 July (Sky News, 4 Jul 2015); no figure for the length (domain-facts §2b)" low:"-66.66667%" high:"+166.66667%" why:"a 'brief' stop: from a third of the estimate to 8/3 of it (15 min to 2 h at the tunnel)"`
}

// Stack is Kent Police's management of France-bound lorries in Kent (the
// agent in kentpolice.go). Lorries for Dover that no longer fit at the port
// are held on the A20 first (Dover TAP); beyond that, and beyond the
// tunnel's holding, Kent Police run Operation Stack on the M20, phase by
// phase as the queue grows. They call it when lorries stand on the road,
// or before, when the forecast of freight over the next hours, under the
// disruption reported from Calais and Coquelles, will not fit; and they
// stand it down once the queues and the forecast have fitted for
// stand_down.
type Stack struct {
	StandDown engine.Duration `toml:"stand_down" unit:"duration" range:"0s,72h" doc:"how long every UK terminal's queue, and the forecast, must fit within the holding before Kent Police stand Operation Stack down (0: Stack is in force only while lorries stand on the M20)" src:"EST from two 2015 episodes: a blockade that ended on the evening of 23 June, Stack lifted 36 h after it was called (BBC, 24 Jun 2015); a stop on the night of 24 July, Stack stood down on the 26th 'as normal traffic levels return' (Independent, 26 Jul 2015); domain-facts §2b" low:"0s" high:"24h" why:"from Stack ending with the queue to a day after it"`
	Review    engine.Duration `toml:"review" unit:"duration" range:"0s,24h" doc:"how often Kent Police review the forecast of France-bound freight against the room in Kent (0: no forecast; Stack is called only when lorries stand on the road)" src:"EST: the decision is taken with the Kent Resilience Forum on 'the volume, or predicted volume, of freight' (Kent Police via KentOnline, Dec 2020)" low:"5m" high:"1h" why:"from a check with every traffic report to one an hour"`
	Forecast  engine.Duration `toml:"forecast" unit:"duration" range:"0s,48h" doc:"how far ahead Kent Police look: Stack is called when the France-bound lorries expected over this horizon, less what the ferries and shuttles can carry under the disruption reported (closures once begun, to their announced end; stops and sweeps at the tunnel), would overflow the terminals and the A20" src:"EST: Stack called pre-emptively 'for a large amount of freight heading towards Dover and Eurotunnel and continued disruption in Calais' (BBC, 28 Jul 2015)" low:"2h" high:"12h" why:"from the next few departures to a working day ahead"`
	TAP       int             `toml:"tap_capacity" unit:"lorries" range:"0,100000" doc:"lorries for Dover held in one lane of the A20 (Dover TAP) when the port's holding is full, before Stack is needed (0: no TAP)" src:"EST: Dover's Traffic Access Protocol holds port traffic on the A20 (timeline §5); about 7 km of one lane at about 16 m a lorry" low:"200" high:"700" why:"from 3 to 11 km of a lane"`
	Phases    []StackPhase    `toml:"phases" doc:"the phases of Operation Stack in the order Kent Police open them, each a stretch of the M20 holding lorries; the phases in force are the fewest that hold the lorries on the road (or forecast to be); none: Stack is one phase of unlimited room"`
}

// StackPhase is one stretch of the M20 closed to park lorries.
type StackPhase struct {
	Name     string `toml:"name" doc:"the phase's name, as Kent Police number it"`
	Capacity int    `toml:"capacity" unit:"lorries" range:"1,100000" doc:"lorries the stretch holds"`
	Note     string `toml:"note" doc:"the stretch, with the sources of its figures"`
}

// WeekendBan is France's ban on heavy lorries on its roads from Saturday
// 22:00 to Sunday 22:00 (arrêté of 11 July 2011): a France-bound lorry
// already waiting in Kent when the ban begins, and not exempt, cannot drive
// on in France, so it stays in Kent unless a place is free in the parks by
// the French terminals. Lorries arriving in Kent during the ban were
// planned around it and cross.
type WeekendBan struct {
	Enabled     bool          `toml:"enabled" doc:"whether the ban applies"`
	ExemptShare float64       `toml:"exempt_share" range:"0,1" doc:"share of France-bound lorries exempt (perishable food, livestock, the exempted routes)" src:"EST: the ban exempts perishable foodstuffs and some port routes (arrêté of 11 July 2011)" low:"0.2" high:"0.6" why:"from the reefers' share of the fleet to most of it"`
	Parking     int           `toml:"parking" unit:"lorries" range:"0,100000" doc:"places by the French terminals where France-bound lorries landing during the ban can wait it out; the lorries caught in Kent beyond these stay in Kent" src:"EST: few HGV places near Calais (lorry-places §1)" low:"100" high:"600" why:"from the A26 and A16 aires alone to a share of the port's parks"`
	Holidays    []engine.Date `toml:"holidays" doc:"French public holidays, on which the ban runs from 22:00 the evening before to 22:00 on the day (TOML dates)" src:"arrêté of 11 July 2011: Saturdays and the eves of public holidays from 22:00 to 22:00 on Sundays and public holidays"`
	Lifted      []Period      `toml:"lifted" doc:"periods in which France lifted the ban, French local time; an array of tables"`
}

// Period is a span of dates with its reason.
type Period struct {
	From engine.DateTime `toml:"from" doc:"start, French local time (a TOML local date-time)"`
	To   engine.DateTime `toml:"to" doc:"end, French local time"`
	Note string          `toml:"note" doc:"what happened, with its source"`
}

// Port is Calais port and the ferries to Dover.
type Port struct {
	Site
	Ships             int             `toml:"ships" unit:"ships" range:"0,100" doc:"ferries on the Calais–Dover route at the start (port.fleet changes it by date)" src:"P&O 6 ships (2015); DFDS 2 on Dover–Calais in 2015 (10 crossings a day each way), 3 from February 2016; MyFerryLink 3 until 1 July 2015 (domain-facts §1c)"`
	Fleet             []FleetChange   `toml:"fleet" doc:"changes of the number of ferries on the route by date (an operator leaving, a ship laid up, a route suspended); an array of tables"`
	LorriesPerSailing int             `toml:"lorries_per_sailing" unit:"lorries" range:"1,1000" doc:"freight capacity of a sailing (mean over the fleet)" src:"Spirit of Britain/France 180 lorries; older ships about half (domain-facts §1c) ⇒ EST 120" low:"90" high:"180" why:"older ships carry about half the 180 lorries of the largest (domain-facts §1c)"`
	Crossing          engine.Duration `toml:"crossing" unit:"duration" range:"1m,24h" doc:"sea crossing Calais–Dover" src:"C5: ≈ 90 min"`
	Turnaround        engine.Duration `toml:"turnaround" unit:"duration" range:"1m,24h" doc:"time in port between arrival and departure (unload, load)" src:"P&O: 58 sailings a day with 6 ships ≈ 9.7 one-way sailings a ship a day (domain-facts §1c) ⇒ 24 h/9.7 − 90 min ≈ 60 min"`
	BoardingCutoff    engine.Duration `toml:"boarding_cutoff" unit:"duration" range:"0s,6h" doc:"lorries must be in the embarkation lanes this long before a sailing to board it" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// FleetChange sets the number of ferries on the Calais–Dover route from a
// date: ships taken off finish the crossing they are on and lie up; ships
// put back sail from the berth where they lay. The timetable's spacing
// follows the number in service.
type FleetChange struct {
	From  engine.DateTime `toml:"from" doc:"when the change takes effect, French local time (a TOML local date-time)"`
	Ships int             `toml:"ships" unit:"ships" range:"0,100" doc:"ferries in service from then on"`
	// Diverted is the share of the port's lorries that cross elsewhere.
	Diverted float64 `toml:"diverted_share" range:"0,1" doc:"share of the port's lorries, both ways, that cross by another port while this fleet runs (the customers of an operator off the route: DFDS sailed Dover–Dunkirk while it was off Calais)" src:"EST from the operator's share of the route's sailings (scenario notes)"`
	Note     string  `toml:"note" doc:"what changed, with its source"`
}

// Tunnel is the Eurotunnel terminal at Coquelles and Le Shuttle.
type Tunnel struct {
	Site
	DeparturesPerHour []float64       `toml:"departures_per_hour" len:"24" unit:"departures/h" range:"0,12" doc:"shuttle departures each way by hour of day 00–23 (24 values)" src:"C4: up to 6 an hour each way, every 10 min at peak"`
	LorriesPerShuttle int             `toml:"lorries_per_shuttle" unit:"lorries" range:"1,100" doc:"lorries carried per shuttle" src:"C4: 30–32 (32 carrier wagons on a rake)"`
	Crossing          engine.Duration `toml:"crossing" unit:"duration" range:"1m,24h" doc:"platform to platform" src:"C4: 35 min"`
	BoardingCutoff    engine.Duration `toml:"boarding_cutoff" unit:"duration" range:"0s,6h" doc:"lorries must be at the platform this long before a departure" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Timetable         []Timetable     `toml:"timetable" doc:"freight shuttle timetables by date (the summer holiday peak, when passenger shuttles take paths); from each entry's date its departures_per_hour replace the one above; an array of tables"`
	Sweep             engine.Duration `toml:"sweep" unit:"duration" range:"0s,24h" doc:"after intruders stop the shuttles, how long Eurotunnel runs fewer departures while its staff and police sweep the terminal and tracks" src:"EST: after 'migrant activity' overnight, delays 'of around 60 minutes before check-in and two hours at the UK terminal' (Eurotunnel via BBC, 25 Jul 2015); 'we need to dominate and sweep through the terminal' (Eurotunnel, Aug 2015)" low:"1h" high:"6h" why:"from the hour's delay at check-in to a night's work"`
	SweepShare        float64         `toml:"sweep_share" range:"0,1" doc:"share of the timetable's departures run during a sweep" src:"EST" low:"0.3" high:"0.8" why:"from a third of the departures to most of them"`
	SalesSuspended    []Suspension    `toml:"sales_suspended" doc:"periods when Eurotunnel sold no tickets to unbooked lorries, which then cross by the port; an array of tables"`
}

// Timetable is the freight shuttles' departures from a date.
type Timetable struct {
	From              engine.DateTime `toml:"from" doc:"when the timetable takes effect, French local time"`
	DeparturesPerHour []float64       `toml:"departures_per_hour" len:"24" unit:"departures/h" range:"0,12" doc:"shuttle departures each way by hour of day 00–23 (24 values)"`
	Note              string          `toml:"note" doc:"why the timetable changed, with its source"`
}

// Suspension is a period when Eurotunnel sold no tickets on the day.
type Suspension struct {
	From          engine.DateTime `toml:"from" doc:"start, French local time"`
	To            engine.DateTime `toml:"to" doc:"end, French local time"`
	UnbookedShare float64         `toml:"unbooked_share" range:"0,1" doc:"share of the tunnel's lorries, both ways, that arrive without a booking and are sent to the port" src:"EST: no figure found for turn-up-and-go freight" low:"0.1" high:"0.4" why:"from a tenth to two fifths of the lorries"`
	Note          string          `toml:"note" doc:"what was suspended, with its source"`
}

// Officers are the UK Border Force officers at each site.
type Officers struct {
	Shifts []Shift `toml:"shifts" doc:"shift pattern at each site; officers on duty at an hour are the sum of the shifts covering it"`
	// SearchTeamSize is the number of officers per search team.
	SearchTeamSize int `toml:"search_team_size" unit:"officers" range:"1,10" doc:"officers in a search team" src:"scanner-physics §7: rummage search, 2 officers"`
}

// Shift is a block of officers on duty daily at a site.
type Shift struct {
	Site     string          `toml:"site" enum:"port,tunnel" doc:"the site the shift works at"`
	Start    engine.Clock    `toml:"start" doc:"start time of day, UK local time, \"HH:MM\""`
	Length   engine.Duration `toml:"length" unit:"duration" range:"1h,24h" doc:"shift length" src:"Border Force staff work long shifts (Oxford Border Criminologies, 2016); EST 10 h" low:"8h" high:"12h" why:"shifts of 8 to 12 hours around the estimated 10"`
	Officers int             `toml:"officers" unit:"officers" range:"0,10000" doc:"officers on this shift"`
}

// Screening is the first of the two layers of controls at each site: the
// port operator's and its contractors' staff screen UK-bound lorries with
// drive-past millimetre-wave portals, heartbeat sheds, dogs and CO₂ probes,
// and refer every lorry that alarms to Border Force. Each method's units
// are busy for that method's own step only; a lorry queues for a busy unit
// unless the queue would keep it longer than max_wait, when it skips that
// method (the explicit rule for "a lottery when busy").
type Screening struct {
	Share     float64            `toml:"share" range:"0,1" doc:"share of UK-bound lorries the screening layer takes after the UK document check (screening intensity)" src:"'all freight vehicles are screened' under the multi-layered regime (PQ 19947, Dec 2015); 'all lorries are checked at quiet times' (BBC explainer); EST 0.95" low:"0.8" high:"1" why:"'all freight vehicles are screened' (PQ 19947) against 'a lottery when busy' (BBC explainer)"`
	Sequence  []string           `toml:"sequence" enum:"pmmw,heartbeat,dog,co2" doc:"screening methods in order, each skipped where it cannot work on the vehicle (e.g. CO₂ on a curtain-sider); the first alarm refers the lorry to Border Force" src:"PMMW, heartbeat monitors, CO₂ detectors and sniffer dogs run by Border Force and 'specialist search contractors' (PQ 19947, Dec 2015)"`
	MaxWait   engine.Duration    `toml:"max_wait" unit:"duration" range:"0s,24h" doc:"a lorry skips a method (or Border Force's scanner) whose queue would keep it waiting longer than this (0: lorries always wait)" src:"EST 10 min: 'all lorries are checked at quiet times, but it becomes a lottery when the port is busy' (BBC explainer)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Equipment ScreeningEquipment `toml:"equipment" doc:"screening equipment and teams at each site"`
}

// ScreeningEquipment is the screening layer's units at each site.
type ScreeningEquipment struct {
	PMMW      int `toml:"pmmw" unit:"portals" range:"0,100" doc:"drive-past passive millimetre-wave portals at each site" src:"a drive-past PMMW portal at Calais port, lorries at under 8 km/h (La Voix du Nord 2013, via associationsalam.org); lorries 'currently searched using PMMW' (c.2018); EST 2" low:"-50%" high:"+50%" why:"± 50 % of the estimate"`
	Heartbeat int `toml:"heartbeat" unit:"sheds" range:"0,100" doc:"heartbeat detector sheds at each site" src:"2 units in 2002 (Hansard WA 10 Jul 2002); 'Border Force has doubled its contracted freight searching' (immigration minister 2015/16, via The Guardian); EST 4 for 2015" low:"-50%" high:"+50%" why:"± 50 % of the estimate"`
	Dogs      int `toml:"dogs" unit:"dog teams" range:"0,100" doc:"body-detection dog teams at each site" src:"£1.3m for dog teams (PQ 215376, Dec 2014); Wagtail contract; 'doubled ... sniffer dog capacity' (2015/16, via The Guardian); EST count" low:"-50%" high:"+50%" why:"± 50 % of the estimate"`
	CO2       int `toml:"co2" unit:"probes" range:"0,100" doc:"CO₂ probes at each site" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate"`
}

// Controls are Border Force's rules at the juxtaposed controls, the second
// layer: which lorries its officers select for a targeted search and how
// they search them (by hand, with a dog, and with the X-ray or gamma
// scanner where allowed), and surges of intensity. Every lorry the
// screening layer refers is searched.
type Controls struct {
	SearchShare     float64   `toml:"search_share" range:"0,1" doc:"share of the lorries not referred by screening that Border Force selects for a targeted search for people when its search area is not busy (control intensity)" src:"under 10 % at Calais port (TT Club c. 2020, via safety4sea.com); about 40 % of UK-bound freight checked at Coquelles (Commercial Motor, 2 Jul 2009), which includes screening; EST 0.1 across both sites, on top of the screening layer's referrals" low:"0.05" high:"0.4" why:"under 10 % at Calais port (TT Club) to about 40 % at Coquelles with screening (Commercial Motor 2009)"`
	BusyQueue       int       `toml:"busy_queue" unit:"lorries" range:"1,100000" doc:"search queue at which selection has fallen to nothing; in between it falls linearly (the 'lottery when busy')" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Selection       string    `toml:"selection" enum:"random,risk" doc:"random selection, or risk-based targeting (trailer type, seals, signs of tampering, intelligence)" src:"selection is 'intelligence led' (PQ 215376, Dec 2014)"`
	TamperSeen      float64   `toml:"tamper_seen" range:"0,1" doc:"under risk targeting: chance that a booth officer notices a cut curtain or broken seal on a lorry with people in its load space" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	IntelligenceHit float64   `toml:"intelligence_hit" range:"0,1" doc:"under risk targeting: chance that intelligence flags a lorry carrying people" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	OnAlarm         string    `toml:"on_alarm" enum:"manual,dog" doc:"Border Force's search of a lorry: by hand (thoroughly after an alarm) or with a dog" src:"scanner-physics §8.7"`
	XrayForPeople   bool      `toml:"xray_for_people" doc:"X-ray and gamma scanners may be used to look for people (false in 2015: contraband only); when they may, every lorry Border Force searches for people is scanned first if a scanner is free within max_wait" src:"A7: barred by the French authorities over radiation harm to hidden people (ISU, via The Times, 2016)"`
	DoseCapUSv      float64   `toml:"dose_cap_usv" unit:"µSv" range:"0,100000" doc:"when X-ray for people is allowed, only sources whose dose to a hidden person stays at or under this cap may be used (0: no cap)" src:"ANSI N43.17: 0.25 µSv per screening for general-use security systems (scanner-physics §2.2)"`
	XraySource      string    `toml:"xray_source" enum:"xray,gamma" doc:"the scanner at each site: a 6 MeV linac (xray) or a Co-60 gamma scanner" src:"Home Office gamma scanner, 'the scan takes about a minute' (domain-facts §2a)"`
	ContrabandShare float64   `toml:"contraband_share" range:"0,1" doc:"share of lorries selected for an X-ray contraband scan (customs)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	ContrabandRate  float64   `toml:"contraband_rate" range:"0,1" doc:"share of lorries carrying contraband (drugs, tobacco, weapons)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Incidental      string    `toml:"incidental_people" enum:"report,ignore" doc:"what officers do when a contraband scan shows people: report them (they are found) or ignore them" src:"EST: the ban is on looking, not on acting on what is seen"`
	WindMS          float64   `toml:"wind_ms" unit:"m/s" range:"0,60" doc:"mean wind at the search areas (drawn per search between half and one and a half times this)" src:"EST: Calais is windy, 6–7 m/s mean" low:"5" high:"8" why:"Calais mean wind of 6–7 m/s, ± 1.5 m/s"`
	Shed            bool      `toml:"shed" doc:"heartbeat detection is done in a shed that keeps the wind off" src:"Home Office: the vehicle must be weather-protected (domain-facts §2a)"`
	Equipment       Equipment `toml:"equipment" doc:"Border Force's scanners at each site"`
	Methods         Methods   `toml:"methods" doc:"the search methods' times and operators' attention"`
	Surges          []Surge   `toml:"surges" doc:"raised intensity after a shock (an array of tables)"`
}

// Equipment is Border Force's scanners at each site.
type Equipment struct {
	Xray int `toml:"xray" unit:"scanners" range:"0,100" doc:"X-ray or gamma scanners at each site" src:"'only five scanners' for Calais, Coquelles and Zeebrugge (c.2018, Evening Standard)"`
}

// Methods are the times of the search methods at the juxtaposed controls
// and the attention of the operators who read their images: the figures
// on which the methods' throughput and detection depend.
type Methods struct {
	PMMWMin         float64 `toml:"pmmw_min" unit:"min" range:"0.1,30" doc:"time a lorry takes through the drive-past millimetre-wave portal, with the image read" src:"drive-past at under 8 km/h (La Voix du Nord 2013, via associationsalam.org): a 16.5 m lorry passes in about 8 s; EST 0.5 min with the gap and the reading" low:"0.25" high:"2" why:"a drive-past at under 8 km/h to the 1–2 min of a stationary scan (scanner-physics §5)"`
	PMMWAttention   float64 `toml:"pmmw_attention" range:"0.3,1" doc:"chance the PMMW operator sees a person the image shows" src:"EST 0.85: an imaging operator's attention of 0.7–0.95 (scanner-physics §8.1)" low:"0.7" high:"0.95" why:"p_attention 0.7–0.95 (scanner-physics §8.1)"`
	HeartbeatMin    float64 `toml:"heartbeat_min" unit:"min" range:"0.5,60" doc:"a heartbeat shed's cycle per lorry: in, driver out, sensors on, measurement, off, out" src:"about 10 minutes a lorry in a heartbeat shed (TT Club c. 2020, via safety4sea.com)" low:"3" high:"15" why:"a 1–3 min test (scanner-physics §7) plus the shed's handling, to about 10 min a lorry (TT Club)"`
	DogMin          float64 `toml:"dog_min" unit:"min" range:"0.5,30" doc:"a dog team's sweep round a lorry" src:"EST 1–3 min (scanner-physics §6)" low:"1" high:"3" why:"1–3 min a sweep (scanner-physics §6)"`
	CO2DwellMin     float64 `toml:"co2_dwell_min" unit:"min" range:"0.5,30" doc:"how long the CO₂ probe stays in the load space" src:"the manufacturer's '2–3 minutes' (Commercial Motor, 11 Jan 2001)" low:"2" high:"3" why:"the manufacturer's 2–3 minutes (Commercial Motor 2001)"`
	XrayHandlingMin float64 `toml:"xray_handling_min" unit:"min" range:"1,240" doc:"the X-ray or gamma process besides the beam: diverting the lorry, driver out, exclusion zone, positioning, image review and follow-up" src:"EST 55 min, so that the whole process is about an hour (A6: 'around an hour to scan each vehicle', ISU 2016, scanner-physics §2.1); the beam itself takes about a minute" low:"-50%" high:"+50%" why:"± 50 % of the estimate; A6's 'around an hour' is the whole process"`
	XrayAttention   float64 `toml:"xray_attention" range:"0.3,1" doc:"chance the image analyst sees a person the X-ray or gamma image shows" src:"EST 0.85 within 0.7–0.95 (scanner-physics §8.1)" low:"0.7" high:"0.95" why:"p_attention 0.7–0.95 (scanner-physics §8.1)"`
}

// Surge raises search intensity from a date to a level, after which it
// decays back to the level before.
type Surge struct {
	From       engine.Date     `toml:"from" doc:"date of the shock"`
	Peak       float64         `toml:"peak" range:"0,1" doc:"search share at the peak"`
	HalfLife   engine.Duration `toml:"half_life" unit:"duration" range:"0s,8760h" doc:"exponential decay back to the prior level (0: use linear)"`
	LinearDays float64         `toml:"linear_days" unit:"days" range:"0,3650" doc:"linear return to the prior level over this many days (used when half_life is 0)"`
	Note       string          `toml:"note" doc:"what happened, with its source"`
}

// Closure closes the port, the tunnel, or both, to UK-bound and
// France-bound traffic for a period.
type Closure struct {
	Site   string          `toml:"site" enum:"port,tunnel,both" doc:"the site closed"`
	From   engine.DateTime `toml:"from" doc:"start, French local time (a TOML local date-time)"`
	To     engine.DateTime `toml:"to" doc:"end, French local time"`
	Reason string          `toml:"reason" doc:"what closed it, with its source"`
}

// Drivers are the UK-bound lorry drivers' responses to stowaways (the
// scenario's [migrants.drivers] table: they matter only with the camp).
type Drivers struct {
	VigilanceBase   float64 `toml:"vigilance_base" range:"0,1" doc:"mean vigilance (checks of their own vehicle under the Code of Practice, locks, not stopping near Calais)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	ComplicitShare  float64 `toml:"complicit_share" range:"0,1" doc:"share of drivers who take paying stowaways in the cab" src:"EST: 'a small minority' (NCA); the share was NOT FOUND (domain-facts §3f)" low:"0.001" high:"0.01" why:"'a small minority' (NCA): 0.1 % to 1 % of drivers"`
	PaymentGBP      float64 `toml:"payment_gbp" unit:"GBP" range:"0,100000" doc:"paid to a complicit driver per person" src:"£1,000 'bungs' (Daily Mail 2015) to £2,000+ (NCA 2018)"`
	PenaltyMinGBP   float64 `toml:"penalty_min_gbp" unit:"GBP" range:"0,2000" doc:"smallest civil penalty per clandestine per responsible person" src:"C12: typically £400–1,200"`
	PenaltyMaxGBP   float64 `toml:"penalty_max_gbp" unit:"GBP" range:"0,2000" doc:"largest typical civil penalty per clandestine per responsible person (statutory maximum £2,000)" src:"C12"`
	PenalisedShare  float64 `toml:"penalised_share" range:"0,1" doc:"share of lorries found carrying clandestines whose driver and operator are penalised (the rest show an 'effective system' under the Code of Practice)" src:"EST: the statutory defence of an effective system (IAA 1999 Part II); penalties of £8.9 m were imposed in 2001 (Hansard WA 29 Apr 2004)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	PenaltyParties  int     `toml:"penalty_parties" unit:"persons" range:"1,5" doc:"responsible persons penalised per clandestine (driver, and owner or hirer)" src:"IAA 1999 Part II (domain-facts §3f)"`
	PenaltyResponse float64 `toml:"penalty_response" range:"0,10" doc:"vigilance added per civil penalty per thousand lorries over the last 30 days" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// Check checks the rules that tie the traffic's keys together: the hourly
// profile and the trailer mix, which the model normalises, must each have
// a positive finite sum.
func (t *Traffic) Check(add func(path, msg string)) {
	agents.CheckWeights(add, "hour_profile", "24 hourly weights", t.HourProfile...)
	tm := t.TrailerMix
	agents.CheckWeights(add, "trailer_mix", "trailer shares", tm.Curtain, tm.Box, tm.Reefer, tm.Tanker, tm.Flatbed)
}

// CheckRestAreas checks the rest areas together: the shares of the
// UK-bound lorries whose drivers stop at them add up to at most 1, and
// each has a name of its own, not that of the lorry park near Calais
// (the daily columns and migrants.spots name them).
func (t *Traffic) CheckRestAreas(add func(path, msg string)) {
	shares := 0.0
	for _, ra := range t.RestAreas {
		shares += ra.Share
	}
	if shares > 1 {
		add("rest_areas", fmt.Sprintf("expected shares of the UK-bound lorries that add up to at most 1, got %s", agents.FormatNumber(shares)))
	}
	seen := map[string]bool{LorryParkName: true}
	for i, ra := range t.RestAreas {
		if seen[ra.Name] || ra.Name == "" {
			add(fmt.Sprintf("rest_areas[%d].name", i), fmt.Sprintf("expected a name not %q and not used by another rest area, got %q", LorryParkName, ra.Name))
		}
		seen[ra.Name] = true
	}
}

// IsRestPlace reports whether name is a place where UK-bound lorries
// rest: the lorry park near Calais or one of the rest areas.
func (t *Traffic) IsRestPlace(name string) bool {
	return name == LorryParkName || slices.ContainsFunc(t.RestAreas, func(r RestArea) bool { return r.Name == name })
}

// Check checks that the port's fleet changes come in time order.
func (p *Port) Check(add func(path, msg string)) {
	for i := 1; i < len(p.Fleet); i++ {
		if prev := p.Fleet[i-1].From; !p.Fleet[i].From.After(prev.Time) {
			add(fmt.Sprintf("fleet[%d].from", i), fmt.Sprintf("expected a date-time after the one before (%s)", prev.Format("2006-01-02T15:04")))
		}
	}
}

// Check checks that the closure ends after it starts.
func (c *Closure) Check(add func(path, msg string)) {
	if !c.To.After(c.From.Time) {
		add("to", fmt.Sprintf("expected an end after the start (%s)", c.From.Format("2006-01-02T15:04")))
	}
}
