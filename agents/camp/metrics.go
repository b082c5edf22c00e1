package camp

import "channelsim/agents"

// SummaryMetrics describes the keys of Summary: unit, meaning and chart
// title. The units follow the keys' suffixes (_min, _gbp, _usv, _ppm,
// _days); sim's tests check that every key a run writes is here.
var SummaryMetrics = agents.Metrics{
	{Key: "migrants_in_camp_start", Unit: "people", Meaning: "people in the Calais camps at the start"},
	{Key: "migrants_in_camp_end", Unit: "people", Meaning: "people in the Calais camps at the end"},
	{Key: "migrants_arrived", Unit: "people", Meaning: "people who arrived at the camps"},
	{Key: "migrants_left_camp", Unit: "people", Meaning: "people who left the camps other than by crossing"},
	{Key: "boarding_attempts", Unit: "attempts", Meaning: "attempts to board a UK-bound lorry"},
	{Key: "boarding_attempts_by_spot", Unit: "attempts", Meaning: "attempts to board a lorry at this boarding spot"},
	{Key: "migrants_transferred_to_centres", Unit: "people", Meaning: "people taken from the camp to reception centres (CAO) or cleared"},
	{Key: "migrants_gave_up", Unit: "people", Meaning: "people who left the camp after failing to get on a lorry"},
	{Key: "moved_to_other_camps", Unit: "people", Meaning: "moves from the Calais camp to the other camps (Dunkirk, Belgium)"},
	{Key: "moved_back_from_other_camps", Unit: "people", Meaning: "moves from the other camps back to Calais"},
	{Key: "migrants_in_other_camps_end", Unit: "people", Meaning: "people in the other camps at the end"},
	{Key: "spots_found_day", Unit: "day", Meaning: "day of the run (0: the first) on which half the camp knew this spot, for spots few knew at the start"},
	{Key: "roadblock_nights", Unit: "nights", Meaning: "nights the camp barricaded the port's approach road"},
	{Key: "smugglers_price_max_gbp", Unit: "GBP", Meaning: "highest price the smugglers asked at their spots"},
	{Key: "intercepted_at_spots", Unit: "people", Meaning: "people stopped by French police at boarding spots"},
	{Key: "lorries_tried_to_the_limit", Unit: "lorries", Meaning: "times a lorry was tried by as many groups in a night as it can be (migrants.tries_per_lorry_night)"},
	{Key: "stowaways_found_by_drivers", Unit: "people", Meaning: "hidden people found by their driver's check before leaving a lorry park or rest area"},
	{Key: "stowaways_boarded", Unit: "people", Meaning: "people who hid in a lorry"},
	{Key: "stowaways_by_place", Unit: "people", Meaning: "people who hid in this place of a lorry"},
	{Key: "stowaways_by_spot", Unit: "people", Meaning: "people who hid in a lorry at this boarding spot"},
	{Key: "stowaways_found_french_police", Unit: "people", Meaning: "hidden people found by French police before the controls"},
	{Key: "stowaways_detected_controls", Unit: "people", Meaning: "hidden people detected at the juxtaposed controls"},
	{Key: "stowaways_detected_uk_arrival", Unit: "people", Meaning: "hidden people detected on arrival in the UK"},
	{Key: "clandestine_arrivals_uk", Unit: "people", Title: "Clandestine arrivals in the UK", Meaning: "hidden people who reached the UK undetected"},
	{Key: "clandestine_arrivals_unsearched", Unit: "people", Meaning: "of those, people in lorries never searched"},
	{Key: "in_country_encounters", Unit: "people", Meaning: "people encountered in the UK after a clandestine arrival, all routes"},
	{Key: "in_country_encounters_via_calais", Unit: "people", Meaning: "of those, people who crossed through Calais or Coquelles in the model"},
	{Key: "in_country_encounters_other_routes", Unit: "people", Meaning: "of those, people who came by other routes (other_routes_ratio, or the fixed other_routes_encounters_per_day)"},
	{Key: "in_country_encounters_by_place", Unit: "people", Meaning: "encounters via Calais by where the people left their lorry (migrants.lorry_drops)"},
	{Key: "disappeared_in_uk", Unit: "people", Meaning: "people who reached the UK and were never encountered"},
	{Key: "attempts_per_person_mean", Unit: "attempts per person", Meaning: "mean boarding attempts per person who came to the camps"},
	{Key: "civil_penalties_gbp", Unit: "GBP", Meaning: "civil penalties charged to hauliers for people found in their lorries"},
	{Key: "complicit_payments_gbp", Unit: "GBP", Meaning: "payments to complicit drivers"},
	{Key: "hours_concealed_mean", Unit: "hours", Meaning: "mean time hidden in a lorry, per stowaway"},
	{Key: "stowaway_co2_max_ppm", Unit: "ppm", Meaning: "highest CO₂ rise above ambient in an occupied load space"},
	{Key: "boarding_injuries", Unit: "people", Meaning: "people injured while boarding"},
}

// DailyMetrics describes the columns of Daily (DailyColumns).
var DailyMetrics = agents.Metrics{
	{Key: "migrants_in_camp", Unit: "people", Title: "People in the Calais camps", Meaning: "people in the Calais camps at noon"},
	{Key: "boarding_attempts", Unit: "attempts a day", Meaning: "attempts to board a UK-bound lorry"},
	{Key: "in_country_encounters", Unit: "people a day", Meaning: "people encountered in the UK after a clandestine arrival"},
	{Key: "migrants_in_other_camps", Unit: "people", Short: "Other camps", Meaning: "people in the other camps (Dunkirk, Belgium) at noon"},
	{Key: "moved_to_other_camps", Unit: "people a day", Meaning: "moves from the Calais camp to the other camps"},
	{Key: "moved_back_from_other_camps", Unit: "people a day", Meaning: "moves from the other camps back to Calais"},
	{Key: "transferred_to_centres", Unit: "people a day", Meaning: "people taken to reception centres (CAO) or cleared"},
	{Key: "gave_up", Unit: "people a day", Meaning: "people who left the camp after failing to get on a lorry"},
	{Key: "spots_known", Unit: "spots", Short: "Spots known", Meaning: "boarding spots the camp knows (found ones included)"},
	{Key: "smugglers_price_gbp", Unit: "GBP", Short: "Smugglers' price", Meaning: "mean price the smugglers ask at the spots they run, at dawn"},
	{Key: "roadblock", Unit: "0 or 1", Meaning: "1 when the camp barricaded the port's approach road that night"},
	{Key: "attempts_*", Unit: "attempts a day", Meaning: "attempts to board a lorry at the boarding spot %s"},
}
