package web

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Store is what the pages read from the node's database (*store.DB satisfies it).
type Store interface {
	Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error)
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	Document(ctx context.Context, id string) (*casefile.Document, error)
	Package(ctx context.Context, id string) (*casefile.Package, error)
	Item(ctx context.Context, id string) (*casefile.Item, error)
	ItemByURI(ctx context.Context, uri string) (*casefile.Item, error)
	Items(ctx context.Context, ids []string) ([]casefile.Item, error)
	ItemFramework(ctx context.Context, ids []string) (map[string]string, error)
	ItemAssociations(ctx context.Context, itemID string) ([]casefile.Association, error)
	Children(ctx context.Context, parentIDs []string) (map[string][]casefile.Item, error)
	Ancestors(ctx context.Context, itemID string) ([]casefile.LinkURI, error)
	Diffs(ctx context.Context, framework string) ([]casefile.FrameworkDiff, error)
}

// Searcher runs competency searches (*search.Index satisfies it).
type Searcher interface {
	Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error)
}

// Crosswalker computes crosswalks and records accepted and rejected
// suggestions (the crosswalk service satisfies it).
type Crosswalker interface {
	Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error)
	WriteCSV(w io.Writer, cw *casefile.Crosswalk) error
	Accept(ctx context.Context, sourceItem, targetItem, associationType, acceptedBy string) (*casefile.Association, error)
	Reject(ctx context.Context, sourceItem, targetItem, rejectedBy string) (*casefile.CrosswalkDecision, error)
	Restore(ctx context.Context, sourceItem, targetItem string) error
	Rejections(ctx context.Context, source, target string) ([]casefile.CrosswalkDecision, error)
}

// Federation is the part of the federation service the pages use: peers,
// conflicts, live search of peers, and items held on peers (the federation
// service satisfies it).
type Federation interface {
	Peers(ctx context.Context) ([]casefile.Peer, error)
	Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error)
	SearchPeers(ctx context.Context, req casefile.SearchRequest) ([]casefile.SearchHit, []casefile.PeerStatus)
	ResolveLink(ctx context.Context, uri string) (*casefile.Item, error)
}

// TokenIssuer exchanges client credentials for a bearer token (*server.Auth
// satisfies it). The login form stores the token in the casenode_token cookie,
// which the server's middleware turns into a casefile.Principal.
type TokenIssuer interface {
	Issue(ctx context.Context, clientID, secret string) (token string, scopes []string, expires time.Time, err error)
}

// Deps is what New needs. Store and Search are required; Crosswalk,
// Federation and Auth may be nil, and the pages that need them then say the
// feature is not available on this node.
type Deps struct {
	Store      Store
	Search     Searcher
	Crosswalk  Crosswalker
	Federation Federation
	Importer   Importer // the upload form for admins; nil: no form
	// SheetExport says the node's API exports frameworks as CSV and XLSX
	// (GET /api/v1/frameworks/{id}/export): framework pages link them.
	SheetExport bool
	Auth        TokenIssuer
	// Credentials reads learners' credentials for /credentials (nil: the
	// page says it is not enabled).
	Credentials Credentials
	// BaseURL is the node's public base URL; an https URL marks the session
	// cookie Secure.
	BaseURL string
	// RequireAuth mirrors the server's setting: every page but /login and the
	// static files then needs a principal with casefile.ScopeRead, and a
	// visitor without one is sent to the login form.
	RequireAuth bool
	// NodeName is shown in the page header; "" shows "casenode".
	NodeName string
	Log      *slog.Logger
	// ResolveTimeout bounds resolving links through peers on an item page;
	// 0 means 3 seconds.
	ResolveTimeout time.Duration
}
