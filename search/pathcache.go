package search

import (
	"sync"

	"github.com/casenode/casenode/casefile"
)

// pathCacheSize bounds the ancestor paths kept in memory; when full the
// cache starts over.
const pathCacheSize = 50_000

// pathCache keeps the ancestor paths of items recently shown in hits: the
// source answers them one item at a time, and they only change when a
// framework is imported or deleted, which clears the cache.
type pathCache struct {
	mu sync.Mutex
	m  map[string][]casefile.LinkURI
}

func (c *pathCache) get(id string) ([]casefile.LinkURI, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[id]
	return p, ok
}

func (c *pathCache) put(id string, p []casefile.LinkURI) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= pathCacheSize {
		c.m = make(map[string][]casefile.LinkURI)
	}
	c.m[id] = p
}

func (c *pathCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}
