package sheet_test

import (
	"context"
	"slices"
	"testing"

	"github.com/casenode/casenode/casefile"
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
	diffs, err := n.db.Diffs(context.Background(), first.Framework)
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
