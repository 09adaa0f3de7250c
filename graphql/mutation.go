package graphql

import (
	"context"
	"strings"
	"time"

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
	p, err := r.crosswalkAdmin(ctx)
	if err != nil {
		return nil, err
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

// crosswalkAdmin checks the admin scope and that crosswalks are available.
func (r *resolver) crosswalkAdmin(ctx context.Context) (casefile.Principal, error) {
	p, err := admin(ctx)
	if err != nil {
		return p, err
	}
	if r.cw == nil {
		return p, &gqlError{code: casefile.Unavailable, message: "crosswalks are not available on this node"}
	}
	return p, nil
}

// RemoveAssociation removes an association of the crosswalk document.
func (r *resolver) RemoveAssociation(ctx context.Context, args struct{ ID gql.ID }) (bool, error) {
	if _, err := r.crosswalkAdmin(ctx); err != nil {
		return false, err
	}
	if err := r.cw.RemoveAssociation(ctx, string(args.ID)); err != nil {
		return false, r.err(ctx, err)
	}
	return true, nil
}

type pairArgs struct{ Source, Target gql.ID }

// RejectSuggestion records that a suggested pair is not a match.
func (r *resolver) RejectSuggestion(ctx context.Context, args pairArgs) (*decisionRes, error) {
	p, err := r.crosswalkAdmin(ctx)
	if err != nil {
		return nil, err
	}
	d, err := r.cw.Reject(ctx, string(args.Source), string(args.Target), p.ClientID)
	if err != nil {
		return nil, r.err(ctx, err)
	}
	return &decisionRes{d}, nil
}

// RestoreSuggestion undoes a rejection.
func (r *resolver) RestoreSuggestion(ctx context.Context, args pairArgs) (bool, error) {
	if _, err := r.crosswalkAdmin(ctx); err != nil {
		return false, err
	}
	if err := r.cw.Restore(ctx, string(args.Source), string(args.Target)); err != nil {
		return false, r.err(ctx, err)
	}
	return true, nil
}

type decisionRes struct{ d *casefile.CrosswalkDecision }

func (d *decisionRes) SourceItem() gql.ID { return gql.ID(d.d.SourceItem) }
func (d *decisionRes) TargetItem() gql.ID { return gql.ID(d.d.TargetItem) }
func (d *decisionRes) Decision() string   { return strings.ToUpper(d.d.Decision) }
func (d *decisionRes) By() string         { return d.d.By }
func (d *decisionRes) At() string         { return d.d.At.UTC().Format(time.RFC3339) }
