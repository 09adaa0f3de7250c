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

// shape is the place of every item of one framework.
type shape map[string]place

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
	shape     shape
	err       error
}

// get returns the shape of framework at the node's change sequence seq,
// computed by c from its whole tree (the same frameworkTree a crosswalk
// builds) when not kept.
func (sc *shapeCache) get(ctx context.Context, c *Crosswalker, seq int64, framework string) (shape, error) {
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

// shapeOf reads a framework's tree and keeps the place of each item.
func (c *Crosswalker) shapeOf(ctx context.Context, framework string) (shape, error) {
	items, err := c.store.ItemsOf(ctx, framework)
	if err != nil {
		return nil, err
	}
	t, err := c.loadTree(ctx, framework, items)
	if err != nil {
		return nil, err
	}
	sh := make(shape, len(items))
	for i := range items {
		sh[items[i].Identifier] = place{heading: t.heading[i], levels: t.levels[i]}
	}
	return sh, nil
}
