package casefile

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeState is what one package decode shares across its objects.
type decodeState struct {
	baseURL string
	r       *report
	// v11 is set by any sign that the input is CASE 1.1 (caseVersion,
	// /v1p1/ in a uri, a 1.1-only field).
	v11 bool
	// docID is the package document's identifier once read.
	docID, docURI string
	owners        []ownerRef
	// elem and link are maps reused for each array element and each link
	// object: members are read out of them (or copied to Unknown), never kept.
	elem, link map[string]json.RawMessage
	// strs shares repeated string values (with the workers, see
	// decode_array.go); times remembers normalised dates (decode_intern.go).
	strs  *internTable
	times map[string]string
	// limits bound the package; nObjects counts its objects so far.
	limits   Limits
	nObjects int
}

func (st *decodeState) fields(m map[string]json.RawMessage, path string) fields {
	return fields{m: m, path: path, r: st.r, st: st}
}

// reuse clears and returns one of the reusable maps, making it on first use.
func reuse(m *map[string]json.RawMessage) map[string]json.RawMessage {
	if *m == nil {
		*m = make(map[string]json.RawMessage, 16)
	}
	clear(*m)
	return *m
}

// fields reads the members of one JSON object leniently. Every member read is
// removed from m; what is left at the end is unknown and kept (see rest).
type fields struct {
	m    map[string]json.RawMessage
	path string
	r    *report
	st   *decodeState
	// kept holds members of the wrong type, kept as unknown (never lost).
	kept map[string]json.RawMessage
}

// misfit handles a value of the wrong type at path: a member of this object
// is kept as unknown, anything deeper is dropped; either way with a warning.
// Lenient on purpose: a required field left empty is then reported by Validate.
func (f *fields) misfit(path string, raw json.RawMessage, want string) {
	name, direct := strings.CutPrefix(path, f.path+".")
	if direct && !strings.ContainsAny(name, ".[") {
		if f.kept == nil {
			f.kept = map[string]json.RawMessage{}
		}
		f.kept[name] = raw
		f.r.warn(path, "not "+want+"; kept as an extension")
		return
	}
	f.r.warn(path, "not "+want+"; dropped")
}

func (f *fields) at(name string) string { return f.path + "." + name }

// loc is a JSON path that is only built when a message needs it.
type loc struct {
	base, name string
	idx        int // index inside the member, -1 for none
}

func (f *fields) loc(name string) loc { return loc{f.path, name, -1} }

func (l loc) String() string {
	if l.idx < 0 {
		return l.base + "." + l.name
	}
	return l.base + "." + l.name + "[" + strconv.Itoa(l.idx) + "]"
}

func (l loc) index(i int) loc { l.idx = i; return l }

// take removes and returns the raw member, nil when absent or null.
func (f *fields) take(name string) json.RawMessage {
	raw, ok := f.m[name]
	if !ok {
		return nil
	}
	delete(f.m, name)
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == 'n' {
		return nil
	}
	return raw
}

// legacy renames a legacy member to its CASE name when the CASE name is absent.
func (f *fields) legacy(old, name string) {
	raw, ok := f.m[old]
	if !ok {
		return
	}
	delete(f.m, old)
	if _, has := f.m[name]; has {
		f.r.warn(f.at(old), "legacy member "+old+" ignored: "+name+" is also present")
		return
	}
	f.m[name] = raw
	f.r.warn(f.at(old), "legacy member "+old+" read as "+name)
}

// drop removes a member that is accepted but not kept.
func (f *fields) drop(name, why string) {
	if _, ok := f.m[name]; ok {
		delete(f.m, name)
		f.r.warn(f.at(name), name+" dropped: "+why)
	}
}

// str reads an optional string; null, "" and absent give "".
func (f *fields) str(name string) string {
	raw := f.take(name)
	if raw == nil {
		return ""
	}
	return f.rawString(raw, f.loc(name))
}

func (f *fields) rawString(raw json.RawMessage, at loc) string {
	switch raw[0] {
	case '"':
		return unquote(raw)
	case '[':
		var list []string
		if json.Unmarshal(raw, &list) == nil && len(list) <= 1 {
			f.r.warn(at.String(), "array converted to a string")
			if len(list) == 1 {
				return list[0]
			}
			return ""
		}
	case '{':
	default: // number or boolean
		f.r.warnv(at.String(), "value converted to a string", string(raw))
		return string(raw)
	}
	f.misfit(at.String(), raw, "a string")
	return ""
}

// elemString is rawString with plain strings interned (list values such
// as educationLevel and subject repeat across items).
func (f *fields) elemString(raw json.RawMessage, at loc) string {
	if raw[0] == '"' {
		return f.st.interned(raw)
	}
	return f.rawString(raw, at)
}

// unquote decodes a JSON string literal, with fast paths for plain ones and
// common escapes (\/ in minified exports); anything unusual goes through
// encoding/json so the result is always the same as its.
func unquote(raw json.RawMessage) string {
	if len(raw) < 2 {
		return ""
	}
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		if utf8.Valid(inner) {
			return string(inner)
		}
	} else if s, ok := unescape(inner); ok {
		return s
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// unescape decodes the escapes of a JSON string body; ok is false for
// anything it does not handle (surrogates, invalid UTF-8, bad escapes).
func unescape(in []byte) (string, bool) {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 >= len(in) {
			return "", false
		}
		i++
		switch in[i] {
		case '"', '\\', '/':
			out = append(out, in[i])
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			if i+4 >= len(in) {
				return "", false
			}
			r, err := strconv.ParseUint(string(in[i+1:i+5]), 16, 32)
			if err != nil || (r >= 0xD800 && r <= 0xDFFF) {
				return "", false
			}
			out = utf8.AppendRune(out, rune(r))
			i += 4
		default:
			return "", false
		}
	}
	if !utf8.Valid(out) {
		return "", false
	}
	return string(out), true
}

// strList reads an optional array of strings; a single string becomes a
// one-element array (with a warning); empty elements are skipped.
func (f *fields) strList(name string) []string {
	raw := f.take(name)
	if raw == nil {
		return nil
	}
	at := f.loc(name)
	switch raw[0] {
	case '"':
		s := unquote(raw)
		if s == "" {
			return nil
		}
		f.r.warn(at.String(), "string converted to an array")
		return []string{s}
	case '[':
		list, ok := splitArray(raw)
		if !ok {
			f.misfit(at.String(), raw, "an array of strings")
			return nil
		}
		out := make([]string, 0, len(list))
		for i, el := range list {
			el = bytes.TrimSpace(el)
			if len(el) == 0 || el[0] == 'n' {
				continue
			}
			if s := f.elemString(el, at.index(i)); s != "" {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	f.misfit(at.String(), raw, "an array of strings")
	return nil
}

// integer reads an optional int32; a numeric string is converted with a warning.
func (f *fields) integer(name string) *int {
	raw := f.take(name)
	if raw == nil {
		return nil
	}
	s := string(raw)
	if raw[0] == '"' {
		s = strings.TrimSpace(unquote(raw))
		if s == "" {
			return nil
		}
	}
	fl, err := strconv.ParseFloat(s, 64)
	if err != nil || fl != float64(int64(fl)) || fl > 1<<31-1 || fl < -1<<31 {
		f.misfit(f.at(name), raw, "an integer")
		return nil
	}
	if raw[0] == '"' {
		f.r.warnv(f.at(name), "string converted to a number", strconv.Quote(s))
	}
	n := int(fl)
	return &n
}

// number reads an optional float.
func (f *fields) number(name string) *float64 {
	raw := f.take(name)
	if raw == nil {
		return nil
	}
	s := string(raw)
	if raw[0] == '"' {
		s = strings.TrimSpace(unquote(raw))
		if s == "" {
			return nil
		}
		f.r.warnv(f.at(name), "string converted to a number", strconv.Quote(s))
	}
	fl, err := strconv.ParseFloat(s, 64)
	if err != nil {
		f.misfit(f.at(name), raw, "a number")
		return nil
	}
	return &fl
}

// object reads an optional JSON object member as raw fields.
func (f *fields) object(name string) Fields {
	raw := f.take(name)
	if raw == nil {
		return nil
	}
	var m Fields
	if raw[0] != '{' || json.Unmarshal(raw, &m) != nil {
		f.misfit(f.at(name), raw, "an object")
		return nil
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// rest returns the members nobody read (kept, never lost), with a warning each.
func (f *fields) rest() Fields {
	if len(f.m) == 0 && len(f.kept) == 0 {
		return nil
	}
	keys := make([]string, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(Fields, len(f.m))
	for _, k := range keys {
		v := bytes.TrimSpace(f.m[k])
		if len(v) == 0 || v[0] == 'n' {
			continue
		}
		if limit := f.st.limits.MaxExtensionBytes; limit > 0 && len(v) > limit {
			f.r.problem(f.at(k), overLimit("unknown member "+k, len(v), limit, "--max-extension-bytes"))
			continue
		}
		f.r.warn(f.at(k), "unknown member "+k+" kept as an extension")
		out[k] = bytes.Clone(v) // the element's buffer is reused for the next one
	}
	for k, v := range f.kept {
		out[k] = bytes.Clone(v)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
