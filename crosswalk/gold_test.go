package crosswalk_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/fixture"
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

// goldItems decodes the fixture files the gold set's frameworks come from.
func goldItems(t *testing.T, g *crosswalk.Gold) map[string][]casefile.Item {
	t.Helper()
	items := map[string][]casefile.Item{}
	for _, file := range g.Files() {
		f, err := os.Open(fixture.Path(t, strings.Split(file, "/")...))
		if err != nil {
			t.Fatal(err)
		}
		pkg, _, err := casefile.Decode(f, casefile.DecodeOptions{BaseURL: testBase})
		f.Close()
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
