package search

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"

	"github.com/casenode/casenode/casefile"
)

// Internal keys of the physical index.
const (
	keySeq     = "casenode.seq"     // last change sequence applied
	keyVersion = "casenode.mapping" // MappingVersion the index was built with
)

const (
	batchSize   = 1000 // documents per Bleve batch
	changesPage = 500  // changes read from the source at a time
	itemsPage   = 1000 // items read from the source at a time
	idsPage     = 10000
)

// originLocal is the originNode facet value of frameworks this node
// publishes itself (Provenance.OriginNode "").
const originLocal = "local"

// CatchUp applies the changes made in the source since the last one indexed:
// an imported framework is re-indexed, a deleted one removed.
func (ix *Index) CatchUp(ctx context.Context) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.RLock()
	idx := ix.cur
	ix.mu.RUnlock()
	if idx == nil {
		return casefile.Errorf(casefile.Unavailable, "search index is closed")
	}
	return ix.catchUpOn(ctx, idx)
}

// catchUpOn applies pending changes to idx; the caller holds writeMu (or
// owns idx alone).
func (ix *Index) catchUpOn(ctx context.Context, idx *physical) error {
	since, err := indexedSeq(idx)
	if err != nil {
		return err
	}
	for {
		changes, err := ix.src.Changes(ctx, since, changesPage)
		if err != nil {
			return fmt.Errorf("search catch-up: changes since %d: %w", since, err)
		}
		if len(changes) == 0 {
			return nil
		}
		if err := ix.applyChanges(ctx, idx, changes); err != nil {
			return err
		}
		since = changes[len(changes)-1].Seq
		ix.log.Debug("search caught up", "seq", since, "changes", len(changes))
	}
}

// applyChanges applies one page of changes; only the last change of each
// framework in the page matters, since the source holds the latest content.
func (ix *Index) applyChanges(ctx context.Context, idx *physical, changes []casefile.Change) error {
	defer ix.writes.Add(1) // after the writes: see Generation
	defer ix.pathCache.clear()
	last := map[string]int{}
	for i, c := range changes {
		last[c.Framework] = i
	}
	for i, c := range changes {
		if last[c.Framework] != i {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fw, err := ix.src.Framework(ctx, c.Framework)
		switch {
		case casefile.ErrorCode(err) == casefile.NotFound || (err == nil && c.Kind == casefile.ChangeDelete):
			err = ix.deleteFramework(ctx, idx, c.Framework)
			ix.frameworks.remove(c.Framework)
		case err != nil:
			return fmt.Errorf("search catch-up: framework %s: %w", c.Framework, err)
		default:
			var old []string
			if old, err = idsOf(ctx, idx, c.Framework); err == nil {
				_, err = ix.indexFramework(ctx, idx, fw, old)
			}
			ix.frameworks.put(fw)
		}
		if err != nil {
			return err
		}
	}
	b := idx.newBatch()
	b.SetInternal([]byte(keySeq), []byte(strconv.FormatInt(changes[len(changes)-1].Seq, 10)))
	return durable(ctx, b)
}

// indexFramework indexes the items of fw in batches, reading them from the
// source a page at a time while earlier batches are applied (applier),
// then deletes the ids in old that the framework no longer holds. Returns
// the number indexed; every batch has been applied when it returns.
func (ix *Index) indexFramework(ctx context.Context, idx *physical, fw casefile.FrameworkInfo, old []string) (int, error) {
	ap := newApplier(ctx)
	n, err := ix.mapFramework(ctx, idx, fw, old, ap)
	if werr := ap.wait(); err == nil {
		err = werr
	}
	return n, err
}

// mapFramework reads fw's items, maps them into batches and hands each full
// batch to ap, then the deletions of the ids in old it did not meet.
func (ix *Index) mapFramework(ctx context.Context, idx *physical, fw casefile.FrameworkInfo, old []string, ap *applier) (int, error) {
	keep := make(map[string]bool, len(old))
	sets := map[string]bool{}
	b := idx.newBatch()
	next := func() error {
		if b.Size() < batchSize {
			return nil
		}
		err := ap.apply(b)
		b = idx.newBatch()
		return err
	}
	n := 0
	for after := int64(-1); ; {
		items, last, err := ix.src.ItemsAfter(ctx, fw.Identifier, after, itemsPage)
		if err != nil {
			return 0, fmt.Errorf("search: items of %s: %w", fw.Identifier, err)
		}
		for i := range items {
			it := &items[i]
			if len(old) > 0 { // a rebuild has nothing to delete
				keep[it.Identifier] = true
			}
			d, facets := docFor(it, fw)
			ix.facetSets.record(b, d.FacetSet, facets, sets)
			if err := b.Index(it.Identifier, d); err != nil {
				return 0, casefile.Errorf(casefile.Internal, "search: index item %s: %w", it.Identifier, err)
			}
			if err := next(); err != nil {
				return 0, err
			}
		}
		n += len(items)
		if len(items) < itemsPage {
			break
		}
		after = last
	}
	for _, id := range old {
		if !keep[id] {
			b.Delete(id)
		}
		if err := next(); err != nil {
			return 0, err
		}
	}
	return n, ap.apply(b)
}

// deleteFramework removes every document of framework fw.
func (ix *Index) deleteFramework(ctx context.Context, idx *physical, fw string) error {
	ids, err := idsOf(ctx, idx, fw)
	if err != nil {
		return err
	}
	b := idx.newBatch()
	for _, id := range ids {
		b.Delete(id)
		if b.Size() >= batchSize {
			if err := flush(ctx, b); err != nil {
				return err
			}
		}
	}
	return flush(ctx, b)
}

// idsOf lists the ids indexed under framework fw, paging by id in each
// shard.
func idsOf(ctx context.Context, idx *physical, fw string) ([]string, error) {
	var ids []string
	for _, s := range idx.shards {
		var after []string
		for {
			q := bleve.NewTermQuery(fw)
			q.SetField(casefile.FacetFramework)
			req := bleve.NewSearchRequestOptions(q, idsPage, 0, false)
			req.SortBy([]string{"_id"})
			req.Score = "none"
			if after != nil {
				req.SearchAfter = after
			}
			res, err := s.SearchInContext(ctx, req)
			if err != nil {
				return nil, casefile.Errorf(casefile.Internal, "search: ids of %s: %w", fw, err)
			}
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			if len(res.Hits) < idsPage {
				break
			}
			after = []string{res.Hits[len(res.Hits)-1].ID}
		}
	}
	return ids, nil
}

// indexedSeq reads the last change sequence applied to idx (0 when none):
// the lowest of its shards', so a crash between their writes replays.
func indexedSeq(idx *physical) (int64, error) {
	var low int64 = -1
	for _, s := range idx.shards {
		v, err := s.GetInternal([]byte(keySeq))
		if err != nil {
			return 0, casefile.Errorf(casefile.Internal, "search: read indexed sequence: %w", err)
		}
		n := int64(0)
		if len(v) > 0 {
			if n, err = strconv.ParseInt(string(v), 10, 64); err != nil {
				return 0, casefile.Errorf(casefile.Internal, "search: bad indexed sequence %q", v)
			}
		}
		if low < 0 || n < low {
			low = n
		}
	}
	return max(low, 0), nil
}

// docFor builds the index document of one item of framework fw, and lists
// its facet values. Text is indexed as a reader sees it (casefile.ReaderText). Item-level subject and language win over the
// framework's.
func docFor(it *casefile.Item, fw casefile.FrameworkInfo) (itemDoc, []string) {
	d := itemDoc{
		FullStatement:        casefile.ReaderText(it.FullStatement),
		AbbreviatedStatement: casefile.ReaderText(it.AbbreviatedStatement),
		Notes:                casefile.ReaderText(it.Notes),
		ConceptKeywords:      it.ConceptKeywords,
		AlternativeLabel:     casefile.ReaderText(it.AlternativeLabel),
		FrameworkTitle:       fw.Title,
		HumanCodingScheme:    it.HumanCodingScheme,
		Framework:            fw.Identifier,
		Subject:              it.Subject,
		EducationLevel:       it.EducationLevel,
		HasLevel:             "n",
		ItemType:             it.CFItemType,
		Language:             it.Language,
		AdoptionStatus:       fw.AdoptionStatus,
		OriginNode:           fw.Provenance.OriginNode,
	}
	if len(d.Subject) == 0 {
		d.Subject = fw.Subject
	}
	if d.Language == "" {
		d.Language = fw.Language
	}
	if d.ItemType == "" && it.CFItemTypeURI != nil {
		d.ItemType = it.CFItemTypeURI.Title
	}
	if d.OriginNode == "" {
		d.OriginNode = originLocal
	}
	if len(d.EducationLevel) > 0 {
		d.HasLevel = "y"
	}
	facets := facetValues(&d)
	d.FacetSet = facetSetKey(facets)
	return d, facets
}

// facetValues lists every facet value of d as "name\x1fvalue".
func facetValues(d *itemDoc) []string {
	var out []string
	add := func(name string, vals ...string) {
		for _, v := range vals {
			if v != "" {
				out = append(out, name+facetSep+v)
			}
		}
	}
	add(casefile.FacetFramework, d.Framework)
	add(casefile.FacetSubject, d.Subject...)
	add(casefile.FacetEducationLevel, d.EducationLevel...)
	add(casefile.FacetItemType, d.ItemType)
	add(casefile.FacetLanguage, d.Language)
	add(casefile.FacetAdoptionStatus, d.AdoptionStatus)
	add(casefile.FacetOriginNode, d.OriginNode)
	return out
}
