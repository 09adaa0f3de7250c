package crosswalk

import (
	"context"
	"sync"
)

// maxAlignDocs bounds the analysed items kept for align; when full, it
// starts over.
const maxAlignDocs = 20_000

// alignDocs keeps the analysed text of the items align ranked: the same
// candidates come back request after request, and analysing them (and
// reading them from the store) was most of a ranking's cost. An item's
// analysis holds while its framework is not written again.
type alignDocs struct {
	mu sync.Mutex
	m  map[string]alignDoc
}

// alignDoc is one candidate's analysed text, the framework that holds it,
// and that framework's change sequence when it was read.
type alignDoc struct {
	id, framework string
	written       int64 // 0: read now, not yet placed in its framework's shape
	doc           termDoc
}

// read returns the candidates ids the node holds, in order: kept ones as
// kept, the others read from the store and analysed.
func (a *alignDocs) read(ctx context.Context, c *Crosswalker, ids []string) ([]alignDoc, error) {
	out := make([]alignDoc, len(ids))
	var missing []string
	a.mu.Lock()
	for i, id := range ids {
		if d, ok := a.m[id]; ok {
			out[i] = d
		} else {
			missing = append(missing, id)
		}
	}
	a.mu.Unlock()
	if err := a.fill(ctx, c, out, ids, missing); err != nil {
		return nil, err
	}
	return held(out), nil
}

// renew reads again the kept candidates whose framework was written since
// they were read, and keeps the ones read now with their framework's
// change sequence.
func (a *alignDocs) renew(ctx context.Context, c *Crosswalker, docs []alignDoc, shapes map[string]shape) ([]alignDoc, error) {
	var stale []string
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].id
		if w := shapes[docs[i].framework].written; docs[i].written != 0 && docs[i].written != w {
			stale = append(stale, docs[i].id)
			docs[i] = alignDoc{}
		}
	}
	if err := a.fill(ctx, c, docs, ids, stale); err != nil {
		return nil, err
	}
	docs = held(docs)
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.m == nil || len(a.m)+len(docs) > maxAlignDocs {
		a.m = make(map[string]alignDoc, len(docs))
	}
	for i := range docs {
		if docs[i].written == 0 {
			docs[i].written = shapes[docs[i].framework].written
			a.m[docs[i].id] = docs[i]
		}
	}
	return docs, nil
}

// fill reads the items of want from the store and analyses them into the
// slots of docs that ids names.
func (a *alignDocs) fill(ctx context.Context, c *Crosswalker, docs []alignDoc, ids, want []string) error {
	if len(want) == 0 {
		return nil
	}
	items, err := c.store.Items(ctx, want)
	if err != nil {
		return err
	}
	byID := make(map[string]int, len(items))
	for i := range items {
		byID[items[i].Identifier] = i
	}
	for i, id := range ids {
		j, ok := byID[id]
		if !ok || docs[i].id != "" || items[j].CFDocumentURI == nil {
			continue
		}
		docs[i] = alignDoc{id: id, framework: items[j].CFDocumentURI.Identifier, doc: newTermDoc(c.analyzer, &items[j])}
	}
	return nil
}

// held drops the empty slots (items the store no longer holds).
func held(docs []alignDoc) []alignDoc {
	out := docs[:0]
	for _, d := range docs {
		if d.id != "" {
			out = append(out, d)
		}
	}
	return out
}
