// Package crosswalk maps the items of one framework to another: explicit
// associations between them, links through a third framework, and
// suggestions from text similarity, with coverage figures, CSV and CASE
// exports, and accepting a suggestion as a real CASE association stored in
// this node's crosswalk document.
package crosswalk

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync"

	"github.com/casenode/casenode/casefile"
)

// Store is what the crosswalk reads (*store.DB satisfies it).
type Store interface {
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	ItemsOf(ctx context.Context, framework string) ([]casefile.Item, error)
	Items(ctx context.Context, ids []string) ([]casefile.Item, error)
	Item(ctx context.Context, id string) (*casefile.Item, error)
	ItemByURI(ctx context.Context, uri string) (*casefile.Item, error)
	AssociationsFor(ctx context.Context, nodeIDs []string) (map[string][]casefile.Association, error)
	Association(ctx context.Context, id string) (*casefile.Association, error)
	Package(ctx context.Context, id string) (*casefile.Package, error)
	LastSeq(ctx context.Context) (int64, error)
	ItemFramework(ctx context.Context, ids []string) (map[string]string, error)
	Decisions
}

// Similarity finds items of a target framework resembling an item
// (*search.Index satisfies it).
type Similarity interface {
	Similar(ctx context.Context, it *casefile.Item, target string, size int) ([]casefile.SearchHit, error)
}

// Importer is the node's one import path (decode → store → index).
type Importer interface {
	Import(ctx context.Context, r io.Reader, prov casefile.Provenance) ([]casefile.ImportResult, error)
	Delete(ctx context.Context, framework string) error
}

// Config wires a Crosswalker.
type Config struct {
	Store    Store
	Search   Similarity // nil: no suggestions
	Importer Importer   // nil: Accept and RemoveAssociation answer unavailable
	// BaseURL of this node; the crosswalk document's identifier and uris derive from it.
	BaseURL string
	// Workers bounds the parallel similarity queries (default max(4, CPUs)).
	Workers int
	Log     *slog.Logger
}

// Crosswalker computes crosswalks and stores accepted links. It is safe for
// concurrent use; writes to the crosswalk document are serialised.
type Crosswalker struct {
	store    Store
	search   Similarity
	importer Importer
	baseURL  string
	docID    string
	workers  int
	log      *slog.Logger
	writeMu  sync.Mutex
	cache    cache
}

// New returns a Crosswalker for cfg.
func New(cfg Config) (*Crosswalker, error) {
	if cfg.Store == nil {
		return nil, errors.New("crosswalk: a store is required")
	}
	base := strings.TrimRight(cfg.BaseURL, "/")
	if base == "" {
		return nil, errors.New("crosswalk: the node base URL is required")
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = max(4, runtime.GOMAXPROCS(0)) // 4 measured faster than 2 on 2 cores (BenchmarkCrosswalkTEKSToCCSS)
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Crosswalker{
		store:    cfg.Store,
		search:   cfg.Search,
		importer: cfg.Importer,
		baseURL:  base,
		docID:    DocumentID(base),
		workers:  workers,
		log:      log,
	}, nil
}

// DocumentID is the identifier of the crosswalk CFDocument of the node at
// baseURL: a name-based UUID, so the same node always gets the same one.
func DocumentID(baseURL string) string {
	return casefile.NameUUID("casenode-crosswalk:" + strings.TrimRight(baseURL, "/"))
}

// CrosswalkDocument returns the identifier of this node's crosswalk CFDocument.
func (c *Crosswalker) CrosswalkDocument() string { return c.docID }

// Crosswalk maps every item of source (or opt.Items) to the items of target.
func (c *Crosswalker) Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error) {
	if source == "" || target == "" {
		return nil, casefile.Errorf(casefile.Invalid, "a crosswalk needs a source and a target framework")
	}
	if source == target {
		return nil, casefile.Errorf(casefile.Invalid, "source and target must be different frameworks")
	}
	if opt.MinScore < 0 || opt.MinScore > 1 {
		return nil, casefile.Errorf(casefile.Invalid, "minScore must be between 0 and 1")
	}
	if opt.MaxSuggestion <= 0 {
		opt.MaxSuggestion = DefaultSuggestions
	}
	if opt.MaxSuggestion > MaxSuggestions {
		return nil, casefile.Errorf(casefile.Invalid, "at most %d suggestions per item", MaxSuggestions)
	}
	return c.cached(ctx, source, target, opt, func() (*casefile.Crosswalk, error) {
		return c.compute(ctx, source, target, opt)
	})
}

// compute builds the crosswalk: explicit and transitive links, then suggestions.
func (c *Crosswalker) compute(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error) {
	cw, srcItems, tgtItems, err := c.load(ctx, source, target, opt.Items)
	if err != nil {
		return nil, err
	}
	rows, err := c.linked(ctx, srcItems, tgtItems)
	if err != nil {
		return nil, err
	}
	if opt.Suggest && c.search != nil {
		rejected, err := c.rejected(ctx, source, target)
		if err != nil {
			return nil, err
		}
		if err := c.suggest(ctx, srcItems, target, rows, rejected, opt); err != nil {
			return nil, err
		}
	}
	for i := range rows {
		sortMatches(rows[i].Matches)
	}
	cw.Rows = rows
	cw.Coverage = coverage(rows)
	return cw, nil
}

// Limits of one crosswalk request.
const (
	DefaultSuggestions = 3
	MaxSuggestions     = 20
)

// load reads both frameworks and the source items (all, or the requested ones).
func (c *Crosswalker) load(ctx context.Context, source, target string, only []string) (*casefile.Crosswalk, []casefile.Item, []casefile.Item, error) {
	src, err := c.store.Framework(ctx, source)
	if err != nil {
		return nil, nil, nil, err
	}
	tgt, err := c.store.Framework(ctx, target)
	if err != nil {
		return nil, nil, nil, err
	}
	srcItems, err := c.store.ItemsOf(ctx, source)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(only) > 0 {
		srcItems = restrict(srcItems, only)
	}
	tgtItems, err := c.store.ItemsOf(ctx, target)
	if err != nil {
		return nil, nil, nil, err
	}
	return &casefile.Crosswalk{Source: src, Target: tgt}, srcItems, tgtItems, nil
}

// restrict keeps the items named (by identifier, uri or code) in only, in framework order.
func restrict(items []casefile.Item, only []string) []casefile.Item {
	want := make(map[string]bool, len(only))
	for _, s := range only {
		want[strings.ToLower(s)] = true
	}
	var out []casefile.Item
	for _, it := range items {
		if want[strings.ToLower(it.Identifier)] || (it.URI != "" && want[strings.ToLower(it.URI)]) ||
			(it.HumanCodingScheme != "" && want[strings.ToLower(it.HumanCodingScheme)]) {
			out = append(out, it)
		}
	}
	return out
}
