package search

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/casenode/casenode/casefile"
)

// Boosts of the clauses of a query. A code typed as the query must outrank
// any text match; code parts (5.NF finds 5.NF.*) rank like a strong word
// match. Text is matched in _all only: extra clauses boosting matches in
// the statement, the short labels and as a phrase were measured (100,000
// items) at about 40% of the query CPU and changed no relevance result.
const (
	boostCodeExact = 60.0
	boostCodeKey   = 40.0
	boostCodeParts = 4.0
)

// Limits on what a caller may ask.
const (
	maxQueryLen = 1000
	maxSize     = 100
	defaultSize = 10
	maxFrom     = 10000
	maxFilters  = 50
	maxCodeLen  = 64
)

// parsedQuery is a user query split into free words and "quoted phrases".
type parsedQuery struct {
	raw     string
	words   string
	phrases []string
}

func parseQuery(q string) parsedQuery {
	pq := parsedQuery{raw: strings.TrimSpace(q)}
	var words []string
	parts := strings.Split(pq.raw, `"`)
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		// odd parts are inside quotes, unless the last quote is unclosed
		if i%2 == 1 && i < len(parts)-1 {
			pq.phrases = append(pq.phrases, p)
		} else {
			words = append(words, p)
		}
	}
	pq.words = strings.Join(words, " ")
	return pq
}

func (pq parsedQuery) empty() bool { return pq.words == "" && len(pq.phrases) == 0 }

// codeLike reports whether the query is one token with a digit and some
// punctuation (5.NF.A.1, K-PS2-1, 111.7(b)(3)(H)): it is looked up as a
// code, without typo tolerance or statement boosts.
func (pq parsedQuery) codeLike() bool {
	if len(pq.phrases) > 0 || strings.ContainsAny(pq.words, " \t") {
		return false
	}
	return strings.ContainsAny(pq.words, "0123456789") && strings.ContainsAny(pq.words, ".-()/_:")
}

// mayBeCode reports whether the query could be a code or the parts of one:
// a single word, or words with a digit (5.NF, "RL 5"). Other queries
// ("unit fractions") are matched as text only.
func (pq parsedQuery) mayBeCode() bool {
	return !strings.ContainsAny(pq.raw, " \t") || strings.ContainsAny(pq.raw, "0123456789")
}

// textQuery requires every word (stemmed, stop words dropped) and every
// phrase somewhere in the item's text; fuzzy tolerates typos in words.
func textQuery(pq parsedQuery, fuzzy bool) query.Query {
	var must []query.Query
	if pq.words != "" {
		mq := bleve.NewMatchQuery(pq.words)
		mq.SetField(fieldAll)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		if fuzzy {
			mq.SetAutoFuzziness(true)
		}
		must = append(must, mq)
	}
	for _, p := range pq.phrases {
		ph := bleve.NewMatchPhraseQuery(p)
		ph.SetField(fieldAll)
		must = append(must, ph)
	}
	if len(must) == 1 {
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

// codeQueries match the query as a humanCodingScheme: exactly, exactly
// ignoring punctuation, and by all of its parts.
func codeQueries(raw string) []query.Query {
	raw = strings.ReplaceAll(raw, `"`, "")
	if raw == "" || len(raw) > maxCodeLen {
		return nil
	}
	exact := bleve.NewMatchQuery(raw)
	exact.SetField(fieldCode)
	exact.SetBoost(boostCodeExact)
	key := bleve.NewMatchQuery(raw)
	key.SetField(fieldCodeKey)
	key.SetBoost(boostCodeKey)
	parts := bleve.NewMatchQuery(raw)
	parts.SetField(fieldCodeParts)
	parts.SetOperator(query.MatchQueryOperatorAnd)
	parts.SetBoost(boostCodeParts)
	return []query.Query{exact, key, parts}
}

// searchQuery assembles the whole query of a search request.
func searchQuery(pq parsedQuery, req casefile.SearchRequest, fuzzy bool) query.Query {
	bq := bleve.NewBooleanQuery()
	if pq.empty() {
		bq.AddMust(bleve.NewMatchAllQuery())
	} else if codes := codeQueries(pq.raw); pq.mayBeCode() && len(codes) > 0 {
		main := bleve.NewDisjunctionQuery(append([]query.Query{textQuery(pq, fuzzy)}, codes...)...)
		main.SetMin(1)
		bq.AddMust(main)
	} else {
		bq.AddMust(textQuery(pq, fuzzy))
	}
	restrict(bq, req.Filters, req.Exclude)
	return bq
}

// restrict adds the facet filters (OR within a facet, AND across facets)
// and the excluded ids to bq. The filters are a required clause that scores
// nothing (unscored) rather than a Bleve filter: a filter is checked after
// the query has found each hit, a required clause lets the search skip
// ahead to the documents it allows.
func restrict(bq *query.BooleanQuery, filters map[string][]string, exclude []string) {
	if f := filterQuery(filters); f != nil {
		bq.AddMust(unscored{f})
	}
	if len(exclude) > 0 {
		bq.AddMustNot(bleve.NewDocIDQuery(exclude))
	}
}

// filterQuery matches the documents with the facet values of filters.
func filterQuery(filters map[string][]string) query.Query {
	var all []query.Query
	names := make([]string, 0, len(filters))
	for name := range filters {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		var any []query.Query
		for _, v := range filters[name] {
			tq := bleve.NewTermQuery(v)
			tq.SetField(name)
			any = append(any, tq)
		}
		if len(any) > 0 {
			all = append(all, bleve.NewDisjunctionQuery(any...))
		}
	}
	switch len(all) {
	case 0:
		return nil
	case 1:
		return all[0]
	}
	return bleve.NewConjunctionQuery(all...)
}

// validateRequest bounds a request and rejects unknown facets.
func validateRequest(req *casefile.SearchRequest) error {
	if len(req.Query) > maxQueryLen {
		return casefile.Errorf(casefile.Invalid, "query is longer than %d characters", maxQueryLen)
	}
	n := 0
	for name, vals := range req.Filters {
		if !slices.Contains(casefile.Facets, name) {
			return casefile.Errorf(casefile.Invalid, "unknown filter %q (facets: %s)", name, strings.Join(casefile.Facets, ", "))
		}
		n += len(vals)
	}
	if n > maxFilters {
		return casefile.Errorf(casefile.Invalid, "at most %d filter values", maxFilters)
	}
	if req.From < 0 {
		req.From = 0
	}
	if req.From > maxFrom {
		return casefile.Errorf(casefile.Invalid, "from must be at most %d", maxFrom)
	}
	if req.Size <= 0 {
		req.Size = defaultSize
	}
	if req.Size > maxSize {
		req.Size = maxSize
	}
	return nil
}

// unscored is a query that selects documents without adding to their score.
type unscored struct{ query.Query }

func (u unscored) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.Score = "none"
	options.Explain = false
	s, err := u.Query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return unscoredSearcher{s}, nil
}

// unscoredSearcher weighs nothing in the query norm and scores its
// matches 0.
type unscoredSearcher struct{ search.Searcher }

func (unscoredSearcher) Weight() float64      { return 0 }
func (unscoredSearcher) SetQueryNorm(float64) {}

func (u unscoredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return zeroScore(u.Searcher.Next(ctx))
}

func (u unscoredSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	return zeroScore(u.Searcher.Advance(ctx, id))
}

func zeroScore(dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if dm != nil {
		dm.Score = 0
	}
	return dm, err
}
