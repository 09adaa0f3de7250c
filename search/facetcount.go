package search

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Counting facets. Bleve's facet builder reads the doc values of every hit;
// with hits spread over a large index that decodes a doc-value chunk per
// hit, which was most of the time of a query at 1,000,000 items (counting
// one facet-set key per hit instead of every facet value only halved it).
// Instead the index keeps, for each segment, the facet set of every
// document in memory (4 bytes a document), built once from the postings of
// fieldFacetSet when the segment first appears in a search; a query then
// counts each hit with one array read, in a handler Bleve calls for every
// hit it collects.

// facetColumns holds the facet-set column of each segment searched.
type facetColumns struct {
	mu   sync.Mutex
	cols map[segment.Segment][]uint32 // local doc number -> set id + 1 (0: none)
}

// of returns the columns of the segments of snap, building the missing
// ones. After a build it forgets the columns of segments no longer in idx
// (merged away, or of a replaced index); snap is one of idx's shards.
func (fc *facetColumns) of(snap *scorch.IndexSnapshot, sets *facetSets, idx *physical) ([][]uint32, []uint64, error) {
	segs := snap.Segments()
	cols := make([][]uint32, len(segs))
	starts := make([]uint64, len(segs)+1) // first global doc number of each segment
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.cols == nil {
		fc.cols = make(map[segment.Segment][]uint32)
	}
	built := false
	for i, ss := range segs {
		seg := ss.Segment()
		starts[i+1] = starts[i] + seg.Count()
		col, ok := fc.cols[seg]
		if !ok {
			var err error
			if col, err = facetColumn(seg, sets); err != nil {
				return nil, nil, err
			}
			fc.cols[seg] = col
			built = true
		}
		cols[i] = col
	}
	if built {
		fc.prune(idx)
	}
	return cols, starts, nil
}

// prune forgets the columns of segments none of idx's shards holds now.
func (fc *facetColumns) prune(idx *physical) {
	live := map[segment.Segment]bool{}
	err := idx.eachSnapshot(func(snap *scorch.IndexSnapshot) error {
		for _, ss := range snap.Segments() {
			live[ss.Segment()] = true
		}
		return nil
	})
	if err != nil {
		return
	}
	for seg := range fc.cols {
		if !live[seg] {
			delete(fc.cols, seg)
		}
	}
}

// eachSnapshot calls fn with the current snapshot of each shard of p.
func (p *physical) eachSnapshot(fn func(*scorch.IndexSnapshot) error) error {
	for _, s := range p.shards {
		adv, err := s.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			r.Close()
			return fmt.Errorf("search: a scorch index reader was expected, have %T", r)
		}
		err = fn(snap)
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// warm builds the facet columns of the current index, so that the first
// searches after a start or a rebuild do not wait for them (57-87 ms at
// 1,000,000 items).
func (ix *Index) warm() {
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return
	}
	err := idx.eachSnapshot(func(snap *scorch.IndexSnapshot) error {
		_, _, err := ix.facetColumns.of(snap, &ix.facetSets, idx)
		return err
	})
	if err != nil {
		ix.log.Warn("search: facet columns", "err", err)
	}
}

// facetColumn reads the facet set of every document of seg from the
// postings of fieldFacetSet.
func facetColumn(seg segment.Segment, sets *facetSets) ([]uint32, error) {
	col := make([]uint32, seg.Count())
	dict, err := seg.Dictionary(fieldFacetSet)
	if err != nil {
		return nil, fmt.Errorf("search: facet sets of a segment: %w", err)
	}
	terms := dict.AutomatonIterator(nil, nil, nil)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	for {
		de, err := terms.Next()
		if err != nil {
			return nil, fmt.Errorf("search: facet sets of a segment: %w", err)
		}
		if de == nil {
			return col, nil
		}
		id := sets.id(de.Term) + 1
		if pl, err = dict.PostingsList([]byte(de.Term), nil, pl); err != nil {
			return nil, fmt.Errorf("search: documents of facet set %s: %w", de.Term, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return nil, fmt.Errorf("search: documents of facet set %s: %w", de.Term, err)
			}
			if p == nil {
				break
			}
			if n := p.Number(); n < uint64(len(col)) {
				col[n] = id
			}
		}
	}
}

// tally counts the facet sets of the hits of one search; counts is indexed
// by set id and complete once the search has returned. Bleve calls handler
// once per shard, the shards at once.
type tally struct {
	columns *facetColumns
	sets    *facetSets
	idx     *physical // searched
	mu      sync.Mutex
	counts  []int
}

// handler is a search.MakeDocumentMatchHandler: it counts each hit of one
// shard, then hands it to Bleve's top-N collector; at the end of the shard
// (a nil hit) it adds the shard's counts to the tally.
func (t *tally) handler(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sc)
	if err != nil {
		return nil, false, err
	}
	snap, ok := sc.IndexReader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, fmt.Errorf("search: facets need a scorch index reader, have %T", sc.IndexReader)
	}
	cols, starts, err := t.columns.of(snap, t.sets, t.idx)
	if err != nil {
		return nil, false, err
	}
	counts := make([]int, t.sets.count())
	seg := 0
	return func(hit *search.DocumentMatch) error {
		if hit == nil {
			t.add(counts)
		} else if len(hit.IndexInternalID) == 8 {
			n := hit.IndexInternalID.Value()
			if n < starts[seg] { // hits come in doc order; restart if not
				seg = 0
			}
			for seg < len(cols)-1 && n >= starts[seg+1] {
				seg++
			}
			if local := n - starts[seg]; seg < len(cols) && local < uint64(len(cols[seg])) {
				if s := cols[seg][local]; s > 0 && int(s) <= len(counts) {
					counts[s-1]++
				}
			}
		}
		return next(hit)
	}, loadID, nil
}

func (t *tally) add(counts []int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.counts) < len(counts) {
		t.counts = append(t.counts, make([]int, len(counts)-len(t.counts))...)
	}
	for i, n := range counts {
		t.counts[i] += n
	}
}
