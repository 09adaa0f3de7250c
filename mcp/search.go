package mcp

import (
	"context"
	"math"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Paging of every list a tool answers.
const (
	defaultLimit = 10
	maxListLimit = 200
)

// filtersIn are the filters and paging of search_competencies and align_text.
type filtersIn struct {
	Framework string   `json:"framework,omitempty" jsonschema:"only items of this framework (CFDocument identifier, see list_frameworks)"`
	Levels    []string `json:"levels,omitempty" jsonschema:"only items for these education levels, e.g. 08 or KG"`
	Subject   string   `json:"subject,omitempty" jsonschema:"only items of this subject, e.g. Mathematics"`
	Limit     int      `json:"limit,omitempty" jsonschema:"hits per page, 1 to 100 (default 10)"`
	Offset    int      `json:"offset,omitempty" jsonschema:"hits to skip: the nextOffset of the previous page"`
}

type searchIn struct {
	Query string `json:"query" jsonschema:"words of the competency or its code, e.g. Pythagorean theorem or 8.G.B.7"`
	filtersIn
	Federated bool `json:"federated,omitempty" jsonschema:"also ask this node's live peers; their hits follow, with origin set"`
}

type alignIn struct {
	Text string `json:"text" jsonschema:"the passage to align: a lesson, an activity or a learning goal"`
	filtersIn
}

// hit is one competency found, compact.
type hit struct {
	Identifier  string   `json:"identifier"`
	Code        string   `json:"code,omitempty"`
	Statement   string   `json:"statement"`
	Framework   string   `json:"framework"`
	FrameworkID string   `json:"frameworkId"`
	Levels      []string `json:"levels,omitempty"`
	Path        []string `json:"path,omitempty" jsonschema:"ancestors, root first (codes, or titles where there is no code)"`
	URI         string   `json:"uri" jsonschema:"the item's canonical uri as its publisher gave it"`
	Resource    string   `json:"resource" jsonschema:"resource URI to read the item as CASE JSON"`
	Score       float64  `json:"score"`
	Origin      string   `json:"origin,omitempty" jsonschema:"peer that holds the item; empty for this node"`
}

type hitsOut struct {
	Total      int                   `json:"total" jsonschema:"hits on this node"`
	Hits       []hit                 `json:"hits"`
	NextOffset int                   `json:"nextOffset,omitempty" jsonschema:"offset of the next page; absent on the last page"`
	Peers      []casefile.PeerStatus `json:"peers,omitempty" jsonschema:"how each live peer answered a federated search"`
}

func (s *Server) searchCompetencies(ctx context.Context, in searchIn) (hitsOut, error) {
	if s.deps.Search == nil {
		return hitsOut{}, unavailable("search")
	}
	q := strings.TrimSpace(in.Query)
	if q == "" || len(q) > casefile.MaxQueryLength {
		return hitsOut{}, casefile.Errorf(casefile.Invalid, "query must have 1 to %d characters", casefile.MaxQueryLength)
	}
	req, err := searchRequest(in.filtersIn)
	if err != nil {
		return hitsOut{}, err
	}
	req.Query = q
	res, err := s.deps.Search.Search(ctx, req)
	if err != nil {
		return hitsOut{}, err
	}
	out := s.hits(res, req)
	if in.Federated && s.deps.Federation != nil {
		hits, peers := s.deps.Federation.SearchPeers(ctx, req)
		for _, h := range hits {
			out.Hits = append(out.Hits, s.hit(h))
		}
		out.Peers = peers
	}
	return out, nil
}

func (s *Server) alignText(ctx context.Context, in alignIn) (hitsOut, error) {
	if s.deps.Search == nil {
		return hitsOut{}, unavailable("search")
	}
	if strings.TrimSpace(in.Text) == "" || len(in.Text) > casefile.MaxAlignLength {
		return hitsOut{}, casefile.Errorf(casefile.Invalid, "text must have 1 to %d characters", casefile.MaxAlignLength)
	}
	req, err := searchRequest(in.filtersIn)
	if err != nil {
		return hitsOut{}, err
	}
	res, err := s.deps.Search.Align(ctx, in.Text, req)
	if err != nil {
		return hitsOut{}, err
	}
	return s.hits(res, req), nil
}

// searchRequest checks paging and filters against the limits every API uses.
func searchRequest(in filtersIn) (casefile.SearchRequest, error) {
	limit, offset, levels := in.Limit, in.Offset, in.Levels
	req := casefile.SearchRequest{Size: defaultLimit, From: offset, Filters: map[string][]string{}}
	if limit != 0 {
		if limit < 1 || limit > casefile.MaxSearchSize {
			return req, casefile.Errorf(casefile.Invalid, "limit must be between 1 and %d", casefile.MaxSearchSize)
		}
		req.Size = limit
	}
	if offset < 0 || offset > casefile.MaxSearchFrom {
		return req, casefile.Errorf(casefile.Invalid, "offset must be between 0 and %d", casefile.MaxSearchFrom)
	}
	add := func(facet string, vals ...string) {
		for _, v := range vals {
			if v = strings.TrimSpace(v); v != "" {
				req.Filters[facet] = append(req.Filters[facet], v)
			}
		}
	}
	add(casefile.FacetFramework, in.Framework)
	add(casefile.FacetSubject, in.Subject)
	add(casefile.FacetEducationLevel, levels...)
	if len(levels) > casefile.MaxFilterValues {
		return req, casefile.Errorf(casefile.Invalid, "at most %d levels", casefile.MaxFilterValues)
	}
	return req, nil
}

func (s *Server) hits(res *casefile.SearchResult, req casefile.SearchRequest) hitsOut {
	out := hitsOut{Total: int(res.Total), Hits: make([]hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, s.hit(h))
	}
	if next := req.From + len(res.Hits); len(res.Hits) > 0 && next < out.Total {
		out.NextOffset = next
	}
	return out
}

// hit is a search hit, compact; a peer's item is read at its own uri.
func (s *Server) hit(h casefile.SearchHit) hit {
	resource := s.itemResource(h.Identifier)
	if h.Origin != "" {
		resource = h.URI
	}
	return hit{Identifier: h.Identifier, Code: h.HumanCodingScheme, Statement: h.FullStatement,
		Framework: h.Framework.Title, FrameworkID: h.Framework.Identifier, Levels: h.EducationLevel,
		Path: pathNames(h.Path), URI: h.URI, Resource: resource, Score: round(h.Score), Origin: h.Origin}
}

// pathNames names ancestors compactly: a title (the code, for items that have one).
func pathNames(path []casefile.LinkURI) []string {
	out := make([]string, 0, len(path))
	for _, p := range path {
		out = append(out, p.Title)
	}
	return out
}

// round keeps scores short and stable across runs.
func round(f float64) float64 { return math.Round(f*10000) / 10000 }
