package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func TestServerBusy(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 4)
	e := newTestEnv(t, func(c *Config) {
		c.MaxConcurrent = 2
		c.Web = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			entered <- struct{}{}
			<-release
		})
	})
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); e.get("/slow") }()
	}
	<-entered
	<-entered
	for _, c := range []struct{ path, minor string }{{"/ims/case/v1p1/CFDocuments", "server_busy"}, {"/ims/case/v1p0/CFDocuments", "server_busy"}} {
		r := e.get(c.path)
		if st := imsx(t, r); r.status != 429 || st.CodeMinor.Fields[0].Value != c.minor || r.header.Get("Retry-After") == "" {
			t.Errorf("%s while saturated: %d %s", c.path, r.status, r.body)
		}
	}
	if r := e.get("/healthz"); r.status != 200 {
		t.Errorf("health must bypass the limiter: %d", r.status)
	}
	close(release)
	wg.Wait()
	if r := e.get("/ims/case/v1p1/CFDocuments"); r.status != 200 {
		t.Errorf("after the burst: %d", r.status)
	}
}

func TestRateLimitPerClient(t *testing.T) {
	cb := newClientBudgets(10, 2, 2)
	now := time.Now()
	ok := 0
	for i := 0; i < 5; i++ {
		if leave, got := cb.enter("192.0.2.1", now); got {
			ok++
			leave()
		}
	}
	if ok != 2 {
		t.Errorf("burst of 2 allowed %d", ok)
	}
	if _, got := cb.enter("192.0.2.2", now); !got {
		t.Error("another client has its own bucket")
	}
	if _, got := cb.enter("192.0.2.1", now.Add(600*time.Millisecond)); !got {
		t.Error("a token should be back after 0.6 s at 2/s")
	}
}

func TestHealthAndMetrics(t *testing.T) {
	var logs bytes.Buffer
	e := newTestEnv(t, func(c *Config) { c.Log = slog.New(slog.NewTextHandler(&logs, nil)) })
	importTestDocs(e)
	var h health
	if r := e.get("/healthz"); r.status != 200 {
		t.Fatalf("healthz: %d", r.status)
	} else if r.json(t, &h); h.Status != "ok" {
		t.Errorf("healthz: %+v", h)
	}
	e.get("/ims/case/v1p1/CFItems/" + id("alpha/root"))
	e.get("/ims/case/v1p1/CFItems/" + id("alpha/child"))
	e.get("/ims/case/v1p1/CFItems/nope")
	r := e.get("/metrics")
	text := string(r.body)
	for _, want := range []string{
		`casenode_http_requests_total{route="GET /ims/case/v1p1/CFItems/{sourcedId}",status="200"} 2`,
		`casenode_http_requests_total{route="GET /ims/case/v1p1/CFItems/{sourcedId}",status="404"} 1`,
		`casenode_http_request_duration_seconds_count{route="GET /ims/case/v1p1/CFItems/{sourcedId}"} 3`,
		`casenode_http_request_duration_seconds_bucket{route="GET /ims/case/v1p1/CFItems/{sourcedId}",le="+Inf"} 3`,
		"# TYPE casenode_http_request_duration_seconds histogram",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s\n%s", want, text)
		}
	}
	line := ""
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "path=/ims/case/v1p1/CFItems/nope") {
			line = l
		}
	}
	for _, want := range []string{"method=GET", `route="GET /ims/case/v1p1/CFItems/{sourcedId}"`, "status=404", "bytes=", "duration="} {
		if !strings.Contains(line, want) {
			t.Errorf("access log line %q lacks %s", line, want)
		}
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("metrics Content-Type %q", r.header.Get("Content-Type"))
	}
}

// downStore never answers.
type downStore struct{ Store }

func (downStore) LastSeq(ctx context.Context) (int64, error) {
	<-ctx.Done()
	return 0, ctx.Err()
}

func TestHealthFailsWhenStoreHangs(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.Store = downStore{c.Store} })
	start := time.Now()
	r := e.get("/healthz")
	if r.status != 503 || time.Since(start) > 3*time.Second {
		t.Errorf("healthz with a hung store: %d after %s", r.status, time.Since(start))
	}
}

// emptySearch finds nothing.
type emptySearch struct{}

func (emptySearch) Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error) {
	return &casefile.SearchResult{}, nil
}

func (emptySearch) Align(ctx context.Context, text string, req casefile.SearchRequest) (*casefile.SearchResult, error) {
	return &casefile.SearchResult{}, nil
}

func (emptySearch) Generation() uint64 { return 0 } // nothing to change

func TestHTTPServerLimits(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.Search = emptySearch{} })
	hs := e.srv.HTTPServer("127.0.0.1:0")
	if hs.ReadHeaderTimeout == 0 || hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 || hs.Handler != e.srv {
		t.Errorf("http.Server lacks timeouts: %+v", hs)
	}
	tok := e.token(t, "admin", casefile.ScopeAdmin)
	big := strings.Repeat("x", 2<<20)
	r := e.do("POST", "/api/v1/align", strings.NewReader(`{"text":"`+big+`"}`), "Authorization", "Bearer "+tok)
	if r.status != 413 {
		t.Errorf("a 2 MB body on a 1 MB route: %d", r.status)
	}
	if r := e.do("POST", "/api/v1/align", strings.NewReader(`{"text":"fractions"}`)); r.status != 200 {
		t.Errorf("a small align request: %d %s", r.status, r.body)
	}
}

func TestDiscoveryDocuments(t *testing.T) {
	e := newTestEnv(t, nil)
	var doc struct {
		OpenAPI string
		Servers []struct{ URL string }
		Paths   map[string]any
	}
	r := e.get("/ims/case/v1p1/discovery/imscasev1p1_openapi3_v1p0.json")
	r.json(t, &doc)
	if r.status != 200 || doc.OpenAPI != "3.0.0" || len(doc.Servers) != 1 || doc.Servers[0].URL != testBase+"/ims/case/v1p1" || len(doc.Paths) != 12 {
		t.Errorf("CASE discovery: %d openapi=%s servers=%v paths=%d", r.status, doc.OpenAPI, doc.Servers, len(doc.Paths))
	}
	r = e.get("/api/v1/openapi.json")
	doc.Paths = nil
	r.json(t, &doc)
	if r.status != 200 || doc.Servers[0].URL != testBase {
		t.Errorf("node API description: %d %v", r.status, doc.Servers)
	}
	// Every node API route is described, and every described path is routed.
	for _, rt := range e.srv.routes() {
		method, path, ok := strings.Cut(rt.pattern, " ")
		if !ok || !(strings.HasPrefix(path, "/api/v1/") || path == "/oauth/token") || path == "/api/v1/openapi.json" {
			continue
		}
		ops, _ := doc.Paths[path].(map[string]any)
		if ops[strings.ToLower(method)] == nil {
			t.Errorf("%s is not described in /api/v1/openapi.json", rt.pattern)
		}
	}
	var raw map[string]json.RawMessage
	json.Unmarshal(r.body, &raw)
	if _, ok := raw["components"]; !ok {
		t.Error("node API description has no components")
	}
}
