package crosswalk_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/sheet"
)

const goldFile = "testdata/gold.json"

func loadGold(t testing.TB) *crosswalk.Gold {
	t.Helper()
	g, err := crosswalk.ReadGold(goldFile)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// goldItems decodes the fixture files the gold set's frameworks come from
// (CASE JSON, or a spreadsheet read as the node's import path reads it).
func goldItems(t *testing.T, g *crosswalk.Gold) map[string][]casefile.Item {
	t.Helper()
	items := map[string][]casefile.Item{}
	for _, file := range g.Files() {
		data, err := os.ReadFile(fixture.Path(t, strings.Split(file, "/")...))
		if err != nil {
			t.Fatal(err)
		}
		var pkg *casefile.Package
		if sheet.Detect(data) == sheet.FormatJSON {
			pkg, _, err = casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: testBase})
		} else {
			pkg, err = sheet.Read(data, sheet.Options{Name: path.Base(file), BaseURL: testBase})
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		items[pkg.CFDocument.Identifier] = pkg.CFItems
	}
	return items
}

// The gold set names real items: every identifier exists in the framework
// it is given for and carries the code written beside it.
func TestGoldSetNamesRealItems(t *testing.T) {
	g := loadGold(t)
	items := goldItems(t, g)
	for _, s := range g.Sets {
		if items[s.Source] == nil || items[s.Target] == nil {
			t.Fatalf("set %s: %s or %s is not the CFDocument of %s / %s", s.Name, s.Source, s.Target, s.SourceFile, s.TargetFile)
		}
	}
	if err := g.Verify(items); err != nil {
		t.Fatal(err)
	}
	// A code that does not match its identifier is caught.
	g.Pairs[0].TargetCodes[0] += "x"
	if err := g.Verify(items); err == nil || !strings.Contains(err.Error(), "pairs[0]") {
		t.Fatalf("a wrong target code: %v", err)
	}
}

// The ELA set alone holds at least 20 pairs, on both splits, about 2:1,
// and a few no-match items.
func TestGoldSetHasTwentyELAPairs(t *testing.T) {
	g := loadGold(t)
	s, ok := g.Set(elaSet)
	if !ok {
		t.Fatalf("no set %s in the gold set", elaSet)
	}
	if path.Ext(s.SourceFile) == ".json" || path.Ext(s.TargetFile) == ".json" {
		t.Fatalf("set %s: %s → %s, want the ELA spreadsheets", elaSet, s.SourceFile, s.TargetFile)
	}
	splits, noMatch := map[string]int{}, 0
	for _, p := range g.Pairs {
		if p.Set == elaSet {
			splits[p.Split]++
		}
	}
	for _, n := range g.NoMatch {
		if n.Set == elaSet {
			noMatch++
		}
	}
	dev, held := splits[crosswalk.SplitDev], splits[crosswalk.SplitHeldout]
	if dev+held < 20 || held < 7 || dev < held {
		t.Fatalf("%s pairs by split: %v, want at least 20, about 2:1 dev:heldout", elaSet, splits)
	}
	if noMatch < 3 {
		t.Fatalf("%s: %d no-match items, want at least 3", elaSet, noMatch)
	}
}

// The issue asks for at least 20 NGSS or ELA pairs besides the math ones,
// split between dev and heldout like the others.
func TestGoldSetHasTwentyScienceOrELAPairs(t *testing.T) {
	g := loadGold(t)
	splits := map[string]int{}
	for _, p := range g.Pairs {
		if strings.HasPrefix(p.Set, "ngss-") || strings.Contains(p.Set, "-ela") {
			splits[p.Split]++
		}
	}
	if n := splits[crosswalk.SplitDev] + splits[crosswalk.SplitHeldout]; n < 20 || splits[crosswalk.SplitHeldout] == 0 || splits[crosswalk.SplitDev] == 0 {
		t.Fatalf("NGSS or ELA pairs by split: %v, want at least 20 on both splits", splits)
	}
}

func TestLoadGoldRejectsMalformedEntries(t *testing.T) {
	const set = `"sets":[{"name":"s","source":"a","target":"b","sourceFile":"a.json","targetFile":"b.json"}]`
	pair := func(fields string) string {
		return `{` + set + `,"pairs":[{"set":"s","split":"dev","source":"x","sourceCode":"X","targets":["y"],"targetCodes":["Y"],"wording":"alike","note":"n"` + fields + `}]}`
	}
	for _, tc := range []struct{ name, json, want string }{
		{"unknown field", pair(`,"extra":1`), "unknown field"},
		{"unknown split", strings.Replace(pair(""), `"dev"`, `"test"`, 1), "split"},
		{"unknown wording", strings.Replace(pair(""), `"alike"`, `"same"`, 1), "wording"},
		{"unknown set", strings.Replace(pair(""), `"set":"s"`, `"set":"t"`, 1), "unknown set"},
		{"codes do not pair with targets", strings.Replace(pair(""), `["Y"]`, `[]`, 1), "targetCodes"},
		{"no note", strings.Replace(pair(""), `"note":"n"`, `"note":" "`, 1), "note"},
		{"a source judged twice", `{` + set + `,"pairs":[{"set":"s","split":"dev","source":"x","sourceCode":"X","targets":["y"],"targetCodes":["Y"],"wording":"alike","note":"n"}],` +
			`"noMatch":[{"set":"s","split":"dev","source":"x","sourceCode":"X","note":"n"}]}`, "judged again"},
		{"a set file outside the fixtures", strings.Replace(pair(""), `"a.json"`, `"../a.json"`, 1), "relative path"},
		{"a set file the import path does not read", strings.Replace(pair(""), `"a.json"`, `"a.txt"`, 1), ".csv, .xlsx"},
		{"a passage framework no set loads", `{` + set + `,"passages":[{"split":"dev","text":"t","frameworks":["c"],"targets":["y"],"targetCodes":["Y"],"note":"n"}]}`, "framework c"},
		{"passage without frameworks", `{` + set + `,"passages":[{"split":"dev","text":"t","frameworks":[],"targets":["y"],"targetCodes":["Y"],"note":"n"}]}`, "frameworks"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := crosswalk.LoadGold(strings.NewReader(tc.json))
			var ce *casefile.Error
			if !errors.As(err, &ce) || ce.Code != casefile.Invalid || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an invalid error mentioning %q, got %v", tc.want, err)
			}
		})
	}
	if _, err := crosswalk.LoadGold(strings.NewReader(pair(""))); err != nil {
		t.Fatalf("a well-formed gold set: %v", err)
	}
	// Spreadsheets are frameworks too: the node imports CSV and XLSX.
	sheets := strings.Replace(strings.Replace(pair(""), `"a.json"`, `"tabular/a.csv"`, 1), `"b.json"`, `"tabular/b.xlsx"`, 1)
	if _, err := crosswalk.LoadGold(strings.NewReader(sheets)); err != nil {
		t.Fatalf("a gold set on spreadsheet files: %v", err)
	}
}

// TestGoldSet runs the evaluation of casenode eval on the fixtures and logs
// its figures; it checks that every gold entry was evaluated.
func TestGoldSet(t *testing.T) {
	if testing.Short() {
		t.Skip("the full crosswalks take several CPU-seconds")
	}
	g := loadGold(t)
	n := newNode(t)
	for _, file := range g.Files() {
		n.importFile(t, filepath.Join(fixture.Dir(t), file))
	}
	rep, err := crosswalk.Evaluate(context.Background(), crosswalk.EvalConfig{
		Crosswalk: crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase},
		Align:     n.ix,
	}, g)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Evaluated() != g.Entries() {
		t.Fatalf("evaluated %d of %d gold entries", rep.Evaluated(), g.Entries())
	}
	var b strings.Builder
	if err := rep.WriteTable(&b, []string{crosswalk.SplitDev, crosswalk.SplitHeldout, crosswalk.SplitAll}); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\nmisses (dev and heldout):\n")
	if err := rep.WriteMisses(&b, crosswalk.SplitAll); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	checkGoldTargets(t, rep)
}
