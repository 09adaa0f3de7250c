package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

func compareURL(source, target string, extra ...string) string {
	v := url.Values{"source": {source}, "target": {target}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return "/compare?" + v.Encode()
}

func TestComparePageShowsCrosswalkAndCoverage(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	code, body, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), nil)
	if code != http.StatusOK {
		t.Fatalf("status %d: %.300s", code, body)
	}
	// Coverage is one bar drawn to scale: its four parts add up to the whole.
	widths := regexp.MustCompile(`<rect class="seg seg-[a-z]+" x="[0-9.]+" y="0" width="([0-9.]+)"`).FindAllStringSubmatch(body, -1)
	sum := 0.0
	for _, w := range widths {
		n, _ := strconv.ParseFloat(w[1], 64)
		sum += n
	}
	if len(widths) != 4 || sum < 999 || sum > 1001 {
		t.Errorf("coverage bar parts %v add up to %.1f of 1000", widths, sum)
	}
	mustContain(t, body, "Coverage of casenode Demo: Northwind", `<span class="key seg-explicit"></span>Explicit match</dt>`, `class="coverage-bar"`,
		`<span class="kind">explicit</span>`, `<span class="kind">suggested</span>`, "/compare.csv?",
		"/api/v1/crosswalk?", ">"+e.Explicit[0].SourceCode+"<", ">"+e.Explicit[0].TargetCode+"<")
	if len(e.Transitive) > 0 {
		mustContain(t, body, `<span class="kind">transitive</span>`, `class="via"`)
	}
	// Not an admin: no accept or reject buttons.
	mustNotContain(t, body, `action="/compare/accept"`)
	_, ab, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), admin)
	mustContain(t, ab, `action="/compare/accept"`, `action="/compare/reject"`)
	// The kind filter keeps only explicit matches.
	_, eb, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression, "kind", "explicit"), nil)
	mustNotContain(t, eb, `<span class="kind">suggested</span>`, `<span class="kind">transitive</span>`)
	mustContain(t, eb, `<span class="kind">explicit</span>`)
	// CSV of the view.
	code, csvBody, hdr := get(t, n.web, "/compare.csv?"+url.Values{"source": {e.Frameworks.Northwind}, "target": {e.Frameworks.Progression}, "kind": {"explicit"}}.Encode(), nil)
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || !strings.Contains(csvBody, e.Explicit[0].SourceCode) {
		t.Errorf("csv: %d %q %.200s", code, hdr.Get("Content-Type"), csvBody)
	}
}

// firstSuggestion finds the first accept form's source and target items.
func firstSuggestion(t *testing.T, page string) (string, string) {
	t.Helper()
	m := regexp.MustCompile(`action="/compare/accept"[\s\S]*?name="sourceItem" value="([^"]+)"><input type="hidden" name="targetItem" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no suggestion to act on")
	}
	return m[1], m[2]
}

func TestAdminAcceptsAndRejectsSuggestions(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	page := compareURL(e.Frameworks.Northwind, e.Frameworks.Progression)
	_, body, _ := get(t, n.web, page, admin)
	src, tgt := firstSuggestion(t, body)
	form := map[string]string{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression,
		"minScore": "0.3", "sourceItem": src, "targetItem": tgt, "associationType": casefile.ExactMatchOf}

	// A reader may not, nor may another site.
	if rec := post(t, n.web, "/compare/accept", form, reader); rec.Code != http.StatusForbidden {
		t.Errorf("reader accept: status %d", rec.Code)
	}
	if rec := post(t, n.web, "/compare/accept", form, admin, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
		t.Errorf("cross-site accept: status %d", rec.Code)
	}

	rec := post(t, n.web, "/compare/accept", form, admin, "Sec-Fetch-Site", "same-origin")
	if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "done=accepted") {
		t.Fatalf("accept: %d %q %s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	// Now an explicit match, stored as an association in the crosswalk document.
	loc, _, _ := strings.Cut(rec.Header().Get("Location"), "#") // a browser keeps the fragment to itself
	_, after, _ := get(t, n.web, loc, admin)
	mustContain(t, after, "Suggestion accepted")
	row := rowOf(t, after, src)
	if !strings.Contains(row, `href="/items/`+tgt+`"`) || !strings.Contains(row, `<span class="kind">explicit</span>`) {
		t.Errorf("accepted pair is not explicit now: %s", row)
	}

	// Reject the next suggestion: hidden, and listed for restoring.
	src2, tgt2 := firstSuggestion(t, after)
	form["sourceItem"], form["targetItem"] = src2, tgt2
	rec = post(t, n.web, "/compare/reject", form, admin)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("reject: %d %s", rec.Code, rec.Body.String())
	}
	_, rejected, _ := get(t, n.web, page, admin)
	if strings.Contains(rowOf(t, rejected, src2), `name="targetItem" value="`+tgt2+`"`) {
		t.Error("rejected suggestion still offered")
	}
	mustContain(t, rejected, "Rejected suggestions (1)", `action="/compare/restore"`, "by curator")
	// Visitors see that a pair was rejected, not which client rejected it.
	_, public, _ := get(t, n.web, page, nil)
	mustContain(t, public, "Rejected suggestions (1)")
	mustNotContain(t, public, "by curator", `action="/compare/restore"`)
	if rec := post(t, n.web, "/compare/restore", form, admin); rec.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d", rec.Code)
	}
	_, restored, _ := get(t, n.web, page, admin)
	mustNotContain(t, restored, "Rejected suggestions (")
}

// rowOf returns the crosswalk table row of a source item.
func rowOf(t *testing.T, page, source string) string {
	t.Helper()
	i := strings.Index(page, `<th scope="row" class="side"><a class="code" href="/items/`+source+`"`)
	if i < 0 {
		t.Fatalf("no row for %s", source)
	}
	j := strings.Index(page[i:], "</tr>")
	return page[i : i+j]
}

func TestCompareWithoutCrosswalkService(t *testing.T) {
	n := newTestNode(t)
	d := n.deps
	d.Crosswalk, d.Federation = nil, nil
	h := n.handler(d)
	e := seed.Expected()
	code, body, _ := get(t, h, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), nil)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	mustContain(t, body, "Crosswalks are not available on this node.")
	_, pb, _ := get(t, h, "/peers", nil)
	mustContain(t, pb, "Federation is not configured")
}

// TestCompareLargeSourceSuggestsPerPage lowers the threshold so that the
// seed's Northwind (50 items) counts as large: suggestions then come only
// for the page's source items, and the page says so.
func TestCompareLargeSourceSuggestsPerPage(t *testing.T) {
	n := newTestNode(t)
	h := n.web.(*handler)
	h.suggestAll = 10
	e := seed.Expected()
	_, body, _ := get(t, h, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), admin)
	mustContain(t, body, "suggestions are computed for the source items of each page", `<span class="kind">suggested</span>`,
		`<span class="kind">explicit</span>`, `action="/compare/accept"`, "(explicit and transitive matches)")
	// "Suggested only" lists rows without explicit links that have suggestions.
	_, sb, _ := get(t, h, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression, "kind", "suggested"), nil)
	mustContain(t, sb, `<span class="kind">suggested</span>`)
	mustNotContain(t, sb, `<span class="kind">explicit</span>`)
	// Explicit only needs no suggestions at all.
	_, eb, _ := get(t, h, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression, "kind", "explicit"), nil)
	mustNotContain(t, eb, "computed for the source items of each page", `<span class="kind">suggested</span>`)
}

// TestCompareLevelAndStrandFilters: the level filter keeps the source items
// of one grade (levels shown on the page), the strand filter the children
// of one source item; the choices are offered in the form.
func TestCompareLevelAndStrandFilters(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	_, all, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), nil)
	mustContain(t, all, `<select id="level" name="level">`, `<option value="04">Grade 4</option>`, `<select id="strand" name="strand">`,
		`<span class="levels" title="education level">Grade 3</span>`)
	_, g4, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression, "level", "04"), nil)
	rows := regexp.MustCompile(`<tr id="row-[^"]+">[\s\S]*?</th>`).FindAllString(g4, -1)
	if len(rows) == 0 {
		t.Fatal("no rows at level 04")
	}
	for _, r := range rows {
		if !strings.Contains(r, `title="education level">Grade 4</span>`) {
			t.Errorf("row outside level 04: %s", r)
		}
	}
	strand := regexp.MustCompile(`<option value="([^"]+)">Operations and patterns`).FindStringSubmatch(g4)
	if strand == nil {
		t.Fatal("no strand 'Operations and patterns' offered at level 04")
	}
	_, ops, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression, "level", "04", "strand", strand[1]), nil)
	codes := regexp.MustCompile(`<tr id="row-[^"]+">\s*<th scope="row" class="side"><a class="code" href="[^"]+">([^<]+)</a>`).FindAllStringSubmatch(ops, -1)
	if len(codes) == 0 {
		t.Fatal("no rows in the strand")
	}
	for _, c := range codes {
		if !strings.HasPrefix(c[1], "NW.4.OPS.") {
			t.Errorf("row %s outside the strand NW.4.OPS", c[1])
		}
	}
}

func TestNextUnmatchedSkipsMatchedRowsAndHeadings(t *testing.T) {
	m := []casefile.CrosswalkMatch{{Kind: casefile.MatchExplicit}}
	rows := []casefile.CrosswalkRow{{}, {Matches: m}, {Heading: true}, {Matches: m}, {}}
	if got := nextUnmatched(rows, 1); got != 4 {
		t.Errorf("from 1: %d, want 4", got)
	}
	if got := nextUnmatched(rows, 5); got != -1 {
		t.Errorf("past the end: %d", got)
	}
}

// An admin matches a source item to a target the crosswalk did not offer,
// naming it by code.
func TestAdminPicksADifferentTarget(t *testing.T) {
	n := newTestNode(t)
	e := seed.Expected()
	page := compareURL(e.Frameworks.Northwind, e.Frameworks.Progression)
	_, body, _ := get(t, n.web, page, admin)
	mustContain(t, body, `class="inline pick-target"`, `name="targetCode"`)
	u := e.Unmatched[0]
	other := e.Explicit[0] // a target item of A that u has nothing to do with
	form := map[string]string{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression, "minScore": "0.3",
		"sourceItem": u.Item, "targetCode": strings.ToLower(other.TargetCode), "associationType": casefile.ExactMatchOf}
	rec := post(t, n.web, "/compare/accept", form, admin, "Sec-Fetch-Site", "same-origin")
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("pick: %d %s", rec.Code, rec.Body.String())
	}
	_, after, _ := get(t, n.web, page+"&kind=explicit", admin)
	if row := rowOf(t, after, u.Item); !strings.Contains(row, `href="/items/`+other.Target+`"`) {
		t.Errorf("the picked target is not an explicit match of %s: %s", u.Code, row)
	}
	form["targetCode"] = "no such code or words zzqx"
	if rec := post(t, n.web, "/compare/accept", form, admin, "Sec-Fetch-Site", "same-origin"); rec.Code != http.StatusNotFound {
		t.Errorf("an unknown target: status %d", rec.Code)
	}
}

func TestHeadingsAreExplainedByTheirItems(t *testing.T) {
	link := func(id string) *casefile.LinkURI { return &casefile.LinkURI{Identifier: id} }
	m := func(id string) []casefile.CrosswalkMatch {
		return []casefile.CrosswalkMatch{{Target: casefile.LinkURI{Identifier: id}, Kind: casefile.MatchExplicit}}
	}
	rows := []casefile.CrosswalkRow{
		{Source: casefile.LinkURI{Identifier: "top"}, Heading: true},
		{Source: casefile.LinkURI{Identifier: "sub"}, Parent: link("top"), Heading: true},
		{Source: casefile.LinkURI{Identifier: "a"}, Parent: link("sub"), Matches: m("x")},
		{Source: casefile.LinkURI{Identifier: "b"}, Parent: link("sub")},
		{Source: casefile.LinkURI{Identifier: "c"}, Parent: link("top"), Matches: m("x")},
	}
	ex := explainHeadings(rows)
	if e := ex["sub"]; e == nil || e.Matched != 1 || e.Of != 2 || len(e.Targets) != 1 {
		t.Errorf("sub: %+v", e)
	}
	if e := ex["top"]; e == nil || e.Matched != 2 || e.Of != 3 || len(e.Targets) != 1 {
		t.Errorf("top (items at any depth, targets once): %+v", e)
	}
	// On the page, a heading row says what the items under it match.
	n := newTestNode(t)
	e := seed.Expected()
	_, body, _ := get(t, n.web, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), nil)
	if !regexp.MustCompile(`<p class="explain">\d+ of \d+ items under it have matches, among them <a class="code"`).MatchString(body) {
		t.Error("no heading explained by its items on the compare page")
	}
}
