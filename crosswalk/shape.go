package crosswalk

import (
	"context"
	"slices"
	"sync"
)

// place is where an item stands in its framework's tree, as the engine
// reads it: whether it is a heading and the levels it has or inherits.
type place struct {
	heading bool
	levels  levelSet
}

// shape is what align reads of one framework: the place of every item,
// and the correspondences learned from the links between its items and
// other frameworks' (as a crosswalk into it learns them).
type shape struct {
	places  map[string]place
	learned *lexicon
}

// shapeFrameworks bounds the frameworks whose shape is kept; the least
// recently used goes first.
const shapeFrameworks = 8

// shapeCache keeps the shapes of the frameworks align ranked candidates
// of, while the node's change sequence has not moved (an import or delete
// may change any framework's tree). A shape is computed once per framework
// however many requests ask for it at the same time.
type shapeCache struct {
	mu      sync.Mutex
	seq     int64
	entries []*shapeEntry // most recent last
}

type shapeEntry struct {
	framework string
	once      sync.Once
	shape     *shape
	err       error
}

// get returns the shape of framework at the node's change sequence seq,
// computed by c from its whole tree (the same frameworkTree a crosswalk
// builds) when not kept.
func (sc *shapeCache) get(ctx context.Context, c *Crosswalker, seq int64, framework string) (*shape, error) {
	e := sc.entry(seq, framework)
	e.once.Do(func() { e.shape, e.err = c.shapeOf(ctx, framework) })
	if e.err != nil {
		sc.drop(e)
	}
	return e.shape, e.err
}

// entry finds or adds the entry of framework at seq.
func (sc *shapeCache) entry(seq int64, framework string) *shapeEntry {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if seq != sc.seq {
		sc.seq, sc.entries = seq, nil
	}
	for i, e := range sc.entries {
		if e.framework == framework {
			sc.entries = append(slices.Delete(sc.entries, i, i+1), e)
			return e
		}
	}
	if len(sc.entries) >= shapeFrameworks {
		sc.entries = sc.entries[1:]
	}
	e := &shapeEntry{framework: framework}
	sc.entries = append(sc.entries, e)
	return e
}

// drop forgets a failed entry, so the next request tries again.
func (sc *shapeCache) drop(e *shapeEntry) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.entries = slices.DeleteFunc(sc.entries, func(x *shapeEntry) bool { return x == e })
}

// shapeOf reads a framework's tree and keeps the place of each item, and
// learns from its links.
func (c *Crosswalker) shapeOf(ctx context.Context, framework string) (*shape, error) {
	items, err := c.store.ItemsOf(ctx, framework)
	if err != nil {
		return nil, err
	}
	t, err := c.loadTree(ctx, framework, items)
	if err != nil {
		return nil, err
	}
	sh := &shape{places: make(map[string]place, len(items))}
	for i := range items {
		sh.places[items[i].Identifier] = place{heading: t.heading[i], levels: t.levels[i]}
	}
	if sh.learned, err = c.learnInto(ctx, t); err != nil {
		return nil, err
	}
	return sh, nil
}

// learnInto learns, from every link that teaches a correspondence (learnTypes)
// between an item of tree's framework and an item of another framework the
// node holds, which terms that framework uses where others use theirs: the
// lexicon a crosswalk into it would learn, from all sources at once.
func (c *Crosswalker) learnInto(ctx context.Context, t *frameworkTree) (*lexicon, error) {
	ids := make([]string, len(t.items))
	for i := range t.items {
		ids[i] = t.items[i].Identifier
	}
	assocs, err := c.store.AssociationsFor(ctx, ids)
	if err != nil {
		return nil, err
	}
	type link struct {
		other string
		tgt   int
	}
	var links []link
	seen := map[link]bool{}
	for p := range t.items {
		for _, a := range assocs[t.items[p].Identifier] {
			if !slices.Contains(learnTypes, a.AssociationType) {
				continue
			}
			other, ok := otherEnd(&a, &t.items[p])
			if _, inside := t.index[other.Identifier]; ok && !inside && other.Identifier != "" && !seen[link{other.Identifier, p}] {
				seen[link{other.Identifier, p}] = true
				links = append(links, link{other.Identifier, p})
			}
		}
	}
	if len(links) == 0 {
		return nil, nil
	}
	otherIDs := make([]string, len(links))
	for i, l := range links {
		otherIDs[i] = l.other
	}
	others, err := c.store.Items(ctx, otherIDs)
	if err != nil {
		return nil, err
	}
	srcPos := make(map[string]int, len(others))
	srcDocs := make([]termDoc, len(others))
	for i := range others {
		srcPos[others[i].Identifier] = i
		srcDocs[i] = newTermDoc(c.analyzer, &others[i])
	}
	tgtDocs := make([]termDoc, len(t.items))
	var examples [][2]int
	for _, l := range links {
		if s, ok := srcPos[l.other]; ok {
			if tgtDocs[l.tgt].tf == nil {
				tgtDocs[l.tgt] = newTermDoc(c.analyzer, &t.items[l.tgt])
			}
			examples = append(examples, [2]int{s, l.tgt})
		}
	}
	return newLexicon(examples, srcDocs, tgtDocs), nil
}
