package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// writeAPI answers a node API read: JSON with an ETag, revalidated on every
// use (the data changes with each import).
func (s *Server) writeAPI(w http.ResponseWriter, r *http.Request, v any) error {
	data, err := marshalJSON(v)
	if err != nil {
		return err
	}
	s.writeAPIBody(w, r, newBody(data, time.Time{}))
	return nil
}

// writeAPIBody answers an encoded node API read (gzip-encoded on the fly
// unless b holds its gzip form).
func (s *Server) writeAPIBody(w http.ResponseWriter, r *http.Request, b body) {
	h := w.Header()
	h.Set("ETag", b.etag)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	if s.cfg.RequireAuth {
		h.Set("Cache-Control", "private, no-cache")
	}
	if notModified(r, b.etag, time.Time{}) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	out := b.data
	if acceptsGzip(r) && len(b.data) >= minGzipBytes {
		if out = b.gz; out == nil {
			out = s.gzipBytes(b.data)
		}
		h.Set("Content-Encoding", "gzip")
		h.Set("ETag", gzipETag(b.etag))
	}
	h.Set("Content-Length", strconv.Itoa(len(out)))
	w.Write(out)
}

// writeDone answers a write that returns v (or 204 when v is nil).
func writeDone(w http.ResponseWriter, v any) {
	if v == nil {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSONStatus(w, http.StatusOK, v)
}

// decodeBody reads a JSON request body into v.
func decodeBody(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "json") {
		return casefile.Errorf(casefile.Invalid, "the body must be JSON (Content-Type: application/json)")
	}
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return casefile.Errorf(casefile.Invalid, "the request body is empty")
		}
		return casefile.Errorf(casefile.Invalid, "the body is not the expected JSON: %s", jsonProblem(err))
	}
	return nil
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return "unexpected " + te.Value + " for " + te.Field
	}
	return "malformed"
}

// notEnabled is the error of routes whose service is not configured.
func notEnabled(what string) error {
	return newError(kindNotFound, "", what+" is not enabled on this node")
}
