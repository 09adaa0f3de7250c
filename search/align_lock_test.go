package search

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/seed"
)

// lockProbe ranks with the node's engine and notes whether the index was
// held meanwhile (a rebuild's swap, which takes it exclusively, could not
// have run).
type lockProbe struct {
	Ranker
	ix         *Index
	calls      int
	heldByRank int
}

func (p *lockProbe) RankPassage(ctx context.Context, text string, levels []string, candidates []string, df casefile.DocFreq) ([]casefile.Ranked, error) {
	p.calls++
	if p.ix.mu.TryLock() {
		p.ix.mu.Unlock()
	} else {
		p.heldByRank++
	}
	return p.Ranker.RankPassage(ctx, text, levels, candidates, df)
}

// The first align into a large framework reads its whole tree (seconds at
// 100,000 items). It must not hold the index meanwhile: a rebuild waiting to
// swap the index in would stall every other search until it ends.
func TestAlignRanksWithoutHoldingTheIndex(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	var frameworks []string
	for _, fw := range seed.Frameworks() {
		pkg, _, err := casefile.Decode(bytes.NewReader(fw.Data), casefile.DecodeOptions{BaseURL: testBase})
		if err != nil {
			t.Fatal(err)
		}
		importPkg(t, db, pkg)
		frameworks = append(frameworks, pkg.CFDocument.Identifier)
	}
	ix := openIndex(t, filepath.Join(t.TempDir(), "index"), db)
	// The index warms its caches after opening, reading the index as a
	// search does; only the align itself may then hold the index.
	ix.bg.Wait()
	cw, err := crosswalk.New(crosswalk.Config{Store: db, Search: ix, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	probe := &lockProbe{Ranker: cw, ix: ix}
	ix.SetRanker(probe)
	res, err := ix.Align(ctx, "Students add and subtract fractions with unlike denominators.", casefile.SearchRequest{Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("align found nothing in the demo frameworks")
	}
	hits, err := ix.Search(ctx, casefile.SearchRequest{Query: "fractions", Size: 1})
	if err != nil || len(hits.Hits) == 0 {
		t.Fatalf("search for an item to compare: %v", err)
	}
	it, err := db.Item(ctx, hits.Hits[0].Identifier)
	if err != nil {
		t.Fatal(err)
	}
	other := ""
	for _, fw := range frameworks {
		if fw != it.CFDocumentURI.Identifier {
			other = fw
			break
		}
	}
	if _, err := ix.Similar(ctx, it, other, 5); err != nil {
		t.Fatal(err)
	}
	if probe.calls != 2 || probe.heldByRank != 0 {
		t.Fatalf("the engine ranked %d times, %d of them with the index held", probe.calls, probe.heldByRank)
	}
}
