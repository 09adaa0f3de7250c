package casefile

import (
	"bytes"
	"encoding/json"
	"sync"
	"unicode/utf8"
)

// maxInterned bounds the strings one package decode shares (about 20 MB of
// map at worst); past it, strings are simply allocated.
const maxInterned = 1 << 19

// internShards is the number of independently locked parts of an
// internTable: the workers decoding one package's arrays share the table
// (an association then shares the identifier and uri of the item it names,
// whichever worker decoded that item) and seldom wait for each other.
const internShards = 16

// internTable shares one copy of each repeated string of one package decode.
// It is safe for concurrent use.
type internTable struct {
	shards [internShards]internShard
}

type internShard struct {
	mu sync.Mutex
	m  map[string]string
	_  [40]byte // keeps shards on separate cache lines
}

// shardIndex picks a shard from the length and the last bytes, where
// identifiers and uris differ.
func shardIndex[S string | []byte](s S) int {
	h := uint(len(s))
	for i := max(0, len(s)-4); i < len(s); i++ {
		h = h*31 + uint(s[i])
	}
	return int(h % internShards)
}

// bytes returns the shared copy of string(b), adding it while there is room.
// A lookup of a string already shared allocates nothing.
func (t *internTable) bytes(b []byte) string {
	sh := &t.shards[shardIndex(b)]
	sh.mu.Lock()
	s, ok := sh.m[string(b)]
	if !ok {
		s = sh.add(string(b))
	}
	sh.mu.Unlock()
	return s
}

// str returns the shared copy of s, adding s while there is room.
func (t *internTable) str(s string) string {
	sh := &t.shards[shardIndex(s)]
	sh.mu.Lock()
	v, ok := sh.m[s]
	if !ok {
		v = sh.add(s)
	}
	sh.mu.Unlock()
	return v
}

// add keeps s (the caller holds mu) and returns it.
func (sh *internShard) add(s string) string {
	if sh.m == nil {
		sh.m = make(map[string]string, 1024/internShards)
	}
	if len(sh.m) < maxInterned/internShards {
		sh.m[s] = s
	}
	return s
}

// interned returns the decoded JSON string literal raw, sharing one copy of
// values that repeat: link titles, identifiers and uris (an item's own
// identifier and uri are shared with the associations naming it), dates,
// languages, item types. A 100,000-item framework holds each such value
// thousands of times; one copy keeps the decoded package about a fifth
// smaller. Lookups of a plain literal allocate nothing.
func (st *decodeState) interned(raw json.RawMessage) string {
	if len(raw) < 2 || raw[0] != '"' {
		return unquote(raw)
	}
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') >= 0 || !utf8.Valid(inner) {
		return st.intern(unquote(raw))
	}
	return st.strs.bytes(inner)
}

// intern returns the shared copy of s, adding s while there is room.
func (st *decodeState) intern(s string) string { return st.strs.str(s) }

// istr is str with the result interned (for values that repeat).
func (f *fields) istr(name string) string {
	raw := f.take(name)
	if raw == nil {
		return ""
	}
	if raw[0] == '"' {
		return f.st.interned(raw)
	}
	return f.st.intern(f.rawString(raw, f.loc(name)))
}

// normalizedTime is NormalizeTime remembered per distinct input: a framework
// usually carries a handful of distinct lastChangeDateTime values. The
// memory (times) is each worker's own; the result is interned.
func (st *decodeState) normalizedTime(s string) (string, bool) {
	if n, ok := st.times[s]; ok {
		return n, true
	}
	n, ok := NormalizeTime(s)
	if !ok {
		return "", false
	}
	n = st.intern(n)
	if st.times == nil {
		st.times = map[string]string{}
	}
	if len(st.times) < 4096 {
		st.times[s] = n
	}
	return n, true
}
