package casefile

import (
	"encoding/csv"
	"io"
	"strings"
)

// SafeCSVCell is the one rule for text written to a CSV file a person may
// open in a spreadsheet: a cell beginning with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe, so the spreadsheet shows it as
// text instead of running it as a formula (CSV injection). Other cells are
// unchanged.
func SafeCSVCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// formulaStarts are the first characters that make a spreadsheet run a cell.
const formulaStarts = "=+-@\t\r"

// PlainCSVCell undoes SafeCSVCell on a cell read back (a spreadsheet import):
// the apostrophe before a formula character is dropped. (A cell that really
// began with an apostrophe and a formula character loses the apostrophe: the
// convention cannot tell the two apart.)
func PlainCSVCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte(formulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// CSVWriter is an encoding/csv writer that passes every cell through
// SafeCSVCell. Every CSV export of the node writes through it.
type CSVWriter struct {
	*csv.Writer
	row []string
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{Writer: csv.NewWriter(w)} }

// Write writes one row with its cells neutralised.
func (w *CSVWriter) Write(row []string) error {
	w.row = w.row[:0]
	for _, c := range row {
		w.row = append(w.row, SafeCSVCell(c))
	}
	return w.Writer.Write(w.row)
}
