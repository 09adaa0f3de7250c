package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/store"
)

// addClient stores a client with a cheap hash (tests only) and returns its secret.
func (e *testEnv) addClient(t testing.TB, name string, scopes ...string) string {
	t.Helper()
	secret := "secret-of-" + name
	hash, err := hashSecret(secret, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.PutClient(context.Background(), store.Client{ID: name, Name: name, SecretHash: hash, Scopes: scopes}); err != nil {
		t.Fatal(err)
	}
	return secret
}

// token registers a client with scopes and gets a token through POST /oauth/token.
func (e *testEnv) token(t testing.TB, name string, scopes ...string) string {
	t.Helper()
	secret := e.addClient(t, name, scopes...)
	r := e.postForm("/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {name}, "client_secret": {secret}})
	var tok tokenResponse
	r.json(t, &tok)
	if r.status != 200 || tok.AccessToken == "" {
		t.Fatalf("token for %s: %d %s", name, r.status, r.body)
	}
	return tok.AccessToken
}

func (e *testEnv) postForm(path string, form url.Values, hdr ...string) reply {
	return e.do(http.MethodPost, path, strings.NewReader(form.Encode()), append([]string{"Content-Type", "application/x-www-form-urlencoded"}, hdr...)...)
}

func TestTokenEndpoint(t *testing.T) {
	e := newTestEnv(t, nil)
	secret := e.addClient(t, "tool", casefile.ScopeRead, casefile.ScopeAdmin)
	r := e.postForm("/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"tool"}, "client_secret": {secret}})
	var tok tokenResponse
	r.json(t, &tok)
	if r.status != 200 || tok.TokenType != "Bearer" || tok.ExpiresIn < 3500 || tok.ExpiresIn > 3600 ||
		!strings.Contains(tok.Scope, casefile.ScopeAdmin) || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("token: %d %s %v", r.status, r.body, r.header)
	}
	p, err := e.auth.Verify(context.Background(), tok.AccessToken)
	if err != nil || p.ClientID != "tool" || !p.Has(casefile.ScopeAdmin) {
		t.Errorf("Verify: %+v %v", p, err)
	}
	// HTTP Basic and a narrowed scope.
	r = e.postForm("/oauth/token", url.Values{"grant_type": {"client_credentials"}, "scope": {casefile.ScopeRead}},
		"Authorization", "Basic "+basic("tool", secret))
	r.json(t, &tok)
	if r.status != 200 || tok.Scope != casefile.ScopeRead {
		t.Errorf("basic + scope: %d %s", r.status, r.body)
	}
	if p, _ := e.auth.Verify(context.Background(), tok.AccessToken); p.Has(casefile.ScopeAdmin) {
		t.Error("a token narrowed to read must not carry admin")
	}
	cases := []struct {
		form   url.Values
		hdr    []string
		status int
		err    string
	}{
		{url.Values{"grant_type": {"client_credentials"}, "client_id": {"tool"}, "client_secret": {"wrong"}}, nil, 401, "invalid_client"},
		{url.Values{"grant_type": {"client_credentials"}, "client_id": {"nobody"}, "client_secret": {"x"}}, nil, 401, "invalid_client"},
		{url.Values{"grant_type": {"client_credentials"}}, []string{"Authorization", "Basic " + basic("tool", "wrong")}, 401, "invalid_client"},
		{url.Values{"grant_type": {"password"}, "client_id": {"tool"}, "client_secret": {secret}}, nil, 400, "unsupported_grant_type"},
		{url.Values{"grant_type": {"client_credentials"}, "client_id": {"tool"}, "client_secret": {secret}, "scope": {"https://casenode.dev/scope/root"}}, nil, 400, "invalid_scope"},
	}
	for _, c := range cases {
		r := e.postForm("/oauth/token", c.form, c.hdr...)
		var oe oauthError
		r.json(t, &oe)
		if r.status != c.status || oe.Error != c.err {
			t.Errorf("%v: %d %s, want %d %s", c.form, r.status, r.body, c.status, c.err)
		}
	}
}

func basic(user, pass string) string {
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(user, pass)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}

func TestTokensExpireAndResistTampering(t *testing.T) {
	e := newTestEnv(t, nil)
	tok := e.token(t, "tool", casefile.ScopeRead)
	if _, err := e.auth.Verify(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	payload, sig, _ := strings.Cut(tok, ".")
	forged := sign([]byte("not the node's key, not the node's"), claims{Sub: "tool", Scopes: []string{casefile.ScopeAdmin}, Exp: time.Now().Add(time.Hour).Unix()})
	for _, bad := range []string{"", "garbage", payload + ".AAAA", payload[:len(payload)-2] + "." + sig, forged} {
		if _, err := e.auth.Verify(context.Background(), bad); casefile.ErrorCode(err) != casefile.Unauthorized {
			t.Errorf("Verify(%.20q) = %v, want unauthorized", bad, err)
		}
	}
	later := NewAuth(e.db, time.Hour)
	later.now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if _, err := later.Verify(context.Background(), tok); err == nil {
		t.Error("an expired token was accepted")
	}
	if _, err := NewAuth(e.db, time.Hour).Verify(context.Background(), tok); err != nil {
		t.Errorf("a token must survive a restart (key kept in the store): %v", err)
	}
}

// Removing a client revokes its tokens at once, over HTTP too.
func TestRemovedClientsTokensStopWorking(t *testing.T) {
	e := newTestEnv(t, nil)
	tok := e.token(t, "tool", casefile.ScopeAdmin)
	keep := e.token(t, "other", casefile.ScopeAdmin)
	if _, err := e.auth.Verify(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	if err := e.db.DeleteClient(context.Background(), "tool"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.auth.Verify(context.Background(), tok); casefile.ErrorCode(err) != casefile.Unauthorized {
		t.Errorf("token of a removed client: %v, want unauthorized", err)
	}
	if _, err := e.auth.Verify(context.Background(), keep); err != nil {
		t.Errorf("another client's token: %v", err)
	}
	if r := e.do("DELETE", "/api/v1/frameworks/x", nil, "Authorization", "Bearer "+tok); r.status != 401 {
		t.Errorf("admin call with a removed client's token: %d, want 401", r.status)
	}
}

func TestHashSecret(t *testing.T) {
	h, err := HashSecret("s3cret")
	if err != nil || !strings.HasPrefix(h, "pbkdf2-sha256$600000$") {
		t.Fatalf("HashSecret: %q %v", h, err)
	}
	h2, _ := HashSecret("s3cret")
	if h == h2 {
		t.Error("two hashes of one secret must differ (salt)")
	}
	if !checkSecret("s3cret", h) || checkSecret("s3cret ", h) || checkSecret("s3cret", "plain") {
		t.Error("checkSecret is wrong")
	}
}

func TestAccessPublicByDefault(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	if r := e.get("/ims/case/v1p1/CFDocuments"); r.status != 200 {
		t.Errorf("public read: %d", r.status)
	}
	if r := e.get("/api/v1/frameworks"); r.status != 200 {
		t.Errorf("public API read: %d", r.status)
	}
	r := e.do(http.MethodDelete, "/api/v1/frameworks/"+id("alpha"), nil)
	var ae apiErrorBody
	r.json(t, &ae)
	if r.status != 401 || ae.Error.Code != "unauthorized" {
		t.Errorf("anonymous delete: %d %s", r.status, r.body)
	}
	reader := e.token(t, "reader", casefile.ScopeRead)
	for _, w := range []struct{ method, path string }{
		{"DELETE", "/api/v1/frameworks/" + id("alpha")}, {"POST", "/api/v1/import"}, {"POST", "/api/v1/peers"},
		{"DELETE", "/api/v1/peers/x"}, {"POST", "/api/v1/peers/x/sync"}, {"POST", "/api/v1/sync"}, {"POST", "/api/v1/reindex"},
	} {
		r := e.do(w.method, w.path, strings.NewReader("{}"), "Authorization", "Bearer "+reader)
		r.json(t, &ae)
		if r.status != 403 || ae.Error.Code != "forbidden" {
			t.Errorf("read-only token on %s %s: %d %s", w.method, w.path, r.status, r.body)
		}
	}
	adminTok := e.token(t, "admin", casefile.ScopeAdmin)
	if r := e.do("DELETE", "/api/v1/frameworks/"+id("alpha"), nil, "Cookie", tokenCookie+"="+adminTok); r.status != 204 {
		t.Errorf("admin delete with the cookie: %d %s", r.status, r.body)
	}
	if r := e.get("/ims/case/v1p1/CFDocuments/" + id("alpha")); r.status != 404 {
		t.Errorf("deleted framework still served: %d", r.status)
	}
}

func TestRequireAuth(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.RequireAuth = true })
	importTestDocs(e)
	for _, c := range []struct{ path, minor string }{
		{"/ims/case/v1p1/CFDocuments", "unauthorised_request"}, {"/ims/case/v1p0/CFItems/" + id("alpha/root"), "unauthorisedrequest"},
	} {
		r := e.get(c.path)
		if st := imsx(t, r); r.status != 401 || st.CodeMinor.Fields[0].Value != c.minor || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s without a token: %d %s", c.path, r.status, r.body)
		}
		r = e.get(c.path, "Authorization", "Bearer not-a-token")
		if r.status != 401 {
			t.Errorf("%s with a bad token: %d", c.path, r.status)
		}
	}
	if r := e.get("/api/v1/frameworks"); r.status != 401 {
		t.Errorf("API read without a token: %d", r.status)
	}
	noScope := e.token(t, "nobody")
	if r := e.get("/ims/case/v1p1/CFDocuments", "Authorization", "Bearer "+noScope); r.status != 403 || imsx(t, r).CodeMinor.Fields[0].Value != "forbidden" {
		t.Errorf("a token without the read scope: %d %s", r.status, r.body)
	}
	reader := e.token(t, "reader", casefile.ScopeRead)
	for _, p := range []string{"/ims/case/v1p1/CFDocuments", "/ims/case/v1p0/CFPackages/" + id("alpha"), "/api/v1/frameworks"} {
		if r := e.get(p, "Authorization", "Bearer "+reader); r.status != 200 {
			t.Errorf("%s with a read token: %d %s", p, r.status, r.body)
		}
	}
	for _, p := range []string{"/healthz", "/ims/case/v1p1/discovery/imscasev1p1_openapi3_v1p0.json", "/api/v1/openapi.json"} {
		if r := e.get(p); r.status != 200 {
			t.Errorf("%s must stay public: %d", p, r.status)
		}
	}
}

func TestTokenRequestsAreBounded(t *testing.T) {
	e := newTestEnv(t, nil)
	secret := e.addClient(t, "tool", casefile.ScopeRead)
	for i := 0; i < cap(e.auth.hashing); i++ {
		e.auth.hashing <- struct{}{} // every secret check busy
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, _, _, err := e.auth.issue(ctx, "tool", secret, nil); casefile.ErrorCode(err) != casefile.Unavailable {
		t.Errorf("with every check busy: %v, want unavailable", err)
	}
	for i := 0; i < cap(e.auth.hashing); i++ {
		<-e.auth.hashing
	}
	if _, _, _, err := e.auth.issue(context.Background(), "tool", secret, nil); err != nil {
		t.Errorf("after the burst: %v", err)
	}
}

func TestTokenThatCannotBeCheckedAnswers503(t *testing.T) {
	e := newTestEnv(t, nil)
	tok := e.token(t, "admin", casefile.ScopeAdmin)
	// Verification follows the request's context: an ended request is not
	// told its token is bad.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.auth.Verify(ctx, tok); err == nil || casefile.ErrorCode(err) == casefile.Unauthorized {
		t.Errorf("Verify with an ended context: %v", err)
	}
	// The store failing is not an anonymous request.
	if err := e.db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, req := range []struct{ method, path string }{{"GET", "/api/v1/node"}, {"POST", "/api/v1/reindex"}} {
		r := e.do(req.method, req.path, nil, "Authorization", "Bearer "+tok)
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
			t.Errorf("%s %s while the store fails: %d %s", req.method, req.path, r.status, r.body)
		}
	}
	// A bad token is still simply anonymous (public reads work).
	if r := e.get("/healthz", "Authorization", "Bearer nonsense"); r.status == http.StatusServiceUnavailable && strings.Contains(string(r.body), "token") {
		t.Errorf("a malformed token reached the store: %d %s", r.status, r.body)
	}
}
