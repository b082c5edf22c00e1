package camp

import (
	"fmt"

	"channelsim/agents"
	"channelsim/agents/freight"
	"channelsim/engine"
)

// Config is the camp submodel: the people in the Calais camp and what shapes their nightly
// attempts: the camp's inflow and outflow, the boarding spots with their
// fences, lighting and police, the drivers, and what happens to those who
// reach the UK. Sources: domain-facts §3; calibration targets C6–C9, C12.
type Config struct {
	Enabled             bool            `toml:"enabled" doc:"simulate the camp and its migrants (false: freight and controls only)"`
	InitialCamp         int             `toml:"initial_camp" unit:"people" range:"0,100000" doc:"people in the camp on the start date" src:"C6: ≈ 3,000 in July 2015 (prefecture)"`
	Arrivals            []DatedRate     `toml:"arrivals" doc:"people arriving at the camp a day, from each date until the next entry (the last entry holds for the rest of the run)" src:"C6: ≈ 50 a day in July 2015 (Eurotunnel via Daily Mail); the camp doubled to 5,500–6,000 by ~20 Oct 2015 (prefect)"`
	LeaveRate           float64         `toml:"leave_rate_per_day" unit:"1/day" range:"0,1" doc:"daily chance that a person in the camp leaves it (reception centres, asylum in France, giving up)" src:"EST: a typical stay of 2–3 months (ITV, Oct 2015) net of those who reach the UK" low:"0.002" high:"0.1" why:"a stay of 2–3 months (ITV, Oct 2015) net of crossings, half to twice the estimate, up to the dispersed camps of 2018–2024 evicted every 48 h (HRW, Oct 2021), whose people stayed days to weeks"`
	TryShare            float64         `toml:"try_share" range:"0,1" doc:"share of the camp that goes out on a given night when prospects are as expected" src:"EST; calibrated to C7 and the 500–2,000 nightly attempts at the tunnel (domain-facts §3b)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	QueuePull           float64         `toml:"queue_pull" range:"0,100" doc:"how strongly lorries standing in queues on the approach roads draw people out: the share going out is multiplied by 1 + queue_pull × h/(h + 200), h the lorries held in queues, and a midnight wave goes out in proportion" src:"EST; 'extra security slows the traffic, creates queues and can increase the vulnerability of the lorries' (HAC HC 902, 2015); the strike nights of June–July 2015 (domain-facts §3e)" low:"0" high:"2" why:"from no pull to twice the estimate, no source"`
	GroupMean           float64         `toml:"group_mean" unit:"people" range:"1,20" doc:"mean size of the groups that go out together" src:"EST; groups of a few, up to tens on peak nights (domain-facts §3b, §3e)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	ChoiceBeta          float64         `toml:"choice_beta" range:"0,50" doc:"how strongly groups favour the spot they expect to work best (logit sensitivity)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	InfoMemory          float64         `toml:"info_memory_nights" unit:"nights" range:"0.1,365" doc:"nights over which news of success and failure at a spot fades" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	ReturnAfter         engine.Duration `toml:"return_after" unit:"duration" range:"0s,72h" doc:"time for someone found at the controls to be handed to French police and walk back to the camp" src:"EST: 'the same person is often caught several times a day and night' (C8)" low:"2h" high:"8h" why:"half to twice the estimate, no source"`
	MaxTries            int             `toml:"max_tries" unit:"lorries" range:"1,100" doc:"lorries a group tries at one encounter before moving on" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	RetryAfter          engine.Duration `toml:"retry_after" unit:"duration" range:"1m,12h" doc:"wait before a group that found no lorry or failed tries again the same night" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	InterceptPerOfficer float64         `toml:"intercept_per_officer" unit:"1/officer" range:"0,1" doc:"k in the chance 1 − exp(−k·officers) that police at a spot stop a group before it reaches a lorry" src:"EST; the July 2015 reinforcement cut nightly attempts at the tunnel from ~2,000 to ~300 (domain-facts §3b)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	FrenchPoliceFind    float64         `toml:"french_police_find" range:"0,1" doc:"chance that French police and site security find a hidden group as the lorry enters the site" src:"EST; French police found ~130 a day hidden in trucks in early 2015 (C8)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	FoundOnArrival      float64         `toml:"found_on_arrival" range:"0,1" doc:"chance that people who crossed undetected are found at Dover or Folkestone on arrival" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	FoundInCountry      float64         `toml:"found_in_country" range:"0,1" doc:"chance that people who left the port unseen are found when the lorry stops in the UK (an in-country encounter)" src:"EST; the total clandestine entry is 'not known' (ICIBI 2016)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	OtherRoutesPerDay   float64         `toml:"other_routes_encounters_per_day" unit:"people/day" range:"0,1000" doc:"a fixed daily number of in-country encounters of people who came hidden in vehicles by other routes, added to those from Calais and Coquelles (0: none; other_routes_ratio is the flow that follows the model)" src:"C9's own source (6,429 found Apr–Sep 2015, 3,264 of them Kent referrals): a target used as an input, kept only for older scenarios"`
	OtherRoutesRatio    float64         `toml:"other_routes_ratio" range:"0,10" doc:"in-country encounters of people who came by other routes (Dunkirk, the Belgian and Dutch ports) per encounter of people who came through Calais or Coquelles, the previous day's: the other routes as a flow under the same pressure" src:"2008: 28,007 clandestines detected across the juxtaposed controls, 19,399 of them at Calais (Woolas PQ via Daily Mail, 2009; domain-facts §2a) ⇒ 0.44 at the other sites; EST that the ratio held in 2015" low:"0.2" high:"0.8" why:"half to nearly twice the 2008 split"`
	Drops               []DropPlace     `toml:"lorry_drops" doc:"where people who crossed undetected leave their lorry in the UK, and the chance they are found there (an in-country encounter); none: found_in_country everywhere; an array of tables"`
	MoneyMinGBP         float64         `toml:"money_min_gbp" unit:"GBP" range:"0,100000" doc:"least money a person brings for smugglers" src:"smuggler prices £800–£2,500 (2014; domain-facts §3e)"`
	MoneyMaxGBP         float64         `toml:"money_max_gbp" unit:"GBP" range:"0,100000" doc:"most money a person brings for smugglers" src:"as money_min_gbp"`
	GiveUp              float64         `toml:"give_up_per_failed_night" range:"0,1" doc:"chance that a person who went out and did not get on a lorry gives up after that night and leaves the camp (for asylum in France or elsewhere)" src:"EST; the typical stay of 2–3 months (ITV, Oct 2015) and ~5,400 leaving for reception centres Nov 2015–Aug 2016 (Le Monde/AFP) bound the outflow; no source gives the response to failure" low:"0" high:"0.004" why:"from none to twice the estimate, no source"`
	Weariness           float64         `toml:"weariness_nights" unit:"nights" range:"0,1000" doc:"failed nights after which a person goes out half as often: the share going out is multiplied by 1/(1 + f/weariness_nights) for someone with f failed nights (0: no weariness)" src:"EST; detections per person in the camp fell from about 0.12 a day in July 2015 to 0.02–0.04 in 2016 while the camp's size rose (docs/validation.md)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	RetrySameNight      float64         `toml:"retry_same_night" range:"0,1" doc:"chance that someone handed back by French police before dawn goes straight out again that night"  src:"EST; 'the same person is often caught up to 3×/day' (PAF, Calais, 2015; domain-facts §3b)" low:"0" high:"0.8" why:"from never to twice the estimate, no source"`
	TrailerCapacity     int             `toml:"trailer_capacity" unit:"people" range:"1,100" doc:"most people one lorry can hide: a group that would not fit does not try the lorry" src:"people found in one vehicle in northern France 2014–2017 (press, n = 17): median 12, IQR 6.5–17.5, maximum 26 (lorry-places §5)" low:"12" high:"26" why:"from the median of the press finds to their maximum"`
	TriesPerLorry       float64         `toml:"tries_per_lorry_night" unit:"groups" range:"1,100" doc:"groups that can try the same lorry in one night: after that the driver is alert, the doors are checked or the lorry has gone, so a place's attempts in a night are bounded by its lorries (crowding); a fractional part is the chance that a lorry takes one group more" src:"EST; 'almost every lorry surrounded by about ten migrants' on a jammed day (France 3/AFP, 8 Jul 2014; lorry-places §2): about three groups at once, more over a night" low:"2" high:"8" why:"from two groups to about twice the estimate, no source"`
	DriverFind          float64         `toml:"driver_find" range:"0,1" doc:"chance that a driver who checks the load before leaving a lorry park or rest area finds the people hidden on it; the driver checks with a chance equal to their vigilance" src:"EST; the Code of Practice asks drivers to check the vehicle after every stop (domain-facts §3f), and drivers find people at aires (lorry-places §6); but drivers who stop near Calais despite the RHA's advice are the less careful ones, and a walk round the trailer finds people in the load space more than on the axles or roof" low:"0" high:"0.5" why:"from never to half the checks, no source"`
	Knowledge           Knowledge       `toml:"knowledge"`
	Boat                BoatChoice      `toml:"boat_choice" doc:"how people choose the small boats (boats.enabled) beside the lorry spots"`
	InjuryPerAttempt    float64         `toml:"injury_per_moving_attempt" range:"0,1" doc:"chance of injury when trying to board a moving lorry" src:"EST; deaths and injuries on the A16 and rocade (domain-facts §3d)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`

	// Drivers are freight agents (package freight); their responses to
	// stowaways are set here because they matter only with the camp.
	Drivers     freight.Drivers `toml:"drivers"`
	Spots       []Spot          `toml:"spots" doc:"boarding spots; an array of tables"`
	Police      []PoliceStep    `toml:"police" doc:"changes in police at the spots from a date (reinforcements); an array of tables"`
	Works       []Works         `toml:"works" doc:"fences, lighting and cameras built at a spot from a date; an array of tables"`
	Barricades  Barricades      `toml:"barricades"`
	Transfers   []Transfer      `toml:"transfers" doc:"departures from the camp to reception centres (CAO) and clearances, between dates; an array of tables"`
	Elsewhere   Elsewhere       `toml:"elsewhere"`
	Smugglers   Smugglers       `toml:"smugglers"`
	Nationality []float64       `toml:"nationality_shares" len:"7" range:"0," doc:"shares of sudanese, eritrean, afghan, syrian, iraqi, ethiopian, other (normalised)" src:"EST from 2015 camp censuses reported in the press"`
}

// Knowledge is how word of a boarding spot spreads through the camp: a
// spot few know at the start (unknown = true) becomes known as people who
// know it tell others, faster when the news from it is good. The share of
// the camp that knows spot k grows each day by
// word_of_mouth_per_day × a × (1 − a) × n/0.3, a that share and n the
// camp's news of success there (0.3 its first expectation), capped at
// twice the rate: a logistic spread, the same in every replication but for
// the news, so that runs do not split on one night's coin toss.
type Knowledge struct {
	InitialShare float64 `toml:"initial_share" range:"0,1" doc:"share of the camp that knows a spot marked unknown at the start (those who came through it, smugglers' contacts)" src:"EST; phones carry 'up-to-date information on the best routes' (Telegraph, Aug 2015; lorry-places §6)" low:"0.002" high:"0.05" why:"from a handful of people to one in twenty, no source"`
	WordOfMouth  float64 `toml:"word_of_mouth_per_day" unit:"1/day" range:"0,10" doc:"the logistic rate at which knowledge of a spot spreads through the camp when its news is as the camp first expects" src:"EST; evictees are 'back on the coast within a week', guarded parkings emptied within days (lorry-places §6): news travels in days to weeks" low:"0.02" high:"0.5" why:"from months to days for word to reach most of the camp, no source"`
}

// BoatChoice is how the camp weighs the small boats against the lorry
// spots. A group's leader chooses among the spots and the boats by the
// same logit (choice_beta): a spot's attractiveness is the camp's news of
// success there times the lorries in reach; the boats' is
// appeal × the news of success on the beach (people landed per person
// who went) × exp(−risk_aversion × the news of deaths per person at sea)
// × (1 + herd × the share of last nights' people who went to the boats).
// A group that chooses the boats on a night the sea or the smugglers do
// not allow waits in the camp (no failed night). Word of the boats
// spreads like word of a spot (migrants.knowledge) from the first launch
// point's date.
type BoatChoice struct {
	Appeal       float64 `toml:"appeal" range:"0,1000" doc:"the boats' weight against the lorry spots, for equal news of success: a spot's attractiveness grows with the square root of its lorries, the boats' with this" src:"EST; calibrated to the small-boat arrivals of 2019–2021 (HO SB_01)" low:"-50%" high:"+100%" why:"no source: half to twice the calibrated value"`
	RiskAversion float64 `toml:"risk_aversion" range:"0,10000" doc:"how much news of deaths at sea puts people off: the boats' attractiveness is multiplied by exp(−risk_aversion × d), d the news of deaths per person who went to the boats" src:"EST: deaths hardly deterred crossings after 24 Nov 2021 (28,526 arrivals in 2021, 45,755 in 2022; HO SB_01)" low:"0" high:"140" why:"from none to halving the appeal at a death rate of 0.5 %"`
	Known        bool    `toml:"known_at_start" doc:"the whole camp knows of the boats at the start (a run that starts after they were in use); else word of them spreads from migrants.knowledge.initial_share once the first launch point is in use"`
	Herd         float64 `toml:"herd" range:"0,100" doc:"how much people follow what others are doing: the boats' attractiveness is multiplied by 1 + herd × the share of the people going out who went to the boats (an average over info_memory_nights)" src:"EST: phones carry 'up-to-date information on the best routes' (Telegraph, Aug 2015; lorry-places §6)" low:"0" high:"4" why:"from none to five times the appeal when everyone goes to the boats"`
}

// DatedRate is a rate that holds from a date until the next entry.
type DatedRate struct {
	From   engine.Date `toml:"from" doc:"first day of the rate"`
	PerDay float64     `toml:"per_day" unit:"people/day" range:"0,100000" doc:"people a day"`
}

// Spot is a place where migrants try to get on lorries.
type Spot struct {
	Name     string          `toml:"name" doc:"the spot's name (a map site id for drawing)"`
	Kind     string          `toml:"kind" enum:"queue,traffic,park,terminal" doc:"where the lorries are: stopped in the queue before a site's gate, moving on its approach road, resting in a lorry park, or inside a terminal's fence"`
	Site     string          `toml:"site" doc:"the site whose lorries pass the spot, \"port\" or \"tunnel\" (kinds queue, traffic and terminal; a park's lorries go to both)"`
	Place    string          `toml:"place" doc:"for kind park: the lorry park or service area whose resting lorries people try, \"lorry-park\" (the lorry park near Calais, the default) or the name of a freight.rest_areas entry"`
	Base     float64         `toml:"base_success" range:"0,1" doc:"chance that one try gets a person onto an unguarded, stationary, unlocked lorry" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Fence    float64         `toml:"fence" range:"0,1" doc:"how much fences keep people from the lorries" src:"EST; 15 ft fence on the port motorway (2014–15), 29–30 km at the tunnel (domain-facts §1a, §2a)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Lighting float64         `toml:"lighting" range:"0,1" doc:"lighting and cameras" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Police   float64         `toml:"police" unit:"officers" range:"0,10000" doc:"police and security officers deployed at the spot at night" src:"Jun 2015: 600 police in Calais; 90 police for the 23 km Eurotunnel perimeter on 27 Jul 2015 (domain-facts §3a–3b); split between spots EST" low:"-50%" high:"+50%" why:"± 50 % of each spot's share of the police reported in Calais (the split is EST)"`
	PriceGBP float64         `toml:"price_gbp" unit:"GBP" range:"0,100000" doc:"what smugglers controlling the spot charge a person when the free spots work as well as the camp first expects (0: open to all); the price rises as the free spots get harder (migrants.smugglers)" src:"£800–£2,500 (2014; domain-facts §3e)"`
	Share    float64         `toml:"lorry_share" range:"0,1" doc:"share of the lorries of its kind (the site's queue or approach road, the lorry parks, the terminal's lanes) that people at the spot can reach; above 0" src:"1 for the spots by Calais; EST for those further out"`
	Unknown  bool            `toml:"unknown" doc:"few in the camp know the spot at the start (migrants.knowledge.initial_share); word of it spreads from those who do"`
	Stop     float64         `toml:"stop_chance" range:"0,1" doc:"chance that a group trying at a terminal spot gets onto the tracks or platforms, so that the site stops its departures both ways for its intrusion_stop (0 elsewhere)" src:"EST: Eurotunnel suspended services after 'migrant activity' on its terminal (Irish Times, Guardian, 25 Jul 2015; Reuters, 26 Jul 2015: trains delayed as people 'approached the tracks'); >37,000 people intercepted on the site 1 Jan–28 Jul 2015 (domain-facts §3b), but no count of stops" low:"-80%" high:"+400%" why:"no count of stops: from a fifth to five times the estimate (one group in 500 to one in 20 at the tunnel)"`
	Others   bool            `toml:"other_camps" doc:"the spot is tried by the people of the other camps (migrants.elsewhere: Grande-Synthe by Dunkirk), not by the Calais camp's"`
	Walk     engine.Duration `toml:"extra_walk" unit:"duration" range:"0s,12h" doc:"time to reach the spot beyond the 30 minutes' walk to the spots beside Calais (spots further out take a lift or a smuggler's car)" src:"EST"`
}

// Transfer takes people from the camp to reception centres between two
// dates (inclusive), as a number a day, a share of the camp a day, or both.
type Transfer struct {
	From   engine.Date `toml:"from" doc:"first day"`
	To     engine.Date `toml:"to" doc:"last day"`
	PerDay float64     `toml:"per_day" unit:"people/day" range:"0,100000" doc:"people taken a day (Poisson)"`
	Share  float64     `toml:"share_per_day" range:"0,1" doc:"share of the people in the camp taken each day (a clearance)"`
	Note   string      `toml:"note" doc:"what happened, with its source"`
}

// Elsewhere is the other camps within reach: Grande-Synthe by Dunkirk (and
// the Belgian parkings beyond it), a second camp with its own arrivals and
// its own spots (the migrants.spots with other_camps = true, such as the
// A16 service area beside it, whose lorries drive on to Calais and
// Coquelles). People move there when the Calais spots look worse than the
// chance they expect there, and back when Calais looks better. Their
// attempts at the Dunkirk ferry port are not simulated (its controls are
// outside the model's sites: docs/validation.md states the share of
// detections this leaves out); those who cross from there or give up leave
// at the camp's leave rate.
type Elsewhere struct {
	Enabled  bool        `toml:"enabled" doc:"a second camp (the other camps within reach), with moves between it and the Calais camp"`
	Name     string      `toml:"name" doc:"what the other camps stand for, for reports"`
	Initial  int         `toml:"initial" unit:"people" range:"0,100000" doc:"people in the other camps at the start"`
	Arrivals []DatedRate `toml:"arrivals" doc:"people arriving at the other camps a day, from each date until the next entry (none: they grow only by moves from Calais)"`
	Success  float64     `toml:"success" range:"0,1" doc:"the night's chance of getting on a lorry that people expect in the other camps, at the Dunkirk port and beyond (set against the camp's news of the Calais spots)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Move     float64     `toml:"move_per_day" unit:"1/day" range:"0,1" doc:"daily chance that a person moves when the other place looks infinitely better; it scales with the relative gap in expected success (0 when the two look alike)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// Smugglers run the spots that have a price: the price follows what the
// free spots offer, rising as they get harder (EST mechanism; prices of
// £800–£2,500 in 2014 and higher after 2015, domain-facts §3e).
type Smugglers struct {
	Response float64 `toml:"price_response" range:"0,100" doc:"how much the price rises as the free spots get harder: price = price_gbp × (1 + price_response × (1 − s/s0)), s the best free spot's expected success, s0 the camp's first expectation" src:"EST" low:"0" high:"4" why:"from a fixed price to twice the estimate, no source"`
	MaxGBP   float64 `toml:"price_max_gbp" unit:"GBP" range:"0,100000" doc:"the most the smugglers ask (0: no cap)" src:"EST; up to €4,000 a trip by car (BBC File on 4, 2015; domain-facts §3f)"`
}

// PoliceStep adds (or removes) police at spots from a date.
type PoliceStep struct {
	From     engine.Date `toml:"from" doc:"date the change takes effect"`
	Spot     string      `toml:"spot" doc:"the spot's name, or \"all\" to spread the officers evenly over the spots the camp knows on that date"`
	Officers float64     `toml:"officers" unit:"officers" range:"-10000,10000" doc:"officers added (negative: withdrawn)"`
	Note     string      `toml:"note" doc:"what happened, with its source"`
}

// Works set a spot's fence and lighting from a date (new fences,
// infrared barriers, cameras).
type Works struct {
	From     engine.Date `toml:"from" doc:"date the works are complete"`
	Spot     string      `toml:"spot" doc:"the spot's name"`
	Fence    float64     `toml:"fence" range:"0,1" doc:"the spot's fence from that date (as migrants.spots.fence)"`
	Lighting float64     `toml:"lighting" range:"0,1" doc:"the spot's lighting and cameras from that date (as migrants.spots.lighting)"`
	Note     string      `toml:"note" doc:"what was built, with its source"`
}

// Barricades are migrants stopping lorries on the port approach road at
// night with tree trunks and pallets (from April 2016; domain-facts §3e).
type Barricades struct {
	Enabled     bool            `toml:"enabled" doc:"groups build barricades on the rocade"`
	NightChance float64         `toml:"night_chance" range:"0,1" doc:"chance of a barricade on a night when no known spot offers any hope; it falls in proportion as the best known spot's expected success approaches the camp's first expectation, so that blockades come from the camp's prospects" src:"'nearly every night for 4 weeks' (France 3, 2016)"`
	Start       engine.Clock    `toml:"start" doc:"when the road is blocked, French time" src:"about 2 am (France 3, 2016)"`
	Length      engine.Duration `toml:"length" unit:"duration" range:"0s,24h" doc:"how long the road stays blocked" src:"blocked by ~4 am, cleared at dawn (France 3, 2016)"`
}

// DropPlace is where people hidden in a lorry get out in the UK: the first
// stop after the port (a lorry park or services in Kent), a motorway
// services further on, or the depot where the load is delivered.
type DropPlace struct {
	Name  string  `toml:"name" doc:"the place, as the summary's in_country_encounters_by_place names it"`
	Share float64 `toml:"share" range:"0,1" doc:"share of the lorries with people hidden whose people get out here (normalised over the places)"`
	Found float64 `toml:"found" range:"0,1" doc:"chance that the people getting out here are found (by police, drivers, staff or the public)"`
	Note  string  `toml:"note" doc:"what the place is, with the sources of its figures"`
}

// The camp's rules that tie its keys together apply with the camp
// enabled. They are checked in three parts, CheckArrivalsAndSpots,
// CheckWorksAndTransfers and Check, which package scenarios calls in turn
// with other sections' rules between them: the order in which a
// scenario's errors have always been reported (a sweep shows a point's
// first error).

// CheckArrivalsAndSpots checks the camp's arrivals, which must cover the
// run from its first day start and come in date order (the other camps'
// too); that the police steps name a spot or "all"; and each spot's rules
// (Spot.check), restPlace saying which names are places where lorries
// rest (the freight section's).
func (c *Config) CheckArrivalsAndSpots(add func(path, msg string), start engine.Date, restPlace func(name string) bool) {
	if !c.Enabled {
		return
	}
	if len(c.Arrivals) == 0 {
		add("arrivals", "expected at least one dated arrival rate")
	} else if a := c.Arrivals[0].From; !start.IsZero() && start.Before(a) {
		add("arrivals[0].from", fmt.Sprintf("expected the series to start on or before the start date %s (it must cover the whole run), got %s", start, a))
	}
	checkDateOrder(add, "arrivals", c.Arrivals)
	checkDateOrder(add, "elsewhere.arrivals", c.Elsewhere.Arrivals)
	names := c.spotNames()
	for i, p := range c.Police {
		if !names[p.Spot] {
			add(fmt.Sprintf("police[%d].spot", i), fmt.Sprintf("expected \"all\" or the name of a spot in migrants.spots, got %q", p.Spot))
		}
	}
	for i := range c.Spots {
		c.Spots[i].check(agents.Under(fmt.Sprintf("spots[%d]", i), add), c.Elsewhere.Enabled, restPlace)
	}
}

// checkDateOrder reports each rate of the series at key whose date is
// not after the one before.
func checkDateOrder(add func(path, msg string), key string, rs []DatedRate) {
	for i := 1; i < len(rs); i++ {
		if !rs[i-1].From.Before(rs[i].From) {
			add(fmt.Sprintf("%s[%d].from", key, i), "expected dates in increasing order")
		}
	}
}

// spotNames returns the names a police step may give: the spots' and
// "all".
func (c *Config) spotNames() map[string]bool {
	names := map[string]bool{"all": true}
	for _, sp := range c.Spots {
		names[sp.Name] = true
	}
	return names
}

// check checks a spot's rules: some of the lorries of its kind are within
// reach; only people inside a terminal can stop its departures; a spot of
// the other camps needs them (elsewhere, migrants.elsewhere.enabled); a
// park spot's place, if given, is a place where lorries rest (restPlace)
// and its site is a site or none; any other spot has no place and is at
// the port or the tunnel.
func (s *Spot) check(add func(path, msg string), elsewhere bool, restPlace func(name string) bool) {
	if s.Share <= 0 {
		add("lorry_share", "expected a share above 0 and at most 1 (1: every lorry of the spot's kind), got 0")
	}
	if s.Stop > 0 && s.Kind != "terminal" {
		add("stop_chance", fmt.Sprintf("expected 0 at a %q spot: only people inside a terminal reach its tracks", s.Kind))
	}
	if s.Others && !elsewhere {
		add("other_camps", "expected migrants.elsewhere.enabled = true: a spot of the other camps needs the other camps")
	}
	switch {
	case s.Kind == "park":
		if s.Place != "" && !restPlace(s.Place) {
			add("place", fmt.Sprintf("expected \"lorry-park\" or the name of a freight.rest_areas entry, got %q", s.Place))
		}
		if s.Site != "" && s.Site != "port" && s.Site != "tunnel" {
			add("site", fmt.Sprintf("expected \"port\", \"tunnel\" or nothing (a park's lorries go to both sites), got %q", s.Site))
		}
	case s.Place != "":
		add("place", fmt.Sprintf("expected no place at a %q spot: only a park's lorries are at a rest place", s.Kind))
		fallthrough
	case s.Site != "port" && s.Site != "tunnel":
		add("site", fmt.Sprintf("expected one of \"port\", \"tunnel\" at a %q spot, got %q", s.Kind, s.Site))
	}
}

// CheckWorksAndTransfers checks that the works name a spot, that each
// transfer's last day is on or after its first, that there is a spot at
// all, and that people bring at least money_min_gbp.
func (c *Config) CheckWorksAndTransfers(add func(path, msg string)) {
	if !c.Enabled {
		return
	}
	names := c.spotNames()
	for i, w := range c.Works {
		if !names[w.Spot] || w.Spot == "all" {
			add(fmt.Sprintf("works[%d].spot", i), fmt.Sprintf("expected the name of a spot in migrants.spots, got %q", w.Spot))
		}
	}
	for i := range c.Transfers {
		c.Transfers[i].check(agents.Under(fmt.Sprintf("transfers[%d]", i), add))
	}
	if len(c.Spots) == 0 {
		add("spots", "expected at least one boarding spot")
	}
	if c.MoneyMaxGBP < c.MoneyMinGBP {
		add("money_max_gbp", "expected at least money_min_gbp")
	}
}

// check checks that the transfer's last day is on or after its first.
func (t *Transfer) check(add func(path, msg string)) {
	if t.To.Before(t.From) {
		add("to", fmt.Sprintf("expected a last day on or after the first (%s), got %s", t.From, t.To))
	}
}

// Check checks, with the camp enabled, that the nationality shares, which
// the model normalises, have a positive finite sum.
func (c *Config) Check(add func(path, msg string)) {
	if c.Enabled {
		agents.CheckWeights(add, "nationality_shares", "nationality shares", c.Nationality...)
	}
}
