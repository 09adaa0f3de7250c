package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/casenode/casenode/casefile"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames lists the page templates; each is parsed with the layout and partials.
var pageNames = []string{"home", "framework", "history", "item", "search", "compare", "peers", "login", "error", "credentials", "rubric"}

// pageSet holds one template set per page, plus the partials alone for fragments.
type pageSet struct {
	pages     map[string]*template.Template
	fragments *template.Template
}

func parsePages() (*pageSet, error) {
	ps := &pageSet{pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs()).ParseFS(templateFS,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", name, err)
		}
		ps.pages[name] = t
	}
	frag, err := template.New("fragments").Funcs(funcs()).ParseFS(templateFS, "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse partials: %w", err)
	}
	ps.fragments = frag
	return ps, nil
}

// view is what the layout receives: page-independent header state plus the page's data.
type view struct {
	Title    string
	Node     string
	Path     string
	Query    string
	SignedIn bool
	Client   string
	Admin    bool
	Data     any
}

func (h *handler) newView(r *http.Request, title string, data any) view {
	v := view{Title: title, Node: h.deps.NodeName, Path: r.URL.Path, Data: data}
	if p, ok := casefile.PrincipalFrom(r.Context()); ok && p.ClientID != "" {
		v.SignedIn, v.Client, v.Admin = true, p.ClientID, p.Has(casefile.ScopeAdmin)
	}
	return v
}

// render executes page name into a buffer first, so a template error never
// leaves a half-written page behind.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	var buf bytes.Buffer
	if err := h.pages.pages[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		h.log.ErrorContext(r.Context(), "web: render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fragment executes a partial template alone (for pieces fetched by JS).
func (h *handler) fragment(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := h.pages.fragments.ExecuteTemplate(&buf, name, data); err != nil {
		h.log.ErrorContext(r.Context(), "web: fragment", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// errorView is the data of the friendly error page.
type errorView struct {
	Status  int
	Heading string
	Message string
}

// fail renders the error page with the status that err's code maps to.
// Messages of internal errors are logged, never shown.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(casefile.ErrorCode(err))
	msg := casefile.ErrorMessage(err)
	if status >= 500 {
		h.log.ErrorContext(r.Context(), "web: page failed", "path", r.URL.Path, "err", err)
		if status == http.StatusInternalServerError {
			msg = "Something went wrong on this node. Please try again later."
		}
	}
	ev := errorView{Status: status, Heading: http.StatusText(status), Message: msg}
	if status == http.StatusNotFound {
		ev.Heading = "Not found"
	}
	h.render(w, r, status, "error", h.newView(r, ev.Heading, ev))
}

func statusOf(c casefile.Code) int {
	switch c {
	case casefile.Invalid:
		return http.StatusBadRequest
	case casefile.NotFound:
		return http.StatusNotFound
	case casefile.Conflict:
		return http.StatusConflict
	case casefile.Unauthorized:
		return http.StatusUnauthorized
	case casefile.Forbidden:
		return http.StatusForbidden
	case casefile.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"pathEsc": url.PathEscape,
		"join":    strings.Join,
		"date":    displayDate,
		"time":    displayTime,
		"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"score":   func(f float64) string { return fmt.Sprintf("%.2f", f) },
		"clip":    clip,
		"add":     func(a, b int) int { return a + b },
		"scoreOf": scoreText,
		"origin":  originLabel,
		// Statements as their authors wrote them (Markdown, safe HTML, math).
		"statement":   func(s string) template.HTML { return renderStatement(s, nil) },
		"inline":      func(s string) template.HTML { return renderInline(s, nil) },
		"plain":       plainStatement,
		"prevSeq":     prevSeq,
		"levels":      casefile.LevelRange,
		"coverageBar": coverageBar,
		"list":        func(s ...string) []string { return s },
		"nodeRef": func(it *casefile.Item) treeNode {
			return treeNode{ID: it.Identifier, Code: it.HumanCodingScheme, Statement: it.FullStatement, Type: it.CFItemType}
		},
	}
}

// displayDate shows an RFC 3339 timestamp as a date; other strings as sent.
func displayDate(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format("2 Jan 2006")
	}
	return s
}

func displayTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// clip shortens s to at most n runes, ending with an ellipsis when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

func originLabel(origin string) string {
	if origin == "" {
		return "this node"
	}
	return origin
}

// barSeg is one part of the coverage bar, in a 1000-unit-wide SVG (inline
// styles are not allowed by the pages' content security policy).
type barSeg struct {
	Class string
	X, W  string
}

// coverageBar draws the four shares of a crosswalk's coverage to scale.
func coverageBar(c casefile.Coverage) []barSeg {
	x := 0.0
	var out []barSeg
	for _, p := range []struct {
		class string
		share float64
	}{{"seg-explicit", c.ExplicitShare}, {"seg-transitive", c.TransitiveShare}, {"seg-suggested", c.SuggestedShare}, {"seg-none", c.NoneShare}} {
		w := max(0, min(p.share, 1)) * 1000
		out = append(out, barSeg{Class: p.class, X: fmt.Sprintf("%.1f", x), W: fmt.Sprintf("%.1f", w)})
		x += w
	}
	return out
}
