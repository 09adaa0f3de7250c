package search

import (
	"context"

	"github.com/casenode/casenode/casefile"
)

// IndexedSeq is the last change sequence the index in use has applied; the
// store's LastSeq minus it is how far search lags behind the data.
func (ix *Index) IndexedSeq(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return 0, casefile.Errorf(casefile.Unavailable, "search: the index is closed")
	}
	return indexedSeq(idx)
}

// Generation moves whenever what a search answers may have changed: a write
// committed to the source (Source.Generation) or changes applied to the
// index, or another index swapped in. It is the sum of two counters that
// only grow, so it only grows; read it before searching to cache an answer
// (internal/gencache).
func (ix *Index) Generation() uint64 {
	return ix.writes.Load() + ix.src.Generation()
}
