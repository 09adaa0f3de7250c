package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/casenode/casenode/casefile"
)

const (
	facetSize = 20
	// fuzzyBelow: when exact words find fewer hits than this, the search is
	// retried with typo-tolerant matching.
	fuzzyBelow = 3
)

// Search runs a competency search: ranked hits hydrated from the source,
// facet counts over all hits, highlighted fragments.
func (ix *Index) Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error) {
	if err := validateRequest(&req); err != nil {
		return nil, err
	}
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	pq := parseQuery(req.Query)
	res, sets, err := ix.run(ctx, idx, searchQuery(pq, req, false), req, true)
	if err != nil {
		return nil, err
	}
	fuzzy := false
	if res.Total < fuzzyBelow && pq.words != "" && !pq.codeLike() {
		fres, fsets, err := ix.run(ctx, idx, searchQuery(pq, req, true), req, true)
		if err != nil {
			return nil, err
		}
		if fres.Total > res.Total {
			res, sets, fuzzy = fres, fsets, true
		}
	}
	var terms []string // a code is not highlighted digit by digit
	if !pq.codeLike() {
		terms = ix.analyze(pq.words + " " + strings.Join(pq.phrases, " "))
	}
	out, err := ix.result(ctx, idx, res, sets, req, ix.newMatcher(terms, fuzzy), nil)
	if err != nil {
		return nil, err
	}
	out.Fuzzy = fuzzy
	return out, nil
}

// run executes q through the alias (searching the shards of idx, the
// current index) with the request's paging; with facets it also counts the
// hits of each facet set (indexed by set id).
func (ix *Index) run(ctx context.Context, idx *physical, q query.Query, req casefile.SearchRequest, facets bool) (*bleve.SearchResult, []int, error) {
	sr := bleve.NewSearchRequestOptions(q, req.Size, req.From, false)
	t := &tally{columns: &ix.facetColumns, sets: &ix.facetSets, idx: idx}
	if facets {
		ctx = context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(t.handler))
	}
	res, err := ix.alias.SearchInContext(ctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, casefile.Errorf(casefile.Unavailable, "search cancelled: %w", ctx.Err())
		}
		return nil, nil, casefile.Errorf(casefile.Internal, "search failed: %w", err)
	}
	return res, t.counts, nil
}

// result turns a Bleve result from idx into hydrated hits, highlighted by m,
// and facet counts from the counts of sets; score, when set, maps a raw
// score to the one reported.
func (ix *Index) result(ctx context.Context, idx *physical, res *bleve.SearchResult, sets []int, req casefile.SearchRequest, m *matcher, score func(float64) float64) (*casefile.SearchResult, error) {
	hits, err := ix.hydrate(ctx, res, m, score)
	if err != nil {
		return nil, err
	}
	return &casefile.SearchResult{
		Total:  res.Total,
		From:   req.From,
		Size:   req.Size,
		Hits:   hits,
		Facets: ix.facets(idx, sets),
	}, nil
}

// hydrate loads the items of the hits from the source, with their
// framework, ancestor path and highlighted fragments. Hits whose item is
// gone from the source (deleted, not yet caught up) are left out.
func (ix *Index) hydrate(ctx context.Context, res *bleve.SearchResult, m *matcher, score func(float64) float64) ([]casefile.SearchHit, error) {
	hits := []casefile.SearchHit{}
	if len(res.Hits) == 0 {
		return hits, nil
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	byID, err := ix.hitItems(ctx, ids)
	if err != nil {
		return nil, err
	}
	paths, err := ix.paths(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, h := range res.Hits {
		it := byID[h.ID]
		if it == nil || it.CFDocumentURI == nil {
			continue
		}
		s := h.Score
		if score != nil {
			s = score(s)
		}
		hits = append(hits, casefile.SearchHit{
			Identifier:        it.Identifier,
			Score:             s,
			URI:               it.URI,
			HumanCodingScheme: it.HumanCodingScheme,
			FullStatement:     it.FullStatement,
			CFItemType:        it.CFItemType,
			EducationLevel:    it.EducationLevel,
			Framework:         ix.frameworks.link(it.CFDocumentURI.Identifier),
			Path:              paths[i],
			Highlights:        m.highlights(it),
		})
	}
	return hits, nil
}

// hitItems returns the items of ids by identifier, from the item cache or
// the source.
func (ix *Index) hitItems(ctx context.Context, ids []string) (map[string]*casefile.Item, error) {
	gen := ix.src.Generation() // before the read: see gencache
	byID := make(map[string]*casefile.Item, len(ids))
	var missing []string
	for _, id := range ids {
		if it, ok := ix.items.Get(gen, id); ok {
			byID[id] = it
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return byID, nil
	}
	items, err := ix.src.Items(ctx, missing)
	if err != nil {
		return nil, fmt.Errorf("search: load hits: %w", err)
	}
	for i := range items {
		byID[items[i].Identifier] = &items[i]
		ix.items.Put(gen, items[i].Identifier, &items[i])
	}
	return byID, nil
}

// pathWorkers bounds the ancestor look-ups of one page run at once (the
// source answers them one item at a time).
const pathWorkers = 4

// paths loads the ancestor path of each id, from the cache or a few at a
// time from the source.
func (ix *Index) paths(ctx context.Context, ids []string) ([][]casefile.LinkURI, error) {
	out := make([][]casefile.LinkURI, len(ids))
	errs := make([]error, len(ids))
	sem := make(chan struct{}, pathWorkers)
	var wg sync.WaitGroup
	for i, id := range ids {
		if p, ok := ix.pathCache.get(id); ok {
			out[i] = p
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p, err := ix.src.Ancestors(ctx, id)
			if err != nil && casefile.ErrorCode(err) != casefile.NotFound {
				errs[i] = fmt.Errorf("search: path of %s: %w", id, err)
			}
			if p == nil {
				p = []casefile.LinkURI{}
			}
			if err == nil {
				ix.pathCache.put(id, p)
			}
			out[i] = p
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// facets expands the hits counted per facet set (by set id, in idx) into
// counts per facet value, keeps the top values of each facet and labels
// frameworks by title.
func (ix *Index) facets(idx *physical, sets []int) map[string][]casefile.FacetCount {
	counts := map[string]int{} // "name\x1fvalue" -> hits
	for id, n := range sets {
		if n == 0 {
			continue
		}
		key := ix.facetSets.key(id)
		vals, ok := ix.facetSets.values(idx, key)
		if !ok {
			ix.log.Warn("search: unknown facet set", "key", key)
			continue
		}
		for _, v := range vals {
			counts[v] += n
		}
	}
	out := make(map[string][]casefile.FacetCount, len(casefile.Facets))
	for _, name := range casefile.Facets {
		out[name] = []casefile.FacetCount{}
	}
	for nv, n := range counts {
		name, value, ok := strings.Cut(nv, facetSep)
		if _, known := out[name]; !ok || !known {
			continue
		}
		fc := casefile.FacetCount{Value: value, Count: n}
		switch {
		case name == casefile.FacetFramework:
			fc.Label = ix.frameworks.link(value).Title
		case name == casefile.FacetOriginNode && value == originLocal:
			fc.Label = "this node"
		}
		out[name] = append(out[name], fc)
	}
	for name, counts := range out {
		slices.SortFunc(counts, func(a, b casefile.FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		out[name] = counts[:min(len(counts), facetSize)]
	}
	return out
}
