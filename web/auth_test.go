package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

const (
	testClientID = "curator"
	testSecret   = "s3cret-for-tests"
)

// testAuth stands in for the server's token issuer and auth middleware
// (server.Auth and its middleware) until the server package exists: it
// issues opaque tokens for one admin client and turns a bearer token or the
// casenode_token cookie into a casefile.Principal.
type testAuth struct {
	mu     sync.Mutex
	tokens map[string]casefile.Principal
}

func newTestAuth(t *testing.T, _ *testNode) *testAuth {
	return &testAuth{tokens: map[string]casefile.Principal{}}
}

func (a *testAuth) Issue(_ context.Context, clientID, secret string) (string, []string, time.Time, error) {
	if clientID != testClientID || secret != testSecret {
		return "", nil, time.Time{}, casefile.Errorf(casefile.Unauthorized, "invalid client credentials")
	}
	b := make([]byte, 16)
	rand.Read(b)
	tok := hex.EncodeToString(b)
	scopes := []string{casefile.ScopeAdmin}
	a.mu.Lock()
	a.tokens[tok] = casefile.Principal{ClientID: clientID, Scopes: scopes}
	a.mu.Unlock()
	return tok, scopes, time.Now().Add(time.Hour), nil
}

func (a *testAuth) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if c, err := r.Cookie(CookieName); err == nil && tok == "" {
			tok = c.Value
		}
		a.mu.Lock()
		p, ok := a.tokens[tok]
		a.mu.Unlock()
		if ok {
			r = r.WithContext(casefile.WithPrincipal(r.Context(), p))
		}
		next.ServeHTTP(w, r)
	})
}
