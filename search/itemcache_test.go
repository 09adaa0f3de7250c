package search

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// itemReads counts the item reads of hydration.
type itemReads struct {
	*store.DB
	n atomic.Int64
}

func (s *itemReads) Items(ctx context.Context, ids []string) ([]casefile.Item, error) {
	s.n.Add(1)
	return s.DB.Items(ctx, ids)
}

// A repeated search hydrates its hits from memory; after a re-import the
// hits show the new statements.
func TestHitItemsFollowWrites(t *testing.T) {
	db := openStore(t)
	pkg := seed.Synth(seed.SynthOptions{Items: 200, Seed: 5})
	importPkg(t, db, pkg)
	src := &itemReads{DB: db}
	ix := openIndex(t, filepath.Join(t.TempDir(), "index"), src)
	word := strings.Fields(pkg.CFItems[10].FullStatement)[0]
	req := casefile.SearchRequest{Query: word, Size: 20}
	first := doSearch(t, ix, req)
	if len(first.Hits) == 0 {
		t.Fatalf("no hits for %q", word)
	}
	src.n.Store(0)
	again := doSearch(t, ix, req)
	if n := src.n.Load(); n != 0 || len(again.Hits) != len(first.Hits) {
		t.Errorf("a repeated search read the store %d times (%d hits, %d before)", n, len(again.Hits), len(first.Hits))
	}
	for i := range pkg.CFItems {
		pkg.CFItems[i].FullStatement += " revised"
	}
	importPkg(t, db, pkg)
	if err := ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := doSearch(t, ix, req)
	for _, h := range after.Hits {
		if !strings.HasSuffix(h.FullStatement, " revised") {
			t.Fatalf("hit %s shows %q after the re-import", h.Identifier, h.FullStatement)
		}
	}
}
