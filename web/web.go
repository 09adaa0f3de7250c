// Package web serves the pages for people: the frameworks held, a framework's
// item tree, an item with its associations, competency search, the crosswalk
// between two frameworks, the peers, and the admin login. Templates and static
// files are embedded; every page works without JavaScript, which only expands
// the item tree in place.
//
// Admin actions (accepting and rejecting crosswalk suggestions) need a
// principal with casefile.ScopeAdmin, which the server's middleware derives
// from a bearer token or from the casenode_token cookie that /login sets.
// Accepting stores a real association in the node's crosswalk document
// (Crosswalker.Accept). Rejecting records the decision with the crosswalk
// (Crosswalker.Reject), so no surface of the node suggests the pair again
// until it is restored here.
// Cross-origin form posts are refused (internal/sameorigin, the rule the
// server applies to every cookie-authenticated write); the cookie is
// HttpOnly and SameSite=Strict.
package web

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/sameorigin"
)

// handler holds the page dependencies and the parsed templates.
type handler struct {
	deps  Deps
	log   *slog.Logger
	pages *pageSet
	mux   *http.ServeMux
	// suggestAll is the largest source framework whose crosswalk suggestions
	// are computed for all items at once (suggestAllItems; tests lower it).
	suggestAll int
}

// New returns the handler of every page, to be mounted at "/". It fails when
// Store or Search is missing or a template does not parse.
func New(deps Deps) (http.Handler, error) {
	if deps.Store == nil || deps.Search == nil {
		return nil, errors.New("web: Store and Search are required")
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if deps.ResolveTimeout <= 0 {
		deps.ResolveTimeout = 3 * time.Second
	}
	if deps.NodeName == "" {
		deps.NodeName = "casenode"
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	h := &handler{deps: deps, log: deps.Log, pages: pages, mux: http.NewServeMux(), suggestAll: suggestAllItems}
	h.routes()
	return h, nil
}

// adminForms are the forms that change the node's data: POST, admin scope,
// same-origin only.
var adminForms = []struct {
	path string
	fn   func(*handler, http.ResponseWriter, *http.Request)
}{
	{"/import", (*handler).upload},
	{"/compare/accept", (*handler).accept},
	{"/compare/reject", (*handler).reject},
	{"/compare/restore", (*handler).restore},
}

// AdminForms returns the paths of the forms that change data (each is POST),
// so that the node's access tests walk every one.
func AdminForms() []string {
	out := make([]string, len(adminForms))
	for i, f := range adminForms {
		out[i] = f.path
	}
	return out
}

// routes lists every page route in one place.
func (h *handler) routes() {
	static, _ := fs.Sub(staticFS, "static")
	h.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler(static)))
	h.mux.HandleFunc("GET /{$}", h.home)
	h.mux.HandleFunc("GET /frameworks", redirectHome)
	h.mux.HandleFunc("GET /frameworks/{$}", redirectHome)
	h.mux.HandleFunc("GET /frameworks/{id}", h.framework) // also {id}.csv
	h.mux.HandleFunc("GET /frameworks/{id}/children/{itemId}", h.children)
	h.mux.HandleFunc("GET /frameworks/{id}/history", h.history)
	h.mux.HandleFunc("GET /items/{id}", h.item)
	h.mux.HandleFunc("GET /search", h.search)
	h.mux.HandleFunc("GET /compare", h.compare)
	h.mux.HandleFunc("GET /compare.csv", h.compareCSV)
	for _, f := range adminForms {
		fn := f.fn
		h.mux.Handle("POST "+f.path, sameorigin.Protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fn(h, w, r) })))
	}
	h.mux.HandleFunc("GET /peers", h.peers)
	h.mux.HandleFunc("GET /credentials", h.credentialsForm)
	h.mux.HandleFunc("GET /rubrics/{id}", h.rubric)
	h.mux.Handle("POST /credentials", sameorigin.Protect(http.HandlerFunc(h.credentialsResolve)))
	h.mux.HandleFunc("GET /login", h.loginForm)
	h.mux.Handle("POST /login", sameorigin.Protect(http.HandlerFunc(h.login)))
	h.mux.Handle("POST /logout", sameorigin.Protect(http.HandlerFunc(h.logout)))
	h.mux.HandleFunc("/", h.notFound)
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	if !strings.HasPrefix(r.URL.Path, "/static/") {
		hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		hd.Set("X-Frame-Options", "DENY")
	}
	if h.deps.RequireAuth && !h.open(w, r) {
		return
	}
	h.mux.ServeHTTP(w, r)
}

// open reports whether the request may go on when the node requires auth:
// the login form and the static files are open to all; a page asked for by
// a visitor without the read scope redirects to the login form.
func (h *handler) open(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	if p == "/login" || p == "/logout" || strings.HasPrefix(p, "/static/") {
		return true
	}
	if pr, ok := casefile.PrincipalFrom(r.Context()); ok && pr.Has(casefile.ScopeRead) {
		return true
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return false
	}
	h.fail(w, r, casefile.Errorf(casefile.Unauthorized, "This node requires signing in."))
	return false
}

func redirectHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, casefile.Errorf(casefile.NotFound, "There is no page at %s.", r.URL.Path))
}

// staticHandler serves the embedded CSS and JS with a short cache lifetime.
func staticHandler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || !fs.ValidPath(r.URL.Path) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
