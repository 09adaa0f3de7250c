package search

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

var (
	fwB = tid("framework-b")
	fwC = tid("framework-c")
)

// featureIndex holds two small frameworks: B (grades 03-05, 30 items about
// volcanoes) and C (no grades, a few items).
func featureIndex(t *testing.T) *Index {
	t.Helper()
	return featureIndexWith(t, defaultConfig())
}

func featureIndexWith(t *testing.T, cfg config) *Index {
	t.Helper()
	db := openStore(t)
	var b []testItem
	for i := range 30 {
		lvl := fmt.Sprintf("%02d", 3+i%3)
		b = append(b, testItem{id: tid(fmt.Sprintf("b%d", i)), code: fmt.Sprintf("V.%d", i),
			statement: fmt.Sprintf("Describe volcano number %d & its <lava> flows.", i), levels: []string{lvl}})
	}
	importPkg(t, db, testPackage(t, fwB, "Volcano Standards", b))
	importPkg(t, db, testPackage(t, fwC, "Earth Science C", []testItem{
		{id: tid("c1"), code: "ES.1", statement: "Model how volcanoes form new land at plate boundaries."},
		{id: tid("c2"), code: "ES.2", statement: "Measure rainfall with a rain gauge."},
	}))
	return openIndexWith(t, filepath.Join(t.TempDir(), "index"), db, cfg)
}

func TestHighlightsAreEscapedAndMarked(t *testing.T) {
	ix := featureIndex(t)
	res := doSearch(t, ix, casefile.SearchRequest{Query: "lava", Filters: map[string][]string{casefile.FacetFramework: {fwB}}, Size: 1})
	if len(res.Hits) != 1 {
		t.Fatalf("hits: %v", res.Hits)
	}
	h := res.Hits[0].Highlights[fieldFullStatement]
	if len(h) != 1 || !strings.Contains(h[0], "&amp; its &lt;<mark>lava</mark>&gt; flows.") {
		t.Errorf("highlight = %q", h)
	}
}

func TestFragmentOfLongText(t *testing.T) {
	text := strings.Repeat("filler words here ", 40) + "the <target> word " + strings.Repeat("more text ", 40)
	start := strings.Index(text, "target")
	f, ok := fragment(text, []span{{start, start + len("target")}})
	if !ok || !strings.HasPrefix(f, "…") || !strings.HasSuffix(f, "…") || !strings.Contains(f, "&lt;<mark>target</mark>&gt;") {
		t.Fatalf("fragment = %q, %v", f, ok)
	}
	if len(f) > fragmentMax+100 {
		t.Errorf("fragment is %d bytes", len(f))
	}
	if _, ok := fragment("short", []span{{3, 99}}); ok {
		t.Error("offsets past the text must be refused")
	}
}

func TestPagingAndSizeCap(t *testing.T) {
	ix := featureIndex(t)
	q := casefile.SearchRequest{Query: "volcano", Filters: map[string][]string{casefile.FacetFramework: {fwB}}}
	q.Size = 10
	first := doSearch(t, ix, q)
	q.From = 10
	second := doSearch(t, ix, q)
	if first.Total != 30 || len(first.Hits) != 10 || len(second.Hits) != 10 {
		t.Fatalf("total %d, pages %d/%d", first.Total, len(first.Hits), len(second.Hits))
	}
	for _, id := range hitIDs(second.Hits) {
		if slices.Contains(hitIDs(first.Hits), id) {
			t.Errorf("%s on both pages", id)
		}
	}
	q.From, q.Size = 0, 5000
	if res := doSearch(t, ix, q); res.Size != maxSize || len(res.Hits) != 30 {
		t.Errorf("size %d, hits %d", res.Size, len(res.Hits))
	}
	if _, err := ix.Search(context.Background(), casefile.SearchRequest{Query: "x", From: maxFrom + 1}); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("from beyond the limit: %v", err)
	}
}

func TestFiltersFacetsAndExclude(t *testing.T) {
	ix := featureIndex(t)
	res := doSearch(t, ix, casefile.SearchRequest{Query: "volcano", Size: 100})
	if res.Total != 31 {
		t.Fatalf("volcano: %d hits", res.Total)
	}
	levels := map[string]int{}
	for _, fc := range res.Facets[casefile.FacetEducationLevel] {
		levels[fc.Value] = fc.Count
	}
	if levels["03"] != 10 || levels["04"] != 10 || levels["05"] != 10 {
		t.Errorf("level facet = %v", res.Facets[casefile.FacetEducationLevel])
	}
	for _, name := range casefile.Facets {
		if _, ok := res.Facets[name]; !ok {
			t.Errorf("facet %s missing", name)
		}
	}
	if o := res.Facets[casefile.FacetOriginNode]; len(o) != 1 || o[0].Value != originLocal || o[0].Count != 31 {
		t.Errorf("origin facet = %v", o)
	}
	// OR within a facet, AND across facets.
	or := doSearch(t, ix, casefile.SearchRequest{Query: "volcano", Filters: map[string][]string{casefile.FacetEducationLevel: {"03", "04"}}})
	if or.Total != 20 {
		t.Errorf("levels 03 or 04: %d", or.Total)
	}
	and := doSearch(t, ix, casefile.SearchRequest{Query: "volcano", Filters: map[string][]string{casefile.FacetEducationLevel: {"03"}, casefile.FacetFramework: {fwC}}})
	if and.Total != 0 {
		t.Errorf("level 03 and framework C: %d", and.Total)
	}
	browse := doSearch(t, ix, casefile.SearchRequest{Filters: map[string][]string{casefile.FacetFramework: {fwC}}})
	if browse.Total != 2 {
		t.Errorf("framework C without a query: %d", browse.Total)
	}
	ex := doSearch(t, ix, casefile.SearchRequest{Query: "volcanoes plate", Exclude: []string{tid("c1")}})
	if ex.Total != 0 {
		t.Errorf("excluded item found: %v", hitIDs(ex.Hits))
	}
	if _, err := ix.Search(context.Background(), casefile.SearchRequest{Query: "x", Filters: map[string][]string{"colour": {"red"}}}); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("unknown facet: %v", err)
	}
}

func TestCodePartsFindFamilies(t *testing.T) {
	ix := featureIndex(t)
	res := doSearch(t, ix, casefile.SearchRequest{Query: "V.12"})
	if len(res.Hits) == 0 || res.Hits[0].Identifier != tid("b12") || res.Hits[0].HumanCodingScheme != "V.12" {
		t.Fatalf("V.12: %v", describe(res.Hits))
	}
	if res := doSearch(t, ix, casefile.SearchRequest{Query: "v 12"}); len(res.Hits) == 0 || res.Hits[0].Identifier != tid("b12") {
		t.Errorf("code typed by its parts: %v", describe(res.Hits))
	}
}

func TestSimilarRespectsTargetAndLevels(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	src := testItem{id: tid("s1"), code: "S.1", statement: "Explain how volcanoes erupt when magma rises.", levels: []string{"04"}}
	importPkg(t, db, testPackage(t, tid("source"), "Source", []testItem{src}))
	importPkg(t, db, testPackage(t, fwB, "Target", []testItem{
		{id: tid("t-same"), statement: "Explain how volcanoes erupt when magma rises to the surface.", levels: []string{"04", "05"}},
		{id: tid("t-other-grade"), statement: "Explain how volcanoes erupt when magma rises.", levels: []string{"09"}},
		{id: tid("t-no-grade"), statement: "Volcanoes erupt."},
		{id: tid("t-unrelated"), statement: "Count coins.", levels: []string{"04"}},
	}))
	importPkg(t, db, testPackage(t, fwC, "Elsewhere", []testItem{{id: tid("e1"), statement: "Explain how volcanoes erupt when magma rises.", levels: []string{"04"}}}))
	ix := openIndex(t, filepath.Join(t.TempDir(), "index"), db)
	items, err := db.Items(ctx, []string{src.id})
	if err != nil || len(items) != 1 {
		t.Fatal(items, err)
	}
	hits, err := ix.Similar(ctx, &items[0], fwB, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(hits); !slices.Equal(got, []string{tid("t-same"), tid("t-no-grade")}) {
		t.Fatalf("similar = %v", describe(hits))
	}
	if s := hits[0].Score; s <= 0.5 || s > 1 || hits[1].Score >= s || hits[1].Score <= 0 {
		t.Errorf("scores %v, %v: want 0 < second < first <= 1", hits[0].Score, hits[1].Score)
	}
	if hits[0].Framework.Identifier != fwB {
		t.Errorf("framework = %+v", hits[0].Framework)
	}
}

func TestAlignValidatesText(t *testing.T) {
	ix := featureIndex(t)
	if _, err := ix.Align(context.Background(), "   ", casefile.SearchRequest{}); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("empty text: %v", err)
	}
	if _, err := ix.Align(context.Background(), strings.Repeat("a ", maxAlignText), casefile.SearchRequest{}); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("huge text: %v", err)
	}
	res, err := ix.Align(context.Background(), "the and of", casefile.SearchRequest{})
	if err != nil || len(res.Hits) != 0 {
		t.Errorf("stop words only: %v, %v", res, err)
	}
}

func TestHighlightsOfTyposAndCodes(t *testing.T) {
	ix := featureIndex(t)
	res := doSearch(t, ix, casefile.SearchRequest{Query: "volcanoo", Size: 1})
	if !res.Fuzzy || len(res.Hits) == 0 {
		t.Fatalf("typo: fuzzy=%v hits=%d", res.Fuzzy, len(res.Hits))
	}
	if h := res.Hits[0].Highlights[fieldFullStatement]; len(h) != 1 || !strings.Contains(h[0], "<mark>volcano</mark>") {
		t.Errorf("typo highlight = %q", h)
	}
	res = doSearch(t, ix, casefile.SearchRequest{Query: "V.12", Size: 1})
	if len(res.Hits) == 0 || res.Hits[0].Highlights != nil {
		t.Errorf("code query highlights = %v", res.Hits)
	}
}

// A filter selects hits without changing their scores, in search and in
// alignment.
func TestFiltersDoNotChangeScores(t *testing.T) {
	eachLayout(t, testFiltersDoNotChangeScores)
}

func testFiltersDoNotChangeScores(t *testing.T, cfg config, _ int) {
	ix := featureIndexWith(t, cfg)
	ctx := context.Background()
	filters := map[string][]string{casefile.FacetEducationLevel: {"03", "05"}, casefile.FacetFramework: {fwB}}
	all := doSearch(t, ix, casefile.SearchRequest{Query: "volcano lava", Size: 100})
	some := doSearch(t, ix, casefile.SearchRequest{Query: "volcano lava", Size: 100, Filters: filters})
	alignAll, err := ix.Align(ctx, "Students describe a volcano and its lava flows.", casefile.SearchRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	alignSome, err := ix.Align(ctx, "Students describe a volcano and its lava flows.", casefile.SearchRequest{Size: 100, Filters: filters})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		all, some []casefile.SearchHit
	}{{"search", all.Hits, some.Hits}, {"align", alignAll.Hits, alignSome.Hits}} {
		score := map[string]float64{}
		for _, h := range c.all {
			score[h.Identifier] = h.Score
		}
		if len(c.some) != 20 {
			t.Errorf("%s: %d filtered hits, want 20", c.name, len(c.some))
		}
		for _, h := range c.some {
			if s, ok := score[h.Identifier]; !ok || math.Abs(s-h.Score) > 1e-9*s {
				t.Errorf("%s: %s scores %v filtered, %v unfiltered", c.name, h.Identifier, h.Score, s)
			}
		}
	}
}
