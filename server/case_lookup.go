package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/casenode/casenode/casefile"
)

// maxIDLength bounds a sourcedId; longer ones are never identifiers.
const maxIDLength = 512

// resolve looks the request's sourcedId up with get. A sourcedId that is not
// a UUID is served when the store knows it as an original identifier;
// otherwise it answers 404 invalid_uuid (unknownobject for a well-formed UUID).
func resolve[T any](r *http.Request, get func(ctx context.Context, id string) (T, error)) (T, error) {
	var zero T
	raw := r.PathValue("sourcedId")
	if raw == "" || len(raw) > maxIDLength {
		return zero, newError(kindInvalidUUID, "sourcedId", "Invalid UUID: the sourcedId is empty or too long")
	}
	for _, id := range casefile.IDCandidates(raw) {
		v, err := get(r.Context(), id)
		switch casefile.ErrorCode(err) {
		case "":
			return v, nil
		case casefile.NotFound, casefile.Invalid:
			continue
		default:
			return zero, err
		}
	}
	if _, ch := casefile.CanonicalID(raw); ch == casefile.IDMapped {
		return zero, newError(kindInvalidUUID, "sourcedId", "Invalid UUID: "+quoteShort(raw)+" is not an identifier of the CASE form 8-4-4-4-12 hex digits")
	}
	return zero, newError(kindNotFound, "sourcedId", "Unknown Object: no object with identifier "+raw)
}

// nonEmpty turns an empty result into not found (set endpoints).
func nonEmpty[T any](list []T, err error) ([]T, error) {
	if err == nil && len(list) == 0 {
		return nil, casefile.Errorf(casefile.NotFound, "not found")
	}
	return list, err
}

func quoteShort(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// writeObject answers one encoded CASE object (or set body) with validators.
func (s *Server) writeObject(w http.ResponseWriter, r *http.Request, data []byte, modified time.Time) {
	s.writeBody(w, r, newBody(data, modified))
}

// wrapSet builds {"<key>":[e1,e2,…]} from encoded elements.
func wrapSet(key string, elems [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString(`{"`)
	b.WriteString(key)
	b.WriteString(`":`)
	b.Write(jsonArray(elems))
	b.WriteByte('}')
	return b.Bytes()
}

// jsonArray joins encoded elements into a JSON array.
func jsonArray(elems [][]byte) []byte {
	n := 2
	for _, e := range elems {
		n += len(e) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, e := range elems {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
	}
	return append(b, ']')
}

// encodeAll encodes each element of list with enc.
func encodeAll[T any](list []T, v casefile.Version, enc func(*T, casefile.Version) ([]byte, error)) ([][]byte, error) {
	out := make([][]byte, 0, len(list))
	for i := range list {
		b, err := enc(&list[i], v)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// marshalJSON encodes v without HTML escaping.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// latestWrite is when the node's content last changed (any import or
// delete), the Last-Modified of sets that span frameworks.
func (s *Server) latestWrite(ctx context.Context) (time.Time, error) {
	seq, err := s.cfg.Store.LastSeq(ctx)
	if err != nil || seq == 0 {
		return time.Time{}, err
	}
	changes, err := s.cfg.Store.Changes(ctx, seq-1, 1)
	if err != nil || len(changes) == 0 {
		return time.Time{}, err
	}
	return changes[0].At.UTC(), nil
}

// later returns the later of two instants.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
