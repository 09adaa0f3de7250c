package search

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// Facet counts, counted from facet sets, agree with filtering on each value:
// on a fresh index, after a restart (sets read back from the index), and
// after a framework is deleted (deleted documents in old segments).
func TestFacetCountsAgreeWithFilters(t *testing.T) {
	eachLayout(t, testFacetCounts)
}

func testFacetCounts(t *testing.T, cfg config, _ int) {
	ctx := context.Background()
	db := realStore(t)
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := open(dir, db, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"fractions", "energy", ""}
	before := map[string]map[string][]casefile.FacetCount{}
	for _, q := range queries {
		before[q] = checkFacets(t, ix, q)
	}
	if fw := before[""][casefile.FacetFramework]; len(fw) < 4 {
		t.Fatalf("framework facet of everything: %v", fw)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = openIndexWith(t, dir, db, cfg)
	for _, q := range queries {
		if got := doSearch(t, ix, casefile.SearchRequest{Query: q}).Facets; !reflect.DeepEqual(got, before[q]) {
			t.Errorf("%q after restart: facets %v, before %v", q, got, before[q])
		}
	}
	if err := db.Delete(ctx, fwNGSS); err != nil {
		t.Fatal(err)
	}
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		for _, fc := range checkFacets(t, ix, q)[casefile.FacetFramework] {
			if fc.Value == fwNGSS {
				t.Errorf("%q: deleted framework still counted: %v", q, fc)
			}
		}
	}
}

// checkFacets searches q and checks each facet value's count against a
// search filtered on that value; returns the facets.
func checkFacets(t *testing.T, ix *Index, q string) map[string][]casefile.FacetCount {
	t.Helper()
	res := doSearch(t, ix, casefile.SearchRequest{Query: q})
	checked := 0
	for name, counts := range res.Facets {
		for _, fc := range counts {
			f := doSearch(t, ix, casefile.SearchRequest{Query: q, Filters: map[string][]string{name: {fc.Value}}})
			if f.Fuzzy != res.Fuzzy { // below fuzzyBelow hits, a filtered search tolerates typos
				continue
			}
			checked++
			if f.Total != uint64(fc.Count) {
				t.Errorf("%q: facet %s=%s counts %d, filtering on it finds %d", q, name, fc.Value, fc.Count, f.Total)
			}
		}
	}
	if checked < 10 {
		t.Errorf("%q: only %d facet values checked: %v", q, checked, res.Facets)
	}
	return res.Facets
}

// The facet columns are built in the background once an index is opened or
// rebuilt, before any search asks for them.
func TestFacetColumnsAreBuiltAfterOpen(t *testing.T) {
	eachLayout(t, func(t *testing.T, cfg config, shards int) {
		ix := featureIndexWith(t, cfg)
		ix.bg.Wait()
		ix.facetColumns.mu.Lock()
		n := len(ix.facetColumns.cols)
		ix.facetColumns.mu.Unlock()
		if n < shards {
			t.Errorf("%d segment columns built for %d shards", n, shards)
		}
	})
}
