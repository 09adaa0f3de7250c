package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Store is what the server reads from (*store.DB satisfies it).
type Store interface {
	Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error)
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	Documents(ctx context.Context) ([]casefile.Document, error)
	Document(ctx context.Context, id string) (*casefile.Document, error)
	Package(ctx context.Context, id string) (*casefile.Package, error)
	PackageVersion(ctx context.Context, id string) (hash string, lastChange time.Time, err error)
	Item(ctx context.Context, id string) (*casefile.Item, error)
	ItemAssociations(ctx context.Context, itemID string) ([]casefile.Association, error)
	Association(ctx context.Context, id string) (*casefile.Association, error)
	Concept(ctx context.Context, id string) ([]casefile.Concept, error)
	Subject(ctx context.Context, id string) ([]casefile.Subject, error)
	ItemType(ctx context.Context, id string) ([]casefile.ItemType, error)
	License(ctx context.Context, id string) (*casefile.License, error)
	AssociationGrouping(ctx context.Context, id string) (*casefile.AssociationGrouping, error)
	Rubric(ctx context.Context, id string) (*casefile.Rubric, error)
	LastSeq(ctx context.Context) (int64, error)
	Changes(ctx context.Context, since int64, limit int) ([]casefile.Change, error)
	Diffs(ctx context.Context, framework string) ([]casefile.FrameworkDiff, error)
	// Generation moves whenever a write commits (store.DB.Generation); the
	// response cache keeps answers for one generation.
	Generation() uint64
}

// Searcher answers competency searches (*search.Index satisfies it).
type Searcher interface {
	Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error)
	Align(ctx context.Context, text string, req casefile.SearchRequest) (*casefile.SearchResult, error)
	// Generation moves whenever an answer may have changed (a write to the
	// store, changes applied to the index): local search answers are kept
	// for one generation.
	Generation() uint64
}

// Importer is the node's one import path (cmd/casenode's importer).
type Importer interface {
	ImportWith(ctx context.Context, r io.Reader, prov casefile.Provenance, opts casefile.ImportOptions) ([]casefile.ImportResult, error)
	Delete(ctx context.Context, framework string) error
}

// Fetcher GETs a document to import from an http(s) URL, under the node's
// outbound rules (address rule, redirects, timeouts, size cap).
type Fetcher interface {
	Fetch(ctx context.Context, url string) (io.ReadCloser, casefile.Provenance, error)
}

// Reindexer rebuilds the search index (*search.Index satisfies it).
type Reindexer interface {
	Rebuild(ctx context.Context) error
}

// Federation is the peer service (*federation.Service satisfies it).
type Federation interface {
	NodeInfo(ctx context.Context) (casefile.NodeInfo, error)
	AddPeer(ctx context.Context, p casefile.Peer) (casefile.Peer, error)
	Peers(ctx context.Context) ([]casefile.Peer, error)
	RemovePeer(ctx context.Context, name string) error
	Sync(ctx context.Context, name string) ([]casefile.SyncReport, error)
	Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error)
	SearchPeers(ctx context.Context, req casefile.SearchRequest) ([]casefile.SearchHit, []casefile.PeerStatus)
}

// peerCredentialAdder is the optional federation method for peers that
// require OAuth client credentials.
type peerCredentialAdder interface {
	AddPeerWithCredentials(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials) (casefile.Peer, error)
}

// Crosswalker computes and exports crosswalks (*crosswalk.Service satisfies it).
type Crosswalker interface {
	Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error)
	WriteCSV(w io.Writer, cw *casefile.Crosswalk) error
	ExportPackage(ctx context.Context, cw *casefile.Crosswalk) (*casefile.Package, error)
}

// SheetWriter writes a framework as a spreadsheet (sheet.Writer satisfies it).
type SheetWriter interface {
	WriteCSV(w io.Writer, pkg *casefile.Package) error
	WriteXLSX(w io.Writer, pkg *casefile.Package) error
}

// Reviewer applies reviewed crosswalk CSVs (sheet.Reviews satisfies it).
type Reviewer interface {
	ApplyReview(ctx context.Context, data []byte, name, by string) ([]casefile.ReviewOutcome, error)
}

// Config configures a Server. Store is required; Search, Importer, Auth and
// Reindexer are needed by the routes that use them (they answer 404 "not
// enabled" when nil), as are Federation and Crosswalk.
type Config struct {
	BaseURL     string // public base URL, e.g. "https://case.example.org" (no trailing slash)
	Name        string // node name for /api/v1/node when Federation is nil
	Version     string // software version for /api/v1/node when Federation is nil
	RequireAuth bool   // every read needs casefile.ScopeRead
	Log         *slog.Logger

	Store      Store
	Search     Searcher
	Importer   Importer
	Reindexer  Reindexer
	Federation Federation
	Crosswalk  Crosswalker
	Sheets     SheetWriter // CSV and XLSX exports; nil: JSON only
	Reviews    Reviewer    // reviewed crosswalk CSV uploads; nil: not enabled
	Auth       *Auth
	// Credentials builds OB 3.0 Achievements and resolves learners'
	// credentials (*credential.Service satisfies it; see api_credentials.go).
	Credentials Credentials

	GraphQL http.Handler // mounted at /graphql (GET and POST)
	MCP     http.Handler // mounted at /mcp (streamable HTTP; reads as `read` routes, tools check admin)
	Web     http.Handler // mounted at / for everything not matched

	// MaxConcurrent bounds handlers at work at once (a request counts once
	// its body is read); more answer 429 (default 256).
	MaxConcurrent int
	// MaxPerClient bounds the requests one client address has in flight,
	// body reading included; more answer 429 (default MaxConcurrent/8, at least 4).
	MaxPerClient int
	// RatePerSecond and RateBurst configure a token bucket per client
	// address; 0 disables it.
	RatePerSecond float64
	RateBurst     int
	// HeaderTimeout bounds reading a request's headers (default 10 s).
	HeaderTimeout time.Duration
	// BodyTimeout bounds reading a request body of at most MaxBodyBytes
	// (default 30 s); a body not received in time answers 408.
	BodyTimeout time.Duration
	// MaxImportBytes caps POST /api/v1/import bodies (default 512 MB); the
	// node gives its Fetcher the same cap.
	MaxImportBytes int64
	// MaxBodyBytes caps every other request body (default 1 MB).
	MaxBodyBytes int64
	// PackageCacheBytes bounds the encoded CFPackage cache (default 256 MB).
	PackageCacheBytes int64
	// Fetcher fetches {"url": …} imports: the node's one guarded outbound
	// client (*importer.Client). Without one, URL imports are not enabled.
	Fetcher Fetcher
}

func (c *Config) applyDefaults() {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 256
	}
	if c.MaxPerClient <= 0 {
		c.MaxPerClient = max(4, c.MaxConcurrent/8)
	}
	if c.HeaderTimeout <= 0 {
		c.HeaderTimeout = 10 * time.Second
	}
	if c.BodyTimeout <= 0 {
		c.BodyTimeout = 30 * time.Second
	}
	if c.MaxImportBytes <= 0 {
		c.MaxImportBytes = 512 << 20
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.PackageCacheBytes <= 0 {
		c.PackageCacheBytes = 256 << 20
	}
	if c.Name == "" {
		c.Name = "casenode"
	}
	for len(c.BaseURL) > 0 && c.BaseURL[len(c.BaseURL)-1] == '/' {
		c.BaseURL = c.BaseURL[:len(c.BaseURL)-1]
	}
}
