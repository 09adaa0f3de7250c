package casefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// flushAt is the buffer size at which EncodePackage writes to its writer.
const flushAt = 64 << 10

// encoder writes strict CASE JSON for one version into buf. Objects are
// written member by member; first tracks whether a comma is due.
type encoder struct {
	buf   []byte
	v     Version
	first []bool
	err   error
}

func newEncoder(v Version) (*encoder, error) {
	switch v {
	case "":
		v = V1p1
	case V1p0, V1p1:
	default:
		return nil, Errorf(Invalid, "unknown CASE version %q (want 1.0 or 1.1)", v)
	}
	return &encoder{v: v, buf: make([]byte, 0, 1024)}, nil
}

func (e *encoder) v11() bool { return e.v == V1p1 }

func (e *encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.first = append(e.first, true)
}

func (e *encoder) close(c byte) {
	e.buf = append(e.buf, c)
	e.first = e.first[:len(e.first)-1]
}

// sep writes the comma before a member or element when one is due.
func (e *encoder) sep() {
	top := len(e.first) - 1
	if e.first[top] {
		e.first[top] = false
		return
	}
	e.buf = append(e.buf, ',')
}

func (e *encoder) key(name string) {
	e.sep()
	e.buf = AppendJSONString(e.buf, name, false)
	e.buf = append(e.buf, ':')
}

// str writes a required string member (always, even when empty).
func (e *encoder) str(name, s string) {
	e.key(name)
	e.buf = AppendJSONString(e.buf, s, false)
}

// opt writes an optional string member when it is not empty.
func (e *encoder) opt(name, s string) {
	if s != "" {
		e.str(name, s)
	}
}

func (e *encoder) strs(name string, list []string) {
	if len(list) == 0 {
		return
	}
	e.key(name)
	e.open('[')
	for _, s := range list {
		e.sep()
		e.buf = AppendJSONString(e.buf, s, false)
	}
	e.close(']')
}

func (e *encoder) integer(name string, n *int) {
	if n != nil {
		e.key(name)
		e.buf = strconv.AppendInt(e.buf, int64(*n), 10)
	}
}

func (e *encoder) float(name string, f *float64) {
	if f == nil || math.IsNaN(*f) || math.IsInf(*f, 0) {
		return
	}
	e.key(name)
	abs := math.Abs(*f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.buf = strconv.AppendFloat(e.buf, *f, format, -1, 64)
}

func (e *encoder) link(name string, l *LinkURI) {
	if l == nil {
		return
	}
	e.key(name)
	e.linkValue(l)
}

func (e *encoder) linkValue(l *LinkURI) {
	e.open('{')
	e.str("title", l.Title)
	e.str("identifier", l.Identifier)
	e.str("uri", l.URI)
	e.close('}')
}

func (e *encoder) links(name string, list []LinkURI) {
	if len(list) == 0 {
		return
	}
	e.key(name)
	e.open('[')
	for i := range list {
		e.sep()
		e.linkValue(&list[i])
	}
	e.close(']')
}

func (e *encoder) node(name string, n *LinkGenURI) {
	e.key(name)
	e.open('{')
	e.str("title", n.Title)
	e.str("identifier", n.Identifier)
	e.str("uri", n.URI)
	if e.v11() {
		e.opt("targetType", n.TargetType)
	}
	e.close('}')
}

// extensions writes the 1.1 `extensions` object: the object's extensions,
// its unknown members and its original identifier. Nothing in 1.0.
func (e *encoder) extensions(c *Common) {
	if !e.v11() || (len(c.Extensions) == 0 && len(c.Unknown) == 0 && c.OriginalIdentifier == "") {
		return
	}
	merged := mergedExtensions(c)
	if len(merged) == 0 {
		return
	}
	keys := make([]string, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	e.key("extensions")
	e.open('{')
	for _, k := range keys {
		e.key(k)
		e.raw(k, merged[k])
	}
	e.close('}')
}

// mergedExtensions is what 1.1 output puts in `extensions`: unknown members,
// then the 1.1 extensions (which win on a clash), then originalIdentifier.
func mergedExtensions(c *Common) Fields {
	merged := make(Fields, len(c.Extensions)+len(c.Unknown)+1)
	for _, src := range []Fields{c.Unknown, c.Extensions} {
		for k, v := range src {
			if t := bytes.TrimSpace(v); len(t) > 0 && !bytes.Equal(t, []byte("null")) {
				merged[k] = v
			}
		}
	}
	if c.OriginalIdentifier != "" {
		b, _ := json.Marshal(c.OriginalIdentifier)
		merged["originalIdentifier"] = b
	}
	return merged
}

// raw writes a kept JSON value, compacted; an invalid one fails the encode.
func (e *encoder) raw(name string, v json.RawMessage) {
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil || b.Len() == 0 {
		if e.err == nil {
			e.err = Errorf(Invalid, "extension member %q is not valid JSON", name)
		}
		e.buf = append(e.buf, '{', '}')
		return
	}
	e.buf = append(e.buf, b.Bytes()...)
}

// flush writes the buffer to w once it is large.
func (e *encoder) flush(w io.Writer, force bool) error {
	if e.err != nil {
		return e.err
	}
	if len(e.buf) < flushAt && !force {
		return nil
	}
	if _, err := w.Write(e.buf); err != nil {
		return fmt.Errorf("casefile: write package: %w", err)
	}
	e.buf = e.buf[:0]
	return nil
}

// associationType10 maps a 1.1 association type to 1.0: isTranslationOf and
// ext:* have no 1.0 form and become isRelatedTo (the stated fallback).
func associationType10(t string) string {
	if t == IsTranslationOf || strings.HasPrefix(t, "ext:") {
		return IsRelatedTo
	}
	return t
}
