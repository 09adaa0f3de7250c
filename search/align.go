package search

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/casenode/casenode/casefile"
)

const (
	maxAlignText = 20000 // bytes of passage accepted
	alignTerms   = 24    // salient terms kept from a passage
	// commonShare: terms found in more than this share of the items say
	// nothing about which item fits (unless nothing else is left).
	commonShare = 0.2
)

// salient is one term of a passage with its weight.
type salient struct {
	term   string
	weight float64
}

// Ranker orders the candidates an align request found in the index: the
// crosswalk engine (*crosswalk.Crosswalker), wired by the node, so that a
// passage is scored as a crosswalk scores an item (the same text analysis,
// vocabulary, field weights, level prior, heading exclusion and learned
// correspondences). levels are the passage's education levels (the
// request's filter), candidates the identifiers the index found, best
// first. It returns the candidates it keeps, best first; headings and
// items without text are left out.
type Ranker interface {
	RankPassage(ctx context.Context, text string, levels []string, candidates []string, df casefile.DocFreq) ([]casefile.Ranked, error)
}

// SetRanker makes Align rank its candidates with r (nil: the index's own
// similarity ranks them). The node sets it once, when it wires its services.
func (ix *Index) SetRanker(r Ranker) {
	if r == nil {
		ix.ranker.Store(nil)
		return
	}
	ix.ranker.Store(&r)
}

// Candidates of one align request the ranker orders: at least alignPool,
// more when the page asked for lies deeper, never more than maxAlignPool.
const (
	alignPool    = 100
	maxAlignPool = 1000
)

// Align finds the items that best match a passage (a lesson description, an
// assessment question, a course outcome). The index finds candidates: the
// passage's salient terms, weighted by how rare they are in the index,
// matched against every item's text within the request's filters. With a
// ranker (the node's crosswalk engine) the best candidates are then ranked
// by it and only those are returned; without one, by the index's score.
func (ix *Index) Align(ctx context.Context, text string, req casefile.SearchRequest) (*casefile.SearchResult, error) {
	if strings.TrimSpace(text) == "" {
		return nil, casefile.Errorf(casefile.Invalid, "text is required")
	}
	if len(text) > maxAlignText {
		return nil, casefile.Errorf(casefile.Invalid, "text is longer than %d bytes", maxAlignText)
	}
	req.Query = ""
	if err := validateRequest(&req); err != nil {
		return nil, err
	}
	idx, release := ix.current()
	defer func() { release() }()
	if idx == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	terms, err := ix.salientTerms(ctx, idx, casefile.ReaderText(text))
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return &casefile.SearchResult{From: req.From, Size: req.Size, Hits: []casefile.SearchHit{}, Facets: ix.facets(idx, nil)}, nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(similarityQuery(terms))
	restrict(bq, req.Filters, req.Exclude)
	m := ix.newMatcher(termsOf(terms), false)
	if r := ix.ranker.Load(); r != nil {
		release()
		release = func() {}
		return ix.alignRanked(ctx, *r, text, req.Filters[casefile.FacetEducationLevel], bq, req, m)
	}
	res, sets, err := ix.run(ctx, idx, bq, req, true)
	if err != nil {
		return nil, err
	}
	return ix.result(ctx, idx, res, sets, req, m, nil)
}

// alignRanked runs the candidate query q for a pool of candidates, has r
// rank them for text at levels and answers the requested page of its
// ranking. Total is the number of items ranked; facets count every item
// the query found. The index is held only while it is read, never while r
// ranks: the first ranking into a large framework reads its tree (seconds
// at 100,000 items), and a rebuild waiting to swap the index in would
// otherwise stall every other search meanwhile.
func (ix *Index) alignRanked(ctx context.Context, r Ranker, text string, levels []string, q query.Query, req casefile.SearchRequest, m *matcher) (*casefile.SearchResult, error) {
	pool := req
	pool.From, pool.Size = 0, min(max(alignPool, req.From+req.Size), maxAlignPool)
	res, sets, err := ix.search(ctx, q, pool)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	ranked, err := r.RankPassage(ctx, text, levels, ids, ix.liveDocFreqs(ctx))
	if err != nil {
		return nil, err
	}
	total := uint64(len(ranked))
	ranked = ranked[min(req.From, len(ranked)):min(req.From+req.Size, len(ranked))]
	page := &bleve.SearchResult{Total: total, Hits: make(bsearch.DocumentMatchCollection, len(ranked))}
	for i, rk := range ranked {
		page.Hits[i] = &bsearch.DocumentMatch{ID: rk.Identifier, Score: rk.Score}
	}
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	return ix.result(ctx, idx, page, sets, req, m, nil)
}

// search runs q on the current index, holding it only meanwhile.
func (ix *Index) search(ctx context.Context, q query.Query, req casefile.SearchRequest) (*bleve.SearchResult, []int, error) {
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return nil, nil, casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	return ix.run(ctx, idx, q, req, true)
}

// similarityQuery matches any of the terms (most of them for long
// passages), each weighted, in the item text and again in the statement.
func similarityQuery(terms []salient) query.Query {
	var qs []query.Query
	for _, t := range terms {
		for _, f := range []string{fieldAll, fieldFullStatement} {
			tq := bleve.NewTermQuery(t.term)
			tq.SetField(f)
			tq.SetBoost(t.weight)
			qs = append(qs, tq)
		}
	}
	dq := bleve.NewDisjunctionQuery(qs...)
	dq.SetMin(1)
	return dq
}

// salientTerms analyses text as item text is analysed and keeps the terms
// that are in the index, weighted by term frequency and rarity (IDF from the
// index's document frequencies), best first.
func (ix *Index) salientTerms(ctx context.Context, idx *physical, text string) ([]salient, error) {
	tf := map[string]int{}
	for _, tok := range ix.im.AnalyzerNamed(analyzerText).Analyze([]byte(text)) {
		if len(tok.Term) > 1 {
			tf[string(tok.Term)]++
		}
	}
	if len(tf) == 0 {
		return nil, nil
	}
	readers, n, err := openReaders(idx)
	defer closeReaders(readers)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	var terms, common []salient
	for term, f := range tf {
		df, err := docFreq(ctx, readers, term)
		if err != nil {
			return nil, err
		}
		if df == 0 {
			continue
		}
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		s := salient{term: term, weight: (1 + math.Log(float64(f))) * idf}
		if float64(df) > commonShare*float64(n) {
			common = append(common, s)
		} else {
			terms = append(terms, s)
		}
	}
	if len(terms) == 0 {
		terms = common
	}
	slices.SortFunc(terms, func(a, b salient) int {
		if a.weight != b.weight {
			if a.weight > b.weight {
				return -1
			}
			return 1
		}
		return strings.Compare(a.term, b.term)
	})
	if len(terms) > alignTerms {
		terms = terms[:alignTerms]
	}
	return terms, nil
}

func termsOf(ss []salient) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.term
	}
	return out
}

// docFreq is the number of items whose text holds term, over all shards.
func docFreq(ctx context.Context, readers []index.IndexReader, term string) (uint64, error) {
	var n uint64
	for _, r := range readers {
		tfr, err := r.TermFieldReader(ctx, []byte(term), fieldAll, false, false, false)
		if err != nil {
			return 0, casefile.Errorf(casefile.Internal, "search: term %q: %w", term, err)
		}
		n += tfr.Count()
		tfr.Close()
	}
	return n, nil
}

// openReaders opens a reader on every shard of idx and counts their items.
// The caller closes them (closeReaders), also after an error.
func openReaders(idx *physical) ([]index.IndexReader, uint64, error) {
	readers := make([]index.IndexReader, 0, len(idx.shards))
	var n uint64
	for _, s := range idx.shards {
		adv, err := s.Advanced()
		if err != nil {
			return readers, 0, casefile.Errorf(casefile.Internal, "search: index reader: %w", err)
		}
		r, err := adv.Reader()
		if err != nil {
			return readers, 0, casefile.Errorf(casefile.Internal, "search: index reader: %w", err)
		}
		readers = append(readers, r)
		c, err := r.DocCount()
		if err != nil {
			return readers, 0, casefile.Errorf(casefile.Internal, "search: document count: %w", err)
		}
		n += c
	}
	return readers, n, nil
}

func closeReaders(readers []index.IndexReader) {
	for _, r := range readers {
		r.Close()
	}
}

// liveDocFreqs gives a ranker the index's document frequencies (how many
// items hold a term, 0 when it cannot be read, and how many there are)
// without holding the index while it ranks: each term is read on its own,
// under the index's read lock, and remembered for this request.
func (ix *Index) liveDocFreqs(ctx context.Context) casefile.DocFreq {
	seen := map[string][2]int{}
	return func(term string) (int, int) {
		if v, ok := seen[term]; ok {
			return v[0], v[1]
		}
		idx, release := ix.current()
		defer release()
		if idx == nil {
			return 0, 0
		}
		readers, n, err := openReaders(idx)
		defer closeReaders(readers)
		var df uint64
		if err == nil {
			df, _ = docFreq(ctx, readers, term)
		}
		seen[term] = [2]int{int(df), int(n)}
		return int(df), int(n)
	}
}
