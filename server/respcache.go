package server

import (
	"net/http"

	"github.com/casenode/casenode/internal/gencache"
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

func respSize(key string, e *cachedResp) int64 {
	n := len(key) + len(e.body.data) + len(e.body.gz) + 64
	for k, v := range e.header {
		n += len(k) + len(v)
	}
	return int64(n)
}

// newRespCache keeps encoded answers of reads that depend only on the
// store's content (a CFItem, the CFDocuments list; local searches, which
// depend on the index too, in a cache of their own) for one generation, so
// a repeated read costs no store query, no search and no encoding.
func newRespCache() *gencache.Cache[*cachedResp] {
	return gencache.New(respCacheEntries, respCacheBytes, respSize)
}

// cachedRead answers a read from the response cache, or computes it with
// build (an encoded body and extra headers), keeps it and answers it. Auth
// and limits have run before any handler, so a cached answer passes them too.
func (s *Server) cachedRead(w http.ResponseWriter, r *http.Request, key string, build func() (*cachedResp, error)) error {
	e, err := s.cachedBody(s.responses, s.cfg.Store.Generation(), key, build)
	if err != nil {
		return err
	}
	h := w.Header()
	for k, v := range e.header {
		h.Set(k, v)
	}
	s.writeBody(w, r, e.body)
	return nil
}

// cachedBody returns the answer c keeps under key for generation gen (read
// before anything build reads: see gencache), or builds and keeps it with
// its gzip form. Each cache counts generations of one source (the store's
// for s.responses, the search index's for s.searches).
func (s *Server) cachedBody(c *gencache.Cache[*cachedResp], gen uint64, key string, build func() (*cachedResp, error)) (*cachedResp, error) {
	return c.Load(gen, key, func() (*cachedResp, error) {
		e, err := build()
		if err == nil && len(e.body.data) >= minGzipBytes && e.body.gz == nil {
			e.body.gz = s.gzipBytes(e.body.data)
		}
		return e, err
	})
}
