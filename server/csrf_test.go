package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestCookieWritesRefuseCrossOrigin(t *testing.T) {
	e := newWholeEnv(t)
	tok := e.token(t, "admin", casefile.ScopeAdmin)
	cookie := tokenCookie + "=" + tok
	mutation := `{"query": "mutation { removeAssociation(id: \"x\") }"}`
	crossSite := [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site"},     // a sibling subdomain: SameSite=Strict lets the cookie through
		{"Origin", "http://case.test:8081"}, // another port, no Sec-Fetch-Site
	}
	for _, h := range crossSite {
		for _, req := range []struct{ method, path, body string }{
			{"POST", "/api/v1/reindex", ""},
			{"DELETE", "/api/v1/frameworks/" + id("alpha"), ""},
			{"POST", "/graphql", mutation},
		} {
			r := e.do(req.method, req.path, strings.NewReader(req.body), "Cookie", cookie, "Content-Type", "application/json", h[0], h[1])
			if r.status != http.StatusForbidden {
				t.Errorf("%s %s with the admin cookie and %s: %s: %d %s", req.method, req.path, h[0], h[1], r.status, r.body)
			}
		}
	}
	// From the node's own pages the cookie works; a bearer token is not
	// subject to the rule (no browser sends it on its own).
	r := e.do("POST", "/graphql", strings.NewReader(mutation), "Cookie", cookie, "Content-Type", "application/json", "Sec-Fetch-Site", "same-origin")
	if r.status == http.StatusForbidden || r.status == http.StatusUnauthorized {
		t.Errorf("same-origin mutation with the cookie: %d %s", r.status, r.body)
	}
	r = e.do("POST", "/api/v1/reindex", nil, "Authorization", "Bearer "+tok, "Sec-Fetch-Site", "cross-site", "Origin", "https://tool.example")
	if r.status == http.StatusForbidden || r.status == http.StatusUnauthorized {
		t.Errorf("bearer write from another origin: %d %s", r.status, r.body)
	}
	// Reads with the cookie from another origin are not writes.
	if r := e.get("/api/v1/node", "Cookie", cookie, "Sec-Fetch-Site", "cross-site"); r.status != http.StatusOK {
		t.Errorf("cross-origin read with the cookie: %d", r.status)
	}
}
