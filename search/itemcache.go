package search

import (
	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/gencache"
)

// itemCacheSize bounds the hydrated items kept in memory.
const itemCacheSize = 10_000

// newItemCache keeps the items recently shown in hits, decoded, for one
// generation of the source (Source.Generation), so a hit costs no store read
// and no JSON decoding the next time. Cached items are shared: hydrate only
// reads them.
func newItemCache() *gencache.Cache[*casefile.Item] {
	return gencache.New[*casefile.Item](itemCacheSize, 1<<62, nil)
}
