package mcp_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/mcp"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/server"
	"github.com/casenode/casenode/store"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

const testBase = "http://case.test"

// Items and frameworks of the real fixtures the tests expect.
const (
	fwCCSS   = "c6496676-d7cb-11e8-824f-0242ac160002"
	ccss8GB  = "6b9d1b5c-d7cc-11e8-824f-0242ac160002" // 8.G.B Understand and apply the Pythagorean Theorem
	ccss8GB7 = "6ba063cb-d7cc-11e8-824f-0242ac160002" // 8.G.B.7 Pythagorean unknown side lengths
)

// node is a real store, index, crosswalk and MCP server with the CCSS and
// TEKS math fixtures and the seed frameworks, behind the real HTTP server.
type node struct {
	db     *store.DB
	mcp    *mcp.Server
	http   *httptest.Server
	tokens map[string]string // client name -> bearer token
}

// newNode builds a node; requireAuth is the node's --require-auth.
func newNode(t *testing.T, requireAuth bool, edit ...func(*mcp.Deps)) *node {
	t.Helper()
	tn := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithCrosswalk())
	importAll(t, tn)
	db := tn.DB
	n := &node{db: db, tokens: map[string]string{}}
	var err error
	deps := mcp.Deps{Store: db, Search: tn.Index, Crosswalk: tn.Crosswalk, BaseURL: testBase, RequireAuth: requireAuth, Version: "test"}
	for _, e := range edit {
		e(&deps)
	}
	n.mcp, err = mcp.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	auth := server.NewAuth(db, time.Hour)
	for name, scope := range map[string]string{"reader": casefile.ScopeRead, "admin": casefile.ScopeAdmin} {
		n.tokens[name] = issueToken(t, db, auth, name, scope)
	}
	srv := server.New(server.Config{BaseURL: testBase, Store: db, Search: tn.Index, Auth: auth, RequireAuth: requireAuth,
		MCP: n.mcp.HTTPHandler()})
	n.http = httptest.NewServer(srv)
	t.Cleanup(n.http.Close)
	return n
}

// importAll imports the CCSS and TEKS math fixtures, then the seed, all
// recorded as one server path (which no answer may show).
func importAll(t *testing.T, tn *testnode.Node) {
	t.Helper()
	files := [][]byte{}
	for _, name := range []string{"ccss-math-2010.opensalt.cfpackage.json", "tx-teks-math-ch111.tea.cfpackage.json"} {
		b, err := os.ReadFile(fixture.Path(t, "real", name))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for _, f := range seed.Frameworks() {
		files = append(files, f.Data)
	}
	for _, b := range files {
		tn.Import(b, casefile.Provenance{Source: casefile.SourceFile, Location: "/srv/fixtures/x.json"})
	}
}

func issueToken(t *testing.T, db *store.DB, auth *server.Auth, name, scope string) string {
	t.Helper()
	secret := "secret-of-" + name
	hash, err := server.HashSecret(secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutClient(context.Background(), store.Client{ID: name, Name: name, SecretHash: hash, Scopes: []string{scope}}); err != nil {
		t.Fatal(err)
	}
	tok, _, _, err := auth.Issue(context.Background(), name, secret)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// bearer adds a token to every request.
type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if b.token != "" {
		r.Header.Set("Authorization", "Bearer "+b.token)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// httpSession connects the SDK's client to /mcp as client ("" = anonymous).
func (n *node) httpSession(t *testing.T, client string) (*sdk.ClientSession, error) {
	t.Helper()
	tr := &sdk.StreamableClientTransport{Endpoint: n.http.URL + "/mcp",
		HTTPClient: &http.Client{Transport: bearer{n.tokens[client]}, Timeout: time.Minute}, MaxRetries: -1}
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, nil).Connect(context.Background(), tr, nil)
	if err == nil {
		t.Cleanup(func() { cs.Close() })
	}
	return cs, err
}

// stdioSession runs the server over newline-delimited JSON pipes (what
// stdio carries), every request made as principal (nil = anonymous).
func (n *node) stdioSession(t *testing.T, principal *casefile.Principal) *sdk.ClientSession {
	t.Helper()
	ctx := context.Background()
	if principal != nil {
		ctx = casefile.WithPrincipal(ctx, *principal)
	}
	return pipeSession(t, ctx, n.mcp.Run)
}

// pipeSession connects the SDK's client to run over a pair of pipes.
func pipeSession(t *testing.T, ctx context.Context, run func(context.Context, sdk.Transport) error) *sdk.ClientSession {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		run(ctx, &sdk.IOTransport{Reader: sr, Writer: sw})
	}()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, nil).
		Connect(context.Background(), &sdk.IOTransport{Reader: cr, Writer: cw}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		cancel()
		sr.Close()
		sw.Close()
		wg.Wait()
	})
	return cs
}

// proxySession serves the node's /mcp through mcp.Proxy over pipes, as
// `casenode mcp` does when a node owns the data directory; client names the
// token the proxy presents ("" = none).
func (n *node) proxySession(t *testing.T, client string) *sdk.ClientSession {
	t.Helper()
	hc := &http.Client{Transport: bearer{n.tokens[client]}, Timeout: time.Minute}
	p, err := mcp.NewProxy(context.Background(), n.http.URL+"/mcp", hc, "test")
	if err != nil {
		t.Fatal(err)
	}
	return pipeSession(t, context.Background(), p.Run)
}

// call calls a tool; a tool error (isError) comes back as err with its text.
func call(t *testing.T, cs *sdk.ClientSession, tool string, args map[string]any, out any) error {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		return err
	}
	var text strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			text.WriteString(tc.Text)
		}
	}
	if res.IsError {
		return toolErr(text.String())
	}
	if out != nil {
		if err := json.Unmarshal([]byte(text.String()), out); err != nil {
			t.Fatalf("%s: result is not its JSON output: %v: %.300s", tool, err, text.String())
		}
	}
	return nil
}

type toolErr string

func (e toolErr) Error() string { return string(e) }

// mustCall is call for calls that must succeed.
func mustCall(t *testing.T, cs *sdk.ClientSession, tool string, args map[string]any, out any) {
	t.Helper()
	if err := call(t, cs, tool, args, out); err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
}
