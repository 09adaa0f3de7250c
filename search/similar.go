package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/casenode/casenode/casefile"
)

// Similar finds the items of framework target whose text resembles it (the
// counterparts of an item a peer holds), as Align finds items for a
// passage: with a ranker (the node's crosswalk engine), the candidates are
// ranked by it with the item's levels as the passage's, and scored as
// Align's hits are. When both it and a candidate carry education levels
// they must share one; candidates without levels are kept. Without a
// ranker, scores are normalised to 0..1: 1 is as good a match as the item
// is to itself (when it is indexed here), else as good as the best
// candidate.
func (ix *Index) Similar(ctx context.Context, it *casefile.Item, target string, size int) ([]casefile.SearchHit, error) {
	if it == nil || target == "" {
		return nil, casefile.Errorf(casefile.Invalid, "an item and a target framework are required")
	}
	if size <= 0 {
		size = defaultSize
	}
	size = min(size, maxSize)
	idx, release := ix.current()
	defer func() { release() }()
	if idx == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	terms, err := ix.salientTerms(ctx, idx, itemText(it))
	if err != nil || len(terms) == 0 {
		return []casefile.SearchHit{}, err
	}
	sim := similarityQuery(terms)
	// One query scores the candidates and the item itself: the filter lets
	// the item through by id, so its self-score (the normaliser) comes with
	// the hits instead of costing a second search.
	filters := map[string][]string{casefile.FacetFramework: {target}}
	candidates := bleve.NewConjunctionQuery(filterQuery(filters), levelQuery(it.EducationLevel))
	bq := bleve.NewBooleanQuery()
	bq.AddMust(sim)
	bq.AddFilter(bleve.NewDisjunctionQuery(candidates, bleve.NewDocIDQuery([]string{it.Identifier})))
	m := ix.newMatcher(termsOf(terms), false)
	if r := ix.ranker.Load(); r != nil {
		bq := bleve.NewBooleanQuery()
		bq.AddMust(sim)
		bq.AddFilter(candidates)
		req := casefile.SearchRequest{Size: size}
		release()
		release = func() {}
		res, err := ix.alignRanked(ctx, *r, itemText(it), it.EducationLevel, bq, req, m)
		if err != nil {
			return nil, err
		}
		return res.Hits, nil
	}
	res, _, err := ix.run(ctx, idx, bq, casefile.SearchRequest{Size: size + 1}, false)
	if err != nil {
		return nil, err
	}
	self := 0.0
	kept := res.Hits[:0]
	for _, h := range res.Hits {
		if h.ID == it.Identifier {
			self = h.Score
			continue
		}
		kept = append(kept, h)
	}
	res.Hits = kept[:min(len(kept), size)]
	if self == 0 && len(res.Hits) > 0 {
		self = res.Hits[0].Score
	}
	return ix.hydrate(ctx, res, m, func(s float64) float64 {
		if self <= 0 {
			return 0
		}
		return min(1, s/self)
	})
}

// levelQuery accepts items sharing one of levels, or carrying none.
func levelQuery(levels []string) query.Query {
	none := bleve.NewTermQuery("n")
	none.SetField(fieldHasLevel)
	if len(levels) == 0 {
		return bleve.NewMatchAllQuery()
	}
	qs := []query.Query{none}
	for _, l := range levels {
		tq := bleve.NewTermQuery(l)
		tq.SetField(casefile.FacetEducationLevel)
		qs = append(qs, tq)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// itemText is the text of an item that similarity compares, as a reader sees it.
func itemText(it *casefile.Item) string {
	parts := []string{it.FullStatement, it.AbbreviatedStatement, it.AlternativeLabel}
	parts = append(parts, it.ConceptKeywords...)
	return casefile.ReaderText(strings.Join(parts, " "))
}
