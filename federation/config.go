// Package federation connects a casenode node to its peers: it harvests the
// frameworks of mirror peers over CASE REST (with the casenode change feed when
// the peer is a casenode), applies the origin and conflict rules, searches live
// peers in parallel, and resolves links whose destination lives on a peer.
// Every outbound request goes through one guarded http.Client (client.go).
package federation

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
)

// Store is what federation reads and writes in the node's database
// (*store.DB satisfies it).
type Store interface {
	PutPeer(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials) error
	Peers(ctx context.Context) ([]casefile.Peer, error)
	Peer(ctx context.Context, name string) (casefile.Peer, error)
	PeerCredentials(ctx context.Context, name string) (casefile.PeerCredentials, error)
	DeletePeer(ctx context.Context, name string) error
	// UpdatePeerState writes the sync state fields of p (LastSync, LastOK,
	// LastError, LastSeq, Frameworks, Failures) for the peer named p.Name.
	UpdatePeerState(ctx context.Context, p casefile.Peer) error
	RecordConflict(ctx context.Context, c casefile.FrameworkConflict) error
	Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error)

	Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error)
	Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error)
	LastSeq(ctx context.Context) (int64, error)
}

// Importer is the node's one import path (bytes → decode → store → index).
type Importer interface {
	Import(ctx context.Context, r io.Reader, prov casefile.Provenance) ([]casefile.ImportResult, error)
	Delete(ctx context.Context, framework string) error
}

// Config is copied into the Service; zero values take the defaults below.
type Config struct {
	Name     string // this node's name
	BaseURL  string // this node's public base URL; origin of locally held frameworks
	Version  string // software version reported in NodeInfo
	Store    Store
	Importer Importer
	Log      *slog.Logger

	// Outbound is the node's one guarded outbound client; every peer and
	// link request goes through it. When nil, one is built with AllowPrivate.
	Outbound *importer.Client
	// AllowPrivate lets outbound requests reach private, loopback and
	// link-local addresses (tests, private networks) when Outbound is nil.
	AllowPrivate bool
	// ResolveAnyHost lets ResolveLink fetch any http(s) CASE uri, not only
	// uris on a known peer's host.
	ResolveAnyHost bool

	RequestTimeout  time.Duration    // per call (listing, feed, search, item); default 30s
	PackageTimeout  time.Duration    // per CFPackage download; default 5m
	MaxBodyBytes    int64            // cap for non-package bodies; default 1 MB
	MaxPackageBytes int64            // cap for a CFPackage body; default 256 MB
	MaxRedirects    int              // default 5
	SearchTimeout   time.Duration    // deadline of a federated search; default 2s
	DefaultInterval time.Duration    // sync interval of a peer added without one; default 15m
	BackoffMax      time.Duration    // cap of the failure backoff; default 1h
	LoopTick        time.Duration    // how often Run looks for due peers; default 1s
	LinkCacheSize   int              // ResolveLink LRU entries; default 1000
	LinkTTL         time.Duration    // revalidate a cached link after; default 10m
	Now             func() time.Time // the clock of the link cache; default time.Now (tests move it)
	TempDir         string           // where package downloads are spooled; default os.TempDir()

	// The budget of one sync of one peer; past it the sync stops and the
	// peer is recorded as failing with the reason.
	SyncMaxRequests int           // default DefaultSyncMaxRequests (5,000)
	SyncMaxBytes    int64         // default DefaultSyncMaxBytes (4 GiB)
	SyncMaxTime     time.Duration // default DefaultSyncMaxTime (30m)
}

func (c *Config) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.RequestTimeout, 30*time.Second)
	def(&c.PackageTimeout, 5*time.Minute)
	def(&c.SearchTimeout, 2*time.Second)
	def(&c.DefaultInterval, 15*time.Minute)
	def(&c.BackoffMax, time.Hour)
	def(&c.LoopTick, time.Second)
	def(&c.LinkTTL, 10*time.Minute)
	if c.Now == nil {
		c.Now = time.Now
	}
	def(&c.SyncMaxTime, DefaultSyncMaxTime)
	if c.SyncMaxRequests <= 0 {
		c.SyncMaxRequests = DefaultSyncMaxRequests
	}
	if c.SyncMaxBytes <= 0 {
		c.SyncMaxBytes = DefaultSyncMaxBytes
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.MaxPackageBytes <= 0 {
		c.MaxPackageBytes = 256 << 20
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	if c.LinkCacheSize <= 0 {
		c.LinkCacheSize = 1000
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Version == "" {
		c.Version = "dev"
	}
}

// Service implements the Federation contract used by server, web and graphql.
type Service struct {
	cfg    Config
	self   string // normalised BaseURL
	client *Client
	links  *linkCache

	mu      sync.Mutex
	syncing map[string]*sync.Mutex // one sync per peer at a time
}

// New validates cfg and returns the service.
func New(cfg Config) (*Service, error) {
	cfg.defaults()
	if cfg.Store == nil || cfg.Importer == nil {
		return nil, casefile.Errorf(casefile.Internal, "federation: store and importer are required")
	}
	self, err := normalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "node base URL: %s", casefile.ErrorMessage(err))
	}
	if strings.TrimSpace(cfg.Name) == "" {
		return nil, casefile.Errorf(casefile.Invalid, "node name is required")
	}
	s := &Service{
		cfg:     cfg,
		self:    self,
		links:   newLinkCache(cfg.LinkCacheSize),
		syncing: map[string]*sync.Mutex{},
	}
	s.client = NewClient(ClientOptions{
		Guarded:      cfg.Outbound,
		AllowPrivate: cfg.AllowPrivate,
		MaxRedirects: cfg.MaxRedirects,
		Timeout:      cfg.RequestTimeout,
		MaxBytes:     cfg.MaxBodyBytes,
		UserAgent:    software + "/" + cfg.Version,
		Log:          cfg.Log,
	})
	return s, nil
}

// peerLock returns the mutex serialising syncs of one peer.
func (s *Service) peerLock(name string) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.syncing[name]
	if !ok {
		m = &sync.Mutex{}
		s.syncing[name] = m
	}
	return m
}
