package server

import (
	"container/list"
	"context"
	"fmt"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// packageKey names one encoding of one framework version.
type packageKey struct {
	framework string
	version   casefile.Version
	hash      string
}

type packageEntry struct {
	key  packageKey
	body body // identity and gzip bytes with validators
}

func (e *packageEntry) size() int64 { return int64(len(e.body.data) + len(e.body.gz)) }

// packageCache holds encoded CFPackages (identity and pre-gzipped bytes),
// least recently used evicted first, bounded by their total size. Loads of
// the same key are coalesced so a burst of misses encodes once.
type packageCache struct {
	mu       sync.Mutex
	max      int64
	size     int64
	lru      *list.List // front = most recent; values are *packageEntry
	entries  map[packageKey]*list.Element
	inflight map[packageKey]*packageLoad
}

type packageLoad struct {
	done    chan struct{}
	entry   *packageEntry
	err     error
	waiters int // callers waiting for this load (mu held)
}

func newPackageCache(max int64) *packageCache {
	return &packageCache{max: max, lru: list.New(), entries: map[packageKey]*list.Element{}, inflight: map[packageKey]*packageLoad{}}
}

// get returns the cached entry for k, loading it with load on a miss.
func (c *packageCache) get(ctx context.Context, k packageKey, load func() (*packageEntry, error)) (*packageEntry, error) {
	c.mu.Lock()
	if el, ok := c.entries[k]; ok {
		c.lru.MoveToFront(el)
		c.mu.Unlock()
		return el.Value.(*packageEntry), nil
	}
	if l, ok := c.inflight[k]; ok {
		l.waiters++
		c.mu.Unlock()
		select {
		case <-l.done:
			return l.entry, l.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	l := &packageLoad{done: make(chan struct{})}
	c.inflight[k] = l
	c.mu.Unlock()

	func() {
		defer func() {
			if v := recover(); v != nil { // never leave waiters hanging
				l.entry, l.err = nil, fmt.Errorf("encoding a package panicked: %v", v)
			}
		}()
		l.entry, l.err = load()
	}()
	c.mu.Lock()
	delete(c.inflight, k)
	if l.err == nil {
		c.insert(l.entry)
	}
	c.mu.Unlock()
	close(l.done)
	return l.entry, l.err
}

// insert adds e (mu held), dropping older encodings of the same framework
// and version and evicting the least recently used beyond the bound. An entry
// larger than the whole bound is served but not kept.
func (c *packageCache) insert(e *packageEntry) {
	if e.size() > c.max {
		return
	}
	for k, el := range c.entries {
		if k.framework == e.key.framework && k.version == e.key.version && k.hash != e.key.hash {
			c.remove(el)
		}
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.size += e.size()
	for c.size > c.max {
		c.remove(c.lru.Back())
	}
}

func (c *packageCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*packageEntry)
	delete(c.entries, e.key)
	c.size -= e.size()
}

func (c *packageCache) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.size
}
