package mcp

import (
	"context"
	"errors"

	"github.com/casenode/casenode/casefile"
)

// canRead applies the read rule of every API: public unless RequireAuth,
// then the read scope (which the admin scope implies).
func (s *Server) canRead(ctx context.Context) error {
	if !s.deps.RequireAuth {
		return nil
	}
	return need(ctx, casefile.ScopeRead, "reading from this node")
}

// canAdmin is the write rule: the admin scope.
func canAdmin(ctx context.Context, what string) error {
	return need(ctx, casefile.ScopeAdmin, what)
}

func need(ctx context.Context, scope, what string) error {
	p, ok := casefile.PrincipalFrom(ctx)
	if !ok {
		return casefile.Errorf(casefile.Unauthorized, "%s needs a bearer token with the scope %s (POST /oauth/token)", what, scope)
	}
	if !p.Has(scope) {
		return casefile.Errorf(casefile.Forbidden, "%s needs the scope %s, which this token lacks", what, scope)
	}
	return nil
}

// actor names the caller in decisions it records.
func actor(ctx context.Context) string {
	if p, ok := casefile.PrincipalFrom(ctx); ok && p.ClientID != "" {
		return p.ClientID
	}
	return "local operator"
}

// toolError is what a tool answers for err: its code and user-safe message
// (the SDK sends it as a tool result with isError). Internal detail is
// logged, never sent.
func (s *Server) toolError(tool string, err error) error {
	code := casefile.ErrorCode(err)
	if code == casefile.Internal {
		s.deps.Log.Error("mcp tool failed", "tool", tool, "err", err)
	}
	return errors.New(string(code) + ": " + casefile.ErrorMessage(err))
}

func unavailable(what string) error {
	return casefile.Errorf(casefile.Unavailable, "%s is not enabled on this node", what)
}
