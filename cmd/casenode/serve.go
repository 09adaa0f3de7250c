package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/credential"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/federation"
	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/mcp"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/server"
	"github.com/casenode/casenode/sheet"
	"github.com/casenode/casenode/store"
	"github.com/casenode/casenode/web"
)

// serveConfig is the validated configuration of `casenode serve`.
type serveConfig struct {
	data, addr, baseURL, name string
	requireAuth, allowPrivate bool
	noSeed                    bool
	logLevel                  string
	maxConcurrent             int
	ratePerSecond             float64
	rateBurst                 int
	maxPerClient              int
	bodyTimeout               time.Duration
	headerTimeout             time.Duration
	limits                    casefile.Limits
	cacheMB                   int
	tokenTTL                  time.Duration
}

func parseServe(env *cliEnv, args []string) (serveConfig, error) {
	f := newFlags(env, "serve", "", "Run the node: CASE REST 1.0/1.1, the /api/v1 JSON API, GraphQL, web pages and federation.\nAn empty data directory is seeded with demo frameworks on first start.").nodeSettings()
	var c serveConfig
	data := f.dataFlag()
	addr := f.String("addr", "127.0.0.1:8080", "listen address HOST:PORT")
	base := f.String("base-url", "", "public base URL of this node, used in minted uris and by peers (default http://ADDR)")
	host, _ := os.Hostname()
	name := f.String("name", host, "node name shown to peers")
	reqAuth := f.Bool("require-auth", false, "require a bearer token (read scope) for every read; writes always need the admin scope")
	allowPriv := f.allowPrivateFlag()
	noSeed := f.Bool("no-seed", false, "do not import the demo frameworks into an empty data directory")
	logLevel := f.String("log-level", "info", "debug, info, warn or error")
	maxConc := f.Int("max-concurrent", 256, "requests served at once before answering 429 server_busy")
	ttl := f.Duration("token-ttl", time.Hour, "lifetime of OAuth access tokens")
	perClient := f.Int("max-per-client", 0, "requests one client address may have in flight, body reading included, before 429 (default max-concurrent/8, at least 4)")
	rate := f.Int("rate", 0, "requests per second allowed per client address before 429 server_busy (0: no rate limit)")
	bodyTimeout := f.Duration("body-timeout", 30*time.Second, "time allowed to send a request body (imports: 10m); slower senders get 408")
	headerTimeout := f.Duration("header-timeout", 10*time.Second, "time allowed to send a request's headers")
	burst := f.Int("rate-burst", 0, "burst size of --rate (default: twice the rate)")
	limitFlags := addLimitFlags(f)
	cacheMB := f.Int("package-cache-mb", 256, "memory for encoded CFPackage responses, in MB")
	if err := f.parse(args); err != nil {
		return c, err
	}
	if f.NArg() > 0 {
		return c, f.usageError("serve takes no arguments")
	}
	if err := validateAddr(*addr); err != nil {
		return c, f.usageError("%v", err)
	}
	b, err := baseURLFor(*base, *addr)
	if err != nil {
		return c, f.usageError("%v", err)
	}
	if *maxConc < 1 || *ttl < time.Minute {
		return c, f.usageError("--max-concurrent must be at least 1 and --token-ttl at least 1m")
	}
	if *perClient < 0 || *bodyTimeout < time.Second || *headerTimeout < time.Second {
		return c, f.usageError("--max-per-client must not be negative; --body-timeout and --header-timeout at least 1s")
	}
	if *rate < 0 || *burst < 0 || *cacheMB < 1 {
		return c, f.usageError("--rate and --rate-burst must not be negative; --package-cache-mb at least 1")
	}
	limits, err := limitFlags.limits()
	if err != nil {
		return c, f.usageError("%v", err)
	}
	if *burst == 0 {
		*burst = 2 * *rate
	}
	c = serveConfig{data: *data, addr: *addr, baseURL: b, name: *name, requireAuth: *reqAuth, allowPrivate: *allowPriv,
		noSeed: *noSeed, logLevel: *logLevel, maxConcurrent: *maxConc, tokenTTL: *ttl,
		ratePerSecond: float64(*rate), rateBurst: *burst, maxPerClient: *perClient, bodyTimeout: *bodyTimeout, headerTimeout: *headerTimeout, limits: limits, cacheMB: *cacheMB}
	return c, nil
}

func newLogger(env *cliEnv, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: l}))
}

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	cfg, err := parseServe(env, args)
	if err != nil {
		return err
	}
	log := newLogger(env, cfg.logLevel)
	dir, err := dataDir(cfg.data)
	if err != nil {
		return err
	}
	if rn, _ := findNode(ctx, dir); rn != nil {
		return fmt.Errorf("a node is already running on %s (%s)", dir, rn.base)
	}
	// Listen before anything is opened or seeded, so a busy port is said at once.
	ln, err := listen(cfg.addr)
	if err != nil {
		return err
	}
	n, err := openNode(ctx, cfg, dir, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer n.close()
	n.ln = ln
	return n.serve(ctx, cfg, dir, log)
}

// listen opens the listen address, explaining the usual failures.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("%s is already in use by another program: stop it or choose another address with --addr (for example --addr 127.0.0.1:8081)", addr)
	case err != nil:
		return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	return ln, nil
}

// node is a running casenode: every component, wired.
type node struct {
	db    *store.DB
	index *search.Index
	fed   *federation.Service
	srv   *server.Server
	auth  *server.Auth
	imp   *importer.Importer
	ln    net.Listener // opened by runServe before the node
}

func (n *node) close() {
	if n.index != nil {
		n.index.Close()
	}
	n.db.Close()
}

func openNode(ctx context.Context, cfg serveConfig, dir string, log *slog.Logger) (*node, error) {
	db, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		return nil, err
	}
	n := &node{db: db, imp: importer.New(db, nil, cfg.baseURL, log)}
	n.imp.SetLimits(cfg.limits)
	n.imp.SetSheets(sheet.Reader{BaseURL: cfg.baseURL})
	// Remembered so that offline CLI commands (peer, sync) act as this node.
	if err := errors.Join(db.SetMeta(ctx, "node_name", cfg.name), db.SetMeta(ctx, "base_url", cfg.baseURL)); err != nil {
		db.Close()
		return nil, err
	}
	if err := seedIfEmpty(ctx, cfg, n, log); err != nil {
		db.Close()
		return nil, err
	}
	if n.index, err = search.Open(indexPath(dir), db, log); err != nil {
		db.Close()
		return nil, err
	}
	n.imp.SetIndex(n.index)
	if err := n.index.CatchUp(ctx); err != nil {
		log.Error("search index catch-up failed", "err", err)
	}
	if err := n.wire(cfg, log); err != nil {
		n.close()
		return nil, err
	}
	return n, nil
}

// wire builds the services and the HTTP server around the store and index.
func (n *node) wire(cfg serveConfig, log *slog.Logger) error {
	outbound := outboundClient(cfg.allowPrivate, cfg.limits.MaxImportBytes)
	cw, err := newCrosswalker(crosswalk.Config{Store: n.db, Search: n.index, Importer: n.imp, BaseURL: cfg.baseURL, Log: log}, n.index)
	if err != nil {
		return err
	}
	n.fed, err = federation.New(federation.Config{Name: cfg.name, BaseURL: cfg.baseURL, Version: version, Store: n.db,
		Importer: n.imp, Log: log, Outbound: outbound, MaxPackageBytes: cfg.limits.MaxImportBytes})
	if err != nil {
		return err
	}
	n.auth = server.NewAuth(n.db, cfg.tokenTTL)
	creds, err := credential.New(credential.Config{BaseURL: cfg.baseURL, Store: n.db, Peers: n.fed, Crosswalk: cw, Similar: n.index, Log: log})
	if err != nil {
		return err
	}
	gql, err := graphql.New(graphql.Deps{Store: n.db, Search: n.index, Crosswalker: cw, Achiever: creds, BaseURL: cfg.baseURL, Log: log})
	if err != nil {
		return err
	}
	mcpSrv, err := mcp.New(mcp.Deps{Store: n.db, Search: n.index, Crosswalk: cw, Federation: n.fed, BaseURL: cfg.baseURL,
		RequireAuth: cfg.requireAuth, Version: version, Log: log})
	if err != nil {
		return err
	}
	pages, err := web.New(web.Deps{Store: n.db, Search: n.index, Crosswalk: cw, Federation: n.fed, Importer: n.imp, SheetExport: true, Auth: n.auth, Credentials: creds,
		BaseURL: cfg.baseURL, NodeName: cfg.name, RequireAuth: cfg.requireAuth, Log: log})
	if err != nil {
		return err
	}
	n.srv = server.New(server.Config{
		BaseURL: cfg.baseURL, Name: cfg.name, Version: version, RequireAuth: cfg.requireAuth, MaxConcurrent: cfg.maxConcurrent, Log: log,
		Store: n.db, Search: n.index, Importer: n.imp, Federation: n.fed, Crosswalk: cw, Sheets: sheet.Writer{}, Reviews: sheet.Reviews{Decider: cw, Items: n.db}, Auth: n.auth, Credentials: creds,
		Reindexer: n.index, GraphQL: gql, Web: pages, MCP: mcpSrv.HTTPHandler(), Fetcher: outbound,
		RatePerSecond: cfg.ratePerSecond, RateBurst: cfg.rateBurst, MaxPerClient: cfg.maxPerClient,
		BodyTimeout: cfg.bodyTimeout, HeaderTimeout: cfg.headerTimeout,
		MaxImportBytes: cfg.limits.MaxImportBytes, PackageCacheBytes: int64(cfg.cacheMB) << 20,
	})
	return nil
}

// seedIfEmpty imports the embedded demo frameworks on the first start of an
// empty data directory. It happens once: deleting them later does not bring them back.
func seedIfEmpty(ctx context.Context, cfg serveConfig, n *node, log *slog.Logger) error {
	done, err := n.db.Meta(ctx, "seeded")
	if err != nil || done != "" || cfg.noSeed {
		return err
	}
	fws, err := n.db.Frameworks(ctx)
	if err != nil {
		return err
	}
	if len(fws) == 0 {
		for _, f := range seed.Frameworks() {
			prov := casefile.Provenance{Source: casefile.SourceSeed, Location: "seed/" + f.Name}
			if _, err := n.imp.Import(ctx, bytes.NewReader(f.Data), prov); err != nil {
				return fmt.Errorf("importing demo framework %s: %w", f.Name, err)
			}
		}
		log.Info("imported the demo frameworks", "count", len(seed.Frameworks()))
	}
	return n.db.SetMeta(ctx, "seeded", time.Now().UTC().Format(time.RFC3339))
}

// shutdownGrace is how long requests in flight may run after a shutdown
// begins before their contexts are cancelled.
const shutdownGrace = 15 * time.Second

// serve listens, runs federation in the background and, when ctx ends, shuts
// down in order: stop accepting, drain HTTP (requests still running after
// shutdownGrace are cancelled and waited for), stop federation and wait for
// its syncs to end. The caller then closes the index, then the store.
func (n *node) serve(ctx context.Context, cfg serveConfig, dir string, log *slog.Logger) error {
	ln := n.ln
	if err := n.registerCLI(ctx, dir, localURL(ln.Addr())); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(nodeFilePath(dir))
	fedCtx, stopFed := context.WithCancel(context.WithoutCancel(ctx))
	fedDone := make(chan struct{})
	go func() { defer close(fedDone); n.fed.Run(fedCtx) }()
	h := newHTTPRun(n.srv.HTTPServer(cfg.addr), ctx)
	errc := make(chan error, 1)
	go func() { errc <- h.hs.Serve(ln) }()
	log.Info("casenode serving", "addr", ln.Addr().String(), "base", cfg.baseURL, "data", dir)
	var err error
	select {
	case err = <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
	case <-ctx.Done():
	}
	log.Info("shutting down")
	err = errors.Join(err, h.drain(shutdownGrace))
	stopFed()
	<-fedDone
	log.Info("federation stopped")
	return err
}

// registerCLI creates (or renews) the local admin client the CLI uses to reach
// this node and writes its credentials to the data directory's node file (0600).
func (n *node) registerCLI(ctx context.Context, dir, base string) error {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	secret := hex.EncodeToString(raw)
	hash, err := server.HashSecret(secret)
	if err != nil {
		return err
	}
	const id = "local-cli"
	c := store.Client{ID: id, Name: "casenode CLI on this data directory", SecretHash: hash,
		Scopes: []string{casefile.ScopeAdmin, casefile.ScopeRead}, CreatedAt: time.Now().UTC()}
	if err := n.db.PutClient(ctx, c); err != nil {
		return err
	}
	return writeNodeFile(dir, nodeFile{PID: os.Getpid(), BaseURL: base, ClientID: id, ClientSecret: secret})
}

// localURL is how a CLI on this machine reaches the listener.
func localURL(a net.Addr) string {
	host, port, _ := net.SplitHostPort(a.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
