package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// A build applies several batches at once (applier): the index must still
// hold exactly the store's items after a rebuild and after a catch-up that
// adds, changes and drops items across many batches.
func TestBulkBuildAgreesWithStore(t *testing.T) {
	eachLayout(t, testBulkBuild)
}

func testBulkBuild(t *testing.T, cfg config, _ int) {
	ctx := context.Background()
	db := openStore(t)
	fw := tid("bulk")
	first := bulkItems("B", 6*batchSize+500)
	importPkg(t, db, testPackage(t, fw, "Bulk", first))
	ix := openIndexWith(t, filepath.Join(t.TempDir(), "index"), db, cfg)
	assertIndexed(t, ix, fw, first)

	// Drop the first 1,000, add 1,000 more, change one statement.
	second := bulkItems("B", 7*batchSize+500)[batchSize:]
	second[0].statement = "Students compare volcanoes on Venus and Mars."
	importPkg(t, db, testPackage(t, fw, "Bulk", second))
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	assertIndexed(t, ix, fw, second)
	if got := ids(t, ix, "venus"); !slices.Equal(got, []string{second[0].id}) {
		t.Errorf("venus found %v, want the changed item", got)
	}
}

// assertIndexed checks that framework fw's documents are exactly items,
// and that a search counts them all.
func assertIndexed(t *testing.T, ix *Index, fw string, items []testItem) {
	t.Helper()
	idx, release := ix.current()
	got, err := idsOf(context.Background(), idx, fw)
	release()
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(items))
	for i, it := range items {
		want[i] = it.id
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("index holds %d ids of %s, store %d (equal sets: false)", len(got), fw, len(want))
	}
	res := doSearch(t, ix, casefile.SearchRequest{Filters: map[string][]string{casefile.FacetFramework: {fw}}})
	if res.Total != uint64(len(items)) {
		t.Errorf("search counts %d items of %s, want %d", res.Total, fw, len(items))
	}
}
