package search

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// Three shards find what one index finds: the same totals, facet counts
// and hits (scores use each shard's term statistics, so only the order of
// close hits may differ), and a code typed as the query still ranks its
// item first.
func TestShardsFindTheSame(t *testing.T) {
	db := realStore(t)
	one := openIndexWith(t, filepath.Join(t.TempDir(), "one"), db, layouts[0].cfg)
	three := openIndexWith(t, filepath.Join(t.TempDir(), "three"), db, layouts[1].cfg)
	if shardsOf(one) != 1 || shardsOf(three) != 3 {
		t.Fatalf("shards: %d and %d", shardsOf(one), shardsOf(three))
	}
	grade5 := map[string][]string{casefile.FacetEducationLevel: {"05"}}
	for _, req := range []casefile.SearchRequest{
		{Query: "equivalent fractions"},
		{Query: "photosynthesis"},
		{Query: "main idea of a text", Filters: grade5},
		{Query: "volume of rectangular prisms"},
		{Query: "fracions"}, // typo
		{Query: "5.NF.A.1"},
		{Query: "energy", Filters: grade5},
		{Query: ""},
	} {
		req.Size = 100
		a, b := doSearch(t, one, req), doSearch(t, three, req)
		if a.Total != b.Total || a.Fuzzy != b.Fuzzy {
			t.Errorf("%q: one index finds %d (fuzzy %v), three shards %d (fuzzy %v)", req.Query, a.Total, a.Fuzzy, b.Total, b.Fuzzy)
			continue
		}
		if !reflect.DeepEqual(a.Facets, b.Facets) {
			t.Errorf("%q: facets differ:\n%v\n%v", req.Query, a.Facets, b.Facets)
		}
		if a.Total <= 100 {
			ia, ib := hitIDs(a.Hits), hitIDs(b.Hits)
			slices.Sort(ia)
			slices.Sort(ib)
			if !slices.Equal(ia, ib) {
				t.Errorf("%q: hits differ", req.Query)
			}
		}
		if req.Query == "5.NF.A.1" && (len(b.Hits) == 0 || b.Hits[0].HumanCodingScheme != "5.NF.A.1") {
			t.Errorf("code query on shards: first hit %v", b.Hits[:min(1, len(b.Hits))])
		}
	}
}
