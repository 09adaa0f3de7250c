package federation

import (
	"container/list"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
)

// linkEntry is one resolved (or unresolvable) link.
type linkEntry struct {
	uri     string
	item    *casefile.Item // nil when err is set
	err     error          // a cached NotFound, so a missing item is not asked for again until the TTL
	etag    string
	checked time.Time
}

// linkCache is a bounded LRU of resolved links with single-flight fetches:
// concurrent lookups of one uri wait for one request.
type linkCache struct {
	mu       sync.Mutex
	max      int
	ll       *list.List // front = most recently used
	byURI    map[string]*list.Element
	inflight map[string]*flight
}

type flight struct {
	done chan struct{}
	e    linkEntry
}

func newLinkCache(max int) *linkCache {
	return &linkCache{max: max, ll: list.New(), byURI: map[string]*list.Element{}, inflight: map[string]*flight{}}
}

func (c *linkCache) get(uri string) (linkEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byURI[uri]
	if !ok {
		return linkEntry{}, false
	}
	c.ll.MoveToFront(el)
	return el.Value.(linkEntry), true
}

func (c *linkCache) put(e linkEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byURI[e.uri]; ok {
		el.Value = e
		c.ll.MoveToFront(el)
		return
	}
	c.byURI[e.uri] = c.ll.PushFront(e)
	for c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.byURI, last.Value.(linkEntry).uri)
	}
}

func (c *linkCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// do runs fetch for uri unless a fetch of it is already running, in which
// case it waits for that one's result.
func (c *linkCache) do(uri string, fetch func() linkEntry) linkEntry {
	c.mu.Lock()
	if f, ok := c.inflight[uri]; ok {
		c.mu.Unlock()
		<-f.done
		return f.e
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[uri] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.inflight, uri)
		c.mu.Unlock()
		close(f.done)
	}()
	f.e = fetch()
	return f.e
}
