package crosswalk

import (
	"context"
	"slices"

	"github.com/casenode/casenode/casefile"
)

// Structure: a source item whose best match (headings included) scores at
// least parentStrong marks the target subtree it fell in; its descendants'
// candidates within that subtree are multiplied by subtreeBoost.
const (
	parentStrong = 0.45
	subtreeBoost = 1.25
)

// engine scores the items of a target framework for the items of a source
// framework: BM25 over the target's text (model.go), the domain vocabulary,
// correspondences learned from accepted links, the level prior and the
// structure of both trees.
type engine struct {
	src, tgt *frameworkTree
	model    *textModel
	srcDocs  []termDoc
	vocab    *vocabulary
	learned  *lexicon
	rejected pairSet
	// roots memoises, per source position, the target subtree its best
	// match marks (-1: none; -2: not computed).
	roots []int
}

// candidate is a target item scored for a source item.
type candidate struct {
	pos   int
	score float64
}

// newEngine analyses both frameworks.
func (c *Crosswalker) newEngine(ctx context.Context, source, target string, srcItems, tgtItems []casefile.Item, rejected pairSet) (*engine, error) {
	src, err := c.loadTree(ctx, source, srcItems)
	if err != nil {
		return nil, err
	}
	tgt, err := c.loadTree(ctx, target, tgtItems)
	if err != nil {
		return nil, err
	}
	e := &engine{src: src, tgt: tgt, vocab: c.vocab.get(c.analyzer), rejected: rejected}
	e.srcDocs = make([]termDoc, len(srcItems))
	for i := range srcItems {
		e.srcDocs[i] = newTermDoc(c.analyzer, &srcItems[i])
	}
	tgtDocs := make([]termDoc, len(tgtItems))
	for i := range tgtItems {
		tgtDocs[i] = newTermDoc(c.analyzer, &tgtItems[i])
	}
	e.model = newTextModel(tgtDocs)
	if e.learned, err = c.learn(ctx, source, target, src, tgt, e.srcDocs, tgtDocs); err != nil {
		return nil, err
	}
	e.roots = make([]int, len(srcItems))
	for i := range e.roots {
		e.roots[i] = -2
	}
	return e, nil
}

// query builds the query of source item p: its terms, their vocabulary and
// learned expansions.
func (e *engine) query(p int) *query {
	d := &e.srcDocs[p]
	q := newQuery(d)
	e.vocab.expand(d.terms, q)
	e.learned.expand(d, q)
	return q
}

// textScores scores every target item for source item p: text similarity
// normalised by the item's score against itself (0..1), times the level prior.
func (e *engine) textScores(p int) []float64 {
	acc := make([]float64, len(e.model.docs))
	self := e.model.score(e.query(p), acc)
	if self <= 0 {
		return acc
	}
	for d, s := range acc {
		if s > 0 {
			acc[d] = min(1, s/self) * levelFactor(e.src.levels[p], e.tgt.levels[d])
		}
	}
	return acc
}

// root is the target subtree marked by source item p's best match, or -1.
func (e *engine) root(p int) int {
	if e.roots[p] != -2 {
		return e.roots[p]
	}
	e.roots[p] = -1
	best, at := 0.0, -1
	for d, s := range e.textScores(p) {
		if s > best {
			best, at = s, d
		}
	}
	if best >= parentStrong {
		if e.tgt.children[at] == 0 && e.tgt.parent[at] >= 0 {
			at = e.tgt.parent[at]
		}
		e.roots[p] = at
	}
	return e.roots[p]
}

// ancestorRoot is the subtree marked by the nearest ancestor of p that has one.
func (e *engine) ancestorRoot(p int) int {
	for a, n := e.src.parent[p], 0; a >= 0 && n <= len(e.src.parent); a, n = e.src.parent[a], n+1 {
		if r := e.root(a); r >= 0 {
			return r
		}
	}
	return -1
}

// candidates ranks the target items (not headings, not rejected) for source item p.
func (e *engine) candidates(p int) []candidate {
	scores := e.textScores(p)
	root := e.ancestorRoot(p)
	srcID := e.src.items[p].Identifier
	var out []candidate
	for d, s := range scores {
		if s <= 0 || e.tgt.heading[d] || e.rejected.has(srcID, e.tgt.items[d].Identifier) {
			continue
		}
		if root >= 0 && e.tgt.isAncestor(root, d) {
			s *= subtreeBoost
		}
		s = min(1, s*e.learned.boost(p, d, e.src, e.tgt))
		out = append(out, candidate{pos: d, score: s})
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return a.pos - b.pos
	})
	return out
}

// levelMatches shows the target's levels in the explicit and transitive matches too.
func (e *engine) levelMatches(rows []casefile.CrosswalkRow) {
	for i := range rows {
		for j := range rows[i].Matches {
			m := &rows[i].Matches[j]
			if d, ok := e.tgt.index[m.Target.Identifier]; ok && m.EducationLevel == nil {
				m.EducationLevel = e.tgt.levels[d].levels()
			}
		}
	}
}
