package web

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/federation"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/store"
)

// testNode is a node with real store, index, crosswalk and federation, and
// the web handler built on them.
type testNode struct {
	t    testing.TB
	tn   *testnode.Node
	base string
	ln   net.Listener
	db   *store.DB
	ix   *search.Index
	imp  *importer.Importer
	cw   *crosswalk.Crosswalker
	fed  *federation.Service
	deps Deps
	web  http.Handler
}

// newTestNode opens everything under t.TempDir() and imports the seed. The
// listener is opened first so the base URL is the real one.
func newTestNode(t testing.TB) *testNode {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	n := &testNode{t: t, ln: ln, base: "http://" + ln.Addr().String()}
	tn := testnode.New(t, testnode.WithBaseURL(n.base), testnode.WithCrosswalk())
	n.tn, n.db, n.ix, n.imp, n.cw = tn, tn.DB, tn.Index, tn.Importer, tn.Crosswalk
	if n.fed, err = federation.New(federation.Config{Name: "web-test", BaseURL: n.base, Store: n.db, Importer: n.imp,
		AllowPrivate: true, RequestTimeout: 2 * time.Second, TempDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	tn.ImportSeed()
	n.deps = Deps{Store: n.db, Search: n.ix, Crosswalk: n.cw, Federation: n.fed, BaseURL: n.base, NodeName: "web-test"}
	n.web = n.handler(n.deps)
	return n
}

func (n *testNode) handler(d Deps) http.Handler {
	n.t.Helper()
	h, err := New(d)
	if err != nil {
		n.t.Fatal(err)
	}
	return h
}

func (n *testNode) importBytes(b []byte, prov casefile.Provenance) []casefile.ImportResult {
	n.t.Helper()
	return n.tn.Import(b, prov)
}

// get runs one request through h (the web handler, optionally as principal p).
func get(t *testing.T, h http.Handler, target string, p *casefile.Principal) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	if p != nil {
		req = req.WithContext(casefile.WithPrincipal(req.Context(), *p))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

// post submits a same-origin form through h.
func post(t *testing.T, h http.Handler, target string, form map[string]string, p *casefile.Principal, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var body strings.Builder
	first := true
	for k, v := range form {
		if !first {
			body.WriteByte('&')
		}
		first = false
		body.WriteString(k + "=" + url.QueryEscape(v))
	}
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body.String()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if p != nil {
		req = req.WithContext(casefile.WithPrincipal(req.Context(), *p))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var (
	admin  = &casefile.Principal{ClientID: "curator", Scopes: []string{casefile.ScopeAdmin}}
	reader = &casefile.Principal{ClientID: "viewer", Scopes: []string{casefile.ScopeRead}}
)
