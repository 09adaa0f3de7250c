package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Importer is the node's one import path (importer.Importer satisfies it).
type Importer interface {
	Import(ctx context.Context, r io.Reader, prov casefile.Provenance) ([]casefile.ImportResult, error)
}

// maxUploadBytes bounds a framework uploaded through the page.
const maxUploadBytes = 64 << 20

// upload answers POST /import: an admin uploads a framework file (CASE JSON,
// CSV or XLSX; the import path tells which from the content) and lands on
// its page, or on a page saying what is wrong with it.
func (h *handler) upload(w http.ResponseWriter, r *http.Request) {
	p, ok := h.requireAdmin(w, r, "import frameworks")
	if !ok {
		return
	}
	if h.deps.Importer == nil {
		h.fail(w, r, casefile.Errorf(casefile.Unavailable, "Importing is not available on this node."))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		h.fail(w, r, casefile.Errorf(casefile.Invalid, "Choose a file to import (at most %d MB).", maxUploadBytes>>20))
		return
	}
	defer file.Close()
	name := strings.Map(func(c rune) rune {
		if c < ' ' || c == '(' || c == ')' {
			return '_'
		}
		return c
	}, filepath.Base(hdr.Filename))
	prov := casefile.Provenance{Source: casefile.SourceUpload, Location: name + " (upload by " + p.ClientID + ")", FetchedAt: time.Now().UTC()}
	res, err := h.deps.Importer.Import(r.Context(), file, prov)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.log.InfoContext(r.Context(), "web: framework uploaded", "file", name, "by", p.ClientID, "frameworks", len(res))
	if len(res) == 0 {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/frameworks/"+url.PathEscape(res[0].Framework), http.StatusSeeOther)
}
