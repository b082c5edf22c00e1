package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"channelsim/internal/safefile"
	"channelsim/scenarios"
	"channelsim/sim"
)

// column describes one column of an output CSV (or one summary metric):
// its unit and meaning, for columns.json and 'channelsim columns'.
type column struct {
	Name        string `json:"name"`
	Unit        string `json:"unit"`
	Description string `json:"description"`
}

// metricDoc is a summary metric's or daily column's unit and meaning.
type metricDoc struct{ unit, doc string }

// metricDocs describes every summary metric of sim.Model.Summary. The
// units follow the keys' suffixes (_min, _gbp, _usv, _ppm, _days); a test
// checks that every key of a run's summary is here.
var metricDocs = map[string]metricDoc{
	"scenario":                           {"", "the scenario's name"},
	"seed":                               {"", "the seed of the run's random streams"},
	"days":                               {"days", "the run's horizon"},
	"start":                              {"date", "the first simulated day"},
	"lorries_arrived":                    {"lorries", "UK-bound lorries that arrived at Calais port or Coquelles"},
	"lorries_departed":                   {"lorries", "UK-bound lorries that left France, by ferry or shuttle"},
	"lorries_departed_port":              {"lorries", "UK-bound lorries that left by ferry from Calais port"},
	"lorries_departed_tunnel":            {"lorries", "UK-bound lorries that left by shuttle from Coquelles"},
	"lorries_searched":                   {"lorries", "UK-bound lorries Border Force searched for people: every screening referral and its targeted share of the rest"},
	"search_rate":                        {"share of lorries", "lorries Border Force searched / lorries through the UK controls"},
	"lorries_screened":                   {"lorries", "UK-bound lorries the screening layer (PMMW, heartbeat, CO₂, dogs) took"},
	"screening_rate":                     {"share of lorries", "lorries screened / lorries through the UK controls"},
	"screening_referrals":                {"lorries", "lorries the screening layer referred to Border Force on an alarm"},
	"methods_skipped_busy":               {"methods", "screening methods (and scans) skipped because their queue would have held the lorry over max_wait"},
	"freight_delay_mean_min":             {"minutes per lorry", "mean time from arrival to boarding, beyond the unimpeded time"},
	"freight_delay_p95_min":              {"minutes", "95th percentile of the freight delay"},
	"queue_max_lorries":                  {"lorries", "longest queue of UK-bound lorries at the controls"},
	"queue_mean_lorries":                 {"lorries", "time-averaged queue of UK-bound lorries at the controls"},
	"france_bound_arrived":               {"lorries", "France-bound lorries that arrived at Dover or Folkestone"},
	"france_bound_departed":              {"lorries", "France-bound lorries that left the UK"},
	"kent_queue_max_lorries":             {"lorries", "longest queue of France-bound lorries in Kent (Operation Stack)"},
	"operation_stack_days":               {"days", "days on which Kent Police ran Operation Stack at any time (called when lorries stand on the M20 or the forecast says they will, stood down after stack.stand_down)"},
	"stack_days_by_phases":               {"days", "Stack days by the last of the phases open at once that day (stack.phases)"},
	"stack_episodes":                     {"episodes", "times Kent Police called Operation Stack"},
	"stack_called_on_forecast":           {"episodes", "Stack episodes called on the forecast, before any lorry stood on the M20"},
	"tap_days":                           {"days", "days on which lorries for Dover were held on the A20 (Dover TAP)"},
	"m20_lorries_max":                    {"lorries", "most France-bound lorries on the M20 at once, beyond the terminals' holding and TAP"},
	"m20_lorries_mean":                   {"lorries", "time-averaged France-bound lorries on the M20"},
	"weekend_ban_held":                   {"lorries", "France-bound lorries kept in Kent by France's weekend lorry ban"},
	"france_bound_lorry_hours_kent":      {"lorry-hours", "hours France-bound lorries waited in Kent, summed over the lorries that left"},
	"uk_bound_lorry_hours_delay":         {"lorry-hours", "freight delay of the UK-bound lorries that boarded, summed, in hours"},
	"france_bound_wait_mean_min":         {"minutes", "mean wait of France-bound lorries in Kent, from reaching the UK terminal or the tail of Stack to departure"},
	"france_bound_wait_max_min":          {"minutes", "longest wait of a France-bound lorry in Kent"},
	"lorries_diverted":                   {"lorries", "lorries, both ways, that crossed by another port while an operator was off the Calais route (port.fleet's diverted_share)"},
	"lorries_turned_away":                {"lorries", "lorries, both ways, that found the approach roads (UK-bound) or Kent (France-bound) full at their bound (approach_capacity, kent_capacity) and crossed by another port"},
	"departure_stops":                    {"stops", "times intruders on the tracks, platforms or berths stopped a site's departures (a stop that extends one in force counts once)"},
	"departures_stopped_hours":           {"hours", "hours of departures stopped by intruders, both sites"},
	"lorries_in_system_end":              {"lorries", "lorries still on the roads, in queues or on board at the end"},
	"detections_total":                   {"people", "people detected at the juxtaposed controls, all methods"},
	"detections_by_method":               {"people", "people detected at the juxtaposed controls by this method"},
	"searches_by_method":                 {"searches", "searches made with this method"},
	"false_alarms_total":                 {"searches", "searches that alarmed on a lorry with nobody hidden"},
	"xray_scans":                         {"scans", "X-ray or gamma scans of lorries"},
	"xray_process_time_mean_min":         {"minutes per scan", "mean whole-process time of a scan (positioning, beam, image review)"},
	"xray_beam_time_mean_min":            {"minutes per scan", "mean beam-on time of a scan"},
	"contraband_detections":              {"lorries", "lorries in which a scan found contraband"},
	"stowaway_dose_usv_total":            {"µSv", "radiation dose received by hidden people from scans, summed over people"},
	"stowaway_dose_usv_max":              {"µSv", "largest dose received by any one hidden person over the run"},
	"driver_dose_usv_total":              {"µSv", "radiation dose received by drivers from scans, summed"},
	"search_share_end":                   {"share of lorries", "the controls' search share at the end (after live policy changes)"},
	"surge_return_days":                  {"days", "days for detections to return within 10 % of their level before a surge (0: no surge)"},
	"migrants_in_camp_start":             {"people", "people in the Calais camps at the start"},
	"migrants_in_camp_end":               {"people", "people in the Calais camps at the end"},
	"migrants_arrived":                   {"people", "people who arrived at the camps"},
	"migrants_left_camp":                 {"people", "people who left the camps other than by crossing"},
	"boarding_attempts":                  {"attempts", "attempts to board a UK-bound lorry"},
	"boarding_attempts_by_spot":          {"attempts", "attempts to board a lorry at this boarding spot"},
	"migrants_transferred_to_centres":    {"people", "people taken from the camp to reception centres (CAO) or cleared"},
	"migrants_gave_up":                   {"people", "people who left the camp after failing to get on a lorry"},
	"moved_to_other_camps":               {"people", "moves from the Calais camp to the other camps (Dunkirk, Belgium)"},
	"moved_back_from_other_camps":        {"people", "moves from the other camps back to Calais"},
	"migrants_in_other_camps_end":        {"people", "people in the other camps at the end"},
	"spots_found_day":                    {"day", "day of the run (0: the first) on which half the camp knew this spot, for spots few knew at the start"},
	"roadblock_nights":                   {"nights", "nights the camp barricaded the port's approach road"},
	"smugglers_price_max_gbp":            {"GBP", "highest price the smugglers asked at their spots"},
	"intercepted_at_spots":               {"people", "people stopped by French police at boarding spots"},
	"lorries_tried_to_the_limit":         {"lorries", "times a lorry was tried by as many groups in a night as it can be (migrants.tries_per_lorry_night)"},
	"stowaways_found_by_drivers":         {"people", "hidden people found by their driver's check before leaving a lorry park or rest area"},
	"rest_area_stops":                    {"lorries", "UK-bound lorries that stopped at this rest area (freight.rest_areas)"},
	"rest_area_full":                     {"lorries", "UK-bound drivers who found this rest area full and drove on"},
	"stowaways_boarded":                  {"people", "people who hid in a lorry"},
	"stowaways_by_place":                 {"people", "people who hid in this place of a lorry"},
	"stowaways_by_spot":                  {"people", "people who hid in a lorry at this boarding spot"},
	"stowaways_found_french_police":      {"people", "hidden people found by French police before the controls"},
	"stowaways_detected_controls":        {"people", "hidden people detected at the juxtaposed controls"},
	"stowaways_detected_uk_arrival":      {"people", "hidden people detected on arrival in the UK"},
	"clandestine_arrivals_uk":            {"people", "hidden people who reached the UK undetected"},
	"clandestine_arrivals_unsearched":    {"people", "of those, people in lorries never searched"},
	"in_country_encounters":              {"people", "people encountered in the UK after a clandestine arrival, all routes"},
	"in_country_encounters_via_calais":   {"people", "of those, people who crossed through Calais or Coquelles in the model"},
	"in_country_encounters_other_routes": {"people", "of those, people who came by other routes (other_routes_ratio, or the fixed other_routes_encounters_per_day)"},
	"in_country_encounters_by_place":     {"people", "encounters via Calais by where the people left their lorry (migrants.lorry_drops)"},
	"disappeared_in_uk":                  {"people", "people who reached the UK and were never encountered"},
	"attempts_per_person_mean":           {"attempts per person", "mean boarding attempts per person who came to the camps"},
	"civil_penalties_gbp":                {"GBP", "civil penalties charged to hauliers for people found in their lorries"},
	"complicit_payments_gbp":             {"GBP", "payments to complicit drivers"},
	"hours_concealed_mean":               {"hours", "mean time hidden in a lorry, per stowaway"},
	"stowaway_co2_max_ppm":               {"ppm", "highest CO₂ rise above ambient in an occupied load space"},
	"boarding_injuries":                  {"people", "people injured while boarding"},
	"removal_plans":                      {"plans", "removal plans made"},
	"removal_plans_cancelled":            {"plans", "removal plans cancelled"},
	"removal_cancellation_rate":          {"share of plans", "cancelled / (cancelled + completed ticketed removals)"},
	"cancellations_by_cause":             {"plans", "removal plans cancelled for this cause"},
	"removals_completed":                 {"people", "removals completed"},
	"removals_enforced":                  {"people", "enforced removals completed"},
	"removals_escorted":                  {"people", "removals with an escort"},
	"removals_charter":                   {"people", "removals by charter flight"},
	"removals_ticketed":                  {"people", "removals on scheduled flights"},
	"charter_flights":                    {"flights", "charter flights flown"},
	"tickets_issued":                     {"tickets", "flight tickets bought"},
	"tickets_used":                       {"tickets", "flight tickets used"},
	"tickets_cancelled":                  {"tickets", "flight tickets cancelled"},
	"tickets_open":                       {"tickets", "flight tickets neither used nor cancelled at the end"},
	"tickets_per_removal":                {"tickets per removal", "tickets used or cancelled per ticketed removal"},
	"ticket_spend_gbp":                   {"GBP", "spent on flight tickets"},
	"ticket_loss_gbp":                    {"GBP", "recorded loss on cancelled tickets"},
	"ticket_loss_true_gbp":               {"GBP", "true loss on cancelled tickets, recorded or not"},
	"ticket_loss_share":                  {"share of spend", "recorded loss / ticket spend"},
	"escort_utilisation":                 {"share of staff-days", "escort staff-days away on removals / staff-days available"},
	"detention_days_mean":                {"days", "mean days in detention per case that left detention"},
	"detained_end":                       {"people", "people in removal centres at the end"},
	"detention_full_refusals":            {"people", "people not detained because the centres were full"},
	"removal_cases_released":             {"people", "removal cases released from detention without removal"},
	"removal_cases_open":                 {"people", "removal cases still open at the end"},
	"removal_plans_escorted":             {"plans", "escorted removal plans made (those deferred for escorts included)"},
	"removal_plans_escorted_share":       {"share of plans", "escorted plans / plans with an outcome (cancelled or completed on a scheduled flight)"},
	"escort_requests_deferred":           {"plans", "escorted plans cancelled and set again because the contractor had no escorts free on the date asked for"},
	"escort_days_late_mean":              {"days", "mean days between the date asked for and the flight, per escorted removal on a scheduled flight"},
	"escort_late_share":                  {"share of removals", "escorted removals on scheduled flights that left after the date asked for"},
}

// dailyDocs describes the columns of daily.csv (sim.Model.DailyHeader).
var dailyDocs = map[string]metricDoc{
	"date":                        {"date", "the day (local date at Calais)"},
	"lorries_arrived":             {"lorries a day", "UK-bound lorries that arrived at Calais port or Coquelles"},
	"lorries_departed_port":       {"lorries a day", "UK-bound lorries that left by ferry"},
	"lorries_departed_tunnel":     {"lorries a day", "UK-bound lorries that left by shuttle"},
	"lorries_searched":            {"lorries a day", "UK-bound lorries searched at the controls"},
	"detections":                  {"people a day", "people detected by the search methods at the controls"},
	"freight_delay_mean_min":      {"minutes per lorry", "mean freight delay of the lorries that boarded that day"},
	"queue_max_lorries":           {"lorries", "longest queue of the day at the controls"},
	"kent_queue_max_lorries":      {"lorries", "longest queue of the day of France-bound lorries in Kent"},
	"operation_stack":             {"0 or 1", "1 if Operation Stack was in force at any time of the day"},
	"m20_lorries_max":             {"lorries", "most France-bound lorries on the M20 at once that day"},
	"stack_phases":                {"phases", "most phases of Operation Stack open at once that day"},
	"tap":                         {"0 or 1", "1 if lorries for Dover were held on the A20 (TAP) at any time of the day"},
	"france_bound_wait_mean_min":  {"minutes", "mean wait in Kent of the France-bound lorries that left that day"},
	"xray_scans":                  {"scans a day", "X-ray or gamma scans"},
	"departures_stopped_min":      {"minutes a day", "minutes of departures stopped by intruders, both sites (counted on the day each stop begins or is extended)"},
	"france_bound_wait_max_min":   {"minutes", "longest wait in Kent of the France-bound lorries that left that day"},
	"migrants_in_camp":            {"people", "people in the Calais camps at noon"},
	"boarding_attempts":           {"attempts a day", "attempts to board a UK-bound lorry"},
	"in_country_encounters":       {"people a day", "people encountered in the UK after a clandestine arrival"},
	"migrants_in_other_camps":     {"people", "people in the other camps (Dunkirk, Belgium) at noon"},
	"moved_to_other_camps":        {"people a day", "moves from the Calais camp to the other camps"},
	"moved_back_from_other_camps": {"people a day", "moves from the other camps back to Calais"},
	"transferred_to_centres":      {"people a day", "people taken to reception centres (CAO) or cleared"},
	"gave_up":                     {"people a day", "people who left the camp after failing to get on a lorry"},
	"spots_known":                 {"spots", "boarding spots the camp knows (found ones included)"},
	"smugglers_price_gbp":         {"GBP", "mean price the smugglers ask at the spots they run, at dawn"},
	"roadblock":                   {"0 or 1", "1 when the camp barricaded the port's approach road that night"},
	"removal_plans":               {"plans a day", "removal plans made"},
	"removals":                    {"people a day", "removals completed"},
	"removal_cancellations":       {"plans a day", "removal plans cancelled"},
	"escorts_away":                {"staff", "escort staff away on removals"},
}

// runColumns describes the identity columns of runs.csv.
var runIDColumns = map[string]metricDoc{
	"run":           {"", "run index: the row's place in the sweep's run order (docs/sweeps.md)"},
	"point":         {"", "index of the parameter point"},
	"replication":   {"", "replication of the point, from 0"},
	"seed":          {"text", "seed of the run's random streams, written as text: 0x and 16 hexadecimal digits (a seed up to 2⁶³ read as a number loses digits in spreadsheets, R and pandas); channelsim run --seed takes it as written"},
	"other_metrics": {"", "while a sweep runs: key=value pairs of metrics the first run lacked; the finished runs.csv has a column for each instead"},
}

// comparisonDocs describes the columns of comparison.csv.
var comparisonDocs = map[string]metricDoc{
	"metric":             {"", "the summary metric (see channelsim columns for its unit)"},
	"scenario":           {"", "the scenario's name"},
	"n":                  {"runs", "replications"},
	"mean":               {"the metric's unit", "mean over the replications"},
	"ci95_lo":            {"the metric's unit", "lower bound of the 95 % Student-t interval of the mean"},
	"ci95_hi":            {"the metric's unit", "upper bound of the 95 % Student-t interval of the mean"},
	"sd":                 {"the metric's unit", "standard deviation over the replications"},
	"diff_mean":          {"the metric's unit", "mean paired difference from the first scenario (empty for the first)"},
	"diff_ci95_lo":       {"the metric's unit", "lower bound of the 95 % interval of the paired difference"},
	"diff_ci95_hi":       {"the metric's unit", "upper bound of the 95 % interval of the paired difference"},
	"relative_change":    {"fraction", "diff_mean / the first scenario's mean (empty when that is 0)"},
	"diff_excludes_zero": {"", "true when the interval of the difference excludes 0"},
}

// describeColumn returns the unit and meaning of a column of runs.csv or a
// summary metric: a run column, a scenario key (from its tags), a summary
// metric, or a map metric's entry ("detections_by_method.xray").
func describeColumn(name string) column {
	if d, ok := runIDColumns[name]; ok {
		return column{name, d.unit, d.doc}
	}
	if d, ok := metricDocs[name]; ok {
		return column{name, d.unit, d.doc}
	}
	if k, ok := scenarios.KeyOf(name); ok {
		return column{name, k.Unit, "scenario key: " + k.Doc}
	}
	if parent, sub, ok := strings.Cut(name, "."); ok {
		if d, ok := metricDocs[parent]; ok {
			return column{name, d.unit, d.doc + ": " + sub + " (0: none counted)"}
		}
	}
	return column{name, unitFromSuffix(name), ""}
}

// describeDaily returns the unit and meaning of a daily.csv column.
func describeDaily(name string) column {
	if d, ok := dailyDocs[name]; ok {
		return column{name, d.unit, d.doc}
	}
	if spot, ok := strings.CutPrefix(name, "attempts_"); ok {
		return column{name, "attempts a day", "attempts to board a lorry at the boarding spot " + spot}
	}
	if place, ok := strings.CutPrefix(name, "lorries_at_"); ok {
		return column{name, "lorries", "most UK-bound lorries resting at the rest area " + place + " at once during the day"}
	}
	return column{name, unitFromSuffix(name), ""}
}

// unitFromSuffix guesses a unit from the naming convention of the keys.
func unitFromSuffix(name string) string {
	for _, s := range []struct{ suffix, unit string }{
		{"_min", "minutes"}, {"_gbp", "GBP"}, {"_usv", "µSv"}, {"_ppm", "ppm"}, {"_days", "days"},
		{"_lorries", "lorries"}, {"_share", "share"}, {"_rate", "share"},
	} {
		if strings.HasSuffix(name, s.suffix) || strings.Contains(name, s.suffix+"_") {
			return s.unit
		}
	}
	return ""
}

// axisLabel is a chart axis label for a column: its meaning (or name)
// and unit, such as "people detected at the juxtaposed controls (people)".
func axisLabel(name string) string {
	c := describeColumn(name)
	label := name
	if c.Description != "" {
		label = strings.TrimPrefix(c.Description, "scenario key: ")
	}
	if c.Unit != "" && c.Unit != "the metric's unit" {
		label += " (" + c.Unit + ")"
	}
	return label
}

// shortAxisLabel is axisLabel, or the column's name and unit when that
// is longer than max characters (two lines of a rotated label).
func shortAxisLabel(name string, max int) string {
	if l := axisLabel(name); len([]rune(l)) <= max {
		return l
	}
	if u := describeColumn(name).Unit; u != "" && u != "the metric's unit" {
		return name + " (" + u + ")"
	}
	return name
}

// columnsFor describes the columns of a CSV file from its header: runs.csv,
// daily.csv or comparison.csv.
func columnsFor(kind string, header []string) []column {
	out := make([]column, 0, len(header))
	for _, h := range header {
		switch kind {
		case "daily.csv":
			out = append(out, describeDaily(h))
		case "comparison.csv":
			d := comparisonDocs[h]
			out = append(out, column{h, d.unit, d.doc})
		default:
			out = append(out, describeColumn(h))
		}
	}
	return out
}

// columnsJSON is columns.json: for each CSV file of a directory, its
// columns with unit and meaning, in the file's order.
func columnsJSON(files map[string][]string) ([]byte, error) {
	doc := map[string][]column{}
	for name, header := range files {
		doc[name] = columnsFor(name, header)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// columnsOptions are the columns command's parsed command line.
type columnsOptions struct {
	File   string // a CSV file, or "" for every metric
	Format string
}

func init() { register(newColumnsCmd) }

func newColumnsCmd() *cobra.Command {
	var o columnsOptions
	var asJSON bool
	c := &cobra.Command{
		Use:   "columns [FILE.csv]",
		Short: "the data dictionary: each output column's unit and meaning",
		Long: "Prints each column of an output CSV file (runs.csv, daily.csv or comparison.csv)\n" +
			"with its unit and meaning; without a file, every summary metric (the columns of\n" +
			"runs.csv and the keys of summary.json) and every daily.csv column. Each output\n" +
			"directory also holds the same as columns.json.",
		Example: "  channelsim columns sb/runs.csv\n  channelsim columns --format csv > dictionary.csv",
		Args:    maxArgs(1, "file"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"csv"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.File = args[0]
			}
			if asJSON {
				o.Format = "json"
			}
			return status(runColumnsCmd(o))
		},
	}
	addFormatFlag(c, &o.Format, &asJSON)
	return c
}

func runColumnsCmd(o columnsOptions) int {
	if code := checkFormat("columns", o.Format); code != exitOK {
		return code
	}
	tables := map[string][]column{}
	var order []string
	if o.File != "" {
		header, err := readHeader(o.File)
		if err != nil {
			fmt.Fprintf(os.Stderr, "channelsim columns: %v\n", err)
			return exitUsage
		}
		var kind string
		switch {
		case len(header) > 0 && header[0] == "date":
			kind = "daily.csv"
		case len(header) > 1 && header[0] == "metric" && header[1] == "scenario":
			kind = "comparison.csv"
		default:
			kind = "runs.csv"
		}
		tables[o.File] = columnsFor(kind, header)
		order = append(order, o.File)
	} else {
		var ms, ds []column
		for _, k := range sortedKeys(metricDocs) {
			ms = append(ms, describeColumn(k))
		}
		// daily.csv's columns in their order: those of the baseline's model.
		if sc, err := scenarios.Load(scenarios.Default); err == nil {
			if m, err := sim.NewDefault(sc.Config); err == nil {
				for _, k := range m.DailyHeader() {
					ds = append(ds, describeDaily(k))
				}
			}
		}
		for _, k := range sortedKeys(dailyDocs) {
			if !containsColumn(ds, k) {
				ds = append(ds, describeDaily(k))
			}
		}
		tables["summary metrics (summary.json, runs.csv)"] = ms
		tables["daily.csv"] = ds
		order = append(order, "summary metrics (summary.json, runs.csv)", "daily.csv")
	}
	switch o.Format {
	case "json":
		b, err := json.MarshalIndent(tables, "", "  ")
		if err != nil {
			return exitInternal
		}
		stdout.Write(append(b, '\n'))
	case "csv":
		rows := [][]string{{"table", "name", "unit", "description"}}
		for _, t := range order {
			for _, c := range tables[t] {
				rows = append(rows, []string{t, c.Name, c.Unit, c.Description})
			}
		}
		writeCSV(stdout, rows)
	default:
		w := bufio.NewWriter(stdout)
		for i, t := range order {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "%s\n", t)
			width := 0
			for _, c := range tables[t] {
				width = max(width, len(c.Name))
			}
			for _, c := range tables[t] {
				unit := c.Unit
				if unit == "" {
					unit = "–"
				}
				fmt.Fprintf(w, "  %-*s  %-20s  %s\n", width, c.Name, unit, c.Description)
			}
		}
		w.Flush()
	}
	return exitOK
}

func containsColumn(cs []column, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

// maxHeaderBytes is the most read to find a CSV file's header.
const maxHeaderBytes = 1 << 20

// readHeader reads the first record of a CSV file.
func readHeader(path string) ([]string, error) {
	f, err := safefile.OpenInput(path, "CSV file")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := csv.NewReader(io.LimitReader(f, maxHeaderBytes)).Read()
	if err != nil {
		return nil, fmt.Errorf("%s: no header in its first %s: %v", path, safefile.FormatBytes(maxHeaderBytes), err)
	}
	return h, nil
}
