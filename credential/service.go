package credential

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Store is what the service reads (*store.DB satisfies it).
type Store interface {
	Item(ctx context.Context, id string) (*casefile.Item, error)
	ItemByURI(ctx context.Context, uri string) (*casefile.Item, error)
	Document(ctx context.Context, id string) (*casefile.Document, error)
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	RubricHolding(ctx context.Context, id string) (*casefile.Rubric, string, error)
	AssociationsFor(ctx context.Context, nodeIDs []string) (map[string][]casefile.Association, error)
	Items(ctx context.Context, ids []string) ([]casefile.Item, error)
}

// Peers resolves a uri to a CFItem held live by a peer
// (*federation.Service satisfies it).
type Peers interface {
	ResolveLink(ctx context.Context, uri string) (*casefile.Item, error)
}

// PeerDocuments optionally fetches a peer's CFDocument, for the publisher of
// a framework this node does not hold (*federation.Service satisfies it).
type PeerDocuments interface {
	ResolveDocument(ctx context.Context, itemURI, documentID string) (*casefile.Document, error)
}

// Crosswalker maps items of a held framework to a target framework
// (*crosswalk.Crosswalker satisfies it).
type Crosswalker interface {
	Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error)
}

// Similarity finds the items of a target framework whose text is close to
// an item's (*search.Index satisfies it); it suggests counterparts for items
// this node does not hold.
type Similarity interface {
	Similar(ctx context.Context, it *casefile.Item, target string, size int) ([]casefile.SearchHit, error)
}

// Config configures a Service. Store is required; without Peers, alignments
// to other nodes stay unresolved; without Crosswalk and Similar no
// counterparts are given.
type Config struct {
	BaseURL   string
	Store     Store
	Peers     Peers
	Crosswalk Crosswalker
	Similar   Similarity
	Log       *slog.Logger
	// Limits on one credential (defaults: 1 MB, 200 achievements, 500
	// alignments, 20 s for the whole resolution).
	MaxBytes        int
	MaxAchievements int
	MaxAlignments   int
	Timeout         time.Duration
}

// Service builds Achievements and resolves credentials.
type Service struct {
	cfg Config
	b   Builder
}

// New returns the service.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, errors.New("credential: Store is required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 1 << 20
	}
	if cfg.MaxAchievements <= 0 {
		cfg.MaxAchievements = 200
	}
	if cfg.MaxAlignments <= 0 {
		cfg.MaxAlignments = 500
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	return &Service{cfg: cfg, b: Builder{BaseURL: cfg.BaseURL}}, nil
}

// Achievement returns the OB 3.0 Achievement standing for the CFItem,
// CFDocument, CFRubric, CFRubricCriterion or CFRubricCriterionLevel whose
// identifier is id (NotFound for anything else).
func (s *Service) Achievement(ctx context.Context, id string) (*casefile.Achievement, error) {
	it, err := s.cfg.Store.Item(ctx, id)
	if err == nil {
		fw, err := s.framework(ctx, it.CFDocumentURI)
		if err != nil {
			return nil, err
		}
		a := s.b.ForItem(it, fw)
		return &a, nil
	}
	if !notFound(err) {
		return nil, err
	}
	if d, err := s.cfg.Store.Document(ctx, id); err == nil {
		a := s.b.ForDocument(d)
		return &a, nil
	} else if !notFound(err) {
		return nil, err
	}
	r, fwID, err := s.cfg.Store.RubricHolding(ctx, id)
	if err != nil {
		if notFound(err) {
			return nil, casefile.Errorf(casefile.NotFound, "no item, framework or rubric with identifier %s", id)
		}
		return nil, err
	}
	fw, err := s.framework(ctx, &casefile.LinkURI{Identifier: fwID})
	if err != nil {
		return nil, err
	}
	a := s.rubricAchievement(r, id, fw)
	return &a, nil
}

// rubricAchievement is the Achievement of the rubric, or of its criterion or
// level whose identifier (or original identifier) is id.
func (s *Service) rubricAchievement(r *casefile.Rubric, id string, fw Framework) casefile.Achievement {
	for i := range r.CFRubricCriteria {
		c := &r.CFRubricCriteria[i]
		if c.Identifier == id || c.OriginalIdentifier == id {
			return s.b.ForCriterion(c, fw)
		}
		for j := range c.CFRubricCriterionLevels {
			if l := &c.CFRubricCriterionLevels[j]; l.Identifier == id || l.OriginalIdentifier == id {
				return s.b.ForLevel(c, l, fw)
			}
		}
	}
	return s.b.ForRubric(r, fw)
}

// framework describes the held framework doc links to (what the link says
// when it is not held).
func (s *Service) framework(ctx context.Context, doc *casefile.LinkURI) (Framework, error) {
	if doc == nil || doc.Identifier == "" {
		return Framework{}, nil
	}
	fi, err := s.cfg.Store.Framework(ctx, doc.Identifier)
	if notFound(err) {
		return Framework{Identifier: doc.Identifier, URI: doc.URI, Title: doc.Title}, nil
	}
	if err != nil {
		return Framework{}, err
	}
	return FrameworkOf(fi), nil
}

func notFound(err error) bool {
	c := casefile.ErrorCode(err)
	return c == casefile.NotFound || c == casefile.Invalid
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }

// ItemAchievement is the Achievement of an item whose framework the caller
// already has (GraphQL resolves many items of one framework at once).
func (s *Service) ItemAchievement(it *casefile.Item, fw casefile.FrameworkInfo) casefile.Achievement {
	return s.b.ForItem(it, FrameworkOf(fw))
}
