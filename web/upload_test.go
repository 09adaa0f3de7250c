package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/sheet"
)

// An admin imports a spreadsheet through the form on the home page and lands
// on the framework's page, which offers it back as XLSX and CSV; others see
// no form and are refused.
func TestUploadForm(t *testing.T) {
	n := newTestNode(t)
	im := n.imp // the node's import path, now reading sheets too
	im.SetSheets(sheet.Reader{BaseURL: n.base})
	d := n.deps
	d.Importer, d.SheetExport = im, true
	h := n.handler(d)

	if _, body, _ := get(t, h, "/", admin); !strings.Contains(body, `action="/import"`) {
		t.Errorf("admin sees no upload form")
	}
	if _, body, _ := get(t, h, "/", reader); strings.Contains(body, `action="/import"`) {
		t.Errorf("reader sees the upload form")
	}
	upload := func(p *casefile.Principal, name, content string) *httptest.ResponseRecorder {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
		mw.Close()
		req := httptest.NewRequest(http.MethodPost, "/import", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if p != nil {
			req = req.WithContext(casefile.WithPrincipal(req.Context(), *p))
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := upload(reader, "plan.csv", "fullStatement,humanCodingScheme\nOne,P.1\n"); rec.Code != http.StatusForbidden {
		t.Errorf("reader upload: %d", rec.Code)
	}
	rec := upload(admin, "plan.csv", "fullStatement,humanCodingScheme,parent\nOne,P.1,\nTwo,P.1.a,P.1\n")
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/frameworks/") {
		t.Fatalf("admin upload: %d %q %s", rec.Code, loc, rec.Body)
	}
	_, page, _ := get(t, h, loc, admin)
	for _, want := range []string{"plan", "P.1", "export?format=xlsx", "export?format=csv"} {
		if !strings.Contains(page, want) {
			t.Errorf("framework page lacks %q", want)
		}
	}
	// A malformed sheet answers what is wrong, with row and column.
	rec = upload(admin, "bad.csv", "fullStatement,humanCodingScheme,parent\nOne,P.1,X.9\n")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "bad.csv row 2, column parent: no row has the code X.9") {
		t.Errorf("bad upload: %d %s", rec.Code, rec.Body)
	}
}
