package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestLoginSetsStrictHttpOnlyCookie(t *testing.T) {
	n := newTestNode(t)
	auth := newTestAuth(t, n)
	d := n.deps
	d.Auth = auth
	h := auth.middleware(n.handler(d))

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

	// With the cookie the server's middleware makes the caller an admin.
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
