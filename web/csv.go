package web

import (
	"net/http"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// csvHeader is the first row of a framework's CSV export.
var csvHeader = []string{"identifier", "code", "statement", "type", "levels", "parent", "parentCode"}

// frameworkCSV writes the framework's items in tree order, one a row, with
// their parent (the isChildOf destination; empty for root items). Cells that
// a spreadsheet would run as a formula get a leading quote (casefile.CSVWriter).
func (h *handler) frameworkCSV(w http.ResponseWriter, r *http.Request, id string) {
	pkg, err := h.deps.Store.Package(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	doc := pkg.CFDocument.Identifier
	code := make(map[string]string, len(pkg.CFItems))
	for _, it := range pkg.CFItems {
		code[it.Identifier] = it.HumanCodingScheme
	}
	parent := map[string]string{}
	for _, a := range pkg.CFAssociations {
		o, d := a.OriginNodeURI.Identifier, a.DestinationNodeURI.Identifier
		if a.AssociationType != casefile.IsChildOf || d == doc {
			continue
		}
		if _, seen := parent[o]; !seen {
			parent[o] = d
		}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+safeFilename(id)+`.csv"`)
	cw := casefile.NewCSVWriter(w)
	_ = cw.Write(csvHeader)
	for _, it := range pkg.CFItems {
		p := parent[it.Identifier]
		_ = cw.Write([]string{
			it.Identifier, it.HumanCodingScheme, it.FullStatement, it.CFItemType,
			strings.Join(it.EducationLevel, ","), p, code[p],
		})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		h.log.WarnContext(r.Context(), "web: csv write", "framework", id, "err", err)
	}
}

// safeFilename keeps letters, digits, '-', '_' and '.'.
func safeFilename(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 100 {
			break
		}
	}
	if b.Len() == 0 {
		return "framework"
	}
	return b.String()
}
