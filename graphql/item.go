package graphql

import (
	"context"
	"encoding/json"
	gql "github.com/graph-gophers/graphql-go"
	"slices"

	"github.com/casenode/casenode/casefile"
)

// itemRes resolves an Item; g is the group it was loaded with (for batching).
type itemRes struct {
	it *casefile.Item
	g  *group
	r  *resolver
}

// items wraps items of one group.
func (r *resolver) items(g *group, items []casefile.Item) []*itemRes {
	out := make([]*itemRes, len(items))
	for i := range items {
		out[i] = &itemRes{it: &items[i], g: g, r: r}
	}
	return out
}

func (i *itemRes) Identifier() gql.ID            { return gql.ID(i.it.Identifier) }
func (i *itemRes) URI() string                   { return i.it.URI }
func (i *itemRes) FullStatement() string         { return i.it.FullStatement }
func (i *itemRes) AbbreviatedStatement() *string { return strPtr(i.it.AbbreviatedStatement) }
func (i *itemRes) AlternativeLabel() *string     { return strPtr(i.it.AlternativeLabel) }
func (i *itemRes) HumanCodingScheme() *string    { return strPtr(i.it.HumanCodingScheme) }
func (i *itemRes) ListEnumeration() *string      { return strPtr(i.it.ListEnumeration) }
func (i *itemRes) ItemType() *string             { return strPtr(i.it.CFItemType) }
func (i *itemRes) ItemTypeLink() *linkRes        { return linkPtr(i.it.CFItemTypeURI) }
func (i *itemRes) ConceptKeywords() []string     { return nonNil(i.it.ConceptKeywords) }
func (i *itemRes) ConceptKeywordsLink() *linkRes { return linkPtr(i.it.ConceptKeywordsURI) }
func (i *itemRes) Notes() *string                { return strPtr(i.it.Notes) }
func (i *itemRes) Subject() []string             { return nonNil(i.it.Subject) }
func (i *itemRes) Language() *string             { return strPtr(i.it.Language) }
func (i *itemRes) EducationLevel() []string      { return nonNil(i.it.EducationLevel) }
func (i *itemRes) License() *linkRes             { return linkPtr(i.it.LicenseURI) }
func (i *itemRes) StatusStartDate() *string      { return strPtr(i.it.StatusStartDate) }
func (i *itemRes) StatusEndDate() *string        { return strPtr(i.it.StatusEndDate) }
func (i *itemRes) LastChangeDateTime() *string   { return strPtr(i.it.LastChangeDateTime) }
func (i *itemRes) OriginalIdentifier() *string   { return strPtr(i.it.OriginalIdentifier) }
func (i *itemRes) Extensions() *string           { return fieldsJSON(i.it.Extensions) }

// Framework is the framework holding the item.
func (i *itemRes) Framework(ctx context.Context) (*frameworkRes, error) {
	id := ""
	if i.it.CFDocumentURI != nil {
		id = i.it.CFDocumentURI.Identifier
	}
	if id == "" {
		var err error
		if id, err = i.g.frameworkOf(ctx, i.it.Identifier); err != nil {
			return nil, i.r.err(ctx, err)
		}
	}
	if id == "" {
		return nil, nil
	}
	return i.r.framework(ctx, id)
}

func (i *itemRes) Children(ctx context.Context) ([]*itemRes, error) {
	kids, next, err := i.g.childrenOf(ctx, i.it.Identifier)
	if err != nil {
		return nil, i.r.err(ctx, err)
	}
	return i.r.items(next, kids), nil
}

func (i *itemRes) Parents(ctx context.Context) ([]*itemRes, error) {
	ids, next, err := i.g.parentsOf(ctx, i.it)
	if err != nil {
		return nil, i.r.err(ctx, err)
	}
	var out []*itemRes
	for _, id := range ids {
		p, err := next.item(ctx, id)
		if err != nil {
			return nil, i.r.err(ctx, err)
		}
		if p != nil {
			out = append(out, &itemRes{it: p, g: next, r: i.r})
		}
	}
	return out, nil
}

// Ancestors is one store call per item (cached); use parents for batched trees.
func (i *itemRes) Ancestors(ctx context.Context) ([]linkRes, error) {
	l := loaderFrom(ctx)
	as, err := l.ancestors.get(i.it.Identifier, func() ([]casefile.LinkURI, error) {
		return l.store.Ancestors(ctx, i.it.Identifier)
	})
	if err != nil {
		return nil, i.r.err(ctx, err)
	}
	out := make([]linkRes, len(as))
	for k, a := range as {
		out[k] = linkRes{Title: a.Title, Identifier: a.Identifier, URI: a.URI}
	}
	return out, nil
}

func (i *itemRes) Associations(ctx context.Context, args struct {
	Direction string
	Types     *[]string
}) ([]*assocRes, error) {
	links, ends, err := i.g.linksOf(ctx, i.it.Identifier)
	if err != nil {
		return nil, i.r.err(ctx, err)
	}
	var out []casefile.Association
	for _, a := range filterTypes(links, args.Types) {
		origin := endIs(a.OriginNodeURI, i.it)
		dest := endIs(a.DestinationNodeURI, i.it)
		switch args.Direction {
		case "OUTGOING":
			if !origin {
				continue
			}
		case "INCOMING":
			if !dest {
				continue
			}
		}
		out = append(out, a)
	}
	return i.r.assocs(ctx, out, ends), nil
}

func endIs(end casefile.LinkGenURI, it *casefile.Item) bool {
	return (end.Identifier != "" && (end.Identifier == it.Identifier || end.Identifier == it.OriginalIdentifier)) ||
		(end.URI != "" && end.URI == it.URI)
}

func filterTypes(as []casefile.Association, types *[]string) []casefile.Association {
	if types == nil || len(*types) == 0 {
		return as
	}
	out := make([]casefile.Association, 0, len(as))
	for _, a := range as {
		if slices.Contains(*types, a.AssociationType) {
			out = append(out, a)
		}
	}
	return out
}

// linkRes is a Link.
type linkRes struct {
	Title, Identifier, URI string
	TargetType             *string
}

func linkPtr(l *casefile.LinkURI) *linkRes {
	if l == nil {
		return nil
	}
	return &linkRes{Title: l.Title, Identifier: l.Identifier, URI: l.URI}
}

func genLink(l casefile.LinkGenURI) linkRes {
	return linkRes{Title: l.Title, Identifier: l.Identifier, URI: l.URI, TargetType: strPtr(l.TargetType)}
}

func fieldsJSON(f casefile.Fields) *string {
	if len(f) == 0 {
		return nil
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil
	}
	s := string(b)
	return &s
}
