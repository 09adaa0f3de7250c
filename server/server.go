package server

import (
	"compress/gzip"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/gencache"
)

// Server serves every HTTP route of the node. It is an http.Handler.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler
	metrics *metrics
	limiter *limiter
	clients *clientBudgets
	routeOf map[string]route // by pattern
	now     func() time.Time
	// bodyWait, when set (tests), is called as a request starts reading its body.
	bodyWait func(addr string)
	packages *packageCache
	// responses keeps encoded CFItems and CFDocuments lists per store
	// generation, searches local search answers per index generation.
	responses, searches *gencache.Cache[*cachedResp]
	// packageVersions keeps each CFPackage's validators per store generation.
	packageVersions *gencache.Cache[packageVersion]
	gzips           sync.Pool
	// discovery is the localised CASE 1.1 OpenAPI document; apiSpec the node
	// API's. Both are built once, with their gzip forms.
	discovery body
	apiSpec   body
}

// New builds the server and its routes from cfg.
func New(cfg Config) *Server {
	cfg.applyDefaults()
	s := &Server{
		cfg:             cfg,
		log:             cfg.Log,
		mux:             http.NewServeMux(),
		metrics:         newMetrics(),
		limiter:         newLimiter(cfg.MaxConcurrent),
		clients:         newClientBudgets(cfg.MaxPerClient, cfg.RatePerSecond, cfg.RateBurst),
		now:             time.Now,
		packages:        newPackageCache(cfg.PackageCacheBytes),
		responses:       newRespCache(),
		searches:        newRespCache(),
		packageVersions: gencache.New[packageVersion](respCacheEntries, 1<<62, nil),
	}
	s.gzips.New = func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }
	s.discovery = s.staticBody(localiseDiscovery(cfg.BaseURL, s.log), specModified)
	s.apiSpec = s.staticBody(apiOpenAPI(cfg.BaseURL), time.Time{})
	s.routeOf = map[string]route{}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, s.wrapRoute(rt))
		s.routeOf[rt.pattern] = rt
	}
	s.handler = s.recoverer(s.observe(s.wellFormed(s.limit(s.authenticate(s.mux)))))
	return s
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// HTTPServer returns an http.Server for addr with the node's timeouts:
// headers within HeaderTimeout; bodies within BodyTimeout (set per request,
// see bodyGuard), an import's within the 10-minute read timeout. The write
// timeout leaves room for large CFPackage downloads and imports.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: s.cfg.HeaderTimeout,
		ReadTimeout:       10 * time.Minute,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// wrapRoute applies a route's access rule and body cap and records its
// pattern for logs and metrics.
func (s *Server) wrapRoute(rt route) http.Handler {
	limit := s.cfg.MaxBodyBytes
	if rt.maxBody > 0 {
		limit = rt.maxBody
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info := infoFrom(r.Context()); info != nil {
			info.pattern = rt.pattern
		}
		if err := s.authorize(r, rt.access); err != nil {
			closeUnread(w, r)
			s.writeError(w, r, err)
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		rt.h.ServeHTTP(w, r)
	})
}

// handle adapts a handler that returns an error to http.Handler.
func (s *Server) handle(fn func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// recoverer turns a panic into a logged 500.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.writeError(w, r, newError(kindInternal, "", "internal server error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// wellFormed answers 400 to a request whose decoded path is not valid UTF-8
// or holds a control character: no route of the node has such a path.
func (s *Server) wellFormed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if !utf8.ValidString(p) || strings.ContainsFunc(p, unicode.IsControl) {
			s.writeError(w, r, newError(kindInvalid, "path", "the request path is not valid UTF-8 text"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

type infoKey struct{}

// reqInfo carries what the route wrapper learns back to the observer.
type reqInfo struct{ pattern string }

func infoFrom(ctx context.Context) *reqInfo {
	i, _ := ctx.Value(infoKey{}).(*reqInfo)
	return i
}

// caseVersionOf reports the CASE version of a CASE REST path.
func caseVersionOf(path string) (casefile.Version, bool) {
	switch {
	case hasPathPrefix(path, "/ims/case/v1p1"):
		return casefile.V1p1, true
	case hasPathPrefix(path, "/ims/case/v1p0"):
		return casefile.V1p0, true
	}
	return "", false
}

func hasPathPrefix(path, prefix string) bool {
	return len(path) >= len(prefix) && path[:len(prefix)] == prefix && (len(path) == len(prefix) || path[len(prefix)] == '/')
}
