// Package gencache is the node's one cache of values computed from the
// store's content (encoded answers, decoded items, pages), valid for one
// store generation: store.DB.Generation moves whenever a write commits, so
// an import, a delete or a takeover makes every older value unreachable.
//
// Read the generation before reading the store and put the value under the
// generation read: a value is then never older than its generation. The
// first value put under a newer generation empties the cache; a value of an
// older generation than the cache's is dropped.
package gencache

import "sync"

// Cache maps keys to values of one generation, bounded in entries and in
// bytes (as sizeOf counts them); when full, arbitrary entries make room.
type Cache[V any] struct {
	mu         sync.RWMutex
	gen        uint64
	bytes      int64
	m          map[string]V
	maxEntries int
	maxBytes   int64
	sizeOf     func(key string, v V) int64
}

// New returns a cache of at most maxEntries values and maxBytes bytes;
// sizeOf may be nil (every value then counts len(key) bytes).
func New[V any](maxEntries int, maxBytes int64, sizeOf func(key string, v V) int64) *Cache[V] {
	if sizeOf == nil {
		sizeOf = func(key string, _ V) int64 { return int64(len(key)) }
	}
	return &Cache[V]{m: map[string]V{}, maxEntries: max(1, maxEntries), maxBytes: maxBytes, sizeOf: sizeOf}
}

// Get returns the value of key if it was put under generation gen.
func (c *Cache[V]) Get(gen uint64, key string) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.gen != gen {
		var zero V
		return zero, false
	}
	v, ok := c.m[key]
	return v, ok
}

// Put keeps v under key for generation gen. A value larger than a
// sixteenth of the bound is not kept.
func (c *Cache[V]) Put(gen uint64, key string, v V) {
	sz := c.sizeOf(key, v)
	if sz > c.maxBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen:
		return
	case gen > c.gen:
		c.gen, c.bytes, c.m = gen, 0, map[string]V{}
	}
	if old, ok := c.m[key]; ok {
		c.bytes -= c.sizeOf(key, old)
		delete(c.m, key)
	}
	for k, old := range c.m {
		if len(c.m) < c.maxEntries && c.bytes+sz <= c.maxBytes {
			break
		}
		c.bytes -= c.sizeOf(k, old)
		delete(c.m, k)
	}
	c.m[key] = v
	c.bytes += sz
}

// Len returns the number of values held and their size.
func (c *Cache[V]) Len() (entries int, bytes int64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m), c.bytes
}

// Load returns the value of key under generation gen, or loads it, keeps it
// (when load succeeds) and returns it. Concurrent misses each load.
func (c *Cache[V]) Load(gen uint64, key string, load func() (V, error)) (V, error) {
	if v, ok := c.Get(gen, key); ok {
		return v, nil
	}
	v, err := load()
	if err == nil {
		c.Put(gen, key, v)
	}
	return v, err
}
