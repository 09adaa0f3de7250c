package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/web"
)

// writeRequest is one request that would change data.
type writeRequest struct {
	name, method, path, body, contentType string
}

// readPOSTs are the routes that take a body but only read (or, for the token
// endpoint, authenticate). Any other route whose method is not GET must be
// admin-only: a new write route is then walked by TestEveryWriteIsRefused
// without being listed anywhere.
var readPOSTs = map[string]bool{
	"POST /oauth/token": true, "POST /api/v1/align": true, "POST /api/v1/credentials/resolve": true,
	"POST /graphql": true, // its mutations are walked one by one below
}

// writeRequests derives every data-changing request of the node from the
// routes list, the GraphQL schema's Mutation type and the web's admin forms.
func writeRequests(t *testing.T, s *Server) []writeRequest {
	t.Helper()
	var out []writeRequest
	fill := strings.NewReplacer("{id}", id("alpha"), "{name}", "peer-one", "{sourcedId}", id("alpha"))
	forms := web.AdminForms()
	for _, rt := range s.routes() {
		method, path, ok := strings.Cut(rt.pattern, " ")
		if !ok || method == http.MethodGet || method == http.MethodHead || slices.Contains(forms, path) {
			continue // web forms are walked below
		}
		if rt.access != admin {
			if !readPOSTs[rt.pattern] {
				t.Errorf("route %s is not GET and not admin-only: list it in readPOSTs if it only reads", rt.pattern)
			}
			continue
		}
		out = append(out, writeRequest{rt.pattern, method, fill.Replace(path), `{}`, "application/json"})
	}
	for _, m := range mutations(t) {
		body := fmt.Sprintf(`{"query": %q}`, "mutation { "+m+" }")
		out = append(out, writeRequest{"graphql " + m, http.MethodPost, "/graphql", body, "application/json"})
	}
	for _, path := range forms {
		form := url.Values{"source": {id("alpha")}, "target": {id("bravo")}, "sourceItem": {id("alpha/child")}, "targetItem": {id("bravo/child")}}
		out = append(out, writeRequest{"web " + path, http.MethodPost, path, form.Encode(), "application/x-www-form-urlencoded"})
	}
	return out
}

// mutations returns a call of every field of the schema's Mutation type,
// with a value for each required argument and a selection when it returns an object.
func mutations(t *testing.T) []string {
	t.Helper()
	text, err := os.ReadFile("../graphql/schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.ParseSchema(&ast.Source{Input: string(text)})
	if err != nil {
		t.Fatal(err)
	}
	scalars := map[string]bool{"Boolean": true, "String": true, "ID": true, "Int": true, "Float": true}
	var out []string
	for _, def := range doc.Definitions {
		if def.Name != "Mutation" {
			continue
		}
		for _, f := range def.Fields {
			var args []string
			for _, a := range f.Arguments {
				if a.Type.NonNull && a.DefaultValue == nil {
					args = append(args, a.Name+`: "x"`)
				}
			}
			call := f.Name
			if len(args) > 0 {
				call += "(" + strings.Join(args, ", ") + ")"
			}
			if !scalars[f.Type.Name()] {
				call += " { __typename }"
			}
			out = append(out, call)
		}
	}
	if len(out) == 0 {
		t.Fatal("no mutations found in the schema")
	}
	return out
}

// caller is one way of calling that must not be allowed to write, and the
// status it must get.
type caller struct {
	name   string
	hdr    []string
	status int
}

// writeCallers builds the callers that must be refused on e, and an admin token.
func writeCallers(t *testing.T, e *testEnv) ([]caller, string) {
	t.Helper()
	ctx := context.Background()
	secret := e.addClient(t, "admin", casefile.ScopeAdmin)
	adminTok, _, _, err := e.auth.Issue(ctx, "admin", secret)
	if err != nil {
		t.Fatal(err)
	}
	past := NewAuth(e.db, time.Hour)
	past.now = func() time.Time { return time.Now().Add(-3 * time.Hour) }
	expired, _, _, err := past.Issue(ctx, "admin", secret)
	if err != nil {
		t.Fatal(err)
	}
	forged := sign([]byte("not-the-node-key-0123456789abcdef"), claims{Sub: "admin", Scopes: []string{casefile.ScopeAdmin}, Exp: time.Now().Add(time.Hour).Unix()})
	payload, _, _ := strings.Cut(e.token(t, "reader", casefile.ScopeRead), ".")
	_, adminSig, _ := strings.Cut(adminTok, ".")
	readOnly := e.token(t, "reader2", casefile.ScopeRead)
	cookie := tokenCookie + "=" + adminTok
	return []caller{
		{"no token", nil, http.StatusUnauthorized},
		{"a bad token", []string{"Authorization", "Bearer not-a-token"}, http.StatusUnauthorized},
		{"an expired admin token", []string{"Authorization", "Bearer " + expired}, http.StatusUnauthorized},
		{"a token signed with another key", []string{"Authorization", "Bearer " + forged}, http.StatusUnauthorized},
		{"a read token with an admin signature", []string{"Authorization", "Bearer " + payload + "." + adminSig}, http.StatusUnauthorized},
		{"a read-only token", []string{"Authorization", "Bearer " + readOnly}, http.StatusForbidden},
		{"the admin cookie from another site", []string{"Cookie", cookie, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, http.StatusForbidden},
		{"the admin cookie from a sibling subdomain", []string{"Cookie", cookie, "Sec-Fetch-Site", "same-site"}, http.StatusForbidden},
		{"the admin cookie from another port", []string{"Cookie", cookie, "Origin", "http://case.test:9999"}, http.StatusForbidden},
	}, adminTok
}

func TestEveryWriteIsRefused(t *testing.T) {
	e := newWholeEnv(t)
	importTestDocs(e)
	ctx := context.Background()
	callers, adminTok := writeCallers(t, e)
	seq, _ := e.db.LastSeq(ctx)
	reqs := writeRequests(t, e.srv)
	for _, wr := range reqs {
		for _, c := range callers {
			hdr := append([]string{"Content-Type", wr.contentType}, c.hdr...)
			r := e.do(wr.method, wr.path, strings.NewReader(wr.body), hdr...)
			if r.status != c.status {
				t.Errorf("%s with %s: %d, want %d: %.200s", wr.name, c.name, r.status, c.status, r.body)
			}
		}
	}
	if after, _ := e.db.LastSeq(ctx); after != seq {
		t.Errorf("refused writes changed data: change sequence %d -> %d", seq, after)
	}
	// The walk reaches the handlers: the admin token is not refused.
	for _, wr := range reqs {
		r := e.do(wr.method, wr.path, strings.NewReader(wr.body), "Content-Type", wr.contentType, "Authorization", "Bearer "+adminTok)
		if r.status == http.StatusUnauthorized || r.status == http.StatusForbidden {
			t.Errorf("%s with the admin token: %d %.200s", wr.name, r.status, r.body)
		}
	}
	t.Logf("%d write requests × %d callers", len(reqs), len(callers))
}
