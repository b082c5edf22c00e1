package removals

import (
	"fmt"

	"channelsim/agents"
	"channelsim/engine"
)

// Config is the UK removals submodel: the national caseload of people due
// for removal, removal plans with tickets on scheduled flights or seats on
// charters, the escort contractor's staff, and cancellations. Sources:
// domain-facts §4; the identities of calibration-targets §B; bands D.
type Config struct {
	Enabled         bool            `toml:"enabled" doc:"simulate the UK removals system"`
	CasesPerYear    float64         `toml:"cases_per_year" unit:"cases/year" range:"0,1000000" doc:"new cases a year in the national caseload of people due for a Home Office-ticketed removal or departure" src:"sized from §B: ≈ 22,700 ticketed removals a year plus charter removals and releases (calibrated)"`
	InitialCases    int             `toml:"initial_cases" unit:"cases" range:"0,1000000" doc:"cases already in preparation on the start date" src:"EST: the inflow times the mean preparation time" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	BorderShare     float64         `toml:"border_share" range:"0,1" doc:"share of the people found in the UK after hiding in lorries (migrants submodel) who enter this caseload" src:"EST: most claim asylum; few are removed within the year" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	EnforcedShare   float64         `toml:"enforced_share" range:"0,1" doc:"share of ticketed removals that are enforced removals (the rest are other Home Office-ticketed departures)" src:"C10: 12,056 enforced removals in 2015 of ≈ 22,700 ticketed (§B) ⇒ 0.53"`
	PrepDays        float64         `toml:"prep_days" unit:"days" range:"0,3650" doc:"mean time from a case entering the caseload to its first removal plan (documents, decisions)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	NoticeMin       engine.Duration `toml:"notice_min" unit:"duration" range:"72h,8760h" doc:"least notice between removal directions and the flight" src:"72 hours' notice since 12 Mar 2007 (domain-facts §4c)"`
	NoticeMax       engine.Duration `toml:"notice_max" unit:"duration" range:"72h,8760h" doc:"most notice (drawn uniformly between min and max)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	EscortedShare   float64         `toml:"escorted_share" range:"0,1" doc:"share of cases whose scheduled-flight removal is escorted from the first plan (risk of resistance, health needs); cases with a disruptive cancellation are escorted afterwards anyway" src:"calibrated to §B: t = 1.5 tickets a plan; with the model's 5 tickets an escorted plan (person, 2 escorts out and back) t = 1 + 4e gives e = 12.5 % of plans escorted (the 25 % of §B counts 3 tickets, without the returns). Escorted plans include those cancelled because escorts came late and those of cases once disruptive, so 0.025 of first plans yields e ≈ 0.12 of plans (removal_plans_escorted_share)"`
	Escorts         int             `toml:"escorts_per_detainee" unit:"escorts" range:"1,5" doc:"escorts on an escorted scheduled flight" src:"§B: two escorts; Mubenga case had three (HAC HC 563)"`
	EscortReturns   bool            `toml:"escort_return_tickets" doc:"escorts' return tickets are booked with the plan (and cancelled with it)" src:"§B"`
	FlightsPerDay   int             `toml:"flights_per_day" unit:"flights/region/day" range:"1,100" doc:"scheduled flights a day to each destination region used for removals" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	SeatsUnescorted int             `toml:"seats_unescorted" unit:"removals/flight" range:"0,100" doc:"unescorted removals an airline accepts on one flight" src:"IATA/airlines: 1 escorted + 3 unescorted per scheduled flight (HAC HC 654, 2003)"`
	SeatsEscorted   int             `toml:"seats_escorted" unit:"removals/flight" range:"0,100" doc:"escorted removals an airline accepts on one flight" src:"as seats_unescorted"`

	CancelShare  float64     `toml:"cancel_share" range:"0,1" doc:"chance that a plan is cancelled for a cause other than escort shortage" src:"A1: 40 % of plans cancelled in all, calibrated together with the emergent cancellations for escorts that come later than the date asked for (A2 and A4 bound it from above and below)"`
	Causes       CancelCause `toml:"causes" doc:"relative weights of the causes other than escort shortage"`
	WithinDay    float64     `toml:"within_day" range:"0,1" doc:"share of cancellations in the last day before the flight" src:"45 % within a day (Independent, 2019, FOI; domain-facts §4c)"`
	WithinWeek   float64     `toml:"within_week" range:"0,1" doc:"share of cancellations within a week (including the last day)" src:"over two thirds within a week (as within_day)"`
	ReleaseLegal float64     `toml:"release_after_legal" range:"0,1" doc:"chance that a plan cancelled by a legal challenge ends the case (released)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	RebookDays   float64     `toml:"rebook_days" unit:"days" range:"0,3650" doc:"mean time to a new plan after a cancellation" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`

	Tickets  Tickets  `toml:"tickets"`
	Escort   Escorts  `toml:"escort"`
	Charter  Charter  `toml:"charter"`
	Regions  []Region `toml:"regions" doc:"destination regions (an array of tables)"`
	Detained float64  `toml:"detained_share" range:"0,1" doc:"share of cases held in detention while their removal is prepared (if a bed is free)" src:"EST; 32,446 entered detention in 2015 (Home Office)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Centres  []Centre `toml:"centres" doc:"immigration removal centres (an array of tables); a case to be detained takes a free bed, else waits in the community"`
}

// Centre is an immigration removal centre.
type Centre struct {
	Site string `toml:"site" doc:"the centre's map site id"`
	Beds int    `toml:"beds" unit:"beds" range:"0,100000" doc:"beds for removal cases (the centre's capacity less other uses)" src:"EST from the centres' published capacities; ~3,400 held overnight in the whole estate (HO escorting tender, domain-facts §4a)" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// CancelCause weights the causes of cancellation.
type CancelCause struct {
	Legal          float64 `toml:"legal" range:"0," doc:"legal challenges and late representations" src:"45 % (2008–12, Guardian FOI); legal representations 34 %, the largest cause (2018)"`
	Administrative float64 `toml:"administrative" range:"0," doc:"administrative reasons" src:"second cause in 2018 (Independent FOI); EST weight" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Documents      float64 `toml:"documents" range:"0," doc:"missing travel documents" src:"'lack of emergency travel documents' (Tascor, via Guardian 2016); EST weight" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Disruptive     float64 `toml:"disruptive" range:"0," doc:"disruptive or non-compliant behaviour" src:"third cause in 2018; EST weight" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Medical        float64 `toml:"medical" range:"0," doc:"medical reasons" src:"fourth cause in 2018; EST weight" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Flight         float64 `toml:"flight" range:"0," doc:"flight problems (airline refusal, disruption)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// Tickets are the fares booked for removals.
type Tickets struct {
	PriceMeanGBP  float64 `toml:"price_mean_gbp" unit:"GBP" range:"0,100000" doc:"mean ticket price" src:"§B: £23.5 m a year over ≈ 56,700 tickets ≈ £414"`
	PriceCV       float64 `toml:"price_cv" range:"0,5" doc:"coefficient of variation of prices (log-normal)" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	NonRefundable float64 `toml:"non_refundable_share" range:"0,1" doc:"share of tickets booked non-refundable (lost in full if cancelled)" src:"'non-refundable tickets booked by default' (ICIBI via Free Movement); the recorded loss of 4 % implies most cancelled tickets were refunded or changed (§B); calibrated"`
	ChangeFeeGBP  float64 `toml:"change_fee_gbp" unit:"GBP" range:"0,10000" doc:"fee lost when a refundable ticket is cancelled or changed" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	RecordedShare float64 `toml:"recorded_share" range:"0,1" doc:"share of losses that are recorded ('records were not always kept')" src:"A3; EST share, calibrated to the 4 % recorded loss" low:"-50%" high:"+50%" why:"records were 'not always kept' (A3): ± 50 % of the estimate"`
}

// Escorts are the escort contractor's staff for overseas escorting.
type Escorts struct {
	Staff      int     `toml:"staff" unit:"escorts" range:"0,100000" doc:"overseas escorting staff" src:"Tascor headcount NOT FOUND (domain-facts §4d); calibrated so that escorted removals leave on average 15 days after the date asked for (A5: ICIBI 2016, domain-facts §4b; escort_days_late_mean)" low:"-50%" high:"+50%" why:"the headcount was not found (domain-facts §4d): ± 50 % of the estimate"`
	LeaveShare float64 `toml:"leave_share" range:"0,0.9" doc:"share of time staff are on leave, training or sick, rostered in week-long blocks spread over the staff" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	RestDays   float64 `toml:"rest_days" unit:"days" range:"0,30" doc:"rest after an overseas trip before the next" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// Charter is the charter-flight programme.
type Charter struct {
	Routes        int     `toml:"routes" unit:"routes" range:"0,100" doc:"charter routes flown" src:"main routes Albania, Pakistan, Nigeria/Ghana and others (Corporate Watch 2017); EST count" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	IntervalDays  float64 `toml:"interval_days" unit:"days" range:"1,3650" doc:"days between charters on a route" src:"'about every other month' per main route (Corporate Watch 2017)"`
	Seats         int     `toml:"seats" unit:"detainees" range:"1,1000" doc:"detainees per charter" src:"C11: ≈ 32 a flight (FY 2009/10: 67 flights, 2,144 people)"`
	EscortsPer    float64 `toml:"escorts_per_detainee" unit:"escorts" range:"0,10" doc:"escorts per detainee on a charter" src:"C11: 2–3 (IMB 2017: 2.0–3.0)"`
	EligibleShare float64 `toml:"eligible_share" range:"0,1" doc:"share of cases whose destination has a charter route (they wait for a charter)" src:"C11: ≈ 2,000 people a year on charters; calibrated"`
	TripDays      float64 `toml:"trip_days" unit:"days" range:"0,30" doc:"days escorts are away on a charter" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
}

// Region is a destination region for scheduled-flight removals.
type Region struct {
	Name     string  `toml:"name" doc:"region name"`
	Share    float64 `toml:"share" range:"0,1" doc:"share of cases going there" src:"EST"`
	TripDays float64 `toml:"trip_days" unit:"days" range:"0,30" doc:"days an escort is away: outbound flight, handover, return" src:"EST" low:"-50%" high:"+50%" why:"± 50 % of the estimate, no source"`
	Airport  string  `toml:"airport" enum:"heathrow,gatwick" doc:"airport the flights leave from"`
}

// The removals' rules that tie their keys together apply with removals
// enabled. They are checked in two parts, CheckRegionsAndCentres and
// Check, which package scenarios calls in turn with other sections' rules
// between them: the order in which a scenario's errors have always been
// reported (a sweep shows a point's first error).

// CheckRegionsAndCentres checks that there is a destination region, that
// the most notice is at least the least, and that each centre is at a
// site of the map (site reports whether an id is one).
func (c *Config) CheckRegionsAndCentres(add func(path, msg string), site func(id string) bool) {
	if !c.Enabled {
		return
	}
	if len(c.Regions) == 0 {
		add("regions", "expected at least one destination region")
	}
	if c.NoticeMax.Duration < c.NoticeMin.Duration {
		add("notice_max", "expected at least notice_min")
	}
	for i, ct := range c.Centres {
		if !site(ct.Site) {
			add(fmt.Sprintf("centres[%d].site", i), fmt.Sprintf("expected a site id of the map, got %q", ct.Site))
		}
	}
}

// Check checks the other rules, with removals enabled: the causes'
// weights and the regions' shares, which the model normalises, must have
// a positive finite sum, and the share of cancellations within a week
// includes those within the last day.
func (c *Config) Check(add func(path, msg string)) {
	if !c.Enabled {
		return
	}
	cs := c.Causes
	agents.CheckWeights(add, "causes", "weights of the causes", cs.Legal, cs.Administrative, cs.Documents, cs.Disruptive, cs.Medical, cs.Flight)
	if len(c.Regions) > 0 {
		var shares []float64
		for _, g := range c.Regions {
			shares = append(shares, g.Share)
		}
		agents.CheckWeights(add, "regions", "regions' shares", shares...)
	}
	if c.WithinWeek < c.WithinDay {
		add("within_week", fmt.Sprintf("expected at least within_day (%s: the share within a week includes the last day), got %s",
			agents.FormatNumber(c.WithinDay), agents.FormatNumber(c.WithinWeek)))
	}
}
