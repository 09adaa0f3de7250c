package crosswalk

import (
	"context"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// frame is a framework as the engine reads it: its items, its tree and the
// analysed text of each item (and, once it has been a target, its BM25
// model). It depends on the framework's own content only, so it is kept
// until the framework is written again (its change sequence moves): a
// crosswalk computed again after a decision, or into the same target from
// another source, reads and analyses nothing again.
type frame struct {
	seq   int64 // the framework's change sequence it was read at
	items []casefile.Item
	tree  *frameworkTree
	docs  []termDoc // nil without an analyzer

	once  sync.Once
	model *textModel
}

// targetModel is the BM25 model of the frame's items, built once.
func (f *frame) targetModel() *textModel {
	f.once.Do(func() { f.model = newTextModel(f.docs) })
	return f.model
}

// frameFrameworks bounds the frameworks whose frame is kept; the least
// recently used goes first.
const frameFrameworks = 4

// frameCache keeps the frames of the frameworks crosswalks read. A frame is
// never changed once made: requests share it and only read it.
type frameCache struct{ recent[frameEntry] }

type frameEntry struct {
	mu sync.Mutex // held while the frame is read, so requests wait for one reading
	f  *frame
}

// frameOf returns the frame of the framework info describes, read when its
// change sequence moved since it was kept.
func (c *Crosswalker) frameOf(ctx context.Context, info casefile.FrameworkInfo) (*frame, error) {
	e := c.frames.entry(info.Identifier)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.f != nil && e.f.seq == info.Seq {
		return e.f, nil
	}
	items, err := c.store.ItemsOf(ctx, info.Identifier)
	if err != nil {
		return nil, err
	}
	tree, err := c.loadTree(ctx, info.Identifier, items)
	if err != nil {
		return nil, err
	}
	f := &frame{seq: info.Seq, items: items, tree: tree}
	if c.analyzer != nil {
		f.docs = make([]termDoc, len(items))
		for i := range items {
			f.docs[i] = newTermDoc(c.analyzer, &items[i])
		}
	}
	e.f = f
	return f, nil
}

// entry finds or adds the entry of framework.
func (fc *frameCache) entry(framework string) *frameEntry {
	return fc.recent.entry(framework, frameFrameworks)
}
