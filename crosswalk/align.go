package crosswalk

import (
	"context"
	"slices"

	"github.com/casenode/casenode/casefile"
)

// Aligning a passage (/api/v1/align, MCP's align tool, the gold passages):
// the search index finds candidates across frameworks within the request's
// filters, and RankPassage ranks them with the crosswalk's engine, as if
// the passage were an item of a framework of its own and the candidates
// the target framework: the same text analysis, vocabulary, field weights,
// level prior, heading exclusion and scores on the same calibrated scale.

// passageID names the passage as the one item of its own framework.
const passageID = "passage"

// RankPassage orders candidates (item identifiers, the index's best first)
// for the passage text; levels are the passage's education levels (the
// request's filter), if any, else those it names. df gives the document
// frequencies of the collection the candidates come from (the index), so
// that a term is as rare as it is there, not among the candidates. Headings,
// containers and candidates without text are left out; ties keep the
// index's order.
func (c *Crosswalker) RankPassage(ctx context.Context, text string, levels []string, candidates []string, df casefile.DocFreq) ([]casefile.Ranked, error) {
	if c.analyzer == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "the crosswalk engine has no text analyzer")
	}
	passage := casefile.Item{Identifier: passageID, FullStatement: text, EducationLevel: passageLevels(text, levels)}
	lx := &lexical{vocab: c.vocab.get(c.analyzer), srcDocs: []termDoc{newTermDoc(c.analyzer, &passage)}}
	if lx.Empty(0) || len(candidates) == 0 {
		return nil, nil
	}
	tgt, docs, learned, err := c.candidateTree(ctx, candidates)
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	lx.learned = learned
	lx.model = newTextModel(docs)
	lx.model.docFreq = df
	e := &engine{src: newFrameworkTree([]casefile.Item{passage}, nil), tgt: tgt, scorer: lx, learned: learned, roots: []int{-2}}
	cands := e.candidates(0, len(docs))
	out := make([]casefile.Ranked, 0, len(cands))
	for i, cd := range cands {
		out = append(out, casefile.Ranked{Identifier: tgt.items[cd.pos].Identifier, Score: round(calibrate(cands, i))})
	}
	return out, nil
}

// passageLevels are the levels the request gives the passage, else those
// the passage names ("Grade 3", "grades 6-8", "kindergarten"), if any.
func passageLevels(text string, levels []string) []string {
	if parseLevels(levels) != 0 {
		return levels
	}
	return levelsNamed(casefile.ReaderText(text), gradeNames).levels()
}

// candidateTree places the candidates the store still holds (in order) in
// their frameworks: which are headings and which levels each has or
// inherits, as the crosswalk reads them from each framework's whole tree,
// with their analysed text. It also returns what the candidates'
// frameworks learned from their links, together.
func (c *Crosswalker) candidateTree(ctx context.Context, ids []string) (*frameworkTree, []termDoc, *lexicon, error) {
	seq, err := c.store.LastSeq(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	docs, err := c.alignDocs.read(ctx, c, ids)
	if err != nil {
		return nil, nil, nil, err
	}
	shapes := map[string]shape{}
	for _, d := range docs {
		if _, ok := shapes[d.framework]; !ok {
			if shapes[d.framework], err = c.shapes.get(ctx, c, seq, d.framework); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	if docs, err = c.alignDocs.renew(ctx, c, docs, shapes); err != nil {
		return nil, nil, nil, err
	}
	items := make([]casefile.Item, 0, len(docs))
	out := make([]termDoc, 0, len(docs))
	var places []place
	var learned []*lexicon
	for _, d := range docs {
		sh := shapes[d.framework]
		if pl, ok := sh.places[d.id]; ok {
			items = append(items, casefile.Item{Identifier: d.id})
			out = append(out, d.doc)
			places = append(places, pl)
		}
		if sh.learned != nil && !slices.Contains(learned, sh.learned) {
			learned = append(learned, sh.learned)
		}
	}
	t := newFrameworkTree(items, nil)
	for i, pl := range places {
		t.heading[i], t.levels[i] = pl.heading, pl.levels
	}
	return t, out, mergeLexicons(learned), nil
}

// mergeLexicons is one lexicon asking for what any of ls asks for, with the
// largest weight any gives a term (nil when ls is empty).
func mergeLexicons(ls []*lexicon) *lexicon {
	if len(ls) <= 1 {
		if len(ls) == 1 {
			return ls[0]
		}
		return nil
	}
	out := &lexicon{terms: map[string][]learned{}}
	for _, l := range ls {
		out.pairs += l.pairs
		for t, cs := range l.terms {
			out.terms[t] = append(out.terms[t], cs...)
		}
	}
	return out
}
