package casefile

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// maxInterned bounds the strings one package decode shares (about 20 MB of
// map at worst); past it, strings are simply allocated.
const maxInterned = 1 << 19

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
	if s, ok := st.strs[string(inner)]; ok {
		return s
	}
	return st.intern(string(inner))
}

// intern returns the shared copy of s, adding s while there is room.
func (st *decodeState) intern(s string) string {
	if v, ok := st.strs[s]; ok {
		return v
	}
	if st.strs == nil {
		st.strs = make(map[string]string, 1024)
	}
	if len(st.strs) < maxInterned {
		st.strs[s] = s
	}
	return s
}

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
// usually carries a handful of distinct lastChangeDateTime values.
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
