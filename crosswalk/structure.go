package crosswalk

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// containerTypes are item types that head or group other items and carry
// no skill of their own (compared lower-cased).
var containerTypes = map[string]bool{
	"subchapter": true, "chapter": true, "section": true, "grade/course": true, "grade": true,
	"grade level": true, "course": true, "implementation": true, "general requirements": true,
	"introduction": true, "knowledge and skills": true, "domain": true, "cluster": true,
	"conceptual category": true, "claim": true, "unit": true, "category": true,
}

// skillTypes are item types that state a skill whatever the shape of their
// statement: a standard with lettered parts ("Write a function that
// describes a relationship between two quantities", parts a-c) is a
// standard, not a heading (compared lower-cased).
var skillTypes = map[string]bool{
	"standard": true, "measured skill": true, "performance expectation": true, "student expectation": true,
	"benchmark": true, "indicator": true, "objective": true, "learning objective": true, "competency": true,
}

// titleWords is the longest statement that reads as a title when an item
// has children and no final punctuation says it is a sentence.
const titleWords = 12

// frameworkTree is a framework's items with their place in its tree, the
// levels each item has or inherits, and which items are headings.
type frameworkTree struct {
	items    []casefile.Item
	index    map[string]int // item identifier → position
	parent   []int          // position of the parent item, -1 at the top
	children []int          // number of child items
	heading  []bool
	levels   []levelSet
	// codeGrades are the positions at which the framework's codes name
	// grades (codeGradePositions).
	codeGrades uint64
}

// newFrameworkTree builds the tree of items from the framework's isChildOf associations.
func newFrameworkTree(items []casefile.Item, assocs []casefile.Association) *frameworkTree {
	t := &frameworkTree{items: items, index: make(map[string]int, len(items)),
		parent: make([]int, len(items)), children: make([]int, len(items)),
		heading: make([]bool, len(items)), levels: make([]levelSet, len(items))}
	for i := range items {
		t.index[items[i].Identifier] = i
		t.parent[i] = -1
	}
	for _, a := range assocs {
		if a.AssociationType != casefile.IsChildOf {
			continue
		}
		c, okc := t.index[a.OriginNodeURI.Identifier]
		p, okp := t.index[a.DestinationNodeURI.Identifier]
		if okc && okp && c != p && t.parent[c] < 0 && !t.isAncestor(c, p) {
			t.parent[c] = p
			t.children[p]++
		}
	}
	for i := range items {
		t.heading[i] = isHeading(&items[i], t.children[i])
	}
	t.codeGrades = codeGradePositions(items)
	done := make([]bool, len(items))
	for i := range items {
		t.levelOf(i, done)
	}
	return t
}

// isAncestor reports whether a is an ancestor of (or is) b; bounded by the tree's size.
func (t *frameworkTree) isAncestor(a, b int) bool {
	for n := 0; b >= 0 && n <= len(t.parent); n++ {
		if a == b {
			return true
		}
		b = t.parent[b]
	}
	return false
}

// levelOf is the item's own levels, else (for a heading) the levels its
// title names, else its parent's; where none of its ancestors has any, the
// levels its own code (or the nearest ancestor's) names.
func (t *frameworkTree) levelOf(i int, done []bool) levelSet {
	var chain []int
	for n := 0; i >= 0 && !done[i] && n <= len(t.items); n++ {
		it := &t.items[i]
		if s := parseLevels(it.EducationLevel); s != 0 {
			t.levels[i], done[i] = s, true
			break
		}
		if t.heading[i] {
			if s := levelsOfHeading(it.FullStatement + " " + it.AbbreviatedStatement); s != 0 {
				t.levels[i], done[i] = s, true
				break
			}
		}
		chain = append(chain, i)
		i = t.parent[i]
	}
	var inherited levelSet
	if i >= 0 {
		inherited = t.levels[i]
	}
	for j := len(chain) - 1; j >= 0; j-- {
		if inherited == 0 {
			// Neither the item nor its ancestors state a level, nor does a
			// heading's title name one: the grade its code names, if any.
			inherited = t.codeLevels(chain[j])
		}
		t.levels[chain[j]], done[chain[j]] = inherited, true
	}
	if len(chain) > 0 {
		return t.levels[chain[0]]
	}
	return inherited
}

// codeLevels is the grade the code of item i names, where the framework's
// codes name grades at that position.
func (t *frameworkTree) codeLevels(i int) levelSet {
	if c := levelsOfCode(t.items[i].HumanCodingScheme); t.codeGrades&(1<<uint(c.pos)) != 0 {
		return c.set
	}
	return 0
}

// isHeading reports whether an item heads other items rather than states a
// skill: by its type, or, unless its type names a skill, by having children
// and a statement that reads as a title (short, or without a sentence's
// final punctuation).
func isHeading(it *casefile.Item, children int) bool {
	typ := strings.ToLower(strings.TrimSpace(it.CFItemType))
	if typ == "" && it.CFItemTypeURI != nil {
		typ = strings.ToLower(strings.TrimSpace(it.CFItemTypeURI.Title))
	}
	if containerTypes[typ] {
		return true
	}
	if children == 0 || skillTypes[typ] {
		return false
	}
	s := strings.TrimSpace(casefile.ReaderText(it.FullStatement))
	if s == "" {
		return true
	}
	words := len(strings.Fields(s))
	return words <= 4 || (words <= titleWords && !strings.ContainsAny(s[len(s)-1:], ".;:?!"))
}

// loadTree reads a framework's items and tree.
func (c *Crosswalker) loadTree(ctx context.Context, framework string, items []casefile.Item) (*frameworkTree, error) {
	assocs, err := c.store.AssociationsOf(ctx, framework)
	if err != nil {
		return nil, err
	}
	return newFrameworkTree(items, assocs), nil
}
