package graphql

import (
	"context"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// loader is the per-request cache and batcher. Items reached through the same
// list field form a group; the first item of a group asked for its children,
// associations, parents or framework loads them for the whole group in one
// store call, and the results form the next group. A nested query therefore
// costs a few store calls per level, not one per item.
type loader struct {
	store Store
	// shared holds what requests share for one store generation; gen is the
	// generation read as the request began, before any of its reads.
	shared *shared
	gen    uint64
	mu     sync.Mutex
	items  map[string]*casefile.Item
	kids   map[string][]casefile.Item
	links  map[string][]casefile.Association
	fwOf   map[string]string

	frameworks memo[casefile.FrameworkInfo]
	documents  memo[*casefile.Document]
	packages   memo[*casefile.Package]
	itemPages  memo[itemPage]
	roots      memo[[]casefile.Item]
	ancestors  memo[[]casefile.LinkURI]
	crosswalks memo[*casefile.Crosswalk]
}

func newLoader(s Store, sh *shared) *loader {
	return &loader{
		store:  s,
		shared: sh,
		gen:    s.Generation(),
		items:  map[string]*casefile.Item{},
		kids:   map[string][]casefile.Item{},
		links:  map[string][]casefile.Association{},
		fwOf:   map[string]string{},
	}
}

type loaderKey struct{}

func withLoader(ctx context.Context, l *loader) context.Context {
	return context.WithValue(ctx, loaderKey{}, l)
}

func loaderFrom(ctx context.Context) *loader {
	return ctx.Value(loaderKey{}).(*loader)
}

// memo caches one value per key for the request; concurrent callers of the
// same key wait for a single load.
type memo[V any] struct {
	mu sync.Mutex
	m  map[string]*memoEntry[V]
}

type memoEntry[V any] struct {
	once sync.Once
	v    V
	err  error
}

func (m *memo[V]) get(key string, load func() (V, error)) (V, error) {
	m.mu.Lock()
	if m.m == nil {
		m.m = map[string]*memoEntry[V]{}
	}
	e := m.m[key]
	if e == nil {
		e = &memoEntry[V]{}
		m.m[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v, e.err = load() })
	return e.v, e.err
}

// group is a set of items reached by the same list field.
type group struct {
	l                                          *loader
	ids                                        []string
	hydrate, children, links, parents, framesW step
}

// step is one batch load of a group; next is the group of what it loaded.
type step struct {
	once sync.Once
	err  error
	next *group
}

func (s *step) run(f func() (*group, error)) (*group, error) {
	s.once.Do(func() { s.next, s.err = f() })
	return s.next, s.err
}

// newGroup returns a group of ids, caching the items given.
func (l *loader) newGroup(items []casefile.Item) *group {
	g := &group{l: l, ids: make([]string, len(items))}
	l.mu.Lock()
	for i := range items {
		it := &items[i]
		g.ids[i] = it.Identifier
		if _, ok := l.items[it.Identifier]; !ok {
			l.items[it.Identifier] = it
		}
	}
	l.mu.Unlock()
	return g
}

// idGroup returns a group of identifiers whose items are loaded on demand.
func (l *loader) idGroup(ids []string) *group {
	return &group{l: l, ids: dedupeIDs(ids)}
}

func dedupeIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// missing returns the ids of g not yet in cache (under l.mu).
func (l *loader) missing(ids []string, cache func(string) bool) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, id := range ids {
		if !cache(id) {
			out = append(out, id)
		}
	}
	return out
}

// item returns the cached item id, loading the whole group's items first.
func (g *group) item(ctx context.Context, id string) (*casefile.Item, error) {
	l := g.l
	_, err := g.hydrate.run(func() (*group, error) {
		need := l.missing(g.ids, func(id string) bool { _, ok := l.items[id]; return ok })
		if len(need) == 0 {
			return nil, nil
		}
		items, err := l.store.Items(ctx, need)
		if err != nil {
			return nil, err
		}
		l.newGroup(items)
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.items[id], nil
}

// childrenOf returns the children of id, loading them for the whole group.
func (g *group) childrenOf(ctx context.Context, id string) ([]casefile.Item, *group, error) {
	l := g.l
	next, err := g.children.run(func() (*group, error) {
		need := l.missing(g.ids, func(id string) bool { _, ok := l.kids[id]; return ok })
		if len(need) > 0 {
			res, err := l.store.Children(ctx, need)
			if err != nil {
				return nil, err
			}
			l.mu.Lock()
			for _, p := range need {
				l.kids[p] = res[p]
			}
			l.mu.Unlock()
		}
		var all []casefile.Item
		l.mu.Lock()
		for _, p := range g.ids {
			all = append(all, l.kids[p]...)
		}
		l.mu.Unlock()
		return l.newGroup(all), nil
	})
	if err != nil {
		return nil, nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.kids[id], next, nil
}

// linksOf returns the associations of id (both directions, any framework),
// loading them for the whole group; the next group holds every end.
func (g *group) linksOf(ctx context.Context, id string) ([]casefile.Association, *group, error) {
	l := g.l
	next, err := g.links.run(func() (*group, error) {
		need := l.missing(g.ids, func(id string) bool { _, ok := l.links[id]; return ok })
		if len(need) > 0 {
			res, err := l.store.AssociationsFor(ctx, need)
			if err != nil {
				return nil, err
			}
			l.mu.Lock()
			for _, n := range need {
				l.links[n] = res[n]
			}
			l.mu.Unlock()
		}
		var ends []string
		l.mu.Lock()
		for _, n := range g.ids {
			for _, a := range l.links[n] {
				ends = append(ends, a.OriginNodeURI.Identifier, a.DestinationNodeURI.Identifier)
			}
		}
		l.mu.Unlock()
		return l.idGroup(ends), nil
	})
	if err != nil {
		return nil, nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.links[id], next, nil
}

// parentsOf returns the items id isChildOf, loading parents for the whole group.
func (g *group) parentsOf(ctx context.Context, it *casefile.Item) ([]string, *group, error) {
	l := g.l
	next, err := g.parents.run(func() (*group, error) {
		var ids []string
		for _, id := range g.ids {
			links, _, err := g.linksOf(ctx, id)
			if err != nil {
				return nil, err
			}
			ids = append(ids, parentIDs(links, id)...)
		}
		pg := l.idGroup(ids)
		if len(pg.ids) > 0 {
			if _, err := pg.item(ctx, pg.ids[0]); err != nil {
				return nil, err
			}
		}
		return pg, nil
	})
	if err != nil {
		return nil, nil, err
	}
	links, _, err := g.linksOf(ctx, it.Identifier)
	if err != nil {
		return nil, nil, err
	}
	return parentIDs(links, it.Identifier), next, nil
}

func parentIDs(links []casefile.Association, id string) []string {
	var out []string
	for _, a := range links {
		if a.AssociationType == casefile.IsChildOf && a.OriginNodeURI.Identifier == id {
			out = append(out, a.DestinationNodeURI.Identifier)
		}
	}
	return out
}

// frameworkOf returns the framework identifier of id, loading it for the group.
func (g *group) frameworkOf(ctx context.Context, id string) (string, error) {
	l := g.l
	_, err := g.framesW.run(func() (*group, error) {
		need := l.missing(g.ids, func(id string) bool { _, ok := l.fwOf[id]; return ok })
		if len(need) == 0 {
			return nil, nil
		}
		res, err := l.store.ItemFramework(ctx, need)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		for _, n := range need {
			l.fwOf[n] = res[n]
		}
		l.mu.Unlock()
		return nil, nil
	})
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.fwOf[id], nil
}
