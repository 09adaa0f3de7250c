package search

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"sync"
)

// Facet sets. Items share a few combinations of facet values (framework,
// subject, level, type, …), so each document is indexed with the key of its
// whole combination, a short hash, in fieldFacetSet. A query counts the sets
// of its hits (facetcount.go) and expands them into counts per facet value.
//
// Each physical index records key -> values as an internal entry (in every
// shard), written in the same batch as the first document that uses it.
// Entries of sets no document uses any more stay behind; they are small and
// never counted.

// keyFacetSet prefixes the internal entries of facet sets.
const keyFacetSet = "casenode.facetset/"

// valueSep joins the values of a set in its internal entry; facet values
// hold no control characters (facetSep is one, between name and value).
const valueSep = "\x1e"

// facetSetKey is the key of a combination of facet values (in their fixed
// order, as facetValues lists them): 72 bits of SHA-256, base64url.
func facetSetKey(values []string) string {
	h := sha256.Sum256([]byte(strings.Join(values, valueSep)))
	return base64.RawURLEncoding.EncodeToString(h[:9])
}

// facetSets caches the values of the facet sets met while indexing or
// counting, and numbers the keys for counting. Keys are hashes of their
// values, so one cache serves every physical index.
type facetSets struct {
	mu   sync.RWMutex
	m    map[string][]string
	ids  map[string]uint32
	keys []string // by id
}

// id numbers key (from 0, in order of first use).
func (fs *facetSets) id(key string) uint32 {
	fs.mu.RLock()
	id, ok := fs.ids[key]
	fs.mu.RUnlock()
	if ok {
		return id
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if id, ok := fs.ids[key]; ok {
		return id
	}
	if fs.ids == nil {
		fs.ids = make(map[string]uint32)
	}
	id = uint32(len(fs.keys))
	fs.ids[key] = id
	fs.keys = append(fs.keys, key)
	return id
}

// key returns the key numbered id.
func (fs *facetSets) key(id int) string {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return fs.keys[id]
}

// count is the number of keys numbered so far.
func (fs *facetSets) count() int {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	return len(fs.keys)
}

// record adds the internal entry of set key to b unless written says this
// indexing run already did.
func (fs *facetSets) record(b *batch, key string, values []string, written map[string]bool) {
	if written[key] {
		return
	}
	written[key] = true
	b.SetInternal([]byte(keyFacetSet+key), []byte(strings.Join(values, valueSep)))
	fs.mu.Lock()
	if fs.m == nil {
		fs.m = make(map[string][]string)
	}
	fs.m[key] = values
	fs.mu.Unlock()
}

// values returns the facet values of set key, reading idx when the set is
// not cached (after a restart). ok is false for an unknown key.
func (fs *facetSets) values(idx *physical, key string) (vals []string, ok bool) {
	fs.mu.RLock()
	vals, ok = fs.m[key]
	fs.mu.RUnlock()
	if ok || idx == nil {
		return vals, ok
	}
	b, err := idx.internal(keyFacetSet + key)
	if err != nil || b == nil {
		return nil, false
	}
	vals = nil
	if len(b) > 0 {
		vals = strings.Split(string(b), valueSep)
	}
	fs.mu.Lock()
	if fs.m == nil {
		fs.m = make(map[string][]string)
	}
	fs.m[key] = vals
	fs.mu.Unlock()
	return vals, true
}
