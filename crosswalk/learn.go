package crosswalk

import (
	"context"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Learning from decisions: every link between an item of the source and an
// item of the target framework that says they match (an accepted
// suggestion, or a published exactMatchOf / isRelatedTo / isPeerOf from any
// origin) is an example of how the target's dialect words what the
// source's says. A source term that, in at least learnMinCount examples,
// faced a target term the source item did not use asks for that term too.
const (
	learnMinCount = 2
	learnMinShare = 0.3
	learnWeight   = 0.8
	learnPerTerm  = 3 // target terms learned per source term, at most
)

// learnTypes are the association types that teach a correspondence.
var learnTypes = []string{casefile.ExactMatchOf, casefile.IsRelatedTo, casefile.IsPeerOf}

// lexicon maps a source term to the target terms it corresponds to, with
// weights, and a source item's parent to the target subtrees its children
// were matched in.
type lexicon struct {
	terms map[string][]learned
	pairs int // examples learned from
	// subtrees: source parent position → target subtree roots (the parent
	// of each accepted target, or the target itself at the top).
	subtrees map[int][]int
}

// learnedSubtreeBoost multiplies the score of a candidate in a subtree where
// a sibling of the source item was matched.
const learnedSubtreeBoost = 1.2

// places records where the examples' sources' siblings may look.
func (l *lexicon) places(examples [][2]int, src, tgt *frameworkTree) {
	l.subtrees = map[int][]int{}
	for _, ex := range examples {
		sp := src.parent[ex[0]]
		if sp < 0 {
			continue
		}
		root := ex[1]
		if tp := tgt.parent[root]; tp >= 0 {
			root = tp
		}
		if !slices.Contains(l.subtrees[sp], root) {
			l.subtrees[sp] = append(l.subtrees[sp], root)
		}
	}
}

// boost is the factor of target d for source item p from where p's
// siblings were matched.
func (l *lexicon) boost(p, d int, src, tgt *frameworkTree) float64 {
	if l == nil || src.parent[p] < 0 {
		return 1
	}
	for _, root := range l.subtrees[src.parent[p]] {
		if tgt.isAncestor(root, d) {
			return learnedSubtreeBoost
		}
	}
	return 1
}

type learned struct {
	term   string
	weight float64
}

// expand adds the learned correspondences of d's terms to q.
func (l *lexicon) expand(d *termDoc, q *query) {
	if l == nil {
		return
	}
	for t := range d.tf {
		for _, c := range l.terms[t] {
			q.add(c.term, c.weight)
		}
	}
}

// learn builds the lexicon of the links between the two frameworks.
// assocs are the associations of the source items (by item identifier).
func (c *Crosswalker) learn(ctx context.Context, source, target string, src, tgt *frameworkTree, srcDocs, tgtDocs []termDoc,
	assocs map[string][]casefile.Association) (*lexicon, error) {
	var examples [][2]int
	seen := map[[2]int]bool{}
	for p := range src.items {
		for _, a := range assocs[src.items[p].Identifier] {
			if !slices.Contains(learnTypes, a.AssociationType) {
				continue
			}
			other, ok := otherEnd(&a, &src.items[p])
			if !ok {
				continue
			}
			if d, ok := tgt.index[other.Identifier]; ok && !seen[[2]int{p, d}] {
				seen[[2]int{p, d}] = true
				examples = append(examples, [2]int{p, d})
			}
		}
	}
	lx := newLexicon(examples, srcDocs, tgtDocs)
	lx.places(examples, src, tgt)
	return lx, nil
}

// newLexicon counts, over the examples (source, target positions), which
// target terms face each source term.
func newLexicon(examples [][2]int, srcDocs, tgtDocs []termDoc) *lexicon {
	l := &lexicon{terms: map[string][]learned{}, pairs: len(examples)}
	if len(examples) == 0 {
		return l
	}
	seenWith := map[string]int{}
	faced := map[string]map[string]int{}
	for _, ex := range examples {
		s, t := &srcDocs[ex[0]], &tgtDocs[ex[1]]
		for a := range s.tf {
			seenWith[a]++
			for b := range t.tf {
				if _, shared := s.tf[b]; shared {
					continue
				}
				if faced[a] == nil {
					faced[a] = map[string]int{}
				}
				faced[a][b]++
			}
		}
	}
	for a, bs := range faced {
		var out []learned
		for b, n := range bs {
			share := float64(n) / float64(seenWith[a])
			if n >= learnMinCount && share >= learnMinShare {
				out = append(out, learned{term: b, weight: learnWeight * share})
			}
		}
		slices.SortFunc(out, func(x, y learned) int {
			if x.weight != y.weight {
				if x.weight > y.weight {
					return -1
				}
				return 1
			}
			return strings.Compare(x.term, y.term)
		})
		if len(out) > learnPerTerm {
			out = out[:learnPerTerm]
		}
		if len(out) > 0 {
			l.terms[a] = out
		}
	}
	return l
}
