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
