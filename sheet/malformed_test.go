package sheet_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/xuri/excelize/v2"
)

// workbook writes an XLSX file with OpenSALT's sheets; cells maps a sheet
// name to its rows, formulas a "Sheet!A1" cell to a formula.
func workbook(t *testing.T, cells map[string][][]string, formulas map[string]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, name := range []string{"CF Doc", "CF Item", "CF Association"} {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range cells[name] {
			for j, v := range r {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if err := f.SetCellStr(name, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for at, formula := range formulas {
		sheet, ref, _ := strings.Cut(at, "!")
		if err := f.SetCellFormula(sheet, ref, formula); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var docSheet = [][]string{{"identifier", "creator", "title"}, {"0a4e2a52-6bd6-4d5c-9f6e-6a3c1d9b2c10", "Tester", "Formula test"}}

// Malformed sheets are rejected whole, with the row and column of each
// problem, and change nothing.
func TestMalformedSheetsRejected(t *testing.T) {
	n := newNode(t)
	n.mustImport("good.csv", []byte("fullStatement,humanCodingScheme\nKept,K.1\n"))
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"missing-column.csv", read("missing-column.csv"), []string{"missing-column.csv row 1: missing required column fullStatement"}},
		{"unknown-parent.csv", read("unknown-parent.csv"), []string{"unknown-parent.csv row 3, column parent: no row has the code 3.OA.A"}},
		{"cycle.csv", read("cycle.csv"), []string{"cycle.csv row 2, column parent: the rows' parents form a cycle: row 2 > row 4 > row 3 > row 2"}},
		{"duplicate-code.csv", read("duplicate-code.csv"), []string{"duplicate-code.csv row 3, column humanCodingScheme: duplicate code X.1 (also on row 2)"}},
		{"header-only.csv", read("header-only.csv"), []string{"header-only.csv: the sheet is empty"}},
		// Found by the import path's validation, still named by row and column.
		{"bad-time.csv", read("bad-time.csv"), []string{"bad-time.csv row 3, column lastChangeDateTime: malformed date-time \"yesterday\""}},
		{"formula.xlsx", workbook(t, map[string][][]string{"CF Doc": docSheet,
			"CF Item": {{"identifier", "fullStatement", "humanCodingScheme"}, {"", "Add", "A.1"}, {"", "", "A.2"}}},
			map[string]string{"CF Item!B3": "=HYPERLINK(\"http://127.0.0.1/x\",\"click\")"}),
			[]string{"formula.xlsx, sheet CF Item row 3, column B: the cell holds a formula"}},
		{"empty.xlsx", workbook(t, map[string][][]string{"CF Doc": docSheet, "CF Item": {{"identifier", "fullStatement"}}}, nil),
			[]string{"empty.xlsx: the workbook is empty"}},
		{"bad-parent.xlsx", workbook(t, map[string][][]string{"CF Doc": docSheet,
			"CF Item": {{"identifier", "fullStatement", "humanCodingScheme", "smartLevel"}, {"", "One", "A", "1"}, {"", "Two", "B", "2.1"}}}, nil),
			[]string{"bad-parent.xlsx, sheet CF Item row 3, column smartLevel: no row has the smart level 2"}},
	}
	before, _ := n.db.LastSeq(context.Background())
	for _, c := range cases {
		_, err := n.importData(c.name, c.data)
		if casefile.ErrorCode(err) != casefile.Invalid {
			t.Errorf("%s: %v, want invalid", c.name, err)
			continue
		}
		text := problemsText(err)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q does not say %q", c.name, text, w)
			}
		}
	}
	after, _ := n.db.LastSeq(context.Background())
	fws, _ := n.db.Frameworks(context.Background())
	if after != before || len(fws) != 1 {
		t.Errorf("rejected sheets wrote: seq %d -> %d, %d frameworks", before, after, len(fws))
	}
}

func problemsText(err error) string {
	var b strings.Builder
	b.WriteString(casefile.ErrorMessage(err))
	if ce, ok := err.(*casefile.Error); ok {
		for _, p := range ce.Problems {
			b.WriteString("\n" + p.String())
		}
	}
	return b.String()
}

// A real sheet whose parent column names codes no row has is rejected with
// every such row listed.
func TestHFMathMissingParentsRejected(t *testing.T) {
	path := filepath.Join(fixtureDir(t), "HFMathSkillsWithParents.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = newNode(t).importData("HFMathSkillsWithParents.csv", data)
	text := problemsText(err)
	for _, w := range []string{"row 2, column Parent: no row has the code H.A", "row 281, column Parent: no row has the code H.A.MATH.NQ.FC.PW"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q does not say %q", text, w)
		}
	}
}
