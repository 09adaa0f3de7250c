package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func mustNotContain(t *testing.T, page string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(page, w) {
			t.Errorf("page unexpectedly contains %q", w)
		}
	}
}

func TestHomeListsFrameworksWithSearchBox(t *testing.T) {
	n := newTestNode(t)
	code, body, hdr := get(t, n.web, "/", nil)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	e := seed.Expected().Frameworks
	mustContain(t, body,
		"casenode Demo: Northwind State Mathematics Standards", "casenode Demo: Mathematics Progression K–5",
		"casenode Demo: Core Numeracy Skills", `href="/frameworks/`+e.Northwind+`"`,
		`<label for="home-q">`, `action="/search"`, `class="skip-link" href="#main"`, `<main id="main"`,
		">50<", // Northwind's item count
	)
	if !strings.Contains(hdr.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("no CSP: %q", hdr.Get("Content-Security-Policy"))
	}
}

func TestFrameworkPageRendersTopLevelOnly(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	code, body, _ := get(t, n.web, "/frameworks/"+e.Frameworks.Northwind, nil)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	// Grade headings are the roots; a standard two levels down is not rendered.
	mustContain(t, body, ">NW.3<", "data-children=\"/frameworks/"+e.Frameworks.Northwind+"/children/",
		"/ims/case/v1p1/CFPackages/"+e.Frameworks.Northwind, "/ims/case/v1p0/CFPackages/"+e.Frameworks.Northwind,
		"/frameworks/"+e.Frameworks.Northwind+".csv", "?open=")
	mustNotContain(t, body, ">NW.3.NPV.1<")
	if strings.Contains(body, "<details") && strings.Contains(body, " open ") {
		t.Error("nothing should be open without ?open=")
	}
}

func TestFrameworkOpenExpandsPathWithoutJS(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	src := e.Explicit[0].Source // NW.3.NPV.1, a leaf two levels down
	_, body, _ := get(t, n.web, "/frameworks/"+e.Frameworks.Northwind+"?open="+src, nil)
	mustContain(t, body, ">"+e.Explicit[0].SourceCode+"<", `id="n-`+src+`"`, `open data-loaded="true"`)
	// Other grades stay closed: NW.4's children are not rendered.
	mustNotContain(t, body, ">NW.4.NPV.2<")
}

func TestChildrenFragment(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	ctx := context.Background()
	anc, err := n.db.Ancestors(ctx, e.Explicit[0].Source)
	if err != nil || len(anc) == 0 {
		t.Fatalf("ancestors: %v %v", anc, err)
	}
	parent := anc[len(anc)-1].Identifier
	code, body, hdr := get(t, n.web, "/frameworks/"+e.Frameworks.Northwind+"/children/"+parent, nil)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	if !strings.HasPrefix(body, `<ul class="tree">`) || strings.Contains(body, "<html") {
		t.Errorf("not a fragment: %.200s", body)
	}
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Errorf("content type %q", hdr.Get("Content-Type"))
	}
	mustContain(t, body, ">"+e.Explicit[0].SourceCode+"<")
	if code, _, _ := get(t, n.web, "/frameworks/"+e.Frameworks.Northwind+"/children/no-such-item", nil); code != http.StatusNotFound {
		t.Errorf("unknown item: status %d", code)
	}
}

func TestFrameworkCSV(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	code, body, hdr := get(t, n.web, "/frameworks/"+e.Frameworks.Northwind+".csv", nil)
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d type %q", code, hdr.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	if len(rows)-1 != 50 {
		t.Errorf("%d item rows, want 50", len(rows)-1)
	}
	var found bool
	for _, r := range rows[1:] {
		if r[1] == e.Explicit[0].SourceCode {
			found = true
			if r[6] == "" || !strings.HasPrefix(r[6], "NW.3") || r[2] == "" {
				t.Errorf("row %v: want statement and a parent code under NW.3", r)
			}
		}
		if r[1] == "NW.3" && r[5] != "" {
			t.Errorf("root NW.3 has parent %q", r[5])
		}
	}
	if !found {
		t.Errorf("no row for %s", e.Explicit[0].SourceCode)
	}
}

func TestItemPageAssociationsBothWays(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	x := e.Explicit[0]
	code, body, _ := get(t, n.web, "/items/"+x.Source, nil)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	// Outgoing exactMatchOf to an item of another local framework, resolved
	// to its code and the framework's title; breadcrumb through the tree.
	mustContain(t, body, `aria-label="Breadcrumb"`, "Northwind State Mathematics Standards",
		`<code class="label">exactMatchOf</code>`, `href="/items/`+x.Target+`"`, ">"+x.TargetCode+"<", "— Aligned by the Northwind review panel.",
		"Mathematics Progression K–5</a>", `<code class="label">isChildOf</code>`)
	// The target shows the same link from its side, and its parent shows isParentOf.
	_, tb, _ := get(t, n.web, "/items/"+x.Target, nil)
	mustContain(t, tb, `href="/items/`+x.Source+`"`, ">"+x.SourceCode+"<")
	anc, _ := n.db.Ancestors(context.Background(), x.Source)
	_, pb, _ := get(t, n.web, "/items/"+anc[len(anc)-1].Identifier, nil)
	mustContain(t, pb, `<code class="label">isParentOf</code>`, `href="/items/`+x.Source+`"`)
}

func TestErrorsAreFriendlyPages(t *testing.T) {
	n := newTestNode(t)
	for _, path := range []string{"/items/00000000-0000-4000-8000-000000000000", "/frameworks/nope", "/no/such/page"} {
		code, body, hdr := get(t, n.web, path, nil)
		if code != http.StatusNotFound {
			t.Errorf("%s: status %d", path, code)
		}
		if !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
			t.Errorf("%s: content type %q", path, hdr.Get("Content-Type"))
		}
		mustContain(t, body, "<h1 id=\"error-heading\">Not found</h1>", `href="/search"`)
	}
}

// hostile is a framework whose text tries to inject markup.
func hostile(base string) []byte {
	const doc, item = "5f8a2b1c-0d3e-4f5a-8b6c-7d8e9f0a1b2c", "6a9b3c2d-1e4f-4a6b-9c7d-8e9f0a1b2c3d"
	return fmt.Appendf(nil, `{"CFDocument":{"identifier":%[1]q,"uri":"%[3]s/ims/case/v1p1/CFDocuments/%[1]s",
 "creator":"<img src=x onerror=alert(2)>","title":"Evil <script>alert('title')</script> framework","lastChangeDateTime":"2026-11-20T09:00:00Z"},
 "CFItems":[{"identifier":%[2]q,"uri":"%[3]s/ims/case/v1p1/CFItems/%[2]s","humanCodingScheme":"<b>EV.1</b>",
  "fullStatement":"Fractions <script>alert('stmt')</script> & \"quotes\"","lastChangeDateTime":"2026-11-20T09:00:00Z"}],
 "CFAssociations":[{"identifier":"7b0c4d3e-2f5a-4b7c-8d9e-0f1a2b3c4d5e","uri":"%[3]s/ims/case/v1p1/CFAssociations/7b0c4d3e-2f5a-4b7c-8d9e-0f1a2b3c4d5e",
  "associationType":"isChildOf","originNodeURI":{"title":"x","identifier":%[2]q,"uri":"%[3]s/ims/case/v1p1/CFItems/%[2]s"},
  "destinationNodeURI":{"title":"doc","identifier":%[1]q,"uri":"%[3]s/ims/case/v1p1/CFDocuments/%[1]s"},"lastChangeDateTime":"2026-11-20T09:00:00Z"}]}`,
		doc, item, base)
}

func TestMarkupInDataIsEscaped(t *testing.T) {
	n := newTestNode(t)
	n.importBytes(hostile(n.base), casefile.Provenance{Source: casefile.SourceFile, Location: "hostile.json"})
	for _, path := range []string{"/", "/frameworks/5f8a2b1c-0d3e-4f5a-8b6c-7d8e9f0a1b2c",
		"/items/6a9b3c2d-1e4f-4a6b-9c7d-8e9f0a1b2c3d", "/search?q=fractions+script", "/search?q=alert",
		"/frameworks/5f8a2b1c-0d3e-4f5a-8b6c-7d8e9f0a1b2c/children/5f8a2b1c-0d3e-4f5a-8b6c-7d8e9f0a1b2c"} {
		code, body, _ := get(t, n.web, path, nil)
		if code != http.StatusOK && code != http.StatusNotFound {
			t.Errorf("%s: status %d", path, code)
		}
		mustNotContain(t, body, "<script>alert", "<b>EV.1</b>", "<img src=x")
		if strings.Count(body, "<script") != strings.Count(body, `<script src="/static/site.js" defer></script>`)+strings.Count(body, `<script src="/static/katex/katex.min.js" defer></script>`) {
			t.Errorf("%s: a script element besides site.js and KaTeX", path)
		}
	}
	// Statements are rendered (Markdown and safe HTML): the script element is
	// dropped by the sanitiser, the text around it is kept; codes are text.
	_, body, _ := get(t, n.web, "/items/6a9b3c2d-1e4f-4a6b-9c7d-8e9f0a1b2c3d", nil)
	mustContain(t, body, "Fractions", "&amp; &#34;quotes&#34;", "&lt;b&gt;EV.1&lt;/b&gt;")
	mustNotContain(t, body, "alert(&#39;stmt&#39;)")
	_, sb, _ := get(t, n.web, "/search?q=fractions", nil)
	mustContain(t, sb, "<mark>Fractions</mark>")
	mustNotContain(t, sb, "alert(&#39;stmt")
}

func TestSearchPage(t *testing.T) {
	n := newTestNode(t)
	code, body, _ := get(t, n.web, "/search?q=fractions", nil)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	mustContain(t, body, "<mark>", `type="checkbox"`, `name="educationLevel"`, `<legend>Education level</legend>`,
		`<label for="q">`, `value="fractions"`, `class="hit-where"`)
	// A filter is a plain GET parameter: the URL is shareable and needs no JS.
	_, fb, _ := get(t, n.web, "/search?q=fractions&educationLevel=03", nil)
	hits := regexp.MustCompile(`<span class="levels">Levels ([^<]*)</span>`).FindAllStringSubmatch(fb, -1)
	if len(hits) == 0 {
		t.Fatal("no hits with levels for fractions at level 03")
	}
	for _, h := range hits {
		if !strings.Contains(h[1], "03") {
			t.Errorf("hit with levels %q despite filter 03", h[1])
		}
	}
	mustContain(t, fb, `value="03" checked`)
	// Paging keeps the query and the filters.
	_, all, _ := get(t, n.web, "/search?q=number", nil)
	if m := regexp.MustCompile(`href="(/search\?[^"]*page=2[^"]*)"`).FindStringSubmatch(all); m != nil {
		u, _ := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
		if u.Query().Get("q") != "number" {
			t.Errorf("page 2 link loses the query: %s", m[1])
		}
		_, p2, _ := get(t, n.web, u.String(), nil)
		mustContain(t, p2, `<span aria-current="page">2</span>`, "Results 21–")
	} else if strings.Contains(all, `rel="next"`) {
		t.Error("a next link without a page 2 link")
	}
	// Nothing asked: the form only.
	_, empty, _ := get(t, n.web, "/search", nil)
	mustNotContain(t, empty, `class="hit"`)
}

func TestSafeHighlight(t *testing.T) {
	cases := []struct{ in, want string }{
		{"add <mark>fractions</mark> &amp; more", "add <mark>fractions</mark> &amp; more"},
		{"<script>alert(1)</script> <mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>"},
		{"&lt;b&gt; <mark>bold", "&lt;b&gt; <mark>bold</mark>"},
		{"</mark>stray <mark>a<mark>b</mark>", "stray <mark>ab</mark>"},
		{`<mark onclick="x">no</mark>`, `&lt;mark onclick=&#34;x&#34;&gt;no`},
	}
	for _, c := range cases {
		if got := string(safeHighlight(c.in)); got != c.want {
			t.Errorf("safeHighlight(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{"/compare?x=1": "/compare?x=1", "//evil.example/": "/", "/\\evil": "/",
		"https://evil.example": "/", "": "/", "/login?next=/": "/"} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestItemPageContext(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	// An item of B with an explicit match in A and an item of B whose only
	// counterpart in A is a suggestion.
	_, body, _ := get(t, n.web, "/items/"+e.Explicit[0].Source, nil)
	mustContain(t, body, `id="counter-h"`, "Mathematics Progression K–5", `href="/items/`+e.Explicit[0].Target+`"`,
		`class="neighbours"`, "Item ", " of ", `class="copy" data-copy="`+e.Explicit[0].Source+`"`, "/uri/"+e.Explicit[0].Source)
	mustNotContain(t, body, "<dt>Education levels</dt>")
	if !strings.Contains(body, "<dt>Education level</dt><dd>Grade ") && !strings.Contains(body, "<dt>Education level</dt><dd>Kindergarten") {
		t.Errorf("levels not shown by name")
	}
	// Suggestions at or above the default threshold are shown for the
	// items whose only counterpart is textual.
	shown := 0
	for _, s := range e.Suggestions {
		_, body, _ = get(t, n.web, "/items/"+s.Source, nil)
		if strings.Contains(body, `kind-suggested">suggested</span> <a href="/items/`+s.Target+`"`) {
			shown++
		}
	}
	if shown == 0 {
		t.Errorf("none of %d suggestion pairs shows its counterpart on the item page", len(e.Suggestions))
	}
}

func TestRedundantLabelsHidden(t *testing.T) {
	it := &casefile.Item{HumanCodingScheme: "3.OA.A.1", FullStatement: "Interpret <em>products</em> of whole numbers."}
	for label, redundant := range map[string]bool{
		"3.OA.A.1 Interpret products of whole numbers.": true,
		"3.OA.A.1": true, "": true,
		"Interpret products of whole numbers": true,
		"Products as equal groups":            false,
	} {
		if got := redundantLabel(label, it); got != redundant {
			t.Errorf("redundantLabel(%q) = %v", label, got)
		}
	}
	for enum, noisy := range map[string]bool{"1": true, "A": true, "": true, "iv": false} {
		if got := noisyEnumeration(enum, it); got != noisy {
			t.Errorf("noisyEnumeration(%q) = %v", enum, got)
		}
	}
}

func TestHomeGroupsFiltersAndOrigins(t *testing.T) {
	n := newTestNode(t)
	n.importBytes(hostile(n.base), casefile.Provenance{Source: casefile.SourceFile, Location: "/srv/uploads/hostile.json"})
	_, body, _ := get(t, n.web, "/", nil)
	// Demo frameworks are marked; a publisher's file is not "this node".
	mustContain(t, body, `class="badge demo"`, "<h2 id=\"s-Mathematics\">Mathematics</h2>", `<select id="f-subject" name="subject">`,
		"Kindergarten", "demo data")
	mustNotContain(t, body, "<td>this node", "/srv/uploads")
	if strings.Count(body, `class="badge demo"`) != len(seed.Frameworks()) {
		t.Errorf("%d demo badges, want %d", strings.Count(body, `class="badge demo"`), len(seed.Frameworks()))
	}
	// Filtering by origin keeps only the uploaded framework.
	_, body, _ = get(t, n.web, "/?origin="+url.QueryEscape("<img src=x onerror=alert(2)>"), nil)
	mustContain(t, body, "(1 of 4 shown)", "Evil &lt;script&gt;")
	mustNotContain(t, body, `class="badge demo"`)
	_, body, _ = get(t, n.web, "/?subject=Nothing", nil)
	mustContain(t, body, "No framework matches these filters")
}

func TestMalformedStaticPathsAre404(t *testing.T) {
	n := newTestNode(t)
	for _, p := range []string{"/static/%FF%FE", "/static/%C0%AF", "/static/a%00b", "/static/..%2Fweb.go", "/static/%2e%2e/x"} {
		if st, _, _ := get(t, n.web, p, nil); st != http.StatusNotFound && st != http.StatusBadRequest {
			t.Errorf("GET %s: %d", p, st)
		}
	}
}

func TestFrameworkCSVNeutralisesFormulas(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	var nw []byte
	for _, f := range seed.Frameworks() {
		if strings.Contains(f.Name, "northwind") {
			nw = f.Data
		}
	}
	hostile := bytes.Replace(nw, []byte(`"humanCodingScheme": "NW.3.NPV.1"`), []byte(`"humanCodingScheme": "-NW.3.NPV.1"`), 1)
	hostile = bytes.Replace(hostile, []byte(`"fullStatement": "`), []byte(`"fullStatement": "=1+2 `), 1)
	if bytes.Equal(hostile, nw) {
		t.Fatal("the Northwind seed changed; the test needs new anchors")
	}
	n.importBytes(hostile, casefile.Provenance{Source: casefile.SourceFile, Location: "hostile.json"})
	_, body, _ := get(t, n.web, "/frameworks/"+e.Frameworks.Northwind+".csv", nil)
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range rows[1:] {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("formula-like cell %q", c)
			}
			if strings.HasPrefix(c, "'-NW.3.NPV.1") || strings.HasPrefix(c, "'=1+2") {
				seen++
			}
		}
	}
	if seen < 2 {
		t.Errorf("the hostile cells were not exported neutralised (%d seen)", seen)
	}
}
