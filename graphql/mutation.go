package graphql

import (
	"context"
	gql "github.com/graph-gophers/graphql-go"

	"github.com/casenode/casenode/casefile"
)

// admin checks that the caller holds the admin scope.
func admin(ctx context.Context) (casefile.Principal, error) {
	if ro, _ := ctx.Value(readOnlyKey{}).(bool); ro {
		return casefile.Principal{}, &gqlError{code: casefile.Invalid, message: "mutations must be sent with POST"}
	}
	p, ok := casefile.PrincipalFrom(ctx)
	if !ok || p.ClientID == "" {
		return p, &gqlError{code: casefile.Unauthorized, message: "mutations need an admin token"}
	}
	if !p.Has(casefile.ScopeAdmin) {
		return p, &gqlError{code: casefile.Forbidden, message: "mutations need the admin scope"}
	}
	return p, nil
}

func (r *resolver) accept(ctx context.Context, src, tgt, typ string) (*assocRes, error) {
	p, err := admin(ctx)
	if err != nil {
		return nil, err
	}
	if r.cw == nil {
		return nil, &gqlError{code: casefile.Unavailable, message: "crosswalks are not available on this node"}
	}
	a, err := r.cw.Accept(ctx, src, tgt, typ, p.ClientID)
	if err != nil {
		return nil, r.err(ctx, err)
	}
	return r.assocs(ctx, []casefile.Association{*a}, nil)[0], nil
}

// AcceptSuggestion stores a suggestion as an association of the crosswalk document.
func (r *resolver) AcceptSuggestion(ctx context.Context, args struct {
	Source          gql.ID
	Target          gql.ID
	AssociationType string
}) (*assocRes, error) {
	return r.accept(ctx, string(args.Source), string(args.Target), args.AssociationType)
}

// AddAssociation stores any association between two items.
func (r *resolver) AddAssociation(ctx context.Context, args struct {
	Origin          gql.ID
	Destination     gql.ID
	AssociationType string
}) (*assocRes, error) {
	return r.accept(ctx, string(args.Origin), string(args.Destination), args.AssociationType)
}

// RemoveAssociation removes an association of the crosswalk document.
func (r *resolver) RemoveAssociation(ctx context.Context, args struct{ ID gql.ID }) (bool, error) {
	if _, err := admin(ctx); err != nil {
		return false, err
	}
	if r.cw == nil {
		return false, &gqlError{code: casefile.Unavailable, message: "crosswalks are not available on this node"}
	}
	if err := r.cw.RemoveAssociation(ctx, string(args.ID)); err != nil {
		return false, r.err(ctx, err)
	}
	return true, nil
}
