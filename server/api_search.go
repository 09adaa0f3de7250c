package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

const (
	defaultSearchSize = casefile.DefaultSearchSize
	maxSearchSize     = casefile.MaxSearchSize
	maxSearchFrom     = casefile.MaxSearchFrom
	maxQueryLength    = casefile.MaxQueryLength
	maxAlignLength    = casefile.MaxAlignLength
	maxFilterValues   = casefile.MaxFilterValues
)

// facetParams maps query parameters to facet names.
var facetParams = map[string]string{
	"framework": casefile.FacetFramework, "subject": casefile.FacetSubject,
	"educationLevel": casefile.FacetEducationLevel, "itemType": casefile.FacetItemType,
	"language": casefile.FacetLanguage, "adoptionStatus": casefile.FacetAdoptionStatus,
	"originNode": casefile.FacetOriginNode,
}

// getSearch is GET /api/v1/search?q=&<facet>=…&page=&size=&federated=true.
// With federated=true (and not local=1) live peers are asked too and their
// hits merged after the local ones, with a status per peer.
func (s *Server) getSearch(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Search == nil {
		return notEnabled("search")
	}
	q := r.URL.Query()
	req, err := searchRequest(q)
	if err != nil {
		return err
	}
	if len(req.Query) > maxQueryLength {
		return casefile.Errorf(casefile.Invalid, "q is longer than %d characters", maxQueryLength)
	}
	if !boolParam(q.Get("federated")) || boolParam(q.Get("local")) || s.cfg.Federation == nil {
		// A local search's answer depends on the store and the index only:
		// kept until either changes (Searcher.Generation).
		e, err := s.cachedBody(s.searches, s.cfg.Search.Generation(), r.URL.RawQuery, func() (*cachedResp, error) {
			res, err := s.cfg.Search.Search(r.Context(), req)
			if err != nil {
				return nil, err
			}
			return encodeSearch(res)
		})
		if err != nil {
			return err
		}
		s.writeAPIBody(w, r, e.body)
		return nil
	}
	res, err := s.cfg.Search.Search(r.Context(), req)
	if err != nil {
		return err
	}
	hits, statuses := s.cfg.Federation.SearchPeers(r.Context(), req)
	res.Hits = append(res.Hits, hits...)
	res.Peers = statuses
	e, err := encodeSearch(res)
	if err != nil {
		return err
	}
	s.writeAPIBody(w, r, e.body)
	return nil
}

// encodeSearch encodes a search answer (hits as [] when there are none).
func encodeSearch(res *casefile.SearchResult) (*cachedResp, error) {
	if res.Hits == nil {
		res.Hits = []casefile.SearchHit{}
	}
	data, err := marshalJSON(res)
	if err != nil {
		return nil, err
	}
	return &cachedResp{body: newBody(data, time.Time{})}, nil
}

// alignRequest is the body of POST /api/v1/align.
type alignRequest struct {
	Text    string              `json:"text"`
	Filters map[string][]string `json:"filters"`
	From    int                 `json:"from"`
	Size    int                 `json:"size"`
}

// postAlign is POST /api/v1/align {"text": "...", "filters": {...}}: the
// items a passage of text best aligns to.
func (s *Server) postAlign(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Search == nil {
		return notEnabled("search")
	}
	var ar alignRequest
	if err := decodeBody(r, &ar); err != nil {
		return err
	}
	if strings.TrimSpace(ar.Text) == "" || len(ar.Text) > maxAlignLength {
		return casefile.Errorf(casefile.Invalid, "text must have 1 to %d characters", maxAlignLength)
	}
	vals := url.Values{}
	for k, v := range ar.Filters {
		if _, ok := facetParams[k]; !ok {
			return casefile.Errorf(casefile.Invalid, "unknown filter %q; use one of %s", k, strings.Join(casefile.Facets, ", "))
		}
		vals[k] = v
	}
	if ar.Size != 0 {
		vals.Set("size", strconv.Itoa(ar.Size))
	}
	if ar.From != 0 {
		vals.Set("from", strconv.Itoa(ar.From))
	}
	req, err := searchRequest(vals)
	if err != nil {
		return err
	}
	res, err := s.cfg.Search.Align(r.Context(), ar.Text, req)
	if err != nil {
		return err
	}
	if res.Hits == nil {
		res.Hits = []casefile.SearchHit{}
	}
	return s.writeAPI(w, r, res)
}

// searchRequest reads paging and facet filters from query parameters.
func searchRequest(q url.Values) (casefile.SearchRequest, error) {
	req := casefile.SearchRequest{Query: q.Get("q"), Size: defaultSearchSize, Filters: map[string][]string{}}
	var err error
	if v := q.Get("size"); v != "" {
		if req.Size, err = strconv.Atoi(v); err != nil || req.Size < 1 || req.Size > maxSearchSize {
			return req, casefile.Errorf(casefile.Invalid, "size must be between 1 and %d", maxSearchSize)
		}
	}
	if v := q.Get("page"); v != "" {
		page, err := strconv.Atoi(v)
		if err != nil || page < 1 || (page-1)*req.Size > maxSearchFrom {
			return req, casefile.Errorf(casefile.Invalid, "page must be a number from 1 (at most %d hits deep)", maxSearchFrom)
		}
		req.From = (page - 1) * req.Size
	}
	if v := q.Get("from"); v != "" {
		if req.From, err = strconv.Atoi(v); err != nil || req.From < 0 || req.From > maxSearchFrom {
			return req, casefile.Errorf(casefile.Invalid, "from must be between 0 and %d", maxSearchFrom)
		}
	}
	n := 0
	for param, facet := range facetParams {
		for _, v := range q[param] {
			if v = strings.TrimSpace(v); v != "" {
				req.Filters[facet] = append(req.Filters[facet], v)
				n++
			}
		}
	}
	if n > maxFilterValues {
		return req, casefile.Errorf(casefile.Invalid, "at most %d filter values", maxFilterValues)
	}
	return req, nil
}

func boolParam(v string) bool {
	b, err := strconv.ParseBool(v)
	return err == nil && b
}
