package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/casenode/casenode/casefile"
)

var (
	fwA    = tid("framework-a")
	itemA1 = tid("a1")
	itemA2 = tid("a2")
	itemA3 = tid("a3")
)

func frameworkA(t testing.TB, statement1 string, withA2, withA3 bool) *casefile.Package {
	items := []testItem{{id: itemA1, code: "SCI.1", statement: statement1, levels: []string{"05"}}}
	if withA2 {
		items = append(items, testItem{id: itemA2, code: "SCI.2", statement: "Describe how erosion shapes river valleys.", levels: []string{"05"}})
	}
	if withA3 {
		items = append(items, testItem{id: itemA3, code: "SCI.3", statement: "Explain how magnets attract iron.", parent: itemA1})
	}
	return testPackage(t, fwA, "Framework A", items)
}

func ids(t testing.TB, ix *Index, q string) []string {
	t.Helper()
	return hitIDs(doSearch(t, ix, casefile.SearchRequest{Query: q, Size: 100}).Hits)
}

func TestCatchUpFollowsImportReimportAndDelete(t *testing.T) {
	eachLayout(t, testCatchUp)
}

func testCatchUp(t *testing.T, cfg config, shards int) {
	ctx := context.Background()
	db := openStore(t)
	dir := filepath.Join(t.TempDir(), "index")
	ix := openIndexWith(t, dir, db, cfg)
	if n := shardsOf(ix); n != shards {
		t.Fatalf("%d shards, want %d", n, shards)
	}
	if got := ids(t, ix, "photosynthesis"); len(got) != 0 {
		t.Fatalf("empty index found %v", got)
	}

	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	res := doSearch(t, ix, casefile.SearchRequest{Query: "photosynthesis"})
	if got := hitIDs(res.Hits); !slices.Equal(got, []string{itemA1}) {
		t.Fatalf("after import: %v", got)
	}
	if fw := res.Hits[0].Framework; fw.Identifier != fwA || fw.Title != "Framework A" {
		t.Errorf("hit framework = %+v", fw)
	}
	if fc := res.Facets[casefile.FacetFramework]; len(fc) != 1 || fc[0].Label != "Framework A" || fc[0].Count != 1 {
		t.Errorf("framework facet = %+v", fc)
	}
	if got := ids(t, ix, "erosion"); !slices.Equal(got, []string{itemA2}) {
		t.Fatalf("erosion: %v", got)
	}

	// Re-import: a1 reworded, a2 removed, a3 added under a1.
	importPkg(t, db, frameworkA(t, "Explain how chlorophyll captures light.", false, true))
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, ix, "photosynthesis"); len(got) != 0 {
		t.Errorf("old wording still found: %v", got)
	}
	if got := ids(t, ix, "chlorophyll"); !slices.Equal(got, []string{itemA1}) {
		t.Errorf("new wording: %v", got)
	}
	if got := ids(t, ix, "erosion"); len(got) != 0 {
		t.Errorf("removed item still found: %v", got)
	}
	res = doSearch(t, ix, casefile.SearchRequest{Query: "magnets"})
	if got := hitIDs(res.Hits); !slices.Equal(got, []string{itemA3}) {
		t.Fatalf("added item: %v", got)
	}
	if p := res.Hits[0].Path; len(p) != 1 || p[0].Identifier != itemA1 {
		t.Errorf("path of a3 = %+v, want [a1]", p)
	}

	// Changes made while the index is closed are caught up on Open.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, fwA); err != nil {
		t.Fatal(err)
	}
	ix = openIndexWith(t, dir, db, cfg)
	if got := ids(t, ix, "chlorophyll magnets"); len(got) != 0 {
		t.Errorf("deleted framework still found: %v", got)
	}
	if total := doSearch(t, ix, casefile.SearchRequest{}).Total; total != 0 {
		t.Errorf("index holds %d items after delete", total)
	}
}

// querier searches in a loop until stopped, counting errors and searches
// that missed the item every index version must hold.
type querier struct {
	stop           chan struct{}
	wg             sync.WaitGroup
	n, errs, empty atomic.Int64
}

func startQuerying(t *testing.T, ix *Index, q, want string) *querier {
	qr := &querier{stop: make(chan struct{})}
	for range 2 {
		qr.wg.Add(1)
		go func() {
			defer qr.wg.Done()
			for {
				select {
				case <-qr.stop:
					return
				default:
				}
				res, err := ix.Search(context.Background(), casefile.SearchRequest{Query: q, Size: 5})
				qr.n.Add(1)
				switch {
				case err != nil:
					qr.errs.Add(1)
					t.Logf("search during rebuild: %v", err)
				case !slices.Contains(hitIDs(res.Hits), want):
					qr.empty.Add(1)
				}
			}
		}()
	}
	return qr
}

func (qr *querier) finish(t *testing.T) {
	t.Helper()
	close(qr.stop)
	qr.wg.Wait()
	t.Logf("%d searches during rebuild", qr.n.Load())
	if qr.n.Load() == 0 || qr.errs.Load() != 0 || qr.empty.Load() != 0 {
		t.Errorf("searches: %d, errors: %d, missed: %d", qr.n.Load(), qr.errs.Load(), qr.empty.Load())
	}
}

func TestRebuildKeepsAnswering(t *testing.T) {
	eachLayout(t, testRebuildKeepsAnswering)
}

func testRebuildKeepsAnswering(t *testing.T, cfg config, shards int) {
	ctx := context.Background()
	db := openStore(t)
	importPkg(t, db, testPackage(t, tid("bulk"), "Bulk", bulkItems("B", 1500)))
	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	dir := filepath.Join(t.TempDir(), "index")
	ix := openIndexWith(t, dir, db, cfg)
	before := readCurrent(dir)

	qr := startQuerying(t, ix, "SCI.1", itemA1)
	for range 2 {
		if err := ix.Rebuild(ctx); err != nil {
			t.Fatal(err)
		}
	}
	qr.finish(t)
	after := readCurrent(dir)
	if after == before || after == "" {
		t.Errorf("current index %q -> %q, want a new directory", before, after)
	}
	assertOnlyIndexDir(t, dir, after)
	if total := doSearch(t, ix, casefile.SearchRequest{}).Total; total != 1502 {
		t.Errorf("rebuilt index holds %d items, want 1502", total)
	}
	if n := shardsOf(ix); n != shards {
		t.Errorf("rebuilt index has %d shards, want %d", n, shards)
	}
}

func TestMappingVersionChangeRebuildsWhileAnswering(t *testing.T) {
	db := openStore(t)
	importPkg(t, db, testPackage(t, tid("bulk"), "Bulk", bulkItems("B", 1500)))
	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	dir := filepath.Join(t.TempDir(), "index")
	ix := openIndex(t, dir, db)
	before := readCurrent(dir)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	cfg := defaultConfig()
	cfg.version++
	next, err := open(dir, db, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	qr := startQuerying(t, next, "SCI.1", itemA1)
	next.bg.Wait() // the background rebuild
	qr.finish(t)
	after := readCurrent(dir)
	if after == before {
		t.Fatalf("index %s was not rebuilt for the new mapping version", before)
	}
	idx, release := next.current()
	v, err := idx.internal(keyVersion)
	release()
	if err != nil || string(v) != strconv.Itoa(MappingVersion+1) {
		t.Errorf("mapping version of the new index = %q (%v)", v, err)
	}
	assertOnlyIndexDir(t, dir, after)
}

func TestOpenRebuildsMissingOrCorruptIndex(t *testing.T) {
	eachLayout(t, testOpenRebuilds)
}

func testOpenRebuilds(t *testing.T, cfg config, shards int) {
	db := openStore(t)
	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	cases := []struct {
		name  string
		spoil func(t *testing.T, dir string)
	}{
		{"index directory removed", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, readCurrent(dir))); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage index files", func(t *testing.T, dir string) {
			idxDir := filepath.Join(dir, readCurrent(dir))
			err := filepath.WalkDir(idxDir, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				return os.WriteFile(p, []byte("\x00garbage\xff{not an index"), 0o644)
			})
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"garbage current pointer", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, currentFile), []byte("../../etc"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"whole directory missing", func(t *testing.T, dir string) {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}},
	}
	if shards > 1 {
		cases = append(cases, struct {
			name  string
			spoil func(t *testing.T, dir string)
		}{"last shard missing", func(t *testing.T, dir string) {
			last := shardDir(filepath.Join(dir, readCurrent(dir)), shards-1)
			if err := os.RemoveAll(last); err != nil {
				t.Fatal(err)
			}
		}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			ix := openIndexWith(t, dir, db, cfg)
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			c.spoil(t, dir)
			ix = openIndexWith(t, dir, db, cfg)
			if n := shardsOf(ix); n != shards {
				t.Errorf("reopened index has %d shards, want %d", n, shards)
			}
			if got := ids(t, ix, "photosynthesis"); !slices.Equal(got, []string{itemA1}) {
				t.Errorf("after reopening: %v", got)
			}
			assertOnlyIndexDir(t, dir, readCurrent(dir))
		})
	}
}

func TestIndexInUseIsNotRebuilt(t *testing.T) {
	eachLayout(t, testIndexInUse)
}

func testIndexInUse(t *testing.T, cfg config, _ int) {
	db := openStore(t)
	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	dir := filepath.Join(t.TempDir(), "index")
	ix := openIndexWith(t, dir, db, cfg)
	before := readCurrent(dir)
	if _, err := open(dir, db, nil, cfg); casefile.ErrorCode(err) != casefile.Unavailable {
		t.Fatalf("second Open: %v, want unavailable", err)
	}
	if readCurrent(dir) != before {
		t.Fatal("second Open replaced the index in use")
	}
	if got := ids(t, ix, "photosynthesis"); !slices.Equal(got, []string{itemA1}) {
		t.Errorf("first index after a refused second Open: %v", got)
	}
}

func assertOnlyIndexDir(t *testing.T, dir, keep string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if indexDirName.MatchString(e.Name()) && e.Name() != keep {
			t.Errorf("stale index directory %s left beside %s", e.Name(), keep)
		}
	}
}

// An index built when the node was small is rebuilt, in more shards, once
// the store holds more items than its shards are for.
func TestIndexOutgrowingItsShardsIsRebuilt(t *testing.T) {
	db := openStore(t)
	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	dir := filepath.Join(t.TempDir(), "index")
	cfg := config{version: MappingVersion, perShard: 1000, maxShards: 2}
	ix := openIndexWith(t, dir, db, cfg)
	if n := shardsOf(ix); n != 1 {
		t.Fatalf("small index in %d shards", n)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	importPkg(t, db, testPackage(t, tid("bulk"), "Bulk", bulkItems("B", 1500)))
	ix = openIndexWith(t, dir, db, cfg)
	ix.bg.Wait() // the background rebuild
	if n := shardsOf(ix); n != 2 {
		t.Errorf("grown index in %d shards, want 2", n)
	}
	if total := doSearch(t, ix, casefile.SearchRequest{}).Total; total != 1502 {
		t.Errorf("grown index holds %d items, want 1502", total)
	}
}

// OpenUpToDate (import, reindex) never hands back an index that still has
// to be rebuilt, and says when it built one, so reindex builds once.
func TestOpenUpToDateBuildsBeforeReturning(t *testing.T) {
	db := openStore(t)
	importPkg(t, db, frameworkA(t, "Explain how photosynthesis stores energy.", true, false))
	dir := filepath.Join(t.TempDir(), "index")
	steps := []struct {
		name      string
		version   int
		wantBuilt bool
	}{
		{"no index yet", MappingVersion, true},
		{"current index", MappingVersion, false},
		{"other mapping version", MappingVersion + 1, true},
	}
	for _, s := range steps {
		before := readCurrent(dir)
		cfg := defaultConfig()
		cfg.version = s.version
		ix, built, err := openWith(dir, db, nil, cfg, true)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		after := readCurrent(dir)
		if built != s.wantBuilt || (after != before) != s.wantBuilt {
			t.Errorf("%s: built = %v, index %q -> %q; want built %v", s.name, built, before, after, s.wantBuilt)
		}
		if got := ids(t, ix, "photosynthesis"); !slices.Equal(got, []string{itemA1}) {
			t.Errorf("%s: photosynthesis found %v", s.name, got)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
