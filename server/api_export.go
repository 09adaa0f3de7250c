package server

import (
	"bytes"
	"net/http"
	"regexp"

	"github.com/casenode/casenode/casefile"
)

// exportFormats are the formats of GET /api/v1/frameworks/{id}/export.
var exportFormats = map[string]struct{ ext, contentType string }{
	"json": {"json", "application/json"},
	"csv":  {"csv", "text/csv; charset=utf-8"},
	"xlsx": {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}

var unsafeFilename = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// getFrameworkExport is GET /api/v1/frameworks/{id}/export?format=json|csv|xlsx
// (&version=1.0|1.1 for JSON): the framework as a download. CSV and XLSX are
// OpenSALT's spreadsheet formats, which the import path reads back.
func (s *Server) getFrameworkExport(w http.ResponseWriter, r *http.Request) error {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	f, ok := exportFormats[format]
	if !ok {
		return casefile.Errorf(casefile.Invalid, "format must be json, csv or xlsx")
	}
	if format != "json" && s.cfg.Sheets == nil {
		return notEnabled("spreadsheet export")
	}
	v := casefile.Version(r.URL.Query().Get("version"))
	if v == "" {
		v = casefile.V1p1
	}
	if v != casefile.V1p0 && v != casefile.V1p1 {
		return casefile.Errorf(casefile.Invalid, "version must be 1.0 or 1.1")
	}
	pkg, err := s.cfg.Store.Package(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch format {
	case "csv":
		err = s.cfg.Sheets.WriteCSV(&buf, pkg)
	case "xlsx":
		err = s.cfg.Sheets.WriteXLSX(&buf, pkg)
	default:
		err = casefile.EncodePackage(&buf, pkg, v)
	}
	if err != nil {
		return err
	}
	name := unsafeFilename.ReplaceAllString(pkg.CFDocument.Identifier, "_") + "." + f.ext
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, err = w.Write(buf.Bytes())
	return err
}
