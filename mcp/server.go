// Package mcp is casenode's Model Context Protocol server: the registry's
// search, alignment, item lookup and crosswalk as MCP tools, frameworks and
// items as resources, and a prompt that maps a lesson to standards. It is
// served over streamable HTTP at /mcp (mounted by the server package) and
// over stdio (`casenode mcp`), through the same services and access rules as
// the REST and GraphQL APIs.
package mcp

import (
	"time"

	"context"
	"errors"
	"github.com/casenode/casenode/internal/costbudget"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/casenode/casenode/casefile"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Store is what the tools read (*store.DB satisfies it).
type Store interface {
	Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error)
	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	Document(ctx context.Context, id string) (*casefile.Document, error)
	Package(ctx context.Context, id string) (*casefile.Package, error)
	Item(ctx context.Context, id string) (*casefile.Item, error)
	ItemByURI(ctx context.Context, uri string) (*casefile.Item, error)
	ItemsByCode(ctx context.Context, code string) ([]casefile.Item, error)
	ItemAssociations(ctx context.Context, itemID string) ([]casefile.Association, error)
	Children(ctx context.Context, parentIDs []string) (map[string][]casefile.Item, error)
	Ancestors(ctx context.Context, itemID string) ([]casefile.LinkURI, error)
}

// Searcher answers searches and alignments (*search.Index satisfies it).
type Searcher interface {
	Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error)
	Align(ctx context.Context, text string, req casefile.SearchRequest) (*casefile.SearchResult, error)
}

// Crosswalker computes crosswalks and records decisions on suggested matches
// (*crosswalk.Crosswalker satisfies it).
type Crosswalker interface {
	Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error)
	Accept(ctx context.Context, sourceItem, targetItem, associationType, acceptedBy string) (*casefile.Association, error)
	Reject(ctx context.Context, sourceItem, targetItem, rejectedBy string) (*casefile.CrosswalkDecision, error)
}

// Federation reaches the items held by peers (*federation.Service satisfies it).
type Federation interface {
	ResolveLink(ctx context.Context, uri string) (*casefile.Item, error)
	SearchPeers(ctx context.Context, req casefile.SearchRequest) ([]casefile.SearchHit, []casefile.PeerStatus)
}

// Deps wires the server. Store is required; a nil Search or Crosswalk makes
// the tools that need it answer "unavailable"; with no Federation, only this
// node is searched and resolved.
type Deps struct {
	Store      Store
	Search     Searcher
	Crosswalk  Crosswalker
	Federation Federation
	// BaseURL is the node's public base URL; resource URIs are its CASE 1.1
	// addresses ({BaseURL}/ims/case/v1p1/CFItems/{id}, …).
	BaseURL string
	// RequireAuth makes every read need casefile.ScopeRead, as on the other APIs.
	RequireAuth bool
	Version     string
	Log         *slog.Logger
	// MaxCost and MaxClientCost bound what one call and one client address
	// per CostWindow may spend (defaults as GraphQL's: internal/costbudget).
	MaxCost, MaxClientCost int64
	CostWindow             time.Duration
	Now                    func() time.Time // nil: time.Now
}

// Server is the MCP server over the node's services.
type Server struct {
	deps   Deps
	sdk    *sdk.Server
	ledger *costbudget.Ledger
}

// New returns the MCP server with every tool, resource template and prompt.
func New(deps Deps) (*Server, error) {
	if deps.Store == nil {
		return nil, errors.New("mcp: a store is required")
	}
	deps.BaseURL = strings.TrimRight(deps.BaseURL, "/")
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	deps.MaxCost, deps.MaxClientCost, deps.CostWindow = costbudget.Budgets(deps.MaxCost, deps.MaxClientCost, deps.CostWindow)
	if deps.Now == nil {
		deps.Now = time.Now
	}
	s := &Server{deps: deps, ledger: costbudget.New(deps.MaxClientCost, deps.CostWindow)}
	s.sdk = sdk.NewServer(&sdk.Implementation{Name: "casenode", Title: "casenode CASE registry", Version: deps.Version},
		&sdk.ServerOptions{Instructions: instructions, Logger: deps.Log})
	s.addTools()
	s.addResources()
	s.addPrompts()
	return s, nil
}

const instructions = `casenode holds CASE competency frameworks (standards). Find standards with ` +
	`search_competencies or align_text, read one with get_item or get_framework, compare two frameworks ` +
	`with crosswalk, and turn a code or URI into an item with resolve_alignment. Results are paged: pass ` +
	`nextOffset back as offset. Items and frameworks are also resources at their "resource" URIs (CASE JSON).`

// HTTPHandler serves MCP over streamable HTTP. It is stateless: each request
// is answered with the caller of that request (the principal the server's
// auth middleware put in its context), so a token is checked on every call.
//
// The SDK refuses requests that reach a loopback address under another host
// name (DNS rebinding). A node whose base URL names a public host is meant to
// be reached that way, through a reverse proxy on loopback, so the check is
// kept only for nodes whose base URL is itself loopback.
func (s *Server) HTTPHandler() http.Handler {
	return sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return s.sdk },
		&sdk.StreamableHTTPOptions{Stateless: true, JSONResponse: true, Logger: s.deps.Log,
			DisableLocalhostProtection: !loopbackBase(s.deps.BaseURL)})
}

// loopbackBase tells whether a base URL names this machine (localhost or a
// loopback address); an unparsable one counts as loopback (the safe side).
func loopbackBase(base string) bool {
	u, err := url.Parse(base)
	if err != nil || u.Hostname() == "" {
		return true
	}
	if strings.EqualFold(u.Hostname(), "localhost") {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

// Run serves one session over t (e.g. &sdk.StdioTransport{}) until the
// client disconnects or ctx ends. The caller of every request is the
// principal in ctx.
func (s *Server) Run(ctx context.Context, t sdk.Transport) error {
	return s.sdk.Run(ctx, t)
}
