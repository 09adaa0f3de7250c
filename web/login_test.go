package web

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/casenode/casenode/seed"
)

func TestLoginSetsStrictHttpOnlyCookie(t *testing.T) {
	n := newTestNode(t)
	h := n.node(newTestAuth(t, n))

	// The sign-in link of a page brings the admin back to it.
	_, cmp, _ := get(t, h, "/compare", nil)
	m := regexp.MustCompile(`href="/login\?next=([^"]+)"`).FindStringSubmatch(cmp)
	if m == nil {
		t.Fatal("no sign-in link")
	}
	if next, _ := url.QueryUnescape(m[1]); next != "/compare" {
		t.Errorf("sign-in link next=%q", m[1])
	}
	code, form, _ := get(t, h, "/login?next=/compare", nil)
	if code != http.StatusOK {
		t.Fatalf("form: %d", code)
	}
	mustContain(t, form, `<label for="client_id">`, `<label for="client_secret">`, `type="password"`, `name="next" value="/compare"`)

	bad := post(t, h, "/login", map[string]string{"client_id": testClientID, "client_secret": "wrong", "next": "/compare"}, nil)
	if bad.Code != http.StatusUnauthorized || len(bad.Result().Cookies()) != 0 {
		t.Errorf("wrong secret: %d, cookies %v", bad.Code, bad.Result().Cookies())
	}
	mustContain(t, bad.Body.String(), "were not accepted", `value="`+testClientID+`"`)

	ok := post(t, h, "/login", map[string]string{"client_id": testClientID, "client_secret": testSecret, "next": "//evil.example/x"}, nil)
	if ok.Code != http.StatusSeeOther || ok.Header().Get("Location") != "/" {
		t.Fatalf("login: %d to %q: %s", ok.Code, ok.Header().Get("Location"), ok.Body.String())
	}
	var c *http.Cookie
	for _, k := range ok.Result().Cookies() {
		if k.Name == CookieName {
			c = k
		}
	}
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Value == "" {
		t.Fatalf("cookie %+v", c)
	}

	// With the cookie the server's middleware makes the caller an admin,
	// for the pages and for the API alike.
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(c)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	mustContain(t, rec.Body.String(), "Signed in as <strong>"+testClientID+"</strong> (admin)", `action="/logout"`)

	out := post(t, h, "/logout", nil, nil)
	if out.Code != http.StatusSeeOther || !strings.Contains(out.Header().Get("Set-Cookie"), CookieName+"=;") {
		t.Errorf("logout: %d %q", out.Code, out.Header().Get("Set-Cookie"))
	}
}

func TestLoginUnavailableWithoutIssuer(t *testing.T) {
	n := newTestNode(t)
	_, body, _ := get(t, n.web, "/login", nil)
	mustContain(t, body, "Signing in is not available on this node.")
	if rec := post(t, n.web, "/login", map[string]string{"client_id": "a", "client_secret": "b"}, nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d", rec.Code)
	}
}

// TestPageLinksResolveOnTheNode follows the export and download links the
// pages offer through the whole node (server routes + web pages).
func TestPageLinksResolveOnTheNode(t *testing.T) {
	n := newTestNode(t)
	h := n.node(nil)
	e := seed.Expected()
	_, fw, _ := get(t, h, "/frameworks/"+e.Frameworks.Northwind, nil)
	_, cmp, _ := get(t, h, compareURL(e.Frameworks.Northwind, e.Frameworks.Progression), nil)
	_, item, _ := get(t, h, "/items/"+e.Explicit[0].Source, nil)
	links := regexp.MustCompile(`href="(/(?:ims|api|compare\.csv|frameworks/[^"/]+\.csv)[^"]*)"`).FindAllStringSubmatch(fw+cmp+item, -1)
	if len(links) < 6 {
		t.Fatalf("only %d export links", len(links))
	}
	for _, l := range links {
		target := html.UnescapeString(l[1])
		code, body, hdr := get(t, h, target, nil)
		ct := hdr.Get("Content-Type")
		if code != http.StatusOK || !(strings.Contains(ct, "json") || strings.Contains(ct, "csv") || strings.Contains(ct, "spreadsheetml")) {
			t.Errorf("%s: %d %q %.200s", target, code, ct, body)
		}
	}
}

func TestRequireAuthSendsVisitorsToLogin(t *testing.T) {
	n := newTestNode(t)
	d := n.deps
	d.RequireAuth = true
	h := n.handler(d)
	code, _, hdr := get(t, h, "/search?q=fractions", nil)
	if code != http.StatusSeeOther || hdr.Get("Location") != "/login?next="+url.QueryEscape("/search?q=fractions") {
		t.Errorf("visitor: %d to %q", code, hdr.Get("Location"))
	}
	if code, _, _ := get(t, h, "/login", nil); code != http.StatusOK {
		t.Errorf("login form: %d", code)
	}
	if code, _, _ := get(t, h, "/static/site.css", nil); code != http.StatusOK {
		t.Errorf("stylesheet: %d", code)
	}
	if code, body, _ := get(t, h, "/search?q=fractions", reader); code != http.StatusOK || !strings.Contains(body, "<mark>") {
		t.Errorf("reader: %d", code)
	}
	if rec := post(t, h, "/compare/reject", map[string]string{"source": "a"}, nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("anonymous post: %d", rec.Code)
	}
}

func TestLocalPathKeepsRedirectsOnTheNode(t *testing.T) {
	hostile := []string{
		"", "evil.example", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
		"/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", "/ /\t/evil",
		"/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%09/evil.example", "/%0d%0a/evil",
		"/%", "https://evil.example/", "http:/evil.example", "javascript:alert(1)", "HTTPS://evil.example",
		"/login", "/login?next=//evil.example", "/x\x7f", "/x\u2028/evil", "/" + strings.Repeat("a", 2001),
	}
	for _, p := range hostile {
		if got := localPath(p); got != "/" {
			t.Errorf("localPath(%q) = %q, want /", p, got)
		}
	}
	for _, p := range []string{"/", "/frameworks/abc", "/compare?source=a&target=b#results", "/search?q=fractions%20and%20decimals", "/items/x%2Dy", "/search?q=équations"} {
		if got := localPath(p); got != p {
			t.Errorf("localPath(%q) = %q, want it kept", p, got)
		}
	}
}
