package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// urlRequestPeek is how much of an import body is inspected for {"url": …}.
const urlRequestPeek = 8 << 10

// maxRedirects bounds redirects followed by an import from a URL.
const maxRedirects = 5

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
		body, p, err := s.fetchImport(r.Context(), target)
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

// fetchImport GETs an http(s) URL for import, bounded in time and size.
func (s *Server) fetchImport(ctx context.Context, target string) (io.ReadCloser, casefile.Provenance, error) {
	var prov casefile.Provenance
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, prov, casefile.Errorf(casefile.Invalid, "url must be an absolute http or https URL")
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.FetchTimeout)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		cancel()
		return nil, prov, casefile.Errorf(casefile.Invalid, "url is not usable: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := s.fetch.Do(req)
	if err != nil {
		cancel()
		return nil, prov, casefile.Errorf(casefile.Unavailable, "fetching %s failed: %s", u.Redacted(), fetchProblem(err))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		cancel()
		return nil, prov, casefile.Errorf(casefile.Invalid, "fetching %s answered HTTP %d", u.Redacted(), resp.StatusCode)
	}
	prov = casefile.Provenance{Source: casefile.SourceURL, Location: u.Redacted(), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), FetchedAt: time.Now().UTC()}
	body := &cappedBody{r: io.LimitReader(resp.Body, s.cfg.MaxImportBytes+1), limit: s.cfg.MaxImportBytes,
		close: func() error { cancel(); return resp.Body.Close() }}
	return body, prov, nil
}

func fetchProblem(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return strings.TrimPrefix(ue.Err.Error(), "Get ")
	}
	return "network error"
}

// cappedBody fails with a clear error once more than limit bytes were read.
type cappedBody struct {
	r     io.Reader
	n     int64
	limit int64
	close func() error
}

func (c *cappedBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.limit {
		return n, casefile.Errorf(casefile.Invalid, "the document at the URL is larger than the import limit of %d bytes", c.limit)
	}
	return n, err
}

func (c *cappedBody) Close() error { return c.close() }

// limitRedirects stops URL imports after maxRedirects and off http(s).
func limitRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("more than %d redirects", maxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to a non-http URL")
	}
	return nil
}
