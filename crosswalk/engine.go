package crosswalk

import (
	"context"
	"slices"
	"strings"

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
	scorer   TextScorer
	learned  *lexicon
	rejected pairSet
	// rejectedText holds (source statement, target identifier) of every
	// rejection: a source item worded exactly like one whose suggestion was
	// rejected (frameworks repeat statements across grades) is not offered
	// that target either.
	rejectedText map[[2]string]bool
	// roots memoises, per source position, the target subtree its best
	// match marks (-1: none; -2: not computed).
	roots []int
}

// candidate is a target item scored for a source item.
type candidate struct {
	pos   int
	score float64
}

// newEngine builds the engine of a crosswalk from the frames of both
// frameworks (their trees and analysed text), the rejections and the source
// items' associations (what decisions and published links teach).
func (c *Crosswalker) newEngine(ctx context.Context, source, target string, srcFrame, tgtFrame *frame, rejected pairSet,
	assocs map[string][]casefile.Association) (*engine, error) {
	src, tgt := srcFrame.tree, tgtFrame.tree
	e := &engine{src: src, tgt: tgt, rejected: rejected, rejectedText: rejectedTexts(rejected, src, tgt)}
	lx := &lexical{vocab: c.vocab.get(c.analyzer), srcDocs: srcFrame.docs, model: tgtFrame.targetModel()}
	var err error
	if e.learned, err = c.learn(ctx, source, target, src, tgt, srcFrame.docs, tgtFrame.docs, assocs); err != nil {
		return nil, err
	}
	lx.learned = e.learned
	e.scorer = lx
	e.roots = make([]int, len(src.items))
	for i := range e.roots {
		e.roots[i] = -2
	}
	return e, nil
}

// TextScorer compares the text of the items of a source framework with the
// items of a target framework: the one place where the engine reads text.
// The node's scorer is lexical (BM25, the domain vocabulary and the
// correspondences learned from decisions); a sentence-embedding model can
// take its place without touching the engine's callers.
type TextScorer interface {
	// Scores returns, for the source item at position i, one score per
	// target item, in 0..1 (1: as close as the source item is to itself).
	Scores(i int) []float64
	// Empty reports whether the source item at position i has no text to compare.
	Empty(i int) bool
}

// lexical is the node's TextScorer.
type lexical struct {
	model   *textModel
	srcDocs []termDoc
	vocab   *vocabulary
	learned *lexicon
}

func (lx *lexical) Empty(i int) bool { return len(lx.srcDocs[i].tf) == 0 }

// Scores is BM25 of the source item's query (its terms, their vocabulary
// and learned expansions) normalised by the query's score against itself.
func (lx *lexical) Scores(i int) []float64 {
	d := &lx.srcDocs[i]
	q := newQuery(d)
	lx.vocab.expand(d.terms, q)
	lx.learned.expand(d, q)
	acc := make([]float64, len(lx.model.docs))
	self := lx.model.score(q, acc)
	for t, s := range acc {
		if s > 0 {
			acc[t] = min(1, s/max(self, s))
		}
	}
	return acc
}

// textScores scores every target item for source item p: text similarity
// times the level prior.
func (e *engine) textScores(p int) []float64 {
	acc := e.scorer.Scores(p)
	for d, s := range acc {
		if s > 0 {
			acc[d] = s * levelFactor(e.src.levels[p], e.tgt.levels[d])
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

// candidates ranks the target items (not headings, not rejected) for
// source item p and returns the best k of them, best first.
func (e *engine) candidates(p, k int) []candidate {
	scores := e.textScores(p)
	root := e.ancestorRoot(p)
	srcID, key := e.src.items[p].Identifier, statementKey(&e.src.items[p])
	top := make([]candidate, 0, k+1)
	for d, s := range scores {
		if s <= 0 || e.tgt.heading[d] {
			continue
		}
		if root >= 0 && e.tgt.isAncestor(root, d) {
			s *= subtreeBoost
		}
		s = min(1, s*e.learned.boost(p, d, e.src, e.tgt))
		c := candidate{pos: d, score: s}
		if len(top) == k && !c.before(top[k-1]) {
			continue
		}
		tgtID := e.tgt.items[d].Identifier
		if e.rejected.has(srcID, tgtID) || e.rejectedText[[2]string{key, tgtID}] {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, c, func(a, b candidate) int {
			if a.before(b) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, at, c)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// before orders candidates: higher score first, then framework order.
func (a candidate) before(b candidate) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.pos < b.pos
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

// rejectedTexts keys the rejections by the source item's statement.
func rejectedTexts(rejected pairSet, src, tgt *frameworkTree) map[[2]string]bool {
	out := make(map[[2]string]bool, len(rejected))
	for pair := range rejected {
		for _, ab := range [][2]string{pair, {pair[1], pair[0]}} {
			s, okS := src.index[ab[0]]
			_, okT := tgt.index[ab[1]]
			if okS && okT {
				out[[2]string{statementKey(&src.items[s]), ab[1]}] = true
			}
		}
	}
	return out
}

// statementKey is an item's statement as compared for repeated wording.
func statementKey(it *casefile.Item) string {
	return strings.ToLower(casefile.ReaderText(it.FullStatement))
}
