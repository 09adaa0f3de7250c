package sheet_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/sheet"
)

// Re-importing an edited sheet goes through the normal import path and is
// recorded like any update: exactly the changed statement, the new row, the
// removed row and the moved row.
func TestEditedSheetChangeRecords(t *testing.T) {
	n := newNode(t)
	first := n.mustImport("plan.csv", []byte("fullStatement,humanCodingScheme,parent,sequenceNumber\r\n"+
		"Root A,A,,1\r\nRoot B,B,,2\r\nChild A1,A.1,A,1\r\nChild A2,A.2,A,2\r\nChild B1,B.1,B,1\r\n"))
	ids := map[string]string{}
	links := map[string]string{}
	record := func(p *casefile.Package) {
		for _, it := range p.CFItems {
			ids[it.HumanCodingScheme] = it.Identifier
		}
		for _, a := range p.CFAssociations {
			for code, id := range ids {
				if a.OriginNodeURI.Identifier == id && a.AssociationType == casefile.IsChildOf {
					links[code] = a.Identifier
				}
			}
		}
	}
	record(n.pkg(first.Framework))

	n.now = n.now.Add(24 * 3600e9)
	// A.1's statement changed, A.2 removed, B.1 moved under A, B.2 new.
	second := n.mustImport("plan.csv", []byte("fullStatement,humanCodingScheme,parent,sequenceNumber\r\n"+
		"Root A,A,,1\r\nRoot B,B,,2\r\nChild A1 (revised),A.1,A,1\r\nChild B1,B.1,A,1\r\nChild B2,B.2,B,2\r\n"))
	if second.Framework != first.Framework || second.Items != 5 {
		t.Fatalf("second import: %+v", second)
	}
	record(n.pkg(second.Framework))
	checkFourEdits(t, n, first.Framework, ids, links)
	// The changed item carries the import's time, the unchanged keep theirs;
	// every row got the node's canonical uri.
	for _, it := range n.pkg(first.Framework).CFItems {
		if it.URI != testBase+"/uri/"+it.Identifier {
			t.Errorf("%s has uri %s", it.HumanCodingScheme, it.URI)
		}
		want := "2026-01-02T03:04:05Z"
		if it.HumanCodingScheme == "A.1" || it.HumanCodingScheme == "B.2" {
			want = "2026-01-03T03:04:05Z"
		}
		if it.LastChangeDateTime != want {
			t.Errorf("%s changed at %s, want %s", it.HumanCodingScheme, it.LastChangeDateTime, want)
		}
	}
}

// An exported CSV carries each association whole in its "#association"
// lines; edited in its columns and imported again, the columns decide: a row
// moved to another parent keeps its link's identity (modified), a cleared
// link cell removes that link, and every other link keeps its identifier.
func TestEditedExportedCSVKeepsIdentities(t *testing.T) {
	n := newNode(t)
	first := n.mustImport("plan.csv", []byte("fullStatement,humanCodingScheme,parent,sequenceNumber,isRelatedTo\r\n"+
		"Root A,A,,1,\r\nRoot B,B,,2,\r\nChild A1,A.1,A,1,B\r\nChild B1,B.1,B,1,\r\n"))
	held := n.pkg(first.Framework)
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, held); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "#association,") {
		t.Fatal("the export has no association lines")
	}
	// Edit the columns as a person would: B.1 moves under A, A.1's isRelatedTo is cleared.
	lines := strings.Split(strings.ReplaceAll(buf.String(), "\r\n", "\n"), "\n")
	var header []string
	edited := 0
	for i, l := range lines {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		rec, err := csv.NewReader(strings.NewReader(l)).Read()
		if err != nil {
			t.Fatal(err)
		}
		if header == nil {
			header = rec
			continue
		}
		col := func(name string) int { return slices.Index(header, name) }
		switch rec[col("humanCodingScheme")] {
		case "B.1":
			rec[col("isChildOf")] = held.CFItems[slices.IndexFunc(held.CFItems, func(it casefile.Item) bool { return it.HumanCodingScheme == "A" })].Identifier
			edited++
		case "A.1":
			rec[col("isRelatedTo")] = ""
			edited++
		}
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write(rec)
		w.Flush()
		lines[i] = strings.TrimRight(b.String(), "\n")
	}
	if edited != 2 {
		t.Fatalf("edited %d rows of the export, want 2 (header %q)", edited, header)
	}
	n.now = n.now.Add(24 * 3600e9)
	second := n.mustImport("plan.csv", []byte(strings.Join(lines, "\r\n")))
	if second.Framework != first.Framework {
		t.Fatalf("re-import made another framework: %+v", second)
	}
	after := n.pkg(second.Framework)
	byID := map[string]casefile.Association{}
	for _, a := range after.CFAssociations {
		byID[a.Identifier] = a
	}
	code := map[string]string{}
	for _, it := range after.CFItems {
		code[it.Identifier] = it.HumanCodingScheme
	}
	for _, a := range held.CFAssociations {
		got, kept := byID[a.Identifier]
		switch {
		case a.AssociationType == casefile.IsRelatedTo:
			if kept {
				t.Errorf("the cleared isRelatedTo link is still there")
			}
		case !kept:
			t.Errorf("link %s %s lost its identity", code[a.OriginNodeURI.Identifier], a.AssociationType)
		case code[a.OriginNodeURI.Identifier] == "B.1" && code[got.DestinationNodeURI.Identifier] != "A":
			t.Errorf("B.1's parent link points at %s, want A", code[got.DestinationNodeURI.Identifier])
		}
	}
	diffs, err := n.db.Diffs(context.Background(), first.Framework)
	if err != nil || len(diffs) == 0 {
		t.Fatalf("diffs: %v %v", diffs, err)
	}
	if d := diffs[0]; len(d.AssociationsModified) != 1 || len(d.AssociationsRemoved) != 1 || len(d.AssociationsAdded) != 0 || len(d.ItemsModified) != 0 {
		t.Errorf("change record: %+v; want one association modified (the move) and one removed", d)
	}
}

// checkFourEdits checks the last change record of fw is exactly the four
// edits both update tests make: A.1 changed, B.2 added, A.2 removed, B.1
// moved (its parent link modified), and the document unchanged. ids and
// links name the items and their parent links by code.
func checkFourEdits(t *testing.T, n *node, fw string, ids, links map[string]string) {
	t.Helper()
	diffs, err := n.db.Diffs(context.Background(), fw)
	if err != nil || len(diffs) == 0 {
		t.Fatalf("diffs: %v %v", diffs, err)
	}
	d := diffs[0]
	check := func(what string, got []string, want ...string) {
		t.Helper()
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
	}
	check("items modified", d.ItemsModified, ids["A.1"])
	check("items added", d.ItemsAdded, ids["B.2"])
	check("items removed", d.ItemsRemoved, ids["A.2"])
	check("associations modified (the moved row's parent link)", d.AssociationsModified, links["B.1"])
	check("associations added (the new row's parent link)", d.AssociationsAdded, links["B.2"])
	check("associations removed (the removed row's parent link)", d.AssociationsRemoved, links["A.2"])
	if d.DocumentModified {
		t.Errorf("document recorded as modified")
	}
}
