package graphql

import (
	"context"
	gql "github.com/graph-gophers/graphql-go"

	"github.com/casenode/casenode/casefile"
)

// assocRes resolves an Association; ends is the group of all the ends of the
// list it came in, so originItem/destinationItem load in one batch.
type assocRes struct {
	a    *casefile.Association
	ends *group
	r    *resolver
}

func (r *resolver) assocs(ctx context.Context, as []casefile.Association, ends *group) []*assocRes {
	if ends == nil {
		var ids []string
		for _, a := range as {
			ids = append(ids, a.OriginNodeURI.Identifier, a.DestinationNodeURI.Identifier)
		}
		ends = loaderFrom(ctx).idGroup(ids)
	}
	out := make([]*assocRes, len(as))
	for i := range as {
		out[i] = &assocRes{a: &as[i], ends: ends, r: r}
	}
	return out
}

func (a *assocRes) Identifier() gql.ID          { return gql.ID(a.a.Identifier) }
func (a *assocRes) URI() string                 { return a.a.URI }
func (a *assocRes) AssociationType() string     { return a.a.AssociationType }
func (a *assocRes) Origin() linkRes             { return genLink(a.a.OriginNodeURI) }
func (a *assocRes) Destination() linkRes        { return genLink(a.a.DestinationNodeURI) }
func (a *assocRes) Grouping() *linkRes          { return linkPtr(a.a.CFAssociationGroupingURI) }
func (a *assocRes) Notes() *string              { return strPtr(a.a.Notes) }
func (a *assocRes) LastChangeDateTime() *string { return strPtr(a.a.LastChangeDateTime) }
func (a *assocRes) Extensions() *string         { return fieldsJSON(a.a.Extensions) }
func (a *assocRes) SequenceNumber() *int32 {
	if a.a.SequenceNumber == nil {
		return nil
	}
	n := int32(*a.a.SequenceNumber)
	return &n
}

func (a *assocRes) OriginItem(ctx context.Context) (*itemRes, error) {
	return a.end(ctx, a.a.OriginNodeURI.Identifier)
}

func (a *assocRes) DestinationItem(ctx context.Context) (*itemRes, error) {
	return a.end(ctx, a.a.DestinationNodeURI.Identifier)
}

func (a *assocRes) end(ctx context.Context, id string) (*itemRes, error) {
	if a.ends == nil || id == "" {
		return nil, nil
	}
	it, err := a.ends.item(ctx, id)
	if err != nil {
		return nil, a.r.err(ctx, err)
	}
	if it == nil {
		return nil, nil
	}
	return &itemRes{it: it, g: a.ends, r: a.r}, nil
}
