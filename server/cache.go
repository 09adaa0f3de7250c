package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// minGzipBytes is the smallest body worth compressing.
const minGzipBytes = 1024

// body is one cacheable representation: the identity bytes, optionally the
// gzip bytes of the same content, and its validators.
type body struct {
	data     []byte
	gz       []byte // nil: compress on the fly when accepted and worthwhile
	etag     string // quoted strong ETag of the identity form
	modified time.Time
}

// newBody builds a body whose strong ETag is the SHA-256 of data.
func newBody(data []byte, modified time.Time) body {
	sum := sha256.Sum256(data)
	return body{data: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, modified: modified}
}

// gzipETag is the validator of the gzip form (a different representation).
func gzipETag(etag string) string {
	if etag == "" {
		return ""
	}
	return strings.TrimSuffix(etag, `"`) + `-gzip"`
}

// cacheControl is what shared caches may do with CASE and API reads.
func (s *Server) cacheControl() string {
	if s.cfg.RequireAuth {
		return "private, max-age=60"
	}
	return "public, max-age=60"
}

// setValidators sets the caching headers for a representation.
func (s *Server) setValidators(h http.Header, etag string, modified time.Time) {
	h.Set("Cache-Control", s.cacheControl())
	h.Add("Vary", "Accept-Encoding")
	if etag != "" {
		h.Set("ETag", etag)
	}
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
}

// notModified reports whether the request's conditions match the validators
// (If-None-Match wins over If-Modified-Since, RFC 9110 §13.2.2).
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagListMatches(inm, etag)
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || modified.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	return err == nil && !modified.Truncate(time.Second).After(t)
}

// etagListMatches applies the weak comparison of If-None-Match; the gzip
// variant of etag matches too.
func etagListMatches(list, etag string) bool {
	if etag == "" {
		return false
	}
	for _, tag := range strings.Split(list, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag || tag == gzipETag(etag) {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.TrimSpace(name)
		if !strings.EqualFold(name, "gzip") && name != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(p, "="); ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		return q > 0
	}
	return false
}

// writeBody answers a cacheable JSON body: 304 when the validators match,
// else the identity or gzip form.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, b body) {
	h := w.Header()
	s.setValidators(h, b.etag, b.modified)
	if notModified(r, b.etag, b.modified) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	out := b.data
	if acceptsGzip(r) && len(b.data) >= minGzipBytes {
		if b.gz == nil {
			b.gz = s.gzipBytes(b.data)
		}
		out = b.gz
		h.Set("Content-Encoding", "gzip")
		h.Set("ETag", gzipETag(b.etag))
	}
	h.Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(out)
	}
}

// gzipBytes compresses data with a pooled writer.
func (s *Server) gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data) / 4)
	zw := s.gzips.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(data)
	zw.Close()
	s.gzips.Put(zw)
	return buf.Bytes()
}

// writeJSON answers v as cacheable JSON (ETag from its bytes).
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, v any, modified time.Time) error {
	data, err := marshalJSON(v)
	if err != nil {
		return err
	}
	s.writeBody(w, r, newBody(data, modified))
	return nil
}

// lastChange parses CASE lastChangeDateTime values and returns the latest.
func lastChange(values ...string) time.Time {
	var latest time.Time
	for _, v := range values {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err == nil && t.After(latest) {
			latest = t
		}
	}
	return latest.UTC()
}
