package graphql_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

type cwOut struct {
	Crosswalk struct {
		TotalRows int
		Coverage  struct {
			Items, Headings, Explicit, Transitive, SuggestedOnly, None int
			ExplicitShare                                              float64
		}
		Rows []struct {
			EducationLevel    []string
			Heading           bool
			Source            struct{ Identifier string }
			HumanCodingScheme *string
			SourceItem        *struct{ Identifier string }
			Matches           []struct {
				Kind            string
				Score           float64
				AssociationType *string
				Target          struct{ Identifier string }
				TargetItem      *struct{ HumanCodingScheme *string }
				Path            []struct{ Identifier string }
				EducationLevel  []string
			}
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
		Csv    string
		CsvUrl string
	}
}

const cwQuery = `query($s: ID!, $t: ID!, $suggest: Boolean = false, $first: Int = 100) {
  crosswalk(source: $s, target: $t, suggest: $suggest, first: $first) {
    totalRows coverage { items headings explicit transitive suggestedOnly none explicitShare }
    rows { source { identifier } humanCodingScheme sourceItem { identifier } educationLevel heading
      matches { kind score associationType target { identifier } targetItem { humanCodingScheme } path { identifier } educationLevel } }
    pageInfo { hasNextPage endCursor } csv csvUrl } }`

func rowMatches(out cwOut, source, target, kind string) (found bool, path []string, typ string) {
	for _, r := range out.Crosswalk.Rows {
		if r.Source.Identifier != source {
			continue
		}
		for _, m := range r.Matches {
			if m.Target.Identifier == target && m.Kind == kind {
				for _, p := range m.Path {
					path = append(path, p.Identifier)
				}
				if m.AssociationType != nil {
					typ = *m.AssociationType
				}
				return true, path, typ
			}
		}
	}
	return false, nil, ""
}

func TestCrosswalkQueryOnSeedFrameworks(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	exp := seed.Expected()
	var out cwOut
	n.mustQuery(t, cwQuery, map[string]any{"s": exp.Frameworks.Northwind, "t": exp.Frameworks.Progression, "suggest": true, "first": 1000}, &out)
	cw := out.Crosswalk
	if cw.TotalRows != 50 || len(cw.Rows) != 50 || cw.Coverage.Items+cw.Coverage.Headings != 50 || cw.Coverage.Headings == 0 || cw.Coverage.Explicit < len(exp.Explicit) {
		t.Fatalf("rows %d/%d, coverage %+v", len(cw.Rows), cw.TotalRows, cw.Coverage)
	}
	// Every row and match shows its levels; headings get no suggestions.
	for _, r := range cw.Rows {
		if len(r.EducationLevel) == 0 {
			t.Errorf("row %s shows no levels", r.Source.Identifier)
		}
		for _, m := range r.Matches {
			if len(m.EducationLevel) == 0 || (r.Heading && m.Kind == "SUGGESTED") {
				t.Errorf("row %s (heading %v): match %+v", r.Source.Identifier, r.Heading, m)
			}
		}
	}
	for _, p := range exp.Explicit {
		if ok, _, typ := rowMatches(out, p.Source, p.Target, "EXPLICIT"); !ok || typ != p.Type {
			t.Errorf("explicit %s → %s: found %v type %q", p.SourceCode, p.TargetCode, ok, typ)
		}
	}
	for _, p := range exp.Suggestions {
		if ok, _, _ := rowMatches(out, p.Source, p.Target, "SUGGESTED"); !ok {
			t.Errorf("suggestion %s → %s missing", p.SourceCode, p.TargetCode)
		}
	}
	for _, r := range cw.Rows {
		if r.SourceItem == nil || r.SourceItem.Identifier != r.Source.Identifier {
			t.Errorf("row %v: source item %+v", r.HumanCodingScheme, r.SourceItem)
		}
		for _, m := range r.Matches {
			if m.TargetItem == nil || m.TargetItem.HumanCodingScheme == nil {
				t.Errorf("row %v: match without target item %+v", r.HumanCodingScheme, m)
			}
		}
	}
	lines, err := csv.NewReader(strings.NewReader(cw.Csv)).ReadAll()
	if err != nil || len(lines) < 51 || lines[0][0] != "source code" {
		t.Errorf("csv: %d lines, %v", len(lines), err)
	}
	if !strings.HasPrefix(cw.CsvUrl, "http://127.0.0.1:8080/api/v1/crosswalk?") || !strings.Contains(cw.CsvUrl, "format=csv") {
		t.Errorf("csvUrl %q", cw.CsvUrl)
	}

	// A link through the third framework comes back with its path.
	var back cwOut
	n.mustQuery(t, cwQuery, map[string]any{"s": exp.Frameworks.Progression, "t": exp.Frameworks.Northwind, "first": 1000}, &back)
	for _, p := range exp.Transitive {
		ok, path, _ := rowMatches(back, p.A, p.B, "TRANSITIVE")
		if !ok || strings.Join(path, ",") != p.A+","+p.Via+","+p.B {
			t.Errorf("transitive %s ↔ %s via %s: found %v path %v", p.ACode, p.BCode, p.ViaCode, ok, path)
		}
	}

	// Rows are paged.
	var p1, p2 cwOut
	n.mustQuery(t, cwQuery, map[string]any{"s": exp.Frameworks.Northwind, "t": exp.Frameworks.Progression, "first": 30}, &p1)
	if len(p1.Crosswalk.Rows) != 30 || !p1.Crosswalk.PageInfo.HasNextPage {
		t.Fatalf("page 1: %d rows, %+v", len(p1.Crosswalk.Rows), p1.Crosswalk.PageInfo)
	}
	q2 := strings.Replace(cwQuery, "first: $first)", "first: $first, after: $after)", 1)
	q2 = strings.Replace(q2, "$first: Int = 100)", "$first: Int = 100, $after: String)", 1)
	n.mustQuery(t, q2, map[string]any{"s": exp.Frameworks.Northwind, "t": exp.Frameworks.Progression, "first": 30, "after": *p1.Crosswalk.PageInfo.EndCursor}, &p2)
	if len(p2.Crosswalk.Rows) != 20 || p2.Crosswalk.PageInfo.HasNextPage || p2.Crosswalk.Rows[0].Source.Identifier == p1.Crosswalk.Rows[29].Source.Identifier {
		t.Errorf("page 2: %d rows, %+v", len(p2.Crosswalk.Rows), p2.Crosswalk.PageInfo)
	}
	if r := n.query(t, "", `{ crosswalk(source: "nope", target: "nada") { totalRows } }`, nil); r.code() != "not_found" {
		t.Errorf("unknown frameworks: %+v", r.Errors)
	}
	if r := n.query(t, "", `query($s: ID!) { crosswalk(source: $s, target: $s, minScore: 2) { totalRows } }`, map[string]any{"s": exp.Frameworks.Northwind}); r.code() != "invalid" {
		t.Errorf("minScore 2: %+v", r.Errors)
	}
}

func TestMutationsNeedTheAdminScope(t *testing.T) {
	admin := &casefile.Principal{ClientID: "admin-client", Scopes: []string{casefile.ScopeAdmin}}
	n := newNode(t, graphql.Limits{}, admin)
	n.importSeed(t)
	exp := seed.Expected()
	p := exp.Suggestions[0]
	accept := `mutation($s: ID!, $t: ID!) { acceptSuggestion(source: $s, target: $t, associationType: "exactMatchOf") { identifier associationType extensions origin { identifier } destination { identifier } } }`
	vars := map[string]any{"s": p.Source, "t": p.Target}

	if r := n.query(t, "anonymous", accept, vars); r.status != http.StatusUnauthorized || r.code() != "unauthorized" {
		t.Errorf("anonymous: %d %+v", r.status, r.Errors)
	}
	if r := n.query(t, "reader", accept, vars); r.status != http.StatusForbidden || r.code() != "forbidden" {
		t.Errorf("reader: %d %+v", r.status, r.Errors)
	}
	var acc struct {
		AcceptSuggestion struct {
			Identifier, AssociationType, Extensions string
			Origin, Destination                     struct{ Identifier string }
		}
	}
	n.mustQuery(t, accept, vars, &acc)
	a := acc.AcceptSuggestion
	if a.AssociationType != "exactMatchOf" || a.Origin.Identifier != p.Source || a.Destination.Identifier != p.Target ||
		strings.Contains(a.Extensions, "admin-client") || !strings.Contains(a.Extensions, `"acceptedAt"`) {
		t.Fatalf("accepted %+v", a)
	}
	var out cwOut
	n.mustQuery(t, cwQuery, map[string]any{"s": exp.Frameworks.Northwind, "t": exp.Frameworks.Progression, "suggest": true, "first": 1000}, &out)
	if ok, _, typ := rowMatches(out, p.Source, p.Target, "EXPLICIT"); !ok || typ != "exactMatchOf" {
		t.Errorf("accepted link not explicit: %v %q", ok, typ)
	}
	var doc struct {
		CrosswalkDocument string
		Framework         *struct{ AssociationCount int }
	}
	n.mustQuery(t, `{ crosswalkDocument }`, nil, &doc)
	n.mustQuery(t, `query($id: ID!) { crosswalkDocument framework(id: $id) { associationCount } }`, map[string]any{"id": doc.CrosswalkDocument}, &doc)
	if doc.Framework == nil || doc.Framework.AssociationCount != 1 {
		t.Errorf("crosswalk document %+v", doc)
	}

	q := exp.Suggestions[1]
	var add struct{ AddAssociation struct{ Identifier string } }
	n.mustQuery(t, `mutation($o: ID!, $d: ID!) { addAssociation(origin: $o, destination: $d, associationType: "isRelatedTo") { identifier } }`,
		map[string]any{"o": q.Source, "d": q.Target}, &add)
	remove := `mutation($id: ID!) { removeAssociation(id: $id) }`
	if r := n.query(t, "reader", remove, map[string]any{"id": add.AddAssociation.Identifier}); r.status != http.StatusForbidden {
		t.Errorf("reader removing: %d %+v", r.status, r.Errors)
	}
	var rm struct{ RemoveAssociation bool }
	n.mustQuery(t, remove, map[string]any{"id": add.AddAssociation.Identifier}, &rm)
	if !rm.RemoveAssociation {
		t.Error("remove answered false")
	}
	if r := n.query(t, "", remove, map[string]any{"id": add.AddAssociation.Identifier}); r.code() != "not_found" {
		t.Errorf("removing twice: %+v", r.Errors)
	}
	if r := n.query(t, "", `mutation($s: ID!, $t: ID!) { addAssociation(origin: $s, destination: $t, associationType: "isChildOf") { identifier } }`, vars); r.code() != "invalid" {
		t.Errorf("isChildOf: %+v", r.Errors)
	}
}

func TestCrosswalkIncludeHeadings(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	exp := seed.Expected()
	q := `query($s: ID!, $t: ID!, $h: Boolean) { crosswalk(source: $s, target: $t, suggest: true, includeHeadings: $h, first: 100) {
		coverage { items headings } rows { heading matches { kind } } } }`
	var out struct {
		Crosswalk struct {
			Coverage struct{ Items, Headings int }
			Rows     []struct {
				Heading bool
				Matches []struct{ Kind string }
			}
		}
	}
	headingSuggestions := func() int {
		c := 0
		for _, r := range out.Crosswalk.Rows {
			for _, m := range r.Matches {
				if r.Heading && m.Kind == "SUGGESTED" {
					c++
				}
			}
		}
		return c
	}
	n.mustQuery(t, q, map[string]any{"s": exp.Frameworks.Northwind, "t": exp.Frameworks.Progression, "h": false}, &out)
	if out.Crosswalk.Coverage.Headings == 0 || headingSuggestions() != 0 {
		t.Fatalf("default: coverage %+v, %d suggestions for headings", out.Crosswalk.Coverage, headingSuggestions())
	}
	n.mustQuery(t, q, map[string]any{"s": exp.Frameworks.Northwind, "t": exp.Frameworks.Progression, "h": true}, &out)
	if out.Crosswalk.Coverage.Headings != 0 || out.Crosswalk.Coverage.Items != 50 || headingSuggestions() == 0 {
		t.Fatalf("includeHeadings: coverage %+v, %d suggestions for headings", out.Crosswalk.Coverage, headingSuggestions())
	}
}
