package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// urlRequestPeek is how much of an import body is inspected for {"url": …}.
const urlRequestPeek = 8 << 10

// postImport is POST /api/v1/import (admin). The body is CASE JSON (a
// CFPackage, an array of them or {"CFPackage": …}), streamed to the import
// path, or {"url": "https://…"} to fetch one. It answers {"results": […]}
// with normalisation warnings and takeovers, 400 with the problems that
// rejected it, or 409 when it would take over another framework's objects
// (?takeover=true asks for that explicitly; README "Identity and takeover").
func (s *Server) postImport(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Importer == nil {
		return notEnabled("importing")
	}
	br := bufio.NewReaderSize(r.Body, urlRequestPeek)
	head, _ := br.Peek(urlRequestPeek)
	var src io.Reader = br
	prov := casefile.Provenance{Source: casefile.SourceUpload, Location: uploadLocation(r), FetchedAt: time.Now().UTC()}
	if target, ok := urlRequest(head); ok {
		if s.cfg.Fetcher == nil {
			return notEnabled("importing from a URL")
		}
		body, p, err := s.cfg.Fetcher.Fetch(r.Context(), target)
		if err != nil {
			return err
		}
		defer body.Close()
		src, prov = body, p
	}
	opts := casefile.ImportOptions{Takeover: r.URL.Query().Get("takeover") == "true"}
	results, err := s.cfg.Importer.ImportWith(r.Context(), src, prov, opts)
	if err != nil {
		return err
	}
	if results == nil {
		results = []casefile.ImportResult{}
	}
	s.log.Info("import over HTTP", "by", principalName(r), "source", prov.Location, "frameworks", len(results))
	writeDone(w, map[string]any{"results": results})
	return nil
}

// maxLocationLength bounds the ?location= an uploader may record.
const maxLocationLength = 1024

// uploadLocation is the provenance location of an uploaded body: the
// uploader's ?location= (e.g. the CLI's file path) when given, and who sent it.
func uploadLocation(r *http.Request) string {
	loc := strings.TrimSpace(r.URL.Query().Get("location"))
	if len(loc) > maxLocationLength || strings.ContainsAny(loc, "\r\n") {
		loc = ""
	}
	return casefile.UploadLocation(loc, principalName(r))
}

// urlRequest recognises a whole body of the form {"url": "…"}.
func urlRequest(head []byte) (string, bool) {
	if len(head) >= urlRequestPeek || !bytes.Contains(head, []byte(`"url"`)) {
		return "", false
	}
	var req map[string]json.RawMessage
	if json.Unmarshal(head, &req) != nil || len(req) != 1 {
		return "", false
	}
	var u string
	if json.Unmarshal(req["url"], &u) != nil {
		return "", false
	}
	return u, true
}
