package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/testnode"
)

// readCounter counts the store reads behind CFItems and CFDocuments.
type readCounter struct {
	Store
	items, documents, versions atomic.Int64
}

func (c *readCounter) PackageVersion(ctx context.Context, id string) (string, time.Time, error) {
	c.versions.Add(1)
	return c.Store.PackageVersion(ctx, id)
}

func (c *readCounter) Item(ctx context.Context, id string) (*casefile.Item, error) {
	c.items.Add(1)
	return c.Store.Item(ctx, id)
}

func (c *readCounter) Documents(ctx context.Context) ([]casefile.Document, error) {
	c.documents.Add(1)
	return c.Store.Documents(ctx)
}

func countingEnv(t *testing.T, edit func(*Config)) (*testEnv, *readCounter) {
	var rc *readCounter
	e := newTestEnv(t, func(c *Config) {
		rc = &readCounter{Store: c.Store}
		c.Store = rc
		if edit != nil {
			edit(c)
		}
	})
	return e, rc
}

// A CFItem is read and encoded once; the cached answer changes with a
// re-import, disappears with a delete and comes back with the next import.
func TestItemCacheFollowsWrites(t *testing.T) {
	e, rc := countingEnv(t, nil)
	importTestDocs(e)
	p := "/ims/case/v1p1/CFItems/" + id("alpha/child")
	first := e.get(p)
	if first.status != 200 {
		t.Fatalf("%d %s", first.status, first.body)
	}
	for i := 0; i < 3; i++ {
		if r := e.get(p); !bytes.Equal(r.body, first.body) || r.header.Get("ETag") != first.header.Get("ETag") {
			t.Fatal("the cached item differs from the first answer")
		}
		if r := e.get(p, "If-None-Match", first.header.Get("ETag")); r.status != 304 {
			t.Fatalf("revalidation: %d", r.status)
		}
	}
	if n := rc.items.Load(); n != 1 {
		t.Errorf("the item was read %d times for 7 requests, want 1", n)
	}
	changed := testFramework(testDocs[0])
	for i := range changed.CFItems {
		changed.CFItems[i].FullStatement += " (revised)"
	}
	e.importPackage(changed)
	r := e.get(p, "If-None-Match", first.header.Get("ETag"))
	if r.status != 200 || !bytes.Contains(r.body, []byte("(revised)")) || r.header.Get("ETag") == first.header.Get("ETag") {
		t.Fatalf("after a re-import: %d ETag %q %s", r.status, r.header.Get("ETag"), r.body)
	}
	if err := e.db.Delete(context.Background(), id("alpha")); err != nil {
		t.Fatal(err)
	}
	if r := e.get(p); r.status != 404 {
		t.Fatalf("after the delete: %d", r.status)
	}
	e.importPackage(testFramework(testDocs[0]))
	if r := e.get(p); r.status != 200 || !bytes.Equal(r.body, first.body) {
		t.Fatalf("after importing it again: %d %s", r.status, r.body)
	}
}

// A CFPackage's validators are read once per store generation: repeated and
// conditional requests cost no query until a write, which changes the ETag.
func TestPackageValidatorsFollowWrites(t *testing.T) {
	e, rc := countingEnv(t, nil)
	importTestDocs(e)
	p := "/ims/case/v1p1/CFPackages/" + id("alpha")
	first := e.get(p)
	for i := 0; i < 3; i++ {
		if r := e.get(p, "If-None-Match", first.header.Get("ETag")); r.status != 304 {
			t.Fatalf("revalidation: %d", r.status)
		}
	}
	if n := rc.versions.Load(); n != 1 {
		t.Errorf("the validators were read %d times for 4 requests, want 1", n)
	}
	changed := testFramework(testDocs[0])
	changed.CFDocument.Title += " (revised)"
	e.importPackage(changed)
	if r := e.get(p, "If-None-Match", first.header.Get("ETag")); r.status != 200 || r.header.Get("ETag") == first.header.Get("ETag") {
		t.Errorf("after a re-import: %d, ETag %q", r.status, r.header.Get("ETag"))
	}
}

// The CFDocuments list, with its paging headers, is encoded once per query
// and follows imports and deletes.
func TestDocumentsCacheFollowsWrites(t *testing.T) {
	e, rc := countingEnv(t, nil)
	importTestDocs(e)
	p := "/ims/case/v1p1/CFDocuments?limit=2&offset=2"
	first := e.get(p)
	for i := 0; i < 3; i++ {
		r := e.get(p, "Accept-Encoding", "gzip")
		if r.status != 200 || r.header.Get("Link") != first.header.Get("Link") || r.header.Get("X-Total-Count") != "5" {
			t.Fatalf("cached list: %d Link %q total %q", r.status, r.header.Get("Link"), r.header.Get("X-Total-Count"))
		}
	}
	if n := rc.documents.Load(); n != 1 {
		t.Errorf("the documents were read %d times for 4 requests, want 1", n)
	}
	if r := e.get("/ims/case/v1p1/CFDocuments?limit=1"); r.header.Get("X-Total-Count") != "5" || rc.documents.Load() != 2 {
		t.Errorf("another query is another answer: total %q, %d reads", r.header.Get("X-Total-Count"), rc.documents.Load())
	}
	e.importPackage(testFramework(docSpec{name: "foxtrot", title: "Foxtrot", creator: "F", date: "2024-01-01T00:00:00Z", status: "Adopted"}))
	if r := e.get(p); r.header.Get("X-Total-Count") != "6" {
		t.Fatalf("after an import: total %q", r.header.Get("X-Total-Count"))
	}
	if err := e.db.Delete(context.Background(), id("foxtrot")); err != nil {
		t.Fatal(err)
	}
	if r := e.get(p); r.header.Get("X-Total-Count") != "5" || !bytes.Equal(r.body, first.body) {
		t.Fatalf("after the delete: total %q", r.header.Get("X-Total-Count"))
	}
}

// Auth and the per-client rate run before the cache: a cached answer is
// still refused to a caller without a token or over its rate.
func TestCachedReadsStillGuarded(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e, _ := countingEnv(t, func(c *Config) { c.RequireAuth, c.RatePerSecond, c.RateBurst = true, 1, 4 })
	e.srv.now = func() time.Time { return now }
	importTestDocs(e)
	tok := "Bearer " + e.token(t, "reader", casefile.ScopeRead)
	for _, p := range []string{"/ims/case/v1p1/CFItems/" + id("alpha/child"), "/ims/case/v1p1/CFDocuments"} {
		now = now.Add(time.Hour) // a full rate budget for each path
		if r := e.get(p, "Authorization", tok); r.status != 200 {
			t.Fatalf("%s with a token: %d", p, r.status)
		}
		if r := e.get(p); r.status != http.StatusUnauthorized {
			t.Errorf("%s cached, without a token: %d", p, r.status)
		}
		statuses := ""
		for i := 0; i < 5; i++ {
			statuses += strconv.Itoa(e.get(p, "Authorization", tok).status) + " "
		}
		if statuses != "200 200 429 429 429 " { // 4 in the burst: 2 taken above
			t.Errorf("%s cached, over the rate: %s", p, statuses)
		}
	}
}

// searchCounter counts the searches the server runs.
type searchCounter struct {
	Searcher
	n atomic.Int64
}

func (c *searchCounter) Search(ctx context.Context, req casefile.SearchRequest) (*casefile.SearchResult, error) {
	c.n.Add(1)
	return c.Searcher.Search(ctx, req)
}

// A local search is run and encoded once until the store or the index
// changes: an import that catches the index up shows in the next answer.
func TestSearchCacheFollowsWrites(t *testing.T) {
	n := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithSearch())
	sc := &searchCounter{Searcher: n.Index}
	e := newTestEnvOn(t, n, func(c *Config) { c.Search = sc })
	importTestDocs(e)
	p := "/api/v1/search?q=fractions&size=50"
	var before casefile.SearchResult
	first := e.get(p)
	first.json(t, &before)
	for i := 0; i < 3; i++ {
		if r := e.get(p); r.status != 200 || !bytes.Equal(r.body, first.body) || r.header.Get("ETag") != first.header.Get("ETag") {
			t.Fatalf("the cached answer differs: %d", r.status)
		}
		if r := e.get(p, "Accept-Encoding", "gzip"); r.status != 200 {
			t.Fatalf("gzip: %d", r.status)
		}
	}
	if got := sc.n.Load(); got != 1 {
		t.Errorf("7 identical searches ran %d times, want 1", got)
	}
	extra := testFramework(docSpec{name: "golf", title: "Golf", creator: "G", date: "2024-01-01T00:00:00Z", status: "Adopted"})
	extra.CFItems[0].FullStatement = "Add and subtract fractions with unlike denominators."
	e.importPackage(extra) // through the node's import path: the index catches up
	var after casefile.SearchResult
	e.get(p).json(t, &after)
	if after.Total != before.Total+1 {
		t.Errorf("after an import: %d hits, want %d", after.Total, before.Total+1)
	}
	if err := e.imp.Delete(context.Background(), id("golf")); err != nil {
		t.Fatal(err)
	}
	if r := e.get(p); !bytes.Equal(r.body, first.body) {
		t.Errorf("after the delete the answer is not the first one again: %.300s", r.body)
	}
}
