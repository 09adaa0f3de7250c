package casefile

import (
	"context"
	"slices"
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
