package server

import (
	"net/http"
	"sync"
)

// Bounds of the response cache: entries and bytes (bodies, gzip forms, keys).
const (
	respCacheEntries = 50_000
	respCacheBytes   = 64 << 20
)

// cachedResp is one encoded read answer: its body (with the gzip form when
// worth it) and the headers it carries besides the validators.
type cachedResp struct {
	body   body
	header map[string]string
}

func (e *cachedResp) size(key string) int64 {
	n := len(key) + len(e.body.data) + len(e.body.gz) + 64
	for k, v := range e.header {
		n += len(k) + len(v)
	}
	return int64(n)
}

// respCache keeps encoded answers of reads that depend only on the store's
// content (a CFItem, the CFDocuments list), so a repeated read costs no
// store query and no encoding. Every entry belongs to one store generation
// (Store.Generation, which moves with every committed write): the first
// entry of a newer generation empties the cache, and a lookup under another
// generation misses. The caller reads the generation before it reads the
// store, so an entry never holds data older than its generation.
type respCache struct {
	mu    sync.RWMutex
	gen   uint64
	bytes int64
	m     map[string]*cachedResp
}

func newRespCache() *respCache { return &respCache{m: map[string]*cachedResp{}} }

// get returns the entry for key if it was stored under generation gen.
func (c *respCache) get(gen uint64, key string) (*cachedResp, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.gen != gen {
		return nil, false
	}
	e, ok := c.m[key]
	return e, ok
}

// put stores e under key for generation gen; an entry of an older generation
// than the cache's is dropped. When the cache is full, arbitrary entries
// make room.
func (c *respCache) put(gen uint64, key string, e *cachedResp) {
	sz := e.size(key)
	if sz > respCacheBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case gen < c.gen:
		return
	case gen > c.gen:
		c.gen, c.bytes, c.m = gen, 0, map[string]*cachedResp{}
	}
	if old, ok := c.m[key]; ok {
		c.bytes -= old.size(key)
	}
	for k, v := range c.m {
		if len(c.m) < respCacheEntries && c.bytes+sz <= respCacheBytes {
			break
		}
		c.bytes -= v.size(k)
		delete(c.m, k)
	}
	c.m[key] = e
	c.bytes += sz
}

func (c *respCache) stats() (entries int, bytes int64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m), c.bytes
}

// cachedRead answers a read from the response cache, or computes it with
// build (an encoded body and extra headers), stores it and answers it. Auth
// and limits have run before any handler, so a cached answer passes them too.
func (s *Server) cachedRead(w http.ResponseWriter, r *http.Request, key string, build func() (*cachedResp, error)) error {
	gen := s.cfg.Store.Generation()
	e, ok := s.responses.get(gen, key)
	if !ok {
		var err error
		if e, err = build(); err != nil {
			return err
		}
		if len(e.body.data) >= minGzipBytes && e.body.gz == nil {
			e.body.gz = s.gzipBytes(e.body.data)
		}
		s.responses.put(gen, key, e)
	}
	h := w.Header()
	for k, v := range e.header {
		h.Set(k, v)
	}
	s.writeBody(w, r, e.body)
	return nil
}
