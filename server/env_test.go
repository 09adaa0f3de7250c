package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/mcp"
	"github.com/casenode/casenode/store"
	"github.com/casenode/casenode/web"
)

// testEnv is a server over a real SQLite store in a temporary directory.
type testEnv struct {
	t    testing.TB
	node *testnode.Node
	db   *store.DB
	srv  *Server
	ts   *httptest.Server
	imp  *importer.Importer
	auth *Auth
}

const testBase = "http://case.test"

// newTestEnv starts a server; edit adjusts its config first.
func newTestEnv(t testing.TB, edit func(*Config)) *testEnv {
	t.Helper()
	return newTestEnvOn(t, testnode.New(t, testnode.WithBaseURL(testBase)), edit)
}

// newTestEnvOn is newTestEnv on a node the caller built (base URL testBase).
func newTestEnvOn(t testing.TB, node *testnode.Node, edit func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{t: t, node: node}
	e.db, e.imp = e.node.DB, e.node.Importer
	e.auth = NewAuth(e.db, time.Hour)
	cfg := Config{BaseURL: testBase, Store: e.db, Importer: e.imp, Auth: e.auth, Name: "test-node", Version: "test"}
	if edit != nil {
		edit(&cfg)
	}
	if cfg.Fetcher == nil { // the test origins live on loopback
		cfg.Fetcher = importer.NewClient(importer.ClientOptions{AllowPrivate: true, MaxBytes: cfg.MaxImportBytes})
	}
	e.srv = New(cfg)
	e.ts = httptest.NewServer(e.srv)
	t.Cleanup(e.ts.Close)
	return e
}

// newWholeEnv is a test server with a real search index, crosswalk service
// and the real GraphQL, web and MCP handlers mounted, as cmd/casenode wires them.
func newWholeEnv(t *testing.T) *testEnv {
	t.Helper()
	n := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithCrosswalk())
	return newTestEnvOn(t, n, func(c *Config) {
		c.Search, c.Crosswalk = n.Index, n.Crosswalk
		var err error
		if c.GraphQL, err = graphql.New(graphql.Deps{Store: n.DB, Search: n.Index, Crosswalker: n.Crosswalk, BaseURL: testBase}); err != nil {
			t.Fatal(err)
		}
		if c.Web, err = web.New(web.Deps{Store: n.DB, Search: n.Index, Crosswalk: n.Crosswalk, Importer: n.Importer, Auth: c.Auth, BaseURL: testBase}); err != nil {
			t.Fatal(err)
		}
		m, err := mcp.New(mcp.Deps{Store: n.DB, Search: n.Index, Crosswalk: n.Crosswalk, BaseURL: testBase, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		c.MCP = m.HTTPHandler()
	})
}

// importBytes imports CASE JSON directly into the store.
func (e *testEnv) importBytes(data []byte) []casefile.ImportResult {
	e.t.Helper()
	return e.node.Import(data, casefile.Provenance{Source: casefile.SourceFile, Location: "test"})
}

func (e *testEnv) importPackage(p *casefile.Package) {
	e.t.Helper()
	e.node.ImportPackage(p) // recorded as a file import at location "test"
}

func (e *testEnv) importFile(path string) []casefile.ImportResult {
	e.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.importBytes(data)
}

// reply is a response read whole.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("body is not JSON (%v): %.300s", err, r.body)
	}
}

// do sends a request; hdr is name, value pairs.
func (e *testEnv) do(method, path string, body io.Reader, hdr ...string) reply {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

func (e *testEnv) get(path string, hdr ...string) reply {
	return e.do(http.MethodGet, path, nil, hdr...)
}

// id is a deterministic UUID for a test object name.
func id(name string) string { return casefile.NameUUID("casenode-server-test:" + name) }
