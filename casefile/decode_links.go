package casefile

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// uri reads an object's or link's uri and notes the /v1p1/ version hint.
func (f *fields) uri(name string) string {
	u := strings.TrimSpace(f.istr(name))
	if strings.Contains(u, "/v1p1/") {
		f.st.v11 = true
	}
	return u
}

// identifier reads the object's own identifier, normalising it to a
// lower-case UUID; a mapped original is returned for Common.OriginalIdentifier.
func (f *fields) identifier() (id, original string) {
	raw := strings.TrimSpace(f.istr("identifier"))
	id, ch := CanonicalID(raw)
	switch ch {
	case IDLowered:
		f.r.warn(f.at("identifier"), "identifier lower-cased")
	case IDMapped:
		f.r.warnv(f.at("identifier"), "identifier is not a UUID; mapped to a name-based UUID (original kept)", quote(raw)+" -> "+id)
		original = raw
	}
	return id, original
}

// common reads extensions (1.1) and, at the end, the unknown members.
func (f *fields) extensions(c *Common) {
	ext := f.object("extensions")
	if ext == nil {
		return
	}
	f.st.v11 = true
	if raw, ok := ext["originalIdentifier"]; ok && c.OriginalIdentifier == "" {
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			c.OriginalIdentifier = s
			delete(ext, "originalIdentifier")
		}
	}
	if len(ext) > 0 {
		c.Extensions = ext
	}
}

func quote(s string) string {
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return "\"" + s + "\""
}

// link reads an optional LinkURI member.
func (f *fields) link(name string) *LinkURI {
	return f.linkValue(f.take(name), f.loc(name))
}

// linkValue reads a LinkURI value. An object gives its fields; a plain string
// (legacy) is taken as the uri, its last segment as the identifier. The
// identifier is always normalised to a UUID (LinkURI requires one).
func (f *fields) linkValue(raw json.RawMessage, at loc) *LinkURI {
	if raw == nil {
		return nil
	}
	path := ""
	var l LinkURI
	switch raw[0] {
	case '"':
		s := strings.TrimSpace(unquote(raw))
		if s == "" {
			return nil
		}
		l.URI, l.Identifier = s, lastSegment(s)
		path = at.String()
		f.r.warn(path, "link given as a plain string; read as its uri")
	case '{':
		m, ok := splitObjectInto(raw, reuse(&f.st.link))
		if !ok {
			f.misfit(at.String(), raw, "a link object {title, identifier, uri}")
			return nil
		}
		path = at.String()
		lf := f.st.fields(m, path)
		l.Title = lf.istr("title")
		l.Identifier = strings.TrimSpace(lf.istr("identifier"))
		l.URI = lf.uri("uri")
		lf.dropRest("unknown link member")
	default:
		f.misfit(at.String(), raw, "a link object {title, identifier, uri}")
		return nil
	}
	if l.Identifier == "" && l.URI == "" {
		if l.Title != "" {
			f.r.warn(path, "link without identifier or uri dropped")
		}
		return nil
	}
	if l.Identifier == "" {
		l.Identifier = lastSegment(l.URI)
		f.r.warnv(path+".identifier", "missing link identifier taken from its uri", l.URI)
	}
	id, ch := CanonicalID(l.Identifier)
	if ch == IDLowered {
		f.r.warn(path+".identifier", "identifier lower-cased")
	} else if ch == IDMapped {
		f.r.warnv(path+".identifier", "identifier is not a UUID; mapped to a name-based UUID", quote(l.Identifier)+" -> "+id)
	}
	l.Identifier = id
	return &l
}

// linkList reads an optional array of LinkURI (subjectURI); a single link is
// accepted as a one-element array.
func (f *fields) linkList(name string) []LinkURI {
	raw := f.take(name)
	if raw == nil {
		return nil
	}
	path := f.at(name)
	if raw[0] != '[' {
		if l := f.linkValue(raw, f.loc(name)); l != nil {
			f.r.warn(path, "single link converted to an array")
			return []LinkURI{*l}
		}
		return nil
	}
	list, ok := splitArray(raw)
	if !ok {
		f.misfit(path, raw, "an array of links")
		return nil
	}
	var out []LinkURI
	for i, el := range list {
		el = bytes.TrimSpace(el)
		if len(el) == 0 || el[0] == 'n' {
			continue
		}
		if l := f.linkValue(el, f.loc(name).index(i)); l != nil {
			out = append(out, *l)
		}
	}
	return out
}

// dropRest warns about and drops members nobody read (inside link objects,
// whose schema allows nothing else).
func (f *fields) dropRest(what string) {
	keys := make([]string, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f.r.warn(f.at(k), what+" "+k+" dropped")
	}
}

// nodeLink reads an association end (LinkGenURI). Its identifier may be any
// string; a non-UUID one is mapped and its original returned.
func (f *fields) nodeLink(name string) (n LinkGenURI, original string, ok bool) {
	raw := f.take(name)
	if raw == nil {
		return n, "", false
	}
	path := f.at(name)
	switch raw[0] {
	case '"':
		s := strings.TrimSpace(unquote(raw))
		if s == "" {
			return n, "", false
		}
		f.r.warn(path, "node given as a plain string; read as its uri")
		n.URI, n.Identifier = s, lastSegment(s)
		if isIDShape(s) {
			n.URI, n.Identifier = "", s
		}
	case '{':
		m, ok := splitObjectInto(raw, reuse(&f.st.link))
		if !ok {
			f.misfit(path, raw, "a node object {title, identifier, uri}")
			return n, "", false
		}
		lf := f.st.fields(m, path)
		n.Title = lf.istr("title")
		n.Identifier = strings.TrimSpace(lf.istr("identifier"))
		n.URI = lf.uri("uri")
		n.TargetType = lf.targetType()
		lf.dropRest("unknown node member")
	default:
		f.misfit(path, raw, "a node object {title, identifier, uri}")
		return n, "", false
	}
	if n.Identifier == "" && n.URI != "" {
		n.Identifier = lastSegment(n.URI)
		f.r.warnv(f.at(name)+".identifier", "missing node identifier taken from its uri", n.URI)
	}
	id, ch := CanonicalID(n.Identifier)
	switch ch {
	case IDLowered:
		f.r.warn(path+".identifier", "identifier lower-cased")
	case IDMapped:
		f.r.warnv(path+".identifier", "identifier is not a UUID; mapped to a name-based UUID (original kept)", quote(n.Identifier)+" -> "+id)
		original = n.Identifier
	}
	n.Identifier = id
	return n, original, true
}

// targetType reads LinkGenURI.targetType (1.1): "CASE" or "ext:…".
func (f *fields) targetType() string {
	t := strings.TrimSpace(f.str("targetType"))
	if t == "" {
		return ""
	}
	f.st.v11 = true
	if strings.EqualFold(t, "CASE") {
		if t != "CASE" {
			f.r.warnv(f.at("targetType"), "targetType read as \"CASE\"", quote(t))
		}
		return "CASE"
	}
	ext := extToken(t)
	if ext != t {
		f.r.warnv(f.at("targetType"), "targetType made an ext: token", quote(t)+" -> "+quote(ext))
	}
	return ext
}

// extToken turns any name into an "ext:" token matching the 1.1 pattern.
func extToken(s string) string {
	name := s
	if len(s) >= 4 && strings.EqualFold(s[:4], "ext:") {
		name = s[4:]
	}
	var b strings.Builder
	b.WriteString("ext:")
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '_':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 4 {
		b.WriteString("unnamed")
	}
	return b.String()
}

// lastSegment returns the last path segment of a uri when it is a UUID
// (in any case), else the whole string.
func lastSegment(s string) string {
	t := strings.TrimRight(s, "/")
	if i := strings.LastIndexAny(t, "/:"); i >= 0 && isIDShape(t[i+1:]) {
		return t[i+1:]
	}
	return s
}
