package store

import (
	"bytes"
	"encoding/json"

	"github.com/casenode/casenode/casefile"
)

// encoder turns a casefile value into the JSON stored in a data column:
// json.Marshal of its stored form (storedform_v1.go), with the top-level members whose value is ""
// or null left out. Decoding into a zero struct gives those members back as
// their zero values, so nothing is lost (empty arrays and objects are kept,
// and nested values, extension content included, are never touched), while
// a typical item row shrinks by a third. Buffers are reused between calls.
type encoder struct {
	raw  bytes.Buffer
	out  bytes.Buffer
	fast []byte // items and associations (see appendItem)
	enc  *json.Encoder
}

func newEncoder() *encoder {
	e := &encoder{}
	e.enc = json.NewEncoder(&e.raw)
	return e
}

// encode returns the stored JSON of v; the slice is valid until the next call.
func (e *encoder) encode(v any) ([]byte, error) {
	var err error
	switch x := v.(type) {
	case *casefile.Item:
		e.fast, err = appendItem(e.fast[:0], x)
		return e.fast, err
	case *casefile.Association:
		e.fast, err = appendAssociation(e.fast[:0], x)
		return e.fast, err
	}
	s, err := toStoredForm(v)
	if err != nil {
		return nil, err
	}
	return e.encodeReflect(s)
}

// encodeReflect is the stored JSON of any value: encoding/json, then compactTop.
func (e *encoder) encodeReflect(v any) ([]byte, error) {
	e.raw.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(e.raw.Bytes(), "\n")
	e.out.Reset()
	compactTop(&e.out, b)
	return e.out.Bytes(), nil
}

// hash returns the stored JSON of v and its hex sha256.
func (e *encoder) hash(v any) (string, error) {
	b, err := e.encode(v)
	if err != nil {
		return "", err
	}
	return sha256Hex(b), nil
}

// compactTop writes b (a compact JSON value as produced by encoding/json)
// without the top-level object members whose value is "" or null. Anything
// that is not an object is copied as is.
func compactTop(w *bytes.Buffer, b []byte) {
	if len(b) < 2 || b[0] != '{' {
		w.Write(b)
		return
	}
	w.WriteByte('{')
	first := true
	i := 1
	for i < len(b) && b[i] != '}' {
		keyEnd := skipString(b, i)       // b[i] is the opening quote of the key
		valEnd := skipValue(b, keyEnd+1) // b[keyEnd] is ':'
		val := b[keyEnd+1 : valEnd]
		if !(string(val) == `""` || string(val) == "null") {
			if !first {
				w.WriteByte(',')
			}
			first = false
			w.Write(b[i:valEnd])
		}
		i = valEnd
		if i < len(b) && b[i] == ',' {
			i++
		}
	}
	w.WriteByte('}')
}

// skipString returns the index just after the JSON string starting at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just after the compact JSON value at b[i].
func skipValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch c := b[i]; c {
		case '"':
			i = skipString(b, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}
