package sheet_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/casenode/casenode/sheet"
	"github.com/xuri/excelize/v2"
)

// The same edit made in the workbook the node exported (a statement changed,
// a row added, a row removed with its tree row, a row moved by changing its
// tree row's destination) gives exactly those change records.
func TestEditedWorkbookChangeRecords(t *testing.T) {
	n := newNode(t)
	first := n.mustImport("plan.csv", []byte("fullStatement,humanCodingScheme,parent,sequenceNumber\n"+
		"Root A,A,,1\nRoot B,B,,2\nChild A1,A.1,A,1\nChild A2,A.2,A,2\nChild B1,B.1,B,1\n"))
	held := n.pkg(first.Framework)
	id := map[string]string{}
	link := map[string]string{}
	for _, it := range held.CFItems {
		id[it.HumanCodingScheme] = it.Identifier
	}
	for _, a := range held.CFAssociations {
		for code, i := range id {
			if a.OriginNodeURI.Identifier == i {
				link[code] = a.Identifier
			}
		}
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, held); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := f.GetRows("CF Item")
	assocs, _ := f.GetRows("CF Association")
	find := func(rows [][]string, col int, v string) int {
		for i, r := range rows {
			if len(r) > col && r[col] == v {
				return i + 1 // sheet row number
			}
		}
		t.Fatalf("no row with %s", v)
		return 0
	}
	set := func(sheetName string, row int, col string, v string) {
		if err := f.SetCellStr(sheetName, col+strconv.Itoa(row), v); err != nil {
			t.Fatal(err)
		}
	}
	set("CF Item", find(items, 2, "A.1"), "B", "Child A1 (revised)")                    // statement
	set("CF Association", find(assocs, 0, link["B.1"]), "H", id["A"])                   // move B.1 under A
	if err := f.RemoveRow("CF Association", find(assocs, 0, link["A.2"])); err != nil { // remove A.2's tree row…
		t.Fatal(err)
	}
	if err := f.RemoveRow("CF Item", find(items, 2, "A.2")); err != nil { // …and A.2
		t.Fatal(err)
	}
	rows, _ := f.GetRows("CF Item")
	set("CF Item", len(rows)+1, "B", "Child B2") // a new row, placed under B by its code
	set("CF Item", len(rows)+1, "C", "B.2")
	var edited bytes.Buffer
	if err := f.Write(&edited); err != nil {
		t.Fatal(err)
	}

	n.now = n.now.Add(24 * 3600e9)
	res := n.mustImport("plan.xlsx", edited.Bytes())
	if res.Framework != first.Framework || res.Items != 5 {
		t.Fatalf("edited workbook: %+v", res)
	}
	after := n.pkg(first.Framework)
	for _, it := range after.CFItems {
		id[it.HumanCodingScheme] = it.Identifier
	}
	uri := map[string]string{}
	for _, it := range after.CFItems {
		uri[it.Identifier] = it.URI
	}
	for _, a := range after.CFAssociations {
		if a.OriginNodeURI.Identifier == id["B.1"] && (a.DestinationNodeURI.URI != uri[id["A"]] || a.DestinationNodeURI.Title != "A") {
			t.Errorf("moved row's link points at %+v, want A's uri and title", a.DestinationNodeURI)
		}
		if a.OriginNodeURI.Identifier == id["B.2"] {
			link["B.2"] = a.Identifier
			if a.DestinationNodeURI.Identifier != id["B"] {
				t.Errorf("B.2 placed under %s", a.DestinationNodeURI.Identifier)
			}
		}
	}
	checkFourEdits(t, n, first.Framework, id, link)
}
