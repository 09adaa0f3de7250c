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
	written int64 // the framework's own change sequence the places were read at
}

// shapeFrameworks bounds the frameworks whose shape is kept; the least
// recently used goes first.
const shapeFrameworks = 8

// shapeCache keeps the shapes of the frameworks align ranked candidates
// of. The places are read again when the framework itself is written
// again; the lexicon when anything on the node changed (a link into the
// framework may come with any import or decision). Requests that need the
// same framework wait for one computation.
type shapeCache struct{ recent[shapeEntry] }

type shapeEntry struct {
	mu        sync.Mutex // held while the entry is brought up to date
	written   int64      // the framework's own change sequence the places were read at
	places    map[string]place
	learnedAt int64 // the node's change sequence the lexicon was learned at
	learned   *lexicon
}

// get returns the shape of framework at the node's change sequence seq,
// computed by c from its whole tree (the same frameworkTree a crosswalk
// builds) and its links when not kept.
func (sc *shapeCache) get(ctx context.Context, c *Crosswalker, seq int64, framework string) (shape, error) {
	e := sc.entry(framework)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.places != nil && e.learnedAt == seq {
		return shape{e.places, e.learned, e.written}, nil
	}
	info, err := c.store.Framework(ctx, framework)
	if err != nil {
		return shape{}, err
	}
	if e.places == nil || e.written != info.Seq {
		if e.places, err = c.placesOf(ctx, framework); err != nil {
			return shape{}, err
		}
		e.written = info.Seq
	}
	if e.learned, err = c.learnInto(ctx, e.places); err != nil {
		e.places = nil
		return shape{}, err
	}
	e.learnedAt = seq
	return shape{e.places, e.learned, e.written}, nil
}

// entry finds or adds the entry of framework.
func (sc *shapeCache) entry(framework string) *shapeEntry {
	return sc.recent.entry(framework, shapeFrameworks)
}

// placesOf reads a framework's tree and keeps the place of each item.
func (c *Crosswalker) placesOf(ctx context.Context, framework string) (map[string]place, error) {
	items, err := c.store.ItemsOf(ctx, framework)
	if err != nil {
		return nil, err
	}
	t, err := c.loadTree(ctx, framework, items)
	if err != nil {
		return nil, err
	}
	places := make(map[string]place, len(items))
	for i := range items {
		places[items[i].Identifier] = place{heading: t.heading[i], levels: t.levels[i]}
	}
	return places, nil
}

// learnInto learns, from every link that teaches a correspondence
// (learnTypes) between an item of a framework (the items of places) and an
// item of another framework the node holds, which terms that framework
// uses where others use theirs: the lexicon a crosswalk into it would
// learn, from all sources at once (nil when nothing links it).
func (c *Crosswalker) learnInto(ctx context.Context, places map[string]place) (*lexicon, error) {
	ids := make([]string, 0, len(places))
	for id := range places {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	assocs, err := c.store.AssociationsOfTypesFor(ctx, ids, learnTypes)
	if err != nil {
		return nil, err
	}
	var others, inside []string
	var links [][2]string // (other item, item of the framework)
	seen := map[[2]string]bool{}
	for _, id := range ids {
		for _, a := range assocs[id] {
			other := a.OriginNodeURI.Identifier
			if other == id {
				other = a.DestinationNodeURI.Identifier
			}
			if _, in := places[other]; in || other == "" || seen[[2]string{other, id}] {
				continue
			}
			seen[[2]string{other, id}] = true
			links = append(links, [2]string{other, id})
			others, inside = append(others, other), append(inside, id)
		}
	}
	if len(links) == 0 {
		return nil, nil
	}
	srcDocs, srcPos, err := c.termDocsOf(ctx, others)
	if err != nil {
		return nil, err
	}
	tgtDocs, tgtPos, err := c.termDocsOf(ctx, inside)
	if err != nil {
		return nil, err
	}
	var examples [][2]int
	for _, l := range links {
		s, okS := srcPos[l[0]]
		d, okD := tgtPos[l[1]]
		if okS && okD {
			examples = append(examples, [2]int{s, d})
		}
	}
	return newLexicon(examples, srcDocs, tgtDocs), nil
}

// termDocsOf analyses the items of ids the node holds, with the position of each.
func (c *Crosswalker) termDocsOf(ctx context.Context, ids []string) ([]termDoc, map[string]int, error) {
	items, err := c.store.Items(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	docs := make([]termDoc, len(items))
	pos := make(map[string]int, len(items))
	for i := range items {
		docs[i] = newTermDoc(c.analyzer, &items[i])
		pos[items[i].Identifier] = i
	}
	return docs, pos, nil
}
