package removals

import "channelsim/agents"

// SummaryMetrics describes the keys of Summary: unit, meaning and chart
// title. The units follow the keys' suffixes (_min, _gbp, _usv, _ppm,
// _days); sim's tests check that every key a run writes is here.
var SummaryMetrics = agents.Metrics{
	{Key: "removal_plans", Unit: "plans", Meaning: "removal plans made"},
	{Key: "removal_plans_cancelled", Unit: "plans", Meaning: "removal plans cancelled"},
	{Key: "removal_cancellation_rate", Unit: "share of plans", Title: "Removal plans cancelled", Meaning: "cancelled / (cancelled + completed ticketed removals)"},
	{Key: "cancellations_by_cause", Unit: "plans", Meaning: "removal plans cancelled for this cause"},
	{Key: "removals_completed", Unit: "people", Meaning: "removals completed"},
	{Key: "removals_enforced", Unit: "people", Meaning: "enforced removals completed"},
	{Key: "removals_escorted", Unit: "people", Meaning: "removals with an escort"},
	{Key: "removals_charter", Unit: "people", Meaning: "removals by charter flight"},
	{Key: "removals_ticketed", Unit: "people", Meaning: "removals on scheduled flights"},
	{Key: "charter_flights", Unit: "flights", Meaning: "charter flights flown"},
	{Key: "tickets_issued", Unit: "tickets", Meaning: "flight tickets bought"},
	{Key: "tickets_used", Unit: "tickets", Meaning: "flight tickets used"},
	{Key: "tickets_cancelled", Unit: "tickets", Meaning: "flight tickets cancelled"},
	{Key: "tickets_open", Unit: "tickets", Meaning: "flight tickets neither used nor cancelled at the end"},
	{Key: "tickets_per_removal", Unit: "tickets per removal", Title: "Flight tickets bought per removal", Meaning: "tickets used or cancelled per ticketed removal"},
	{Key: "ticket_spend_gbp", Unit: "GBP", Meaning: "spent on flight tickets"},
	{Key: "ticket_loss_gbp", Unit: "GBP", Meaning: "recorded loss on cancelled tickets"},
	{Key: "ticket_loss_true_gbp", Unit: "GBP", Meaning: "true loss on cancelled tickets, recorded or not"},
	{Key: "ticket_loss_share", Unit: "share of spend", Meaning: "recorded loss / ticket spend"},
	{Key: "escort_utilisation", Unit: "share of staff-days", Meaning: "escort staff-days away on removals / staff-days available"},
	{Key: "detention_days_mean", Unit: "days", Meaning: "mean days in detention per case that left detention"},
	{Key: "detained_end", Unit: "people", Meaning: "people in removal centres at the end"},
	{Key: "detention_full_refusals", Unit: "people", Meaning: "people not detained because the centres were full"},
	{Key: "removal_cases_released", Unit: "people", Meaning: "removal cases released from detention without removal"},
	{Key: "removal_cases_open", Unit: "people", Meaning: "removal cases still open at the end"},
	{Key: "removal_plans_escorted", Unit: "plans", Meaning: "escorted removal plans made (those deferred for escorts included)"},
	{Key: "removal_plans_escorted_share", Unit: "share of plans", Meaning: "escorted plans / plans with an outcome (cancelled or completed on a scheduled flight)"},
	{Key: "escort_requests_deferred", Unit: "plans", Meaning: "escorted plans cancelled and set again because the contractor had no escorts free on the date asked for"},
	{Key: "escort_days_late_mean", Unit: "days", Meaning: "mean days between the date asked for and the flight, per escorted removal on a scheduled flight"},
	{Key: "escort_late_share", Unit: "share of removals", Meaning: "escorted removals on scheduled flights that left after the date asked for"},
}

// DailyMetrics describes the columns of Daily (DailyColumns).
var DailyMetrics = agents.Metrics{
	{Key: "removal_plans", Unit: "plans a day", Meaning: "removal plans made"},
	{Key: "removals", Unit: "people a day", Short: "Removals", Meaning: "removals completed"},
	{Key: "removal_cancellations", Unit: "plans a day", Title: "Removal plans cancelled, daily", Short: "Cancellations", Meaning: "removal plans cancelled"},
	{Key: "escorts_away", Unit: "staff", Short: "Escorts away", Meaning: "escort staff away on removals"},
}
