package crosswalk

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/sheet"
)

func TestLevelsOfCode(t *testing.T) {
	for code, want := range map[string][]string{
		"OLO.3-4.AT.2":             {"03", "04"},
		"OLO.K.LT.9":               {"KG"},
		"OLO.11-12.AT":             {"11", "12"},
		"RI.K.8":                   {"KG"},
		"W.9-10.7":                 {"09", "10"},
		"3.OA.A":                   {"03"},
		"OLO.11-12":                nil, // a final segment is a number
		"HSN-RN.A.1":               nil,
		"111.3(b)(1)(A)":           nil, // TEKS: a number before any grade
		"111.3.b.1.A":              nil,
		"K-PS2-1":                  nil,
		"OLO.12-11.AT":             nil,
		"M.F.1-2.S1a":              nil, // F enumerates
		"HSA-SSE.B.3.b":            nil,
		"CCSS.ELA-Literacy.RI.K.8": {"KG"},
		"OLO.13.AT":                nil,
		"":                         nil,
	} {
		if got := levelsOfCode(code).set.levels(); !slices.Equal(got, want) {
			t.Errorf("levelsOfCode(%q) = %v, want %v", code, got, want)
		}
	}
}

// An item whose tree states no level anywhere takes the grade band its own
// or its nearest ancestor's code names; a stated level or a heading that
// names one wins over the code.
func TestTreeLevelsFromCodes(t *testing.T) {
	items := []casefile.Item{
		{Identifier: "band", FullStatement: "ELA", HumanCodingScheme: "OLO.3-4"},
		{Identifier: "strand", FullStatement: "Argumentative Text: Identify opinions.", HumanCodingScheme: "OLO.3-4.AT"},
		{Identifier: "obj", FullStatement: "Identify the reasons an author uses to support points.", HumanCodingScheme: "OLO.3-4.AT.2"},
		{Identifier: "nocode", FullStatement: "Explain how an author uses reasons."},
		{Identifier: "g1", FullStatement: "Grade 1", HumanCodingScheme: "X.3.Y"},
		{Identifier: "g1a", FullStatement: "Read closely.", HumanCodingScheme: "X.3.Y.1"},
		{Identifier: "own", FullStatement: "Read.", HumanCodingScheme: "Z.3.A", EducationLevel: []string{"05"}},
	}
	var assocs []casefile.Association
	for _, pc := range [][2]string{{"strand", "band"}, {"obj", "strand"}, {"nocode", "strand"}, {"g1a", "g1"}} {
		assocs = append(assocs, casefile.Association{AssociationType: casefile.IsChildOf,
			OriginNodeURI: casefile.LinkGenURI{Identifier: pc[0]}, DestinationNodeURI: casefile.LinkGenURI{Identifier: pc[1]}})
	}
	tr := newFrameworkTree(items, assocs)
	for id, want := range map[string][]string{
		"band": nil, "strand": {"03", "04"}, "obj": {"03", "04"}, "nocode": {"03", "04"},
		"g1": {"01"}, "g1a": {"01"}, "own": {"05"},
	} {
		if got := tr.levels[tr.index[id]].levels(); !slices.Equal(got, want) {
			t.Errorf("%s: levels %v, want %v", id, got, want)
		}
	}
}

// Over every framework of the fixtures (the gold set's among them): where an
// item states its levels, the grade its code names is one of them; an item
// that takes its levels from its code only takes those another framework
// states for the same code (test_items.csv repeats CCSS ELA codes); TEKS
// keeps the grades its headings name (111.3 is Grade 1, not 3); and only the
// OLO frameworks and CCSS ELA codes get levels from their codes.
func TestCodeLevelsAgreeWithStatedLevels(t *testing.T) {
	var files []string
	for _, sub := range []string{"real", "opensalt", "v1p1", "tabular"} {
		m, _ := filepath.Glob(filepath.Join(fixture.Dir(t), sub, "*"))
		files = append(files, m...)
	}
	statedByCode := map[string]levelSet{}
	type derived struct {
		file, code string
		set        levelSet
	}
	var fromCode []derived
	for _, f := range files {
		pkg := readFixturePackage(t, f)
		if pkg == nil {
			continue
		}
		name := filepath.Base(f)
		tr := newFrameworkTree(pkg.CFItems, pkg.CFAssociations)
		for i := range pkg.CFItems {
			it := &pkg.CFItems[i]
			stated, code := parseLevels(it.EducationLevel), levelsOfCode(it.HumanCodingScheme).set
			if stated != 0 {
				statedByCode[it.HumanCodingScheme] = stated
			}
			if stated != 0 && code != 0 && code&^stated != 0 {
				t.Errorf("%s: %s states %v, its code names %v", name, it.HumanCodingScheme, stated.levels(), code.levels())
			}
			if tr.levels[i] != 0 && !statedInChain(tr, i) {
				fromCode = append(fromCode, derived{name, it.HumanCodingScheme, tr.levels[i]})
			}
			if strings.HasPrefix(name, "tx-teks") && strings.HasPrefix(it.HumanCodingScheme, "111.3.b.") &&
				!slices.Equal(tr.levels[i].levels(), []string{"01"}) {
				t.Errorf("TEKS %s: levels %v, want Grade 1", it.HumanCodingScheme, tr.levels[i].levels())
			}
		}
	}
	count, checked := map[string]int{}, 0
	for _, d := range fromCode {
		count[d.file]++
		if s, ok := statedByCode[d.code]; ok {
			checked++
			if s != d.set {
				t.Errorf("%s: %s takes %v from its code, %v elsewhere", d.file, d.code, d.set.levels(), s.levels())
			}
		}
	}
	t.Logf("items with levels from codes only: %v; %d checked against stated levels", count, checked)
	for name, n := range count {
		if !strings.Contains(name, "OLO") && name != "test_items.csv" {
			t.Errorf("%s: %d items take levels from codes", name, n)
		}
	}
	if count["CASE_OLO_ELA.csv"] < 2000 || checked < 50 {
		t.Errorf("OLO ELA: %d items with levels from codes; %d checked", count["CASE_OLO_ELA.csv"], checked)
	}
}

// statedInChain reports whether item i or an ancestor states levels or is a
// heading whose title names them.
func statedInChain(tr *frameworkTree, i int) bool {
	for n := 0; i >= 0 && n <= len(tr.items); i, n = tr.parent[i], n+1 {
		it := &tr.items[i]
		if parseLevels(it.EducationLevel) != 0 || (tr.heading[i] && levelsOfHeading(it.FullStatement+" "+it.AbbreviatedStatement) != 0) {
			return true
		}
	}
	return false
}

// readFixturePackage decodes a CASE JSON or spreadsheet fixture; nil for
// files that are not frameworks (or that the readers refuse).
func readFixturePackage(t *testing.T, f string) *casefile.Package {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var pkg *casefile.Package
	switch ext := filepath.Ext(f); {
	case ext == ".json":
		pkg, _, err = casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
	case ext == ".csv" || ext == ".xlsx":
		pkg, err = sheet.Read(data, sheet.Options{Name: filepath.Base(f), BaseURL: "http://127.0.0.1:8080"})
	default:
		return nil
	}
	if err != nil {
		t.Logf("%s: not read (%v)", filepath.Base(f), err)
		return nil
	}
	return pkg
}
