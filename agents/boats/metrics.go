package boats

import "channelsim/agents"

// SummaryMetrics describes the keys of Summary.
var SummaryMetrics = agents.Metrics{
	{Key: "small_boat_arrivals", Unit: "people", Title: "Small-boat arrivals", Meaning: "people landed at Dover from small boats"},
	{Key: "small_boats_arrived", Unit: "boats", Meaning: "small boats that reached English waters"},
	{Key: "small_boat_people_per_boat", Unit: "people per boat", Meaning: "mean people in a boat that arrived"},
	{Key: "small_boat_launches", Unit: "boats", Meaning: "launches attempted from the French coast"},
	{Key: "small_boat_launches_prevented", Unit: "boats", Meaning: "launches stopped on the beach by French police and gendarmes"},
	{Key: "small_boat_people_prevented", Unit: "people", Meaning: "people stopped on the beach by French police and gendarmes"},
	{Key: "small_boat_deaths", Unit: "people", Title: "Deaths at sea", Meaning: "people who died on a small-boat crossing"},
	{Key: "small_boat_people_rescued", Unit: "people", Meaning: "people rescued from boats in distress and brought back to France"},
	{Key: "small_boat_no_boat", Unit: "people", Meaning: "people who came to the beach on a night with no boat for them"},
	{Key: "small_boats_seized", Unit: "boats", Meaning: "boats taken or destroyed on the beach"},
	{Key: "small_boat_launch_nights", Unit: "nights", Meaning: "nights on which people went to the beach and boats could go"},
}

// DailyMetrics describes the columns of Daily.
var DailyMetrics = agents.Metrics{
	{Key: "small_boat_arrivals", Unit: "people a day", Title: "Small-boat arrivals", Short: "Boat arrivals", Meaning: "people landed at Dover from small boats"},
	{Key: "small_boats_arrived", Unit: "boats a day", Short: "Boats arrived", Meaning: "small boats that reached English waters"},
	{Key: "small_boat_launches", Unit: "boats a day", Short: "Launches", Meaning: "launches attempted from the French coast"},
	{Key: "small_boat_launches_prevented", Unit: "boats a day", Meaning: "launches stopped on the beach"},
	{Key: "small_boat_people_prevented", Unit: "people a day", Short: "Boat people prevented", Meaning: "people stopped on the beach by French police and gendarmes"},
	{Key: "small_boat_deaths", Unit: "people a day", Short: "Deaths at sea", Meaning: "people who died on a small-boat crossing"},
	{Key: "small_boat_people_rescued", Unit: "people a day", Meaning: "people rescued from boats in distress and brought back to France"},
	{Key: "boats_in_stock", Unit: "boats", Short: "Boats in stock", Meaning: "boats the smugglers hold on the coast"},
	{Key: "wave_height_m", Unit: "m", Short: "Waves (m)", Meaning: "significant wave height in the Dover Strait"},
	{Key: "calm_night", Unit: "0 or 1", Meaning: "1 when the sea allows boats (waves at most boats.max_wave_m)"},
	{Key: "beach_patrols", Unit: "officers", Short: "Beach patrols", Meaning: "French police and gendarmes watching the beaches a night"},
	{Key: "seat_price_gbp", Unit: "GBP", Meaning: "price of a seat in a boat"},
}
