// Package sheet reads and writes frameworks as spreadsheets: OpenSALT's CSV
// format and its XLSX workbook (sheets "CF Doc", "CF Item", "CF
// Association"), COMPEITO's CSV with its rubric CSV, and the reviewed
// crosswalk CSV. Reading builds a casefile.Package that then takes the node's
// one import path; every problem names the file, row and column it is in.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// MaxRows bounds the data rows of one table (the import's byte cap bounds the rest).
const MaxRows = 500_000

// maxProblems is how many problems a rejection lists before it stops looking.
const maxProblems = 200

// table is one sheet of cells: a header row and data rows. Row numbers are
// the spreadsheet's own (1-based, counting the header and any preamble), so
// messages point where a person looks.
type table struct {
	name   string   // "items.csv" or "book.xlsx, sheet CF Item"
	header []string // as written
	cols   map[string]int
	rows   []row
	meta   [][]string // "#key,value…" lines before the header (COMPEITO)
}

type row struct {
	n     int // spreadsheet row number
	cells []string
}

// cell returns the value of the canonical column col in r ("" when absent).
func (t *table) cell(r row, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return casefile.PlainCSVCell(strings.TrimSpace(r.cells[i]))
}

// text returns a free-text cell as written (spacing and line breaks kept),
// "" when it holds only white space.
func (t *table) text(r row, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(r.cells) || strings.TrimSpace(r.cells[i]) == "" {
		return ""
	}
	return casefile.PlainCSVCell(r.cells[i])
}

func (t *table) has(col string) bool { _, ok := t.cols[col]; return ok }

// at names a cell for a message: "items.csv row 48, column parent".
func (t *table) at(r row, col string) string {
	if i, ok := t.cols[col]; ok {
		col = t.header[i]
	}
	return fmt.Sprintf("%s row %d, column %s", t.name, r.n, col)
}

// problems collects row-and-column findings; a sheet with any is rejected whole.
type problems struct{ list []casefile.Problem }

func (p *problems) add(where, format string, args ...any) {
	if len(p.list) < maxProblems {
		p.list = append(p.list, casefile.Problem{Path: where, Message: fmt.Sprintf(format, args...)})
	}
}

// err is the rejection, nil when there are no problems.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	msg := p.list[0].String()
	if len(p.list) > 1 {
		msg = fmt.Sprintf("%s (and %d more problems)", msg, len(p.list)-1)
	}
	return &casefile.Error{Code: casefile.Invalid, Message: msg, Problems: p.list}
}

func invalid(format string, args ...any) error {
	return casefile.Errorf(casefile.Invalid, format, args...)
}

// readCSV reads a whole CSV file: an optional UTF-8 byte-order mark, CRLF or
// LF line ends, "#key,value" preamble lines, the header, and data rows (rows
// with no value at all are skipped; trailing empty columns are ignored).
func readCSV(name string, data []byte) (*table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	t := &table{name: name}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, invalid("%s row %d: not valid CSV (%s)", name, pe.StartLine, pe.Err)
			}
			return nil, invalid("%s: not valid CSV", name)
		}
		if blank(rec) {
			continue
		}
		switch {
		case t.header == nil && strings.HasPrefix(rec[0], "#"):
			t.meta = append(t.meta, rec)
		case t.header == nil:
			t.header = rec
		default:
			if len(t.rows) == MaxRows {
				return nil, invalid("%s: more than %d rows", name, MaxRows)
			}
			t.rows = append(t.rows, row{n: n, cells: rec})
		}
	}
	if t.header == nil {
		return nil, invalid("%s: the file is empty (no header row)", name)
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
