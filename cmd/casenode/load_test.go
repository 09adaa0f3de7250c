package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// startTestNode opens a node on a fresh data directory (seeded with the demo
// frameworks) and serves it on a loopback httptest server.
func startTestNode(t *testing.T, args ...string) (*node, *httptest.Server) {
	t.Helper()
	return startTestNodeOn(t, t.TempDir(), args...)
}

// startTestNodeOn is startTestNode on the data directory data.
func startTestNodeOn(t *testing.T, data string, args ...string) (*node, *httptest.Server) {
	t.Helper()
	cfg, err := parseServe(&cliEnv{getenv: func(string) string { return "" }}, append([]string{"--data", data}, args...))
	if err != nil {
		t.Fatal(err)
	}
	n, err := openNode(context.Background(), cfg, cfg.data, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.close)
	ts := httptest.NewServer(n.srv)
	t.Cleanup(ts.Close)
	return n, ts
}

// `casenode load` drives every route of the mix at a loopback node and
// reports each with its counts; a healthy node shows no errors and no 5xx.
func TestLoadReportsEveryRoute(t *testing.T) {
	_, ts := startTestNode(t)
	code, out, errs := cli(t, t.TempDir(), "load", ts.URL, "--concurrency", "4", "--duration", "2s")
	if code != 0 {
		t.Fatalf("load exit %d: %s", code, errs)
	}
	for _, route := range []string{"case item", "case documents", "case package", "search", "graphql", "all"} {
		if !strings.Contains(out, route) {
			t.Errorf("no %q line in:\n%s", route, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 8 && f[0] == "all" {
			if f[1] == "0" || f[5] != "0" || f[6] != "0" || f[7] != "0" {
				t.Errorf("requests %s, errors %s, 5xx %s, 4xx %s against a healthy node:\n%s", f[1], f[5], f[6], f[7], out)
			}
			return
		}
	}
	t.Errorf("no total line:\n%s", out)
}

// The hostile clients run alongside the load, end with it, and are
// reported apart from the read routes.
func TestLoadWithHostileClients(t *testing.T) {
	_, ts := startTestNode(t)
	code, out, errs := cli(t, t.TempDir(), "load", ts.URL, "--concurrency", "2", "--duration", "2s", "--slow-bodies", "4", "--expensive-queries", "1")
	if code != 0 {
		t.Fatalf("load exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "attack: 4 slow-body connections opened") || !strings.Contains(out, "expensive queries answered") {
		t.Errorf("attack not reported:\n%s", out)
	}
}

func TestLoadIsBounded(t *testing.T) {
	for _, args := range [][]string{
		{"load", "http://127.0.0.1:1", "--concurrency", "0"},
		{"load", "http://127.0.0.1:1", "--concurrency", "100000"},
		{"load", "http://127.0.0.1:1", "--duration", "5h"},
		{"load", "http://127.0.0.1:1", "--slow-bodies", "5000"},
		{"load", "file:///etc/passwd"},
		{"load"},
	} {
		if code, _, _ := cli(t, t.TempDir(), args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", args, code)
		}
	}
}

// --import and --sync act through the node serving --data; without one the
// load does not start and says why.
func TestLoadBackgroundNeedsARunningNode(t *testing.T) {
	_, ts := startTestNode(t)
	code, out, errs := cli(t, t.TempDir(), "load", ts.URL, "--duration", "1s", "--import", writeSeed(t)[0])
	if code != 1 || !strings.Contains(errs, "need the node serving") || strings.Contains(out, "route") {
		t.Errorf("load --import without a node on --data: exit %d\n%s%s", code, out, errs)
	}
}

// Each reader, and the background importer of --import, is a client of its
// own: none takes a slot of another's per-client budget. With a budget of
// one request in flight per address, four readers and an import, readers got
// 429 on most requests before (they and the importer shared 127.0.0.1).
func TestLoadClientsHaveBudgetsOfTheirOwn(t *testing.T) {
	data := t.TempDir()
	n, ts := startTestNodeOn(t, data, "--max-per-client", "1")
	if err := n.registerCLI(context.Background(), data, ts.URL); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, t.TempDir(), "load", ts.URL, "--data", data, "--import", writeSeed(t)[0],
		"--concurrency", "4", "--duration", "2s")
	if code != 0 {
		t.Fatalf("load exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "completed") || strings.Contains(out, " 0 times") || !strings.Contains(out, "(0 failed)") {
		t.Fatalf("the import did not run (or failed) during the load:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 8 && f[0] == "all" && (f[7] != "0" || f[5] != "0") {
			t.Errorf("readers got %s errors and %s 4xx while the import ran:\n%s", f[5], f[7], out)
		}
	}
}

// The load client asks for gzip and reads bodies as sent, without
// inflating them (so its CPU goes to sending requests, not to inflating
// CFPackages it discards): a node whose CFDocuments answer is a gzip
// stream the client could not inflate still counts as answered.
func TestLoadReadsBodiesAsSent(t *testing.T) {
	_, ts := startTestNode(t)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ims/case/v1p1/CFDocuments" {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write([]byte("these bytes are not a gzip stream"))
			return
		}
		httputil.NewSingleHostReverseProxy(mustURL(t, ts.URL)).ServeHTTP(w, r)
	}))
	defer front.Close()
	code, out, errs := cli(t, t.TempDir(), "load", front.URL, "--concurrency", "2", "--duration", "1s")
	if code != 0 {
		t.Fatalf("load exit %d: %s", code, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 7 && f[0] == "case" && f[1] == "documents" && (f[2] == "0" || f[6] != "0") {
			t.Errorf("CFDocuments: %s requests, %s errors:\n%s", f[2], f[6], out)
		}
	}
	if !strings.Contains(out, "case documents") {
		t.Errorf("no CFDocuments line:\n%s", out)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// With --fresh-searches no search repeats a query string the node answered
// before, so none is served from its answer cache; without it the mix's 14
// queries repeat.
func TestLoadFreshSearches(t *testing.T) {
	_, ts := startTestNode(t)
	var mu sync.Mutex
	var asked []string
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/search" {
			mu.Lock()
			asked = append(asked, r.URL.RawQuery)
			mu.Unlock()
		}
		httputil.NewSingleHostReverseProxy(mustURL(t, ts.URL)).ServeHTTP(w, r)
	}))
	defer front.Close()
	repeats := func(args ...string) (searches, repeated int) {
		mu.Lock()
		asked = nil
		mu.Unlock()
		code, out, errs := cli(t, t.TempDir(), append([]string{"load", front.URL, "--concurrency", "2", "--duration", "1s"}, args...)...)
		if code != 0 {
			t.Fatalf("load exit %d: %s\n%s", code, errs, out)
		}
		mu.Lock()
		defer mu.Unlock()
		seen := map[string]bool{}
		for _, q := range asked {
			if seen[q] {
				repeated++
			}
			seen[q] = true
		}
		return len(asked), repeated
	}
	if n, r := repeats(); n <= len(loadWords) || r == 0 {
		t.Fatalf("without --fresh-searches: %d searches, %d repeated; the test needs more searches than the mix has queries", n, r)
	}
	if n, r := repeats("--fresh-searches"); n <= len(loadWords) || r != 0 {
		t.Errorf("with --fresh-searches: %d searches, %d of them repeated an earlier query string", n, r)
	}
}
