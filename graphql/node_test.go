package graphql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/credential"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/store"
)

const testBase = "http://127.0.0.1:8080"

// countingStore wraps the real store and counts the calls graphql makes.
type countingStore struct {
	*store.DB
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingStore) count(name string) {
	c.mu.Lock()
	c.calls[name]++
	c.mu.Unlock()
}

func (c *countingStore) reset() {
	c.mu.Lock()
	c.calls = map[string]int{}
	c.mu.Unlock()
}

func (c *countingStore) total() (int, map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	cp := map[string]int{}
	for k, v := range c.calls {
		n += v
		cp[k] = v
	}
	return n, cp
}

func (c *countingStore) Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error) {
	c.count("Frameworks")
	return c.DB.Frameworks(ctx)
}
func (c *countingStore) Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error) {
	c.count("Framework")
	return c.DB.Framework(ctx, id)
}
func (c *countingStore) Document(ctx context.Context, id string) (*casefile.Document, error) {
	c.count("Document")
	return c.DB.Document(ctx, id)
}
func (c *countingStore) Package(ctx context.Context, id string) (*casefile.Package, error) {
	c.count("Package")
	return c.DB.Package(ctx, id)
}
func (c *countingStore) Item(ctx context.Context, id string) (*casefile.Item, error) {
	c.count("Item")
	return c.DB.Item(ctx, id)
}
func (c *countingStore) ItemByURI(ctx context.Context, uri string) (*casefile.Item, error) {
	c.count("ItemByURI")
	return c.DB.ItemByURI(ctx, uri)
}
func (c *countingStore) ItemsByCode(ctx context.Context, code string) ([]casefile.Item, error) {
	c.count("ItemsByCode")
	return c.DB.ItemsByCode(ctx, code)
}
func (c *countingStore) Items(ctx context.Context, ids []string) ([]casefile.Item, error) {
	c.count("Items")
	return c.DB.Items(ctx, ids)
}
func (c *countingStore) ItemsPage(ctx context.Context, fw string, offset, limit int) ([]casefile.Item, int, error) {
	c.count("ItemsPage")
	return c.DB.ItemsPage(ctx, fw, offset, limit)
}
func (c *countingStore) ItemFramework(ctx context.Context, ids []string) (map[string]string, error) {
	c.count("ItemFramework")
	return c.DB.ItemFramework(ctx, ids)
}
func (c *countingStore) AssociationsFor(ctx context.Context, ids []string) (map[string][]casefile.Association, error) {
	c.count("AssociationsFor")
	return c.DB.AssociationsFor(ctx, ids)
}
func (c *countingStore) AssociationsOf(ctx context.Context, fw string) ([]casefile.Association, error) {
	c.count("AssociationsOf")
	return c.DB.AssociationsOf(ctx, fw)
}
func (c *countingStore) Children(ctx context.Context, ids []string) (map[string][]casefile.Item, error) {
	c.count("Children")
	return c.DB.Children(ctx, ids)
}
func (c *countingStore) Ancestors(ctx context.Context, id string) ([]casefile.LinkURI, error) {
	c.count("Ancestors")
	return c.DB.Ancestors(ctx, id)
}
func (c *countingStore) Rubric(ctx context.Context, id string) (*casefile.Rubric, error) {
	c.count("Rubric")
	return c.DB.Rubric(ctx, id)
}

// node is a store, index, crosswalker and the GraphQL handler over them.
type node struct {
	*importer.Importer // the node's import path: decode → store → catch-up
	tn                 *testnode.Node
	db                 *store.DB
	ix                 *search.Index
	cw                 *crosswalk.Crosswalker
	count              *countingStore
	srv                *httptest.Server
}

// newNode starts the handler; principal, when set, is put in every request's
// context (standing in for the server's auth middleware).
func newNode(tb testing.TB, limits graphql.Limits, principal *casefile.Principal) *node {
	tb.Helper()
	tn := testnode.New(tb, testnode.WithBaseURL(testBase), testnode.WithCrosswalk())
	db := tn.DB
	n := &node{Importer: tn.Importer, tn: tn, db: db, ix: tn.Index, cw: tn.Crosswalk, count: &countingStore{DB: db, calls: map[string]int{}}}
	creds, err := credential.New(credential.Config{BaseURL: testBase, Store: db})
	if err != nil {
		tb.Fatal(err)
	}
	h, err := graphql.New(graphql.Deps{Store: n.count, Search: n.ix, Crosswalker: n.cw, Achiever: creds, BaseURL: testBase, Limits: limits})
	if err != nil {
		tb.Fatal(err)
	}
	n.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := principalFor(r, principal); p != nil {
			r = r.WithContext(casefile.WithPrincipal(r.Context(), *p))
		}
		if a := r.Header.Get("X-Test-Addr"); a != "" { // the server's per-client key
			r = r.WithContext(casefile.WithClientAddr(r.Context(), a))
		}
		h.ServeHTTP(w, r)
	}))
	tb.Cleanup(n.srv.Close)
	return n
}

// principalFor lets a test act as another caller with the X-Test-Client header.
func principalFor(r *http.Request, def *casefile.Principal) *casefile.Principal {
	switch r.Header.Get("X-Test-Client") {
	case "reader":
		return &casefile.Principal{ClientID: "reader", Scopes: []string{casefile.ScopeRead}}
	case "anonymous":
		return nil
	}
	return def
}

func (n *node) importSeed(tb testing.TB) {
	tb.Helper()
	n.tn.ImportSeed()
}

// importPackage writes a synthetic package straight to the store.
func (n *node) importPackage(tb testing.TB, p *casefile.Package) {
	tb.Helper()
	n.tn.StorePackage(p)
}

type gqlResponse struct {
	status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// query POSTs a GraphQL request and decodes the answer; client "" is the default principal.
func (n *node) query(tb testing.TB, client, q string, vars map[string]any) gqlResponse {
	tb.Helper()
	return n.send(tb, q, vars, "X-Test-Client", client)
}

// send POSTs a GraphQL request with headers (name, value pairs; empty values are left out).
func (n *node) send(tb testing.TB, q string, vars map[string]any, hdr ...string) gqlResponse {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, n.srv.URL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] != "" {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		tb.Fatalf("response is not JSON: %v", err)
	}
	out.status = resp.StatusCode
	return out
}

func (n *node) mustQuery(tb testing.TB, q string, vars map[string]any, into any) {
	tb.Helper()
	r := n.query(tb, "", q, vars)
	if len(r.Errors) > 0 || r.status != http.StatusOK {
		tb.Fatalf("query failed (%d): %+v", r.status, r.Errors)
	}
	if err := json.Unmarshal(r.Data, into); err != nil {
		tb.Fatal(err)
	}
}
