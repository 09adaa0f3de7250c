package search

import (
	"context"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// TestMarkupIsNeitherMatchedNorShown: statements with HTML and LaTeX are
// found by their words and math tokens, not by their tags, and snippets and
// passages show and read the text without markup.
func TestMarkupIsNeitherMatchedNorShown(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	fw := tid("markup-fw")
	html := testItem{id: tid("html"), code: "M.1", statement: "Interpret products of whole numbers. <em>For example, describe a context for 5 × 7.</em>"}
	tex := testItem{id: tid("tex"), code: "M.2", statement: "Represent a fraction $\\frac{a}{b}$ on a number line; the area of a rectangle is $l \\times w$."}
	importPkg(t, db, testPackage(t, fw, "Markup", []testItem{html, tex}))
	ix := openIndex(t, t.TempDir(), db)
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"em", "frac", "times"} {
		if res := doSearch(t, ix, casefile.SearchRequest{Query: q}); len(res.Hits) != 0 {
			t.Errorf("search %q matches markup: %v", q, hitIDs(res.Hits))
		}
	}
	res := doSearch(t, ix, casefile.SearchRequest{Query: "example context"})
	if len(res.Hits) != 1 || res.Hits[0].Identifier != html.id {
		t.Fatalf("example context: %v", hitIDs(res.Hits))
	}
	for _, frags := range res.Hits[0].Highlights {
		for _, f := range frags {
			if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f), "&lt;em") {
				t.Errorf("snippet shows markup: %s", f)
			}
		}
	}
	al, err := ix.Align(ctx, "Students place the fraction $\\frac{3}{4}$ on a <b>number line</b>.", casefile.SearchRequest{})
	if err != nil || len(al.Hits) == 0 || al.Hits[0].Identifier != tex.id {
		t.Fatalf("align: %v %v", al, err)
	}
	for _, f := range al.Hits[0].Highlights[fieldFullStatement] {
		if strings.Contains(f, `\\frac`) || strings.Contains(f, "$") {
			t.Errorf("align snippet shows LaTeX: %s", f)
		}
	}
}
