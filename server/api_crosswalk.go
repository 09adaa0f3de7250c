package server

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/casenode/casenode/casefile"
)

// getCrosswalk is GET /api/v1/crosswalk?source=&target=&format=json|csv|case
// (&suggest=true&minScore=0.5&includeHeadings=true).
func (s *Server) getCrosswalk(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Crosswalk == nil {
		return notEnabled("crosswalk")
	}
	q := r.URL.Query()
	src, dst := q.Get("source"), q.Get("target")
	if src == "" || dst == "" || len(src) > maxIDLength || len(dst) > maxIDLength {
		return casefile.Errorf(casefile.Invalid, "give source and target framework identifiers")
	}
	format := q.Get("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "csv" && format != "case" {
		return casefile.Errorf(casefile.Invalid, "format must be json, csv or case")
	}
	opt := casefile.CrosswalkOptions{Suggest: boolParam(q.Get("suggest")), IncludeHeadings: boolParam(q.Get("includeHeadings"))}
	if v := q.Get("minScore"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return casefile.Errorf(casefile.Invalid, "minScore must be between 0 and 1")
		}
		opt.MinScore = f
	}
	cw, err := s.cfg.Crosswalk.Crosswalk(r.Context(), src, dst, opt)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		var buf bytes.Buffer
		if err := s.cfg.Crosswalk.WriteCSV(&buf, cw); err != nil {
			return err
		}
		w.Header().Set("Content-Disposition", `attachment; filename="crosswalk.csv"`)
		return s.writeRaw(w, r, "text/csv; charset=utf-8", buf.Bytes())
	case "case":
		pkg, err := s.cfg.Crosswalk.ExportPackage(r.Context(), cw)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := casefile.EncodePackage(&buf, pkg, casefile.V1p1); err != nil {
			return err
		}
		return s.writeRaw(w, r, "application/json; charset=utf-8", buf.Bytes())
	}
	out := *cw // may be shared with other callers: only the copy is narrowed
	out.Source.Provenance = out.Source.Provenance.ForCaller(r.Context())
	out.Target.Provenance = out.Target.Provenance.ForCaller(r.Context())
	return s.writeAPI(w, r, &out)
}

// writeRaw answers bytes of a content type, revalidated on every use.
func (s *Server) writeRaw(w http.ResponseWriter, r *http.Request, ctype string, data []byte) error {
	b := newBody(data, time.Time{})
	h := w.Header()
	h.Set("ETag", b.etag)
	h.Set("Cache-Control", "no-cache")
	if notModified(r, b.etag, b.modified) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}
