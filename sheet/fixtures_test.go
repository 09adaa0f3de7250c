package sheet_test

import (
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/internal/fixture"
)

// Every sheet of the shared tabular fixtures that is meant to import does,
// with the items, tree and associations it holds.
func TestTabularFixtures(t *testing.T) {
	dir := filepath.Join(fixture.Dir(t), "tabular")
	cases := []struct {
		file         string
		items, links int
		types        map[string]int
		parents      map[string]string // code → parent code ("" = document)
	}{
		{file: "sample_case.csv", items: 10, links: 14,
			types:   map[string]int{"isChildOf": 10, "isRelatedTo": 3, "exemplar": 1},
			parents: map[string]string{"M": "", "M.F": "M", "M.F.1-2.S1a": "M.F.1-2.S1", "M.F.C2.S1": "M.F.C2", "M.E": "", "M.E.C1": ""}},
		{file: "sample_parent_column.csv", items: 8, links: 17,
			types:   map[string]int{"isChildOf": 8, "isRelatedTo": 9},
			parents: map[string]string{"M": "", "M.F.C1.S1b": "M.F.C1.S1", "M.F.C2.S1": "M.F.C2"}},
		{file: "sample_casemarkdownparagraph.csv", items: 10, links: 16,
			types:   map[string]int{"isChildOf": 10, "isRelatedTo": 3, "exactMatchOf": 2, "exemplar": 1},
			parents: map[string]string{"M.F.1-2": "M.F"}},
		{file: "children.csv", items: 4, links: 4,
			parents: map[string]string{"A.B": "", "A.B.C": "A.B", "A.B.D": "A.B", "A.B.C.L": "A.B.C"}},
		{file: "test_items.csv", items: 99, links: 99, types: map[string]int{"isChildOf": 99},
			parents: map[string]string{"L.1.4": "", "L.2.1": ""}},
		{file: "ccsso_ela_item.csv", items: 1189, links: 1189},
		{file: "compeito-seed-001.csv", items: 36, links: 36,
			parents: map[string]string{"CS": "", "CS-A": "CS", "CS-A-1": "CS-A", "PJ-B-2": "PJ-B"}},
		{file: "CASE_OLO_ELA.csv", items: 2501, links: 5432,
			types:   map[string]int{"isChildOf": 2501, "isRelatedTo": 2931},
			parents: map[string]string{"OLO.11-12": "", "OLO.11-12.AT": "OLO.11-12", "OLO.11-12.AT.1": "OLO.11-12.AT"}},
		{file: "SALT_OLO.csv", items: 2501, links: 5432},
		{file: "ACT_HolisticFramework_mathskillsCF_fields.csv", items: 2663, links: 2663,
			parents: map[string]string{"H.A.MATH": "", "H.A.MATH.NQ": "H.A.MATH", "H.A.MATH.NQ.FC.PW.L1": "H.A.MATH.NQ.FC"}},
		{file: "abbreviatedStatement.csv", items: 1, links: 1},
		{file: "abbreviatedStatementLimit.csv", items: 1, links: 1},
		{file: "OpenSalt_Testing.xlsx", items: 1189, links: 1189, types: map[string]int{"isChildOf": 1189}},
		{file: "ccsso_ela.xlsx", items: 1189, links: 1189},
		{file: "case_test_xls.xlsx", items: 10, links: 18,
			parents: map[string]string{"M": "", "M.E": "M", "M.F.1-2": "M.F", "M.F.1-2.S1a": "M.F.1-2.S1"}},
		{file: "spreadsheet_import_sample.xlsx", items: 4, links: 10,
			types:   map[string]int{"isChildOf": 4, "exactMatchOf": 1, "isPartOf": 1, "precedes": 1, "replacedBy": 1},
			parents: map[string]string{"S": "", "S.1": "S", "S.2": "S", "S.2.1": "S.2"}},
		{file: "spreadsheet_import_sample.docs.xlsx", items: 4, links: 10},
		{file: "test_framework.xlsx", items: 5, links: 5},
		{file: "tests_Ordering.xlsx", items: 28, links: 28,
			parents: map[string]string{"H.A.MATH.GM": "", "H.A.MATH.GM.PF": "H.A.MATH.GM", "H.A.MATH.GM.PF.2DFP.L1.10": "H.A.MATH.GM.PF.2DFP.L1"}},
		{file: "tests_SpreadsheetUpdater.xlsx", items: 1, links: 1, parents: map[string]string{"H.A.Framework.A.B.1": ""}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			n := newNode(t)
			res := n.importFile(filepath.Join(dir, c.file))
			if res.Items != c.items || res.Associations != c.links {
				t.Fatalf("%d items, %d associations; want %d, %d", res.Items, res.Associations, c.items, c.links)
			}
			p := n.pkg(res.Framework)
			got := typeCounts(p)
			for typ, want := range c.types {
				if got[typ] != want {
					t.Errorf("%d %s associations, want %d (all: %v)", got[typ], typ, want, got)
				}
			}
			tr := tree(p)
			for code, parent := range c.parents {
				if tr[code] != parent {
					t.Errorf("parent of %s is %q, want %q", code, tr[code], parent)
				}
			}
			// Re-importing the same sheet updates the framework in place.
			again := n.importFile(filepath.Join(dir, c.file))
			if again.Framework != res.Framework || !again.Unchanged {
				t.Errorf("re-import: %+v", again)
			}
		})
	}
}
