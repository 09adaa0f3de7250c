package graphql_test

import (
	"strings"
	"testing"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

func TestSchemaCarriesDescriptions(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	var out struct {
		Type struct {
			Description string
			Fields      []struct{ Name, Description string }
		} `json:"__type"`
	}
	n.mustQuery(t, `{ __type(name: "Query") { description fields { name description } } }`, nil, &out)
	want := []string{"frameworks", "framework", "item", "search", "crosswalk", "definitions", "rubric"}
	have := map[string]string{}
	for _, f := range out.Type.Fields {
		have[f.Name] = f.Description
	}
	for _, w := range want {
		if strings.TrimSpace(have[w]) == "" {
			t.Errorf("Query.%s missing or without description", w)
		}
	}
}

func TestFrameworksArePagedAndFiltered(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	type page struct {
		Frameworks struct {
			TotalCount int
			Nodes      []struct {
				Identifier, Title string
				ItemCount         int
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	q := `query($after: String) { frameworks(first: 2, after: $after) { totalCount nodes { identifier title itemCount } pageInfo { hasNextPage endCursor } } }`
	var p1, p2 page
	n.mustQuery(t, q, nil, &p1)
	if p1.Frameworks.TotalCount != 3 || len(p1.Frameworks.Nodes) != 2 || !p1.Frameworks.PageInfo.HasNextPage || p1.Frameworks.PageInfo.EndCursor == nil {
		t.Fatalf("first page %+v", p1)
	}
	n.mustQuery(t, q, map[string]any{"after": *p1.Frameworks.PageInfo.EndCursor}, &p2)
	if len(p2.Frameworks.Nodes) != 1 || p2.Frameworks.PageInfo.HasNextPage {
		t.Fatalf("second page %+v", p2)
	}
	seen := map[string]bool{}
	for _, f := range append(p1.Frameworks.Nodes, p2.Frameworks.Nodes...) {
		if seen[f.Identifier] || f.ItemCount == 0 {
			t.Errorf("framework %+v repeated or empty", f)
		}
		seen[f.Identifier] = true
	}
	var filtered page
	n.mustQuery(t, `{ frameworks(filter: {title: "northwind"}) { totalCount nodes { identifier title itemCount } pageInfo { hasNextPage } } }`, nil, &filtered)
	if filtered.Frameworks.TotalCount != 1 || filtered.Frameworks.Nodes[0].Identifier != seed.Expected().Frameworks.Northwind {
		t.Errorf("title filter: %+v", filtered)
	}
	if r := n.query(t, "", `{ frameworks(first: 0) { totalCount } }`, nil); r.code() != "invalid" {
		t.Errorf("first: 0 gave %+v", r.Errors)
	}
	if r := n.query(t, "", `{ frameworks(after: "bogus") { totalCount } }`, nil); r.code() != "invalid" {
		t.Errorf("bad cursor gave %+v", r.Errors)
	}
}

type itemOut struct {
	Identifier, URI, FullStatement string
	HumanCodingScheme              *string
	EducationLevel                 []string
	Framework                      struct{ Identifier string }
	Children                       []struct{ HumanCodingScheme string }
	Parents                        []struct{ HumanCodingScheme string }
	Ancestors                      []struct{ Identifier, Title string }
	Associations                   []struct {
		AssociationType string
		Origin          struct{ Identifier string }
		Destination     struct{ Identifier string }
		Grouping        *struct{ Title string }
		DestinationItem *struct{ HumanCodingScheme string }
	}
}

const itemFields = `identifier uri fullStatement humanCodingScheme educationLevel framework { identifier }
  children { humanCodingScheme } parents { humanCodingScheme } ancestors { identifier title }
  associations(direction: OUTGOING, types: ["exactMatchOf", "isRelatedTo"]) { associationType origin { identifier } destination { identifier } grouping { title } destinationItem { humanCodingScheme } }`

func TestItemByIdentifierURIAndCodeWithItsLinks(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	exp := seed.Expected()
	p := exp.Explicit[0] // a Northwind item exactMatchOf a progression item
	var byID struct{ Item itemOut }
	n.mustQuery(t, `query($id: ID) { item(id: $id) { `+itemFields+` } }`, map[string]any{"id": p.Source}, &byID)
	it := byID.Item
	if it.HumanCodingScheme == nil || *it.HumanCodingScheme != p.SourceCode || it.Framework.Identifier != exp.Frameworks.Northwind {
		t.Fatalf("item %+v", it)
	}
	if len(it.Parents) != 1 || !strings.HasPrefix(p.SourceCode, it.Parents[0].HumanCodingScheme+".") {
		t.Errorf("parents of %s: %+v", p.SourceCode, it.Parents)
	}
	if len(it.Ancestors) < 2 {
		t.Errorf("ancestors of %s: %+v", p.SourceCode, it.Ancestors)
	}
	found := false
	for _, a := range it.Associations {
		if a.Origin.Identifier != p.Source {
			t.Errorf("OUTGOING association not from the item: %+v", a)
		}
		if a.Destination.Identifier == p.Target {
			found = a.AssociationType == p.Type && a.Grouping != nil && a.Grouping.Title != "" &&
				a.DestinationItem != nil && a.DestinationItem.HumanCodingScheme == p.TargetCode
		}
	}
	if !found {
		t.Errorf("association %s %s %s with grouping and destination item missing: %+v", p.SourceCode, p.Type, p.TargetCode, it.Associations)
	}

	var byURI, byCode struct{ Item *itemOut }
	n.mustQuery(t, `query($u: String) { item(uri: $u) { identifier children { humanCodingScheme } } }`, map[string]any{"u": it.URI}, &byURI)
	n.mustQuery(t, `query($c: String) { item(code: $c) { identifier } }`, map[string]any{"c": p.TargetCode}, &byCode)
	if byURI.Item == nil || byURI.Item.Identifier != p.Source || byCode.Item == nil || byCode.Item.Identifier != p.Target {
		t.Errorf("by uri %+v, by code %+v", byURI.Item, byCode.Item)
	}
	// The parent lists the item among its children.
	var parent struct{ Item itemOut }
	n.mustQuery(t, `query($c: String) { item(code: $c) { `+itemFields+` } }`, map[string]any{"c": it.Parents[0].HumanCodingScheme}, &parent)
	kids := []string{}
	for _, c := range parent.Item.Children {
		kids = append(kids, c.HumanCodingScheme)
	}
	if !strings.Contains(strings.Join(kids, " "), p.SourceCode) {
		t.Errorf("children of %s: %v", it.Parents[0].HumanCodingScheme, kids)
	}
	// INCOMING on the target finds the same link.
	var target struct {
		Item struct {
			Associations []struct {
				AssociationType string
				Origin          struct{ Identifier string }
			}
		}
	}
	n.mustQuery(t, `query($id: ID) { item(id: $id) { associations(direction: INCOMING) { associationType origin { identifier } } } }`, map[string]any{"id": p.Target}, &target)
	ok := false
	for _, a := range target.Item.Associations {
		ok = ok || (a.Origin.Identifier == p.Source && a.AssociationType == p.Type)
	}
	if !ok {
		t.Errorf("INCOMING link from %s missing: %+v", p.SourceCode, target.Item.Associations)
	}
	var missing struct{ Item *itemOut }
	n.mustQuery(t, `{ item(id: "00000000-0000-4000-8000-000000000000") { identifier } }`, nil, &missing)
	if missing.Item != nil {
		t.Errorf("unknown item: %+v", missing.Item)
	}
}

func TestDefinitionsAndRubrics(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	exp := seed.Expected()
	var out struct {
		Framework struct {
			Definitions struct {
				Concepts, Subjects, Licenses, ItemTypes, Groupings []struct{ Identifier, Title string }
			}
			Rubrics []struct {
				Identifier string
				Title      *string
				Criteria   []struct {
					Levels []struct{ Identifier string }
				}
			}
		}
	}
	n.mustQuery(t, `query($id: ID!) { framework(id: $id) { definitions { concepts { identifier title } subjects { identifier title }
	  licenses { identifier title } itemTypes { identifier title } groupings { identifier title } }
	  rubrics { identifier title criteria { levels { identifier } } } } }`, map[string]any{"id": exp.Frameworks.Numeracy}, &out)
	var nw struct {
		Definitions struct {
			Subjects, ItemTypes, Groupings []struct{ Identifier, Title string }
		}
	}
	n.mustQuery(t, `query($id: ID!) { definitions(framework: $id) { subjects { identifier title } itemTypes { identifier title } groupings { identifier title } } }`,
		map[string]any{"id": exp.Frameworks.Northwind}, &nw)
	if d := out.Framework.Definitions; len(d.Subjects) == 0 || len(d.ItemTypes) == 0 || len(d.Licenses) == 0 {
		t.Errorf("numeracy definitions %+v", d)
	}
	if d := nw.Definitions; len(d.Subjects) == 0 || len(d.Groupings) != 1 || d.Groupings[0].Title == "" {
		t.Errorf("northwind definitions %+v", d)
	}
	if len(out.Framework.Rubrics) != 1 || len(out.Framework.Rubrics[0].Criteria) == 0 || len(out.Framework.Rubrics[0].Criteria[0].Levels) == 0 {
		t.Fatalf("rubrics %+v", out.Framework.Rubrics)
	}
	var rb struct{ Rubric *struct{ Title *string } }
	n.mustQuery(t, `query($id: ID!) { rubric(id: $id) { title } }`, map[string]any{"id": out.Framework.Rubrics[0].Identifier}, &rb)
	if rb.Rubric == nil || rb.Rubric.Title == nil || *rb.Rubric.Title == "" {
		t.Errorf("rubric by id: %+v", rb.Rubric)
	}
}

func TestSearchHasFacetsAndHighlights(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	exp := seed.Expected()
	var out struct {
		Search struct {
			Total int
			Hits  []struct {
				Identifier string
				Framework  struct{ Identifier string }
				Highlights []struct {
					Field     string
					Fragments []string
				}
				Item *struct{ FullStatement string }
			}
			Facets []struct {
				Name   string
				Values []struct {
					Value string
					Count int
				}
			}
		}
	}
	q := `query($f: [FacetFilter!]) { search(q: "fractions", filters: $f, first: 5) { total hits { identifier framework { identifier }
	  highlights { field fragments } item { fullStatement } } facets { name values { value count } } } }`
	n.mustQuery(t, q, nil, &out)
	if out.Search.Total == 0 || len(out.Search.Hits) == 0 || len(out.Search.Hits) > 5 {
		t.Fatalf("search: %+v", out.Search)
	}
	marked := false
	for _, h := range out.Search.Hits {
		if h.Item == nil || !strings.Contains(strings.ToLower(h.Item.FullStatement), "fraction") {
			t.Errorf("hit %s: item %+v", h.Identifier, h.Item)
		}
		for _, hl := range h.Highlights {
			marked = marked || strings.Contains(strings.Join(hl.Fragments, " "), "<mark>")
		}
	}
	if !marked {
		t.Errorf("no highlighted fragment in %+v", out.Search.Hits)
	}
	names := map[string]int{}
	for _, f := range out.Search.Facets {
		names[f.Name] = len(f.Values)
	}
	if names["framework"] < 2 {
		t.Errorf("framework facet: %+v", out.Search.Facets)
	}
	n.mustQuery(t, q, map[string]any{"f": []map[string]any{{"facet": "framework", "values": []string{exp.Frameworks.Northwind}}}}, &out)
	for _, h := range out.Search.Hits {
		if h.Framework.Identifier != exp.Frameworks.Northwind {
			t.Errorf("framework filter let through %+v", h)
		}
	}
	if r := n.query(t, "", `{ search(q: "x", filters: [{facet: "colour", values: ["red"]}]) { total } }`, nil); r.code() != "invalid" {
		t.Errorf("unknown facet: %+v", r.Errors)
	}
}
