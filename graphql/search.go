package graphql

import (
	"context"
	gql "github.com/graph-gophers/graphql-go"
	"slices"
	"sort"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Bounds of a search request.
const (
	maxSearchPage   = 100
	maxSearchOffset = 10000
	maxQueryText    = 1000
	maxFilterValues = 50
)

type facetFilter struct {
	Facet  string
	Values []string
}

type searchResult struct {
	res  *casefile.SearchResult
	hits []*hitRes
}

func (s *searchResult) Total() int32    { return int32(min(s.res.Total, 1<<31-1)) }
func (s *searchResult) Offset() int32   { return int32(s.res.From) }
func (s *searchResult) Hits() []*hitRes { return s.hits }
func (s *searchResult) Fuzzy() bool     { return s.res.Fuzzy }

type facetRes struct {
	Name   string
	Values []facetValue
}

type facetValue struct {
	Value string
	Label *string
	Count int32
}

// Facets in the display order of casefile.Facets.
func (s *searchResult) Facets() []facetRes {
	var out []facetRes
	for _, name := range casefile.Facets {
		counts, ok := s.res.Facets[name]
		if !ok {
			continue
		}
		vals := make([]facetValue, len(counts))
		for i, c := range counts {
			vals[i] = facetValue{Value: c.Value, Label: strPtr(c.Label), Count: int32(c.Count)}
		}
		out = append(out, facetRes{Name: name, Values: vals})
	}
	return out
}

// Search runs the node's search engine (the same as GET /api/v1/search).
func (r *resolver) Search(ctx context.Context, args struct {
	Q       string
	Filters *[]facetFilter
	First   int32
	Offset  int32
}) (*searchResult, error) {
	if r.search == nil {
		return nil, &gqlError{code: casefile.Unavailable, message: "search is not available on this node"}
	}
	req, err := searchRequest(args.Q, args.Filters, args.First, args.Offset)
	if err != nil {
		return nil, err
	}
	res, err := r.search.Search(ctx, req)
	if err != nil {
		return nil, r.err(ctx, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.Identifier
	}
	g := loaderFrom(ctx).idGroup(ids)
	hits := make([]*hitRes, len(res.Hits))
	for i := range res.Hits {
		hits[i] = &hitRes{h: &res.Hits[i], g: g, r: r}
	}
	return &searchResult{res: res, hits: hits}, nil
}

func searchRequest(q string, filters *[]facetFilter, first, offset int32) (casefile.SearchRequest, error) {
	req := casefile.SearchRequest{Query: strings.TrimSpace(q), Size: int(first), From: int(offset)}
	if len(req.Query) > maxQueryText {
		return req, invalidf("q must be at most %d characters", maxQueryText)
	}
	if req.Size < 1 || req.Size > maxSearchPage {
		return req, invalidf("first must be between 1 and %d", maxSearchPage)
	}
	if req.From < 0 || req.From > maxSearchOffset {
		return req, invalidf("offset must be between 0 and %d", maxSearchOffset)
	}
	if filters != nil {
		req.Filters = map[string][]string{}
		for _, f := range *filters {
			if !slices.Contains(casefile.Facets, f.Facet) {
				return req, invalidf("unknown facet %q (known: %s)", f.Facet, strings.Join(casefile.Facets, ", "))
			}
			if len(f.Values) > maxFilterValues {
				return req, invalidf("at most %d values per facet", maxFilterValues)
			}
			req.Filters[f.Facet] = append(req.Filters[f.Facet], f.Values...)
		}
	}
	return req, nil
}

// hitRes resolves a SearchHit.
type hitRes struct {
	h *casefile.SearchHit
	g *group
	r *resolver
}

func (h *hitRes) Identifier() gql.ID         { return gql.ID(h.h.Identifier) }
func (h *hitRes) Score() float64             { return h.h.Score }
func (h *hitRes) URI() string                { return h.h.URI }
func (h *hitRes) HumanCodingScheme() *string { return strPtr(h.h.HumanCodingScheme) }
func (h *hitRes) FullStatement() string      { return h.h.FullStatement }
func (h *hitRes) ItemType() *string          { return strPtr(h.h.CFItemType) }
func (h *hitRes) EducationLevel() []string   { return nonNil(h.h.EducationLevel) }
func (h *hitRes) Framework() linkRes {
	return linkRes{Title: h.h.Framework.Title, Identifier: h.h.Framework.Identifier, URI: h.h.Framework.URI}
}

func (h *hitRes) Path() []linkRes {
	out := make([]linkRes, len(h.h.Path))
	for i, p := range h.h.Path {
		out[i] = linkRes{Title: p.Title, Identifier: p.Identifier, URI: p.URI}
	}
	return out
}

type highlightRes struct {
	Field     string
	Fragments []string
}

func (h *hitRes) Highlights() []highlightRes {
	fields := make([]string, 0, len(h.h.Highlights))
	for f := range h.h.Highlights {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	out := make([]highlightRes, len(fields))
	for i, f := range fields {
		out[i] = highlightRes{Field: f, Fragments: nonNil(h.h.Highlights[f])}
	}
	return out
}

func (h *hitRes) Item(ctx context.Context) (*itemRes, error) {
	it, err := h.g.item(ctx, h.h.Identifier)
	if err != nil {
		return nil, h.r.err(ctx, err)
	}
	if it == nil {
		return nil, nil
	}
	return &itemRes{it: it, g: h.g, r: h.r}, nil
}
