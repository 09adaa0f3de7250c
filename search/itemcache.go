package search

import (
	"sync"

	"github.com/casenode/casenode/casefile"
)

// itemCacheSize bounds the hydrated items kept in memory; when full the
// cache starts over.
const itemCacheSize = 50_000

// itemCache keeps the items recently shown in hits, decoded, so a hit
// costs no store read and no JSON decoding the next time. Every entry
// belongs to one generation of the source (Source.Generation, which moves
// with every committed write): hydrate reads the generation before it reads
// the items, and a newer generation empties the cache. Cached items are
// shared: hydrate only reads them.
type itemCache struct {
	mu  sync.RWMutex
	gen uint64
	m   map[string]*casefile.Item
}

// get returns the cached items of ids under generation gen (nil where not
// cached) and the ids that are missing.
func (c *itemCache) get(gen uint64, ids []string) (found []*casefile.Item, missing []string) {
	found = make([]*casefile.Item, len(ids))
	c.mu.RLock()
	defer c.mu.RUnlock()
	for i, id := range ids {
		if c.gen == gen {
			found[i] = c.m[id]
		}
		if found[i] == nil {
			missing = append(missing, id)
		}
	}
	return found, missing
}

// put keeps items read under generation gen; items of an older generation
// than the cache's are dropped.
func (c *itemCache) put(gen uint64, items []casefile.Item) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if gen > c.gen || c.m == nil || len(c.m)+len(items) > itemCacheSize {
		c.gen, c.m = gen, make(map[string]*casefile.Item, len(items))
	}
	for i := range items {
		c.m[items[i].Identifier] = &items[i]
	}
}
