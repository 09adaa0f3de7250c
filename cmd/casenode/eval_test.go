package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/fixture"
)

// goldSubset writes the project's gold set restricted to the set named name
// (and the passages its frameworks can answer), so a run stays small.
func goldSubset(t *testing.T, name string) string {
	t.Helper()
	g, err := crosswalk.ReadGold(filepath.Join("..", "..", "crosswalk", "testdata", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	set, ok := g.Set(name)
	if !ok {
		t.Fatalf("no set %s in the gold set", name)
	}
	sub := crosswalk.Gold{Sets: []crosswalk.GoldSet{set}}
	for _, p := range g.Pairs {
		if p.Set == name {
			sub.Pairs = append(sub.Pairs, p)
		}
	}
	for _, p := range g.Passages {
		if !slices.ContainsFunc(p.Frameworks, func(fw string) bool { return fw != set.Source && fw != set.Target }) {
			sub.Passages = append(sub.Passages, p)
		}
	}
	data, err := json.Marshal(sub)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gold.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvalPrintsTheFiguresOfTheRequestedSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("imports two real frameworks and runs a full crosswalk")
	}
	fixtures := fixture.Dir(t)
	gold := goldSubset(t, "sbac-ccss-math")
	code, out, errs := cli(t, t.TempDir(), "eval", "--gold", gold, "--fixtures", fixtures, "--split", "heldout", "--misses")
	if code != 0 {
		t.Fatalf("eval exit %d: %s", code, errs)
	}
	for _, want := range []string{"sbac-ccss-math", "alike top-3", "recall at threshold", "precision at threshold", "passages (align", "585 rows in", "misses:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if header := strings.SplitN(out, "\n", 4)[2]; !strings.HasSuffix(strings.TrimSpace(header), "heldout") || strings.Contains(header, "dev") {
		t.Errorf("--split heldout printed columns %q", header)
	}
}

// A set whose frameworks are spreadsheets (OLO ELA CSV → CCSS ELA XLSX) is
// imported through the node's sheet reader and evaluated like CASE JSON.
func TestEvalReadsSpreadsheetSets(t *testing.T) {
	if testing.Short() {
		t.Skip("imports two spreadsheet frameworks and runs a full crosswalk")
	}
	gold := goldSubset(t, "olo-ccss-ela")
	code, out, errs := cli(t, t.TempDir(), "eval", "--gold", gold, "--fixtures", fixture.Dir(t), "--split", "dev")
	if code != 0 {
		t.Fatalf("eval exit %d: %s", code, errs)
	}
	for _, want := range []string{"olo-ccss-ela", "alike top-3", "2501 rows in"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalRejectsBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "gold.json")
	if err := os.WriteFile(bad, []byte(`{"sets":[],"pairs":[{"set":"nope"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "--split", "test"}, 2, "--split is dev, heldout or all"},
		{[]string{"eval", "--threshold", "2"}, 2, "--threshold"},
		{[]string{"eval", "--learn", "all"}, 2, "--learn is dev or heldout"},
		{[]string{"eval", "--gold", filepath.Join(t.TempDir(), "none.json")}, 1, "cannot read the gold set"},
		{[]string{"eval", "--gold", bad}, 1, "unknown set"},
	} {
		code, _, errs := cli(t, t.TempDir(), tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
}
