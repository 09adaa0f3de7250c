package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/testnode"
)

func encodeTestPackage(t *testing.T, d docSpec) []byte {
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, testFramework(d), casefile.V1p1); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportOverHTTP(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.MaxImportBytes = 64 << 10 })
	adminTok := e.token(t, "admin", casefile.ScopeAdmin)
	auth := []string{"Authorization", "Bearer " + adminTok, "Content-Type", "application/json"}

	r := e.do("POST", "/api/v1/import?location=alpha.json", bytes.NewReader(encodeTestPackage(t, testDocs[0])), auth...)
	var out struct{ Results []casefile.ImportResult }
	r.json(t, &out)
	if r.status != 200 || len(out.Results) != 1 || out.Results[0].Framework != id("alpha") || out.Results[0].Items != 3 {
		t.Fatalf("import body: %d %s", r.status, r.body)
	}
	if r := e.get("/ims/case/v1p1/CFItems/" + id("alpha/child")); r.status != 200 {
		t.Errorf("imported item not served: %d", r.status)
	}
	if fi, _ := e.db.Framework(context.Background(), id("alpha")); fi.Provenance.Source != casefile.SourceUpload || fi.Provenance.Location != "alpha.json (upload by admin)" {
		t.Errorf("provenance of an upload: %+v", fi.Provenance)
	}

	// From a URL.
	pkg := encodeTestPackage(t, testDocs[1])
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bravo.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(pkg)
	}))
	defer origin.Close()
	body, _ := json.Marshal(map[string]string{"url": origin.URL + "/bravo.json"})
	r = e.do("POST", "/api/v1/import", bytes.NewReader(body), auth...)
	r.json(t, &out)
	if r.status != 200 || len(out.Results) != 1 || out.Results[0].Framework != id("bravo") {
		t.Fatalf("import url: %d %s", r.status, r.body)
	}
	fi, err := e.db.Framework(context.Background(), id("bravo"))
	if err != nil || fi.Provenance.Source != casefile.SourceURL || fi.Provenance.ETag != `"v1"` {
		t.Errorf("provenance of a URL import: %+v %v", fi.Provenance, err)
	}

	cases := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"not CASE", `{"hello": "world"}`, 400, "invalid"},
		{"broken JSON", `{"CFDocument": `, 400, "invalid"},
		{"missing URL", `{"url": "` + origin.URL + `/nothing.json"}`, 400, "invalid"},
		{"file URL", `{"url": "file:///etc/passwd"}`, 400, "invalid"},
		{"too large", `{"CFDocument": {"title": "` + strings.Repeat("x", 70<<10) + `"}}`, 413, "invalid"},
	}
	for _, c := range cases {
		r := e.do("POST", "/api/v1/import", strings.NewReader(c.body), auth...)
		var ae apiErrorBody
		r.json(t, &ae)
		if r.status != c.status || ae.Error.Code != c.code || ae.Error.Message == "" {
			t.Errorf("%s: %d %s", c.name, r.status, r.body)
		}
	}
	r = e.do("POST", "/api/v1/import", strings.NewReader(`{"CFDocument": {"title": "no identifier"}, "CFItems": [{"fullStatement": "x"}]}`), auth...)
	var ae apiErrorBody
	r.json(t, &ae)
	if r.status != 400 || len(ae.Error.Problems) == 0 || ae.Error.Problems[0].Path == "" {
		t.Errorf("a rejected package must list path-addressed problems: %d %s", r.status, r.body)
	}
	if fws, _ := e.db.Frameworks(context.Background()); len(fws) != 2 {
		t.Errorf("rejected imports changed the store: %d frameworks", len(fws))
	}
}

// POST /api/v1/import {"url"} goes through the node's guarded client: with
// the address rule on (the default), a loopback or metadata address is
// refused with 403 and never reached; the body cap is the import limit.
func TestImportFromURLFollowsTheOutboundRules(t *testing.T) {
	var hits atomic.Int64
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write(encodeTestPackage(t, testDocs[1]))
	}))
	defer origin.Close()
	e := newTestEnv(t, func(c *Config) { c.Fetcher = importer.NewClient(importer.ClientOptions{}) })
	auth := []string{"Authorization", "Bearer " + e.token(t, "admin", casefile.ScopeAdmin), "Content-Type", "application/json"}
	for _, target := range []string{origin.URL + "/bravo.json", "http://localhost:" + origin.URL[strings.LastIndex(origin.URL, ":")+1:] + "/bravo.json"} {
		body, _ := json.Marshal(map[string]string{"url": target})
		r := e.do("POST", "/api/v1/import", bytes.NewReader(body), auth...)
		var ae apiErrorBody
		r.json(t, &ae)
		if r.status != 403 || !strings.Contains(ae.Error.Message, "private") {
			t.Errorf("import from %s: %d %s, want 403 naming the private-address rule", target, r.status, r.body)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("%d requests reached a loopback origin the rule refuses", hits.Load())
	}
	small := newTestEnv(t, func(c *Config) { c.MaxImportBytes = 1 << 10 })
	body, _ := json.Marshal(map[string]string{"url": origin.URL + "/bravo.json"})
	r := small.do("POST", "/api/v1/import", bytes.NewReader(body), "Authorization", "Bearer "+small.token(t, "admin", casefile.ScopeAdmin))
	if r.status/100 != 4 || !strings.Contains(string(r.body), "limit") {
		t.Errorf("a URL body over the import limit: %d %s", r.status, r.body)
	}
}

func TestNodeAPIReads(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	changed := testFramework(testDocs[0])
	changed.CFItems = changed.CFItems[:2]
	changed.CFAssociations = changed.CFAssociations[:2]
	e.importPackage(changed)

	var fl struct{ Frameworks []casefile.FrameworkInfo }
	e.get("/api/v1/frameworks").json(t, &fl)
	if len(fl.Frameworks) != 5 {
		t.Errorf("frameworks: %d", len(fl.Frameworks))
	}
	var fi casefile.FrameworkInfo
	if r := e.get("/api/v1/frameworks/" + id("alpha")); r.status != 200 {
		t.Errorf("framework: %d", r.status)
	} else if r.json(t, &fi); fi.Items != 2 {
		t.Errorf("framework items: %d", fi.Items)
	}
	if r := e.get("/api/v1/frameworks/" + id("nope")); r.status != 404 {
		t.Errorf("unknown framework: %d", r.status)
	}
	var diffs struct{ Changes []casefile.FrameworkDiff }
	e.get("/api/v1/frameworks/"+id("alpha")+"/changes").json(t, &diffs)
	if len(diffs.Changes) != 1 || len(diffs.Changes[0].ItemsRemoved) != 1 {
		t.Errorf("diffs: %+v", diffs)
	}
	var feed struct {
		LastSeq int64
		Changes []casefile.Change
	}
	e.get("/api/v1/changes?since=0").json(t, &feed)
	if feed.LastSeq != 6 || len(feed.Changes) != 6 {
		t.Errorf("change feed: lastSeq %d, %d changes", feed.LastSeq, len(feed.Changes))
	}
	e.get("/api/v1/changes?since=4&limit=1").json(t, &feed)
	if len(feed.Changes) != 1 || feed.Changes[0].Seq != 5 {
		t.Errorf("since=4&limit=1: %+v", feed.Changes)
	}
	for _, q := range []string{"since=-1", "since=x", "limit=0", "limit=100000"} {
		if r := e.get("/api/v1/changes?" + q); r.status != 400 {
			t.Errorf("changes?%s: %d", q, r.status)
		}
	}
	var node casefile.NodeInfo
	e.get("/api/v1/node").json(t, &node)
	if node.Software != "casenode" || node.LastSeq != 6 || node.BaseURL != testBase || !node.ChangeFeed {
		t.Errorf("node: %+v", node)
	}
	for _, p := range []string{"/api/v1/peers", "/api/v1/conflicts", "/api/v1/crosswalk?source=a&target=b", "/api/v1/search?q=x"} {
		r := e.get(p)
		var ae apiErrorBody
		r.json(t, &ae)
		if r.status != 404 || !strings.Contains(ae.Error.Message, "not enabled") {
			t.Errorf("%s without the service: %d %s", p, r.status, r.body)
		}
	}
}

func TestSearchAPI(t *testing.T) {
	fed := &fakeFederation{hits: []casefile.SearchHit{{Identifier: "peer-item", FullStatement: "count", Origin: "peer"}}}
	n := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithSearch())
	e := newTestEnvOn(t, n, func(c *Config) { c.Search, c.Federation = n.Index, fed })
	importTestDocs(e) // through the node's import path: the index catches up
	srv := e.srv
	get := func(q string) (reply, casefile.SearchResult) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/search?"+q, nil))
		var res casefile.SearchResult
		json.Unmarshal(rec.Body.Bytes(), &res)
		return reply{status: rec.Code, body: rec.Body.Bytes()}, res
	}
	r, res := get("q=count&size=5")
	if r.status != 200 || res.Total == 0 || res.Hits[0].FullStatement == "" || res.Size != 5 {
		t.Fatalf("search: %d %.300s", r.status, r.body)
	}
	_, res = get("q=count&framework=" + id("bravo"))
	for _, h := range res.Hits {
		if h.Framework.Identifier != id("bravo") {
			t.Errorf("framework filter let through %s", h.Framework.Identifier)
		}
	}
	_, res = get("q=count&federated=true")
	if len(res.Peers) != 1 || res.Hits[len(res.Hits)-1].Origin != "peer" || fed.asked != 1 {
		t.Errorf("federated: peers %+v", res.Peers)
	}
	if _, _ = get("q=count&federated=true&local=1"); fed.asked != 1 {
		t.Error("local=1 must not fan out to peers")
	}
	_, res = get("q=count&size=1&page=2")
	if res.From != 1 {
		t.Errorf("page=2&size=1 gives from %d", res.From)
	}
	for _, q := range []string{"q=x&size=0", "q=x&size=1000", "q=x&page=0", "q=x&from=-1", "q=" + strings.Repeat("x", 2000)} {
		if r, _ := get(q); r.status != 400 {
			t.Errorf("%s: %d", q, r.status)
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/align", strings.NewReader(`{"text": "Students count to one hundred.", "filters": {"framework": ["`+id("alpha")+`"]}}`)))
	json.Unmarshal(rec.Body.Bytes(), &res)
	if rec.Code != 200 || len(res.Hits) == 0 {
		t.Errorf("align: %d %.300s", rec.Code, rec.Body.Bytes())
	}
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/align", strings.NewReader(`{"text": "x", "filters": {"colour": ["red"]}}`)))
	if rec.Code != 400 {
		t.Errorf("align with an unknown filter: %d", rec.Code)
	}
}

// fakeFederation answers federated search with fixed hits.
type fakeFederation struct {
	Federation
	hits  []casefile.SearchHit
	asked int
}

func (f *fakeFederation) SearchPeers(ctx context.Context, req casefile.SearchRequest) ([]casefile.SearchHit, []casefile.PeerStatus) {
	f.asked++
	return f.hits, []casefile.PeerStatus{{Peer: "peer", OK: true, Hits: len(f.hits)}}
}
