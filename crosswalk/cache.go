package crosswalk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// cacheSize is how many computed crosswalks a Crosswalker keeps.
const cacheSize = 8

// cache keeps the last crosswalks computed, keyed by their arguments and
// valid while the node's change sequence and the crosswalk decisions have
// not moved: any import or delete (of either framework, of a third
// framework, of the crosswalk document) or decision may change the result,
// so it invalidates every entry. Paging
// through a crosswalk (GraphQL, the compare page) then costs one computation.
type cache struct {
	mu      sync.Mutex
	entries []cacheEntry // most recent last
}

type cacheEntry struct {
	key string
	seq version
	cw  *casefile.Crosswalk
}

// version is the state of the node a crosswalk was computed from.
type version struct{ changes, decisions int64 }

func cacheKey(source, target string, opt casefile.CrosswalkOptions) string {
	items := slices.Clone(opt.Items)
	slices.Sort(items)
	return fmt.Sprintf("%s|%s|%v|%v|%g|%d|%s", source, target, opt.Suggest, opt.IncludeHeadings, opt.MinScore, opt.MaxSuggestion, strings.Join(items, ","))
}

func (c *cache) get(key string, seq version) *casefile.Crosswalk {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.key == key && e.seq == seq {
			c.entries = append(slices.Delete(c.entries, i, i+1), e)
			return clone(e.cw)
		}
	}
	return nil
}

func (c *cache) put(key string, seq version, cw *casefile.Crosswalk) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = slices.DeleteFunc(c.entries, func(e cacheEntry) bool { return e.key == key || e.seq != seq })
	if len(c.entries) >= cacheSize {
		c.entries = c.entries[1:]
	}
	c.entries = append(c.entries, cacheEntry{key: key, seq: seq, cw: clone(cw)})
}

// clone copies the rows so that a caller changing its crosswalk (appending
// matches, re-sorting rows) never changes the cached one.
func clone(cw *casefile.Crosswalk) *casefile.Crosswalk {
	out := *cw
	out.Rows = make([]casefile.CrosswalkRow, len(cw.Rows))
	for i, r := range cw.Rows {
		r.Matches = slices.Clone(r.Matches)
		out.Rows[i] = r
	}
	return &out
}

// cached returns the crosswalk from the cache, or computes and caches it.
// One computation serves every threshold: it is made and kept with every
// suggestion (MinScore 0) and the suggestions under opt.MinScore are left
// out of the answer (the compare page's score filter costs no new
// computation). compute is called with the options to compute.
func (c *Crosswalker) cached(ctx context.Context, source, target string, opt casefile.CrosswalkOptions,
	compute func(casefile.CrosswalkOptions) (*casefile.Crosswalk, error)) (*casefile.Crosswalk, error) {
	all := opt
	all.MinScore = 0
	cw, err := c.cachedAll(ctx, source, target, all, compute)
	if err != nil {
		return nil, err
	}
	return atThreshold(cw, opt), nil
}

// cachedAll is cached for the options of a computation.
func (c *Crosswalker) cachedAll(ctx context.Context, source, target string, opt casefile.CrosswalkOptions,
	compute func(casefile.CrosswalkOptions) (*casefile.Crosswalk, error)) (*casefile.Crosswalk, error) {
	changes, err := c.store.LastSeq(ctx)
	if err != nil {
		return nil, err
	}
	decisions, err := c.store.DecisionClock(ctx)
	if err != nil {
		return nil, err
	}
	seq := version{changes, decisions}
	if len(opt.Items) > 0 {
		// A few items (an item page): answered from the whole crosswalk when
		// it is cached, else computed but not cached, so that per-item
		// requests never push whole crosswalks out.
		whole := opt
		whole.Items = nil
		if cw := c.cache.get(cacheKey(source, target, whole), seq); cw != nil {
			return restrictRows(cw, opt), nil
		}
		return compute(opt)
	}
	key := cacheKey(source, target, opt)
	if cw := c.cache.get(key, seq); cw != nil {
		return cw, nil
	}
	cw, err := compute(opt)
	if err != nil {
		return nil, err
	}
	c.cache.put(key, seq, cw)
	return cw, nil
}

// restrictRows keeps the rows of the items opt names (as restrict does for
// items) and counts their coverage.
func restrictRows(cw *casefile.Crosswalk, opt casefile.CrosswalkOptions) *casefile.Crosswalk {
	want := make(map[string]bool, len(opt.Items))
	for _, s := range opt.Items {
		want[strings.ToLower(s)] = true
	}
	out := *cw
	out.Rows = nil
	for _, r := range cw.Rows {
		if want[strings.ToLower(r.Source.Identifier)] || (r.Source.URI != "" && want[strings.ToLower(r.Source.URI)]) ||
			(r.Code != "" && want[strings.ToLower(r.Code)]) {
			out.Rows = append(out.Rows, r)
		}
	}
	out.Coverage = coverage(out.Rows, opt.IncludeHeadings)
	return &out
}

// atThreshold leaves out of cw (a copy the caller owns) the suggestions
// scoring under opt.MinScore and counts the coverage again. A crosswalk
// computed at MinScore 0 gives, row by row, the same suggestions as one
// computed at opt.MinScore: an item's suggestions come in order of their
// shown score, which never rises along the list (suggest.go, calibrate).
func atThreshold(cw *casefile.Crosswalk, opt casefile.CrosswalkOptions) *casefile.Crosswalk {
	if opt.MinScore <= 0 {
		return cw
	}
	for i := range cw.Rows {
		cw.Rows[i].Matches = slices.DeleteFunc(cw.Rows[i].Matches, func(m casefile.CrosswalkMatch) bool {
			return m.Kind == casefile.MatchSuggested && m.Score < opt.MinScore
		})
	}
	cw.Coverage = coverage(cw.Rows, opt.IncludeHeadings)
	return cw
}
