package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/casenode/casenode/casefile"
)

// Similar finds the items of framework target whose text resembles it (the
// crosswalk's suggestions), with the same similarity as Align. When both it
// and a candidate carry education levels they must share one; candidates
// without levels are kept. Scores are normalised to 0..1: 1 is as good a
// match as the item is to itself (when it is indexed here), else as good as
// the best candidate.
func (ix *Index) Similar(ctx context.Context, it *casefile.Item, target string, size int) ([]casefile.SearchHit, error) {
	if it == nil || target == "" {
		return nil, casefile.Errorf(casefile.Invalid, "an item and a target framework are required")
	}
	if size <= 0 {
		size = defaultSize
	}
	size = min(size, maxSize)
	idx, release := ix.current()
	defer release()
	if idx == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	terms, err := ix.salientTerms(ctx, idx, itemText(it))
	if err != nil || len(terms) == 0 {
		return []casefile.SearchHit{}, err
	}
	sim := similarityQuery(terms)
	bq := bleve.NewBooleanQuery()
	bq.AddMust(sim)
	filters := map[string][]string{casefile.FacetFramework: {target}}
	bq.AddFilter(bleve.NewConjunctionQuery(filterQuery(filters), levelQuery(it.EducationLevel)))
	bq.AddMustNot(bleve.NewDocIDQuery([]string{it.Identifier}))
	req := casefile.SearchRequest{Size: size}
	res, err := ix.run(ctx, bq, req, false)
	if err != nil {
		return nil, err
	}
	self, err := ix.selfScore(ctx, sim, it.Identifier)
	if err != nil {
		return nil, err
	}
	if self == 0 && len(res.Hits) > 0 {
		self = res.Hits[0].Score
	}
	return ix.hydrate(ctx, res, ix.newMatcher(termsOf(terms), false), func(s float64) float64 {
		if self <= 0 {
			return 0
		}
		return min(1, s/self)
	})
}

// selfScore is the score of item id against q (0 when it is not indexed).
func (ix *Index) selfScore(ctx context.Context, q query.Query, id string) (float64, error) {
	bq := bleve.NewBooleanQuery()
	bq.AddMust(q)
	bq.AddFilter(bleve.NewDocIDQuery([]string{id}))
	res, err := ix.run(ctx, bq, casefile.SearchRequest{Size: 1}, false)
	if err != nil {
		return 0, err
	}
	if len(res.Hits) == 0 {
		return 0, nil
	}
	return res.Hits[0].Score, nil
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

// itemText is the text of an item that similarity compares.
func itemText(it *casefile.Item) string {
	parts := []string{it.FullStatement, it.AbbreviatedStatement, it.AlternativeLabel}
	parts = append(parts, it.ConceptKeywords...)
	return strings.Join(parts, " ")
}
