package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bolt "go.etcd.io/bbolt"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/gencache"
)

// Source is what the index reads from (store.DB satisfies it).
type Source interface {
	Changes(ctx context.Context, since int64, limit int) ([]casefile.Change, error)
	LastSeq(ctx context.Context) (int64, error)
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error)
	// ItemsAfter pages through a framework's items (store.DB.ItemsAfter).
	ItemsAfter(ctx context.Context, framework string, after int64, limit int) ([]casefile.Item, int64, error)
	// Items returns the items with these ids, CFDocumentURI naming the
	// framework that holds each.
	Items(ctx context.Context, ids []string) ([]casefile.Item, error)
	Ancestors(ctx context.Context, itemID string) ([]casefile.LinkURI, error)
	AssociationsOf(ctx context.Context, framework string) ([]casefile.Association, error)
	// Generation moves whenever a write commits (store.DB.Generation): hits
	// keep their hydrated items for one generation.
	Generation() uint64
}

// Index is the competency index of one node. Searches go through a
// bleve.IndexAlias that points at the shards of exactly one physical index
// (dir/index-<n>); a rebuild fills a new one and swaps it in.
type Index struct {
	dir   string
	src   Source
	log   *slog.Logger
	cfg   config
	im    *mapping.IndexMappingImpl
	alias bleve.IndexAlias

	// mu guards cur and curName: searches hold it shared for their whole
	// run, a swap holds it exclusively so the old index is closed only once
	// no search uses it.
	mu      sync.RWMutex
	cur     *physical
	curName string

	writeMu   sync.Mutex // serialises writes to the current index (catch-up, swap)
	rebuildMu sync.Mutex // one rebuild at a time

	ranker       atomic.Pointer[Ranker] // orders Align's candidates (SetRanker); nil: the index's score
	frameworks   frameworkCache
	pathCache    pathCache
	items        *gencache.Cache[*casefile.Item] // hydrated hits
	writes       atomic.Uint64                   // changes applied to the index in use, and swaps
	facetSets    facetSets
	facetColumns facetColumns

	bgCancel context.CancelFunc
	bg       sync.WaitGroup
}

// Open opens (or creates) the index in dir. A missing or unreadable index is
// rebuilt from src before Open returns; an index built with another mapping
// version keeps answering while a new one is built in the background. An
// index held by another process is reported as unavailable, never rebuilt.
func Open(dir string, src Source, log *slog.Logger) (*Index, error) {
	return open(dir, src, log, defaultConfig())
}

// OpenUpToDate is Open for a command that has the index to itself and wants
// it complete before going on (import, reindex): an index that must be
// rebuilt (missing, unreadable, another mapping version, outgrown) is rebuilt
// before it returns instead of in the background. built reports whether it
// was, so a caller about to rebuild need not do it twice.
func OpenUpToDate(dir string, src Source, log *slog.Logger) (ix *Index, built bool, err error) {
	return openWith(dir, src, log, defaultConfig(), true)
}

// config is what tests may change about an index.
type config struct {
	version   int // MappingVersion
	perShard  int // most items a shard holds (shardItems)
	maxShards int // most shards (as many as cores, up to maxShards)
}

func defaultConfig() config {
	return config{version: MappingVersion, perShard: shardItems, maxShards: min(runtime.GOMAXPROCS(0), maxShards)}
}

func open(dir string, src Source, log *slog.Logger, cfg config) (*Index, error) {
	ix, _, err := openWith(dir, src, log, cfg, false)
	return ix, err
}

// openWith opens the index; wait rebuilds a stale one before returning.
func openWith(dir string, src Source, log *slog.Logger, cfg config, wait bool) (*Index, bool, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	im, err := newMapping()
	if err != nil {
		return nil, false, casefile.Errorf(casefile.Internal, "search mapping: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, casefile.Errorf(casefile.Internal, "search index directory: %w", err)
	}
	bgCtx, cancel := context.WithCancel(context.Background())
	ix := &Index{dir: dir, src: src, items: newItemCache(), log: log.With("component", "search"),
		cfg: cfg, im: im, alias: bleve.NewIndexAlias(), bgCancel: cancel}
	built, err := ix.start(bgCtx, wait)
	if err != nil {
		cancel()
		ix.closeCurrent()
		return nil, false, err
	}
	return ix, built, nil
}

// start opens the current physical index or builds one; a stale one is
// rebuilt in the background, or before start returns when wait is set.
// It reports whether it built the index.
func (ix *Index) start(ctx context.Context, wait bool) (bool, error) {
	if err := ix.frameworks.load(ctx, ix.src); err != nil {
		return false, err
	}
	name := readCurrent(ix.dir)
	var idx *physical
	if name != "" {
		var err error
		idx, err = openPhysical(filepath.Join(ix.dir, name))
		if errors.Is(err, bolt.ErrTimeout) {
			return false, casefile.Errorf(casefile.Unavailable, "search index %s is in use by another process", ix.dir)
		}
		if err != nil {
			ix.log.Warn("search index unreadable, rebuilding", "dir", name, "err", err)
			idx = nil
		}
	}
	if idx == nil {
		ix.removeStale("")
		return true, ix.Rebuild(ctx)
	}
	ix.install(idx, name)
	ix.removeStale(name)
	stale, err := ix.isStale(ctx, idx)
	if err != nil {
		return false, err
	}
	switch {
	case stale && wait:
		return true, ix.Rebuild(ctx)
	case stale:
		ix.bg.Add(1)
		go func() {
			defer ix.bg.Done()
			if err := ix.Rebuild(ctx); err != nil && ctx.Err() == nil {
				ix.log.Error("search index rebuild failed", "err", err)
			}
		}()
		return false, nil
	}
	return false, ix.CatchUp(ctx)
}

// isStale reports whether idx was built with another mapping version, is
// ahead of the store (the store was replaced), or has fewer shards than the
// items the store now holds call for.
func (ix *Index) isStale(ctx context.Context, idx *physical) (bool, error) {
	v, err := idx.internal(keyVersion)
	if err != nil || string(v) != fmt.Sprint(ix.cfg.version) {
		ix.log.Info("search mapping version changed, rebuilding", "have", string(v), "want", ix.cfg.version)
		return true, nil
	}
	seq, err := indexedSeq(idx)
	if err != nil {
		return true, nil
	}
	last, err := ix.src.LastSeq(ctx)
	if err != nil {
		return false, fmt.Errorf("search: last change: %w", err)
	}
	if seq > last {
		return true, nil
	}
	want, err := ix.shardCount(ctx)
	if err != nil {
		return false, err
	}
	if want > len(idx.shards) {
		ix.log.Info("search index outgrew its shards, rebuilding", "have", len(idx.shards), "want", want)
		return true, nil
	}
	return false, nil
}

// shardCount is the number of shards for the items the source holds.
func (ix *Index) shardCount(ctx context.Context) (int, error) {
	fws, err := ix.src.Frameworks(ctx)
	if err != nil {
		return 0, fmt.Errorf("search: frameworks: %w", err)
	}
	n := 0
	for _, fw := range fws {
		n += fw.Items
	}
	return shardsFor(n, ix.cfg.perShard, ix.cfg.maxShards), nil
}

// install makes idx the index searches go to.
func (ix *Index) install(idx *physical, name string) {
	ix.mu.Lock()
	old := ix.cur
	ix.cur, ix.curName = idx, name
	ix.pathCache.clear()
	ix.writes.Add(1)
	if old != nil {
		ix.alias.Swap(idx.shards, old.shards)
	} else {
		ix.alias.Add(idx.shards...)
	}
	ix.mu.Unlock()
	ix.bg.Add(1)
	go func() {
		defer ix.bg.Done()
		ix.warm()
	}()
	if old != nil {
		if err := old.Close(); err != nil {
			ix.log.Warn("closing replaced search index", "err", err)
		}
	}
}

// current returns the physical index with the shared lock held; call the
// returned release when done.
func (ix *Index) current() (*physical, func()) {
	ix.mu.RLock()
	if ix.cur == nil {
		ix.mu.RUnlock()
		return nil, func() {}
	}
	return ix.cur, ix.mu.RUnlock
}

// Close stops a background rebuild and closes the index.
func (ix *Index) Close() error {
	ix.bgCancel()
	ix.bg.Wait()
	ix.rebuildMu.Lock()
	defer ix.rebuildMu.Unlock()
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	return ix.closeCurrent()
}

func (ix *Index) closeCurrent() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.cur == nil {
		return nil
	}
	ix.alias.Remove(ix.cur.shards...)
	err := ix.cur.Close()
	ix.cur = nil
	if err != nil {
		return casefile.Errorf(casefile.Internal, "closing search index: %w", err)
	}
	return nil
}
