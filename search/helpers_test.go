package search

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/internal/testnode/storenode"
	"github.com/casenode/casenode/store"
)

var _ Source = (*store.DB)(nil)

// Framework identifiers of the real fixtures.
const (
	testBase = "http://127.0.0.1:8080"

	fwCCSS = "c6496676-d7cb-11e8-824f-0242ac160002"
	fwNGSS = "c608881b-d7cb-11e8-824f-0242ac160002"
	fwTEKS = "bc997e24-7f3b-5df0-a0cd-3a8ac9cf0e2e"
	fwSBAC = "255adad7-2854-47d7-9aa4-c5e1750eb8ca"
)

// openStore is a test node's store (internal/testnode/storenode: search
// cannot import internal/testnode, which imports search).
func openStore(t testing.TB) *store.DB {
	t.Helper()
	return storenode.New(t, testBase, "").DB
}

// importPkg writes pkg straight to db (the index catches up when opened or
// asked).
func importPkg(t testing.TB, db *store.DB, pkg *casefile.Package) casefile.ImportResult {
	t.Helper()
	return storenode.Store(t, db, pkg)
}

// realStore imports every real fixture through a test node's import path.
func realStore(t testing.TB) *store.DB {
	t.Helper()
	n := storenode.New(t, testBase, "")
	for _, path := range fixture.Files(t, "real") {
		n.ImportFile(path)
	}
	return n.DB
}

func openIndex(t testing.TB, dir string, src Source) *Index {
	t.Helper()
	return openIndexWith(t, dir, src, defaultConfig())
}

func openIndexWith(t testing.TB, dir string, src Source, cfg config) *Index {
	t.Helper()
	ix, err := open(dir, src, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// layouts are the index layouts the index tests run on: one Bleve index,
// and three shards (what a large index gets on a machine with 3 cores).
var layouts = []struct {
	name   string
	cfg    config
	shards int
}{
	{"one index", config{version: MappingVersion, perShard: shardItems, maxShards: 1}, 1},
	{"three shards", config{version: MappingVersion, perShard: 0, maxShards: 3}, 3},
}

// eachLayout runs test once per layout.
func eachLayout(t *testing.T, test func(t *testing.T, cfg config, shards int)) {
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) { test(t, l.cfg, l.shards) })
	}
}

// shardsOf is the number of shards of the index ix searches.
func shardsOf(ix *Index) int {
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return 0
	}
	return len(idx.shards)
}

// realIndex builds an index over every real fixture.
func realIndex(t *testing.T) *Index {
	t.Helper()
	db := realStore(t)
	return openIndex(t, filepath.Join(t.TempDir(), "index"), db)
}

func doSearch(t testing.TB, ix *Index, req casefile.SearchRequest) *casefile.SearchResult {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %q: %v", req.Query, err)
	}
	return res
}

func hitIDs(hits []casefile.SearchHit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Identifier
	}
	return ids
}
