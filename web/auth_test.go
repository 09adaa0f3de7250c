package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/server"
	"github.com/casenode/casenode/sheet"
	"github.com/casenode/casenode/store"
)

const (
	testClientID = "curator"
	testSecret   = "s3cret-for-tests"
)

// newTestAuth registers an admin OAuth client in the node's store and returns
// the server's token issuer for it.
func newTestAuth(t testing.TB, n *testNode) *server.Auth {
	t.Helper()
	hash, err := server.HashSecret(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	c := store.Client{ID: testClientID, Name: "Curator", SecretHash: hash, Scopes: []string{casefile.ScopeAdmin}, CreatedAt: time.Now().UTC()}
	if err := n.db.PutClient(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return server.NewAuth(n.db, time.Hour)
}

// node returns the whole node as cmd/casenode wires it: the server (CASE
// REST, API, auth middleware) with the web handler mounted at "/".
func (n *testNode) node(auth *server.Auth) http.Handler {
	d := n.deps
	if auth != nil { // a nil *server.Auth must not become a non-nil TokenIssuer
		d.Auth = auth
	}
	return server.New(server.Config{
		BaseURL: n.base, Name: "web-test", Store: n.db, Search: n.ix, Importer: n.imp, Reindexer: n.ix,
		Federation: n.fed, Crosswalk: n.cw, Sheets: sheet.Writer{}, Auth: auth, Web: n.handler(d),
	})
}
