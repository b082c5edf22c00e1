package main

import (
	"encoding/csv"
	"io"
	"strconv"
)

// plural writes n with the noun, in the plural unless n is 1: "1 day",
// "14 days", "1 replication".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// writeCSV writes rows as CSV.
func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.WriteAll(rows)
	return cw.Error()
}
