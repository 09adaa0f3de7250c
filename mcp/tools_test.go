package mcp_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type hits struct {
	Total int `json:"total"`
	Hits  []struct {
		Identifier, Code, Statement, Framework, FrameworkID, URI, Resource string
		Levels, Path                                                       []string
		Score                                                              float64
	} `json:"hits"`
	NextOffset int `json:"nextOffset"`
}

func (h hits) codes() []string {
	var out []string
	for _, x := range h.Hits {
		out = append(out, x.Code)
	}
	return out
}

type ref struct{ Identifier, Code, Title, URI string }

type item struct {
	Identifier, Code, Statement, URI, Resource string
	Framework                                  ref
	Ancestors, Children                        []ref
	ChildCount, AssociationsTotal              int
	Associations                               []struct {
		Type, Direction string
		Other           ref
	}
}

type crosswalkRows struct {
	Total int
	Rows  []struct {
		Source                          ref
		Explicit, Transitive, Suggested []struct {
			Identifier string
			Score      float64
		}
	}
}

// sessions are the two transports, and the stdio proxy to a node's /mcp,
// each as an anonymous caller and as an admin.
func sessions(t *testing.T, n *node) map[string][2]*sdk.ClientSession {
	anonHTTP, err := n.httpSession(t, "")
	if err != nil {
		t.Fatal(err)
	}
	adminHTTP, err := n.httpSession(t, "admin")
	if err != nil {
		t.Fatal(err)
	}
	admin := &casefile.Principal{ClientID: "operator", Scopes: []string{casefile.ScopeAdmin}}
	return map[string][2]*sdk.ClientSession{
		"http":  {anonHTTP, adminHTTP},
		"stdio": {n.stdioSession(t, nil), n.stdioSession(t, admin)},
		"proxy": {n.proxySession(t, ""), n.proxySession(t, "admin")},
	}
}

func TestMCPOverBothTransports(t *testing.T) {
	n := newNode(t, false)
	for name, pair := range sessions(t, n) {
		anon, admin := pair[0], pair[1]
		t.Run(name+"/list", func(t *testing.T) { testList(t, anon) })
		t.Run(name+"/search", func(t *testing.T) { testSearch(t, anon) })
		t.Run(name+"/items", func(t *testing.T) { testItems(t, anon) })
		t.Run(name+"/crosswalk", func(t *testing.T) { testCrosswalk(t, anon) })
		t.Run(name+"/resources", func(t *testing.T) { testResources(t, anon) })
		t.Run(name+"/bad input", func(t *testing.T) { testBadInput(t, anon) })
		t.Run(name+"/admin refused", func(t *testing.T) { testAdminRefused(t, anon, "unauthorized") })
		t.Run(name+"/admin", func(t *testing.T) { testAdmin(t, admin) })
	}
}

func testList(t *testing.T, cs *sdk.ClientSession) {
	ctx := context.Background()
	res, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if len(tool.Description) < 40 || tool.InputSchema == nil || tool.OutputSchema == nil {
			t.Errorf("tool %s lacks a description or schemas", tool.Name)
		}
	}
	slices.Sort(names)
	want := []string{"accept_match", "align_text", "crosswalk", "get_framework", "get_item", "list_frameworks",
		"reject_match", "resolve_alignment", "search_competencies"}
	if !slices.Equal(names, want) {
		t.Errorf("tools %v, want %v", names, want)
	}
	var fws struct {
		Total      int
		Frameworks []struct{ Identifier, Title, Resource string }
		NextOffset int
	}
	mustCall(t, cs, "list_frameworks", map[string]any{"limit": 2}, &fws)
	total := fws.Total // 5, and the crosswalk framework once a match was accepted
	if total < 5 || len(fws.Frameworks) != 2 || fws.NextOffset != 2 {
		t.Errorf("list_frameworks page 1: %+v", fws)
	}
	first := fws.Frameworks[0].Identifier
	fws.NextOffset = 0
	mustCall(t, cs, "list_frameworks", map[string]any{"limit": 2, "offset": total - 1}, &fws)
	if len(fws.Frameworks) != 1 || fws.NextOffset != 0 || fws.Frameworks[0].Identifier == first {
		t.Errorf("list_frameworks last page: %+v", fws)
	}
}

func testSearch(t *testing.T, cs *sdk.ClientSession) {
	var h hits
	mustCall(t, cs, "search_competencies", map[string]any{"query": "Pythagorean theorem", "framework": fwCCSS}, &h)
	if i := slices.Index(h.codes(), "8.G.B.7"); i < 0 || i >= 5 {
		t.Fatalf("Pythagorean theorem in CCSS: 8.G.B.7 not among the first 5 hits: %v", h.codes())
	}
	hit := h.Hits[slices.Index(h.codes(), "8.G.B.7")]
	if hit.Identifier != ccss8GB7 || hit.FrameworkID != fwCCSS || !slices.Contains(hit.Levels, "08") ||
		!slices.Contains(hit.Path, "8.G.B") || hit.Resource != testBase+"/ims/case/v1p1/CFItems/"+ccss8GB7 || hit.URI == "" {
		t.Errorf("8.G.B.7 hit: %+v", hit)
	}
	var again hits
	mustCall(t, cs, "search_competencies", map[string]any{"query": "Pythagorean theorem", "framework": fwCCSS}, &again)
	if !reflect.DeepEqual(h, again) {
		t.Errorf("the same search answered differently")
	}
	var p1, p2 hits
	mustCall(t, cs, "search_competencies", map[string]any{"query": "fractions", "limit": 3}, &p1)
	mustCall(t, cs, "search_competencies", map[string]any{"query": "fractions", "limit": 3, "offset": p1.NextOffset}, &p2)
	if len(p1.Hits) != 3 || p1.NextOffset != 3 || len(p2.Hits) != 3 || p1.Hits[0].Identifier == p2.Hits[0].Identifier {
		t.Errorf("paging: page 1 %v next %d, page 2 %v", p1.codes(), p1.NextOffset, p2.codes())
	}
	var f hits
	mustCall(t, cs, "search_competencies", map[string]any{"query": "fractions", "framework": fwCCSS, "levels": []string{"04"}}, &f)
	for _, x := range f.Hits {
		if x.FrameworkID != fwCCSS || !slices.Contains(x.Levels, "04") {
			t.Errorf("filtered hit outside CCSS grade 4: %+v", x)
		}
	}
	var a hits
	lesson := "Students find the length of the hypotenuse of a right triangle whose legs are 6 m and 8 m, " +
		"then the missing leg of a ladder leaning on a wall, by applying the Pythagorean Theorem."
	mustCall(t, cs, "align_text", map[string]any{"text": lesson, "framework": fwCCSS, "limit": 5}, &a)
	if i := slices.Index(a.codes(), "8.G.B.7"); i < 0 || i >= 3 {
		t.Errorf("lesson aligned to %v, want 8.G.B.7 among the first 3", a.codes())
	}
}

func testItems(t *testing.T, cs *sdk.ClientSession) {
	var it item
	mustCall(t, cs, "get_item", map[string]any{"id": "8.G.B.7", "framework": fwCCSS}, &it)
	if it.Identifier != ccss8GB7 || it.Framework.Identifier != fwCCSS || len(it.Ancestors) == 0 ||
		it.Ancestors[len(it.Ancestors)-1].Identifier != ccss8GB || !strings.Contains(it.Statement, "Pythagorean") {
		t.Errorf("get_item 8.G.B.7: %+v", it)
	}
	var byURI, byID item
	mustCall(t, cs, "get_item", map[string]any{"id": it.URI}, &byURI)
	mustCall(t, cs, "get_item", map[string]any{"id": ccss8GB7}, &byID)
	if byURI.Identifier != ccss8GB7 || byID.Identifier != ccss8GB7 {
		t.Errorf("get_item by uri %s, by identifier %s", byURI.Identifier, byID.Identifier)
	}
	var parent item
	mustCall(t, cs, "get_item", map[string]any{"id": ccss8GB}, &parent)
	if parent.ChildCount < 2 || !slices.ContainsFunc(parent.Children, func(r ref) bool { return r.Identifier == ccss8GB7 }) {
		t.Errorf("8.G.B children: %+v", parent.Children)
	}
	var fw struct {
		Identifier, Title, PackageResource string
		Items, TopLevelTotal               int
		TopLevel                           []ref
		Provenance                         casefile.Provenance
	}
	mustCall(t, cs, "get_framework", map[string]any{"id": fwCCSS, "limit": 3}, &fw)
	if !strings.Contains(fw.Title, "Common Core") || fw.Items < 500 || len(fw.TopLevel) != 3 || fw.TopLevelTotal < 3 {
		t.Errorf("get_framework CCSS: %+v", fw)
	}
	if fw.Provenance.Location != "x.json" {
		t.Errorf("anonymous caller sees provenance location %q, want the base name x.json", fw.Provenance.Location)
	}
	var res struct {
		Where string
		Item  item
	}
	mustCall(t, cs, "resolve_alignment", map[string]any{"ref": it.URI}, &res)
	if res.Where != "this node" || res.Item.Identifier != ccss8GB7 {
		t.Errorf("resolve_alignment %s: %+v", it.URI, res)
	}
}

func testCrosswalk(t *testing.T, cs *sdk.ClientSession) {
	e := seed.Expected()
	ex, tr := e.Explicit[0], e.Transitive[0]
	var cw crosswalkRows
	mustCall(t, cs, "crosswalk", map[string]any{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression,
		"items": []string{ex.Source, tr.B}}, &cw)
	if cw.Total != 2 || len(cw.Rows) != 2 {
		t.Fatalf("crosswalk of 2 items: %+v", cw)
	}
	for _, r := range cw.Rows {
		var got []string
		want := ex.Target
		list := r.Explicit
		if r.Source.Identifier == tr.B {
			want, list = tr.A, r.Transitive
		}
		for _, m := range list {
			got = append(got, m.Identifier)
		}
		if !slices.Contains(got, want) {
			t.Errorf("crosswalk row %s: matches %v, want %s", r.Source.Code, got, want)
		}
	}
	var sug crosswalkRows
	sp := e.Suggestions[0]
	mustCall(t, cs, "crosswalk", map[string]any{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression,
		"items": []string{sp.Source}, "suggest": true}, &sug)
	if len(sug.Rows) != 1 || !slices.ContainsFunc(sug.Rows[0].Suggested, func(m struct {
		Identifier string
		Score      float64
	}) bool {
		return m.Identifier == sp.Target
	}) {
		t.Errorf("suggestions for %s: %+v, want %s", sp.SourceCode, sug.Rows, sp.TargetCode)
	}
}

func testResources(t *testing.T, cs *sdk.ClientSession) {
	ctx := context.Background()
	tpl, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil || len(tpl.ResourceTemplates) != 4 {
		t.Fatalf("resource templates: %v %v", tpl, err)
	}
	r, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: testBase + "/ims/case/v1p1/CFItems/" + ccss8GB7})
	if err != nil || len(r.Contents) != 1 || !strings.Contains(r.Contents[0].Text, `"humanCodingScheme":"8.G.B.7"`) {
		t.Fatalf("read item resource: %v %+v", err, r)
	}
	r, err = cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: testBase + "/ims/case/v1p1/CFDocuments/" + fwCCSS})
	if err != nil || !strings.Contains(r.Contents[0].Text, `"identifier":"`+fwCCSS+`"`) {
		t.Fatalf("read framework resource: %v %+v", err, r)
	}
	var it item
	mustCall(t, cs, "get_item", map[string]any{"id": ccss8GB7}, &it)
	r, err = cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: it.URI}) // the publisher's canonical uri
	if err != nil || !strings.Contains(r.Contents[0].Text, `"identifier":"`+ccss8GB7+`"`) {
		t.Fatalf("read item by its canonical uri %s: %v %+v", it.URI, err, r)
	}
	r, err = cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: testBase + "/uri/" + fwCCSS}) // the node's stable address
	if err != nil || !strings.Contains(r.Contents[0].Text, `"identifier":"`+fwCCSS+`"`) {
		t.Fatalf("read framework by its stable address: %v %+v", err, r)
	}
	if _, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: "https://elsewhere.example/uri/nothing"}); err == nil ||
		!strings.Contains(err.Error(), "not found") {
		t.Errorf("unknown canonical uri: %v", err)
	}
	if _, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: testBase + "/ims/case/v1p1/CFItems/no-such-item"}); err == nil ||
		!strings.Contains(err.Error(), "not found") {
		t.Errorf("unknown item resource: %v", err)
	}
	p, err := cs.GetPrompt(ctx, &sdk.GetPromptParams{Name: "map_lesson_to_standards", Arguments: map[string]string{
		"lesson": "Use the Pythagorean Theorem to find unknown side lengths of right triangles.", "target": "some-framework"}})
	if err != nil || len(p.Messages) != 1 {
		t.Fatalf("prompt: %v %+v", err, p)
	}
	text := p.Messages[0].Content.(*sdk.TextContent).Text
	if !strings.Contains(text, "8.G.B.7") || !strings.Contains(text, "crosswalk") {
		t.Errorf("prompt does not start from the aligned items and the crosswalk: %s", text)
	}
}

func testBadInput(t *testing.T, cs *sdk.ClientSession) {
	for _, c := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"search_competencies", map[string]any{"query": "  "}, "invalid: query must have 1 to 1000 characters"},
		{"search_competencies", map[string]any{"query": "x", "limit": 1000}, "invalid: limit must be between 1 and 100"},
		{"search_competencies", map[string]any{}, "query"},
		{"search_competencies", map[string]any{"query": 7}, "query"},
		{"align_text", map[string]any{"text": strings.Repeat("a", casefile.MaxAlignLength+1)}, "invalid: text must have 1 to 20000 characters"},
		{"get_item", map[string]any{"id": "no-such-code"}, `not_found: no item with identifier, uri or code "no-such-code"`},
		{"get_framework", map[string]any{"id": "no-such-framework"}, "not_found"},
		{"crosswalk", map[string]any{"source": fwCCSS, "target": "no-such-framework"}, "not_found"},
		{"crosswalk", map[string]any{"source": fwCCSS, "target": fwCCSS, "min_score": 2}, "invalid: min_score must be between 0 and 1"},
		{"list_frameworks", map[string]any{"offset": -1}, "invalid: offset must be between 0 and 10000"},
	} {
		err := call(t, cs, c.tool, c.args, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %v: error %v, want one saying %q", c.tool, c.args, err, c.want)
		}
	}
	if _, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "no_such_tool"}); err == nil {
		t.Errorf("an unknown tool is not an error")
	}
}

// testAdminRefused: the admin tools refuse a caller without the admin scope
// and change nothing.
func testAdminRefused(t *testing.T, cs *sdk.ClientSession, code string) {
	e := seed.Expected()
	sp := e.Suggestions[0]
	for _, tool := range []string{"accept_match", "reject_match"} {
		err := call(t, cs, tool, map[string]any{"source": sp.Source, "target": sp.Target}, nil)
		if err == nil || !strings.HasPrefix(err.Error(), code+": "+tool+" needs") || !strings.Contains(err.Error(), casefile.ScopeAdmin) {
			t.Errorf("%s without the admin scope: %v", tool, err)
		}
	}
}

func testAdmin(t *testing.T, cs *sdk.ClientSession) {
	var fw struct{ Provenance casefile.Provenance }
	mustCall(t, cs, "get_framework", map[string]any{"id": fwCCSS}, &fw)
	if fw.Provenance.Location != "/srv/fixtures/x.json" {
		t.Errorf("an admin sees provenance location %q, want the full path", fw.Provenance.Location)
	}
	e := seed.Expected()
	un := e.Unmatched[0]
	var acc struct{ Association, Type, Source, Target string }
	mustCall(t, cs, "accept_match", map[string]any{"source": un.Item, "target": e.Suggestions[0].Target, "type": "isRelatedTo"}, &acc)
	if acc.Association == "" || acc.Type != "isRelatedTo" || acc.Source != un.Item {
		t.Errorf("accept_match: %+v", acc)
	}
	var cw crosswalkRows
	mustCall(t, cs, "crosswalk", map[string]any{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression,
		"items": []string{un.Item}}, &cw)
	if len(cw.Rows) != 1 || len(cw.Rows[0].Explicit) != 1 || cw.Rows[0].Explicit[0].Identifier != e.Suggestions[0].Target {
		t.Errorf("accepted match is not an explicit match in the crosswalk: %+v", cw.Rows)
	}
	sp := e.Suggestions[1]
	var rej struct{ Source, Target, Decision, By string }
	mustCall(t, cs, "reject_match", map[string]any{"source": sp.Source, "target": sp.Target}, &rej)
	if rej.Decision != casefile.DecisionRejected || rej.By == "" {
		t.Errorf("reject_match: %+v", rej)
	}
	var sug crosswalkRows
	mustCall(t, cs, "crosswalk", map[string]any{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression,
		"items": []string{sp.Source}, "suggest": true}, &sug)
	for _, m := range sug.Rows[0].Suggested {
		if m.Identifier == sp.Target {
			t.Errorf("a rejected suggestion is still offered")
		}
	}
}

// TestMCPReadScopeAndRequireAuth: over HTTP a read token is not enough for
// the admin tools, and with --require-auth an anonymous client cannot connect.
func TestMCPReadScopeAndRequireAuth(t *testing.T) {
	n := newNode(t, true)
	if _, err := n.httpSession(t, ""); err == nil {
		t.Fatalf("anonymous client connected to a node that requires auth")
	}
	reader, err := n.httpSession(t, "reader")
	if err != nil {
		t.Fatal(err)
	}
	var h hits
	mustCall(t, reader, "search_competencies", map[string]any{"query": "8.G.B.7"}, &h)
	if len(h.Hits) == 0 || h.Hits[0].Identifier != ccss8GB7 {
		t.Errorf("reader search 8.G.B.7: %v", h.codes())
	}
	testAdminRefused(t, reader, "forbidden")
	anon := n.stdioSession(t, nil)
	if err := call(t, anon, "search_competencies", map[string]any{"query": "8.G.B.7"}, nil); err == nil ||
		!strings.HasPrefix(err.Error(), "unauthorized: reading from this node needs a bearer token") {
		t.Errorf("anonymous read with --require-auth: %v", err)
	}
}
