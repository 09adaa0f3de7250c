package sheet_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/sheet"
)

// samePackage reports the first differences between two packages, object by
// object in their CASE 1.1 encoding.
func samePackage(t *testing.T, want, got *casefile.Package, assocIdentity bool) {
	t.Helper()
	enc := func(b []byte, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := enc(casefile.MarshalDocument(&want.CFDocument, casefile.V1p1)), enc(casefile.MarshalDocument(&got.CFDocument, casefile.V1p1)); a != b {
		t.Errorf("document differs:\n want %s\n got  %s", a, b)
	}
	if a, b := mustJSON(t, want.CFDefinitions), mustJSON(t, got.CFDefinitions); a != b {
		t.Errorf("definitions differ:\n want %.600s\n got  %.600s", a, b)
	}
	if len(want.CFItems) != len(got.CFItems) || (assocIdentity && len(want.CFAssociations) != len(got.CFAssociations)) {
		t.Fatalf("%d items, %d associations; want %d, %d", len(got.CFItems), len(got.CFAssociations), len(want.CFItems), len(want.CFAssociations))
	}
	items := map[string]*casefile.Item{}
	for i := range got.CFItems {
		items[got.CFItems[i].Identifier] = &got.CFItems[i]
	}
	bad := 0
	for i := range want.CFItems {
		w := &want.CFItems[i]
		g := items[w.Identifier]
		if g == nil {
			t.Fatalf("item %s missing", w.Identifier)
		}
		if a, b := enc(casefile.MarshalItem(w, casefile.V1p1)), enc(casefile.MarshalItem(g, casefile.V1p1)); a != b && bad < 3 {
			bad++
			t.Errorf("item differs:\n want %s\n got  %s", a, b)
		}
	}
	if !assocIdentity {
		sameLinks(t, want, got)
		return
	}
	assocs := map[string]*casefile.Association{}
	for i := range got.CFAssociations {
		assocs[got.CFAssociations[i].Identifier] = &got.CFAssociations[i]
	}
	for i := range want.CFAssociations {
		w := &want.CFAssociations[i]
		g := assocs[w.Identifier]
		if g == nil {
			t.Fatalf("association %s missing", w.Identifier)
		}
		if a, b := enc(casefile.MarshalAssociation(w, casefile.V1p1)), enc(casefile.MarshalAssociation(g, casefile.V1p1)); a != b && bad < 6 {
			bad++
			t.Errorf("association differs:\n want %s\n got  %s", a, b)
		}
	}
}

// roundTrip exports a held framework in format and imports it into a fresh node.
func roundTrip(t *testing.T, held *casefile.Package, name string, write func(*bytes.Buffer, *casefile.Package) error) *casefile.Package {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, held); err != nil {
		t.Fatal(err)
	}
	n2 := newNode(t)
	res := n2.mustImport(name, buf.Bytes())
	return n2.pkg(res.Framework)
}

// The workbook carries every association with its identity in its CF
// Association sheet; the CSV in its "#association" lines, next to the flat
// columns people edit. Both come back field for field.
var writers = []struct {
	ext           string
	write         func(*bytes.Buffer, *casefile.Package) error
	assocIdentity bool
}{
	{"xlsx", func(b *bytes.Buffer, p *casefile.Package) error { return sheet.WriteXLSX(b, p) }, true},
	{"csv", func(b *bytes.Buffer, p *casefile.Package) error { return sheet.WriteCSV(b, p) }, true},
}

// sameLinks compares associations by what they link. A flat CSV has a row
// per item: links from elsewhere and the order of links other than the tree
// are not in it.
func sameLinks(t *testing.T, want, got *casefile.Package) {
	t.Helper()
	items := map[string]bool{}
	for _, it := range want.CFItems {
		items[it.Identifier] = true
	}
	key := func(a *casefile.Association) string {
		seq := ""
		if a.SequenceNumber != nil && a.AssociationType == casefile.IsChildOf {
			seq = fmt.Sprint(*a.SequenceNumber)
		}
		return a.OriginNodeURI.Identifier + " " + a.AssociationType + " " + a.DestinationNodeURI.Identifier + " " + seq
	}
	set := map[string]int{}
	for i := range got.CFAssociations {
		set[key(&got.CFAssociations[i])]++
	}
	missing := 0
	for i := range want.CFAssociations {
		if !items[want.CFAssociations[i].OriginNodeURI.Identifier] {
			continue
		}
		k := key(&want.CFAssociations[i])
		if set[k] == 0 {
			if missing++; missing <= 3 {
				t.Errorf("link %s missing", k)
			}
			continue
		}
		set[k]--
	}
}

// Export then import gives the same framework, for the real JSON fixtures.
func TestRoundTripRealJSON(t *testing.T) {
	for _, f := range []string{"tx-teks-math-ch111.tea.cfpackage.json", "ccss-math-2010.opensalt.cfpackage.json", "ngss-science-2013.opensalt.cfpackage.json"} {
		data, err := os.ReadFile(fixture.Path(t, "real", f))
		if err != nil {
			t.Fatal(err)
		}
		n := newNode(t)
		held := n.pkg(n.mustImport(f, data).Framework)
		for _, w := range writers {
			t.Run(f+"."+w.ext, func(t *testing.T) {
				samePackage(t, held, roundTrip(t, held, "export."+w.ext, w.write), w.assocIdentity)
			})
		}
	}
}

// Export then import gives the same framework, for every imported sheet.
func TestRoundTripSheets(t *testing.T) {
	dir := fixtureDir(t)
	for _, f := range []string{"sample_case.csv", "sample_parent_column.csv", "sample_casemarkdownparagraph.csv", "children.csv",
		"test_items.csv", "ccsso_ela_item.csv", "compeito-seed-001.csv", "CASE_OLO_ELA.csv", "SALT_OLO.csv",
		"ACT_HolisticFramework_mathskillsCF_fields.csv", "abbreviatedStatement.csv", "abbreviatedStatementLimit.csv",
		"OpenSalt_Testing.xlsx", "ccsso_ela.xlsx", "case_test_xls.xlsx", "spreadsheet_import_sample.xlsx",
		"spreadsheet_import_sample.docs.xlsx", "test_framework.xlsx", "tests_Ordering.xlsx", "tests_SpreadsheetUpdater.xlsx"} {
		n := newNode(t)
		held := n.pkg(n.importFile(filepath.Join(dir, f)).Framework)
		for _, w := range writers {
			t.Run(f+"."+w.ext, func(t *testing.T) {
				samePackage(t, held, roundTrip(t, held, "export."+w.ext, w.write), w.assocIdentity)
			})
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
