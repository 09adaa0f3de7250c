package casefile

import (
	"context"
	"slices"
	"time"
)

// Scopes this node defines for its OAuth 2.0 client-credentials tokens. CASE
// itself defines none; these are casenode's own and deliberately non-standard.
const (
	ScopeRead  = "https://casenode.dev/scope/case.readonly"
	ScopeAdmin = "https://casenode.dev/scope/admin"
)

// Principal is the authenticated caller of a request.
type Principal struct {
	ClientID string
	Scopes   []string
}

// Has reports whether p was granted scope. The admin scope implies read.
func (p Principal) Has(scope string) bool {
	if slices.Contains(p.Scopes, scope) {
		return true
	}
	return scope == ScopeRead && slices.Contains(p.Scopes, ScopeAdmin)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p; the HTTP layer sets it after checking a token.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller of ctx and whether one was authenticated.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Client is an OAuth 2.0 client of this node (client-credentials grant). Only
// a hash of its secret is kept.
type Client struct {
	ID         string
	Name       string
	SecretHash string
	Scopes     []string
	CreatedAt  time.Time
}

type clientAddrKey struct{}

// WithClientAddr returns ctx carrying the caller's address as the HTTP layer
// keys its per-client budgets (see server.clientAddr).
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// ClientAddrFrom returns the caller's budget key, "" when none was set.
func ClientAddrFrom(ctx context.Context) string {
	a, _ := ctx.Value(clientAddrKey{}).(string)
	return a
}
