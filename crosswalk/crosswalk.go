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
	AssociationsOfTypesFor(ctx context.Context, nodeIDs, types []string) (map[string][]casefile.Association, error)
	AssociationsOf(ctx context.Context, framework string) ([]casefile.Association, error)
	Association(ctx context.Context, id string) (*casefile.Association, error)
	Package(ctx context.Context, id string) (*casefile.Package, error)
	LastSeq(ctx context.Context) (int64, error)
	ItemFramework(ctx context.Context, ids []string) (map[string]string, error)
	Decisions
}

// Importer is the node's one import path (decode → store → index).
type Importer interface {
	Import(ctx context.Context, r io.Reader, prov casefile.Provenance) ([]casefile.ImportResult, error)
	Delete(ctx context.Context, framework string) error
}

// Config wires a Crosswalker.
type Config struct {
	Store    Store
	Search   Analyzer // analyses text as the search index does; nil: no suggestions
	Importer Importer // nil: Accept and RemoveAssociation answer unavailable
	// BaseURL of this node; the crosswalk document's identifier and uris derive from it.
	BaseURL string
	Log     *slog.Logger
}

// Crosswalker computes crosswalks and stores accepted links. It is safe for
// concurrent use; writes to the crosswalk document are serialised.
type Crosswalker struct {
	store     Store
	analyzer  Analyzer
	importer  Importer
	baseURL   string
	docID     string
	log       *slog.Logger
	vocab     vocabOnce
	writeMu   sync.Mutex
	cache     cache
	frames    frameCache // each framework's items, tree and analysed text
	shapes    shapeCache // align: the place of each candidate in its framework
	alignDocs alignDocs  // align: the analysed text of candidates
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
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Crosswalker{
		store:    cfg.Store,
		analyzer: cfg.Search,
		importer: cfg.Importer,
		baseURL:  base,
		docID:    DocumentID(base),
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
	return c.cached(ctx, source, target, opt, func(opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error) {
		return c.compute(ctx, source, target, opt)
	})
}

// compute builds the crosswalk: explicit and transitive links, then suggestions.
func (c *Crosswalker) compute(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error) {
	cw, srcFrame, tgtFrame, err := c.load(ctx, source, target)
	if err != nil {
		return nil, err
	}
	allSrc, tgtItems := srcFrame.items, tgtFrame.items
	srcItems := allSrc
	if len(opt.Items) > 0 {
		srcItems = restrict(allSrc, opt.Items)
	}
	// The source items' associations are read once: the explicit and
	// through-third matches and the engine's learning both use them.
	linkedItems := srcItems
	if c.analyzer != nil {
		linkedItems = allSrc
	}
	assocs, err := c.store.AssociationsFor(ctx, identifiers(linkedItems))
	if err != nil {
		return nil, err
	}
	rows, err := c.linked(ctx, srcItems, tgtItems, assocs)
	if err != nil {
		return nil, err
	}
	if c.analyzer != nil {
		rejected, err := c.rejected(ctx, source, target)
		if err != nil {
			return nil, err
		}
		e, err := c.newEngine(ctx, source, target, srcFrame, tgtFrame, rejected, assocs)
		if err != nil {
			return nil, err
		}
		if err := c.suggest(ctx, e, srcItems, rows, opt); err != nil {
			return nil, err
		}
		e.levelMatches(rows)
	}
	for i := range rows {
		sortMatches(rows[i].Matches)
	}
	cw.Rows = rows
	cw.Coverage = coverage(rows, opt.IncludeHeadings)
	return cw, nil
}

// Limits of one crosswalk request.
const (
	DefaultSuggestions = 3
	MaxSuggestions     = 20
)

// load reads both frameworks and their frames (kept while the framework
// is not written again).
func (c *Crosswalker) load(ctx context.Context, source, target string) (*casefile.Crosswalk, *frame, *frame, error) {
	src, err := c.store.Framework(ctx, source)
	if err != nil {
		return nil, nil, nil, err
	}
	tgt, err := c.store.Framework(ctx, target)
	if err != nil {
		return nil, nil, nil, err
	}
	srcFrame, err := c.frameOf(ctx, src)
	if err != nil {
		return nil, nil, nil, err
	}
	tgtFrame, err := c.frameOf(ctx, tgt)
	if err != nil {
		return nil, nil, nil, err
	}
	return &casefile.Crosswalk{Source: src, Target: tgt}, srcFrame, tgtFrame, nil
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

// identifiers lists the items' identifiers.
func identifiers(items []casefile.Item) []string {
	ids := make([]string, len(items))
	for i := range items {
		ids[i] = items[i].Identifier
	}
	return ids
}
