package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// countingStore counts CFPackage loads.
type countingStore struct {
	Store
	packages atomic.Int64
}

func (c *countingStore) Package(ctx context.Context, id string) (*casefile.Package, error) {
	c.packages.Add(1)
	return c.Store.Package(ctx, id)
}

func TestConditionalRequests(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	paths := []string{
		"/ims/case/v1p1/CFPackages/" + id("alpha"), "/ims/case/v1p0/CFPackages/" + id("alpha"),
		"/ims/case/v1p1/CFItems/" + id("alpha/child"), "/ims/case/v1p1/CFDocuments", "/ims/case/v1p0/CFDocuments/" + id("alpha"),
		"/ims/case/v1p1/CFItemAssociations/" + id("alpha/child"), "/ims/case/v1p1/CFConcepts/" + id("alpha/concept"),
		"/ims/case/v1p1/CFRubrics/" + id("alpha/rubric"), "/ims/case/v1p1/discovery/imscasev1p1_openapi3_v1p0.json",
	}
	for _, p := range paths {
		r := e.get(p)
		etag, lm := r.header.Get("ETag"), r.header.Get("Last-Modified")
		if r.status != 200 || etag == "" || lm == "" || r.header.Get("Cache-Control") != "public, max-age=60" {
			t.Errorf("%s: %d ETag=%q Last-Modified=%q Cache-Control=%q", p, r.status, etag, lm, r.header.Get("Cache-Control"))
			continue
		}
		if r2 := e.get(p, "If-None-Match", etag); r2.status != http.StatusNotModified || len(r2.body) != 0 || r2.header.Get("ETag") != etag {
			t.Errorf("%s If-None-Match: %d (%d bytes) ETag %q", p, r2.status, len(r2.body), r2.header.Get("ETag"))
		}
		if r2 := e.get(p, "If-None-Match", `"stale", `+etag); r2.status != http.StatusNotModified {
			t.Errorf("%s If-None-Match list: %d", p, r2.status)
		}
		if r2 := e.get(p, "If-None-Match", `"stale"`); r2.status != 200 {
			t.Errorf("%s stale If-None-Match: %d", p, r2.status)
		}
		if r2 := e.get(p, "If-Modified-Since", lm); r2.status != http.StatusNotModified {
			t.Errorf("%s If-Modified-Since: %d", p, r2.status)
		}
		lmt, _ := http.ParseTime(lm)
		if r2 := e.get(p, "If-Modified-Since", lmt.Add(-time.Hour).Format(http.TimeFormat)); r2.status != 200 {
			t.Errorf("%s older If-Modified-Since: %d", p, r2.status)
		}
	}
}

func TestGzip(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	for _, p := range []string{"/ims/case/v1p1/CFPackages/" + id("alpha"), "/ims/case/v1p1/CFDocuments", "/ims/case/v1p1/CFItemAssociations/" + id("alpha/child")} {
		plain := e.get(p)
		r := e.get(p, "Accept-Encoding", "gzip, deflate")
		if r.header.Get("Content-Encoding") != "gzip" || r.header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Content-Encoding %q Vary %q", p, r.header.Get("Content-Encoding"), r.header.Get("Vary"))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(zr)
		if !bytes.Equal(got, plain.body) || len(r.body) >= len(plain.body) {
			t.Errorf("%s: gzip body (%d bytes) does not inflate to the plain body (%d bytes)", p, len(r.body), len(plain.body))
		}
		if r.header.Get("ETag") == plain.header.Get("ETag") {
			t.Errorf("%s: the gzip representation needs its own strong ETag", p)
		}
		if r2 := e.get(p, "Accept-Encoding", "gzip", "If-None-Match", r.header.Get("ETag")); r2.status != 304 {
			t.Errorf("%s: the gzip ETag does not revalidate: %d", p, r2.status)
		}
		if r2 := e.get(p, "Accept-Encoding", "gzip;q=0"); r2.header.Get("Content-Encoding") != "" {
			t.Errorf("%s: gzip;q=0 must not get gzip", p)
		}
	}
}

func TestPackageCache(t *testing.T) {
	var cs *countingStore
	e := newTestEnv(t, func(c *Config) {
		cs = &countingStore{Store: c.Store}
		c.Store = cs
	})
	importTestDocs(e)
	p := "/ims/case/v1p1/CFPackages/" + id("alpha")
	first := e.get(p)
	for i := 0; i < 5; i++ {
		if r := e.get(p); !bytes.Equal(r.body, first.body) {
			t.Fatal("cached body differs")
		}
		e.get(p, "If-None-Match", first.header.Get("ETag"))
		e.get(p, "Accept-Encoding", "gzip")
	}
	if n := cs.packages.Load(); n != 1 {
		t.Errorf("the package was loaded %d times for 16 requests, want 1", n)
	}
	e.get("/ims/case/v1p0/CFPackages/" + id("alpha"))
	if n := cs.packages.Load(); n != 2 {
		t.Errorf("1.0 needs its own encoding: %d loads", n)
	}
	changed := testFramework(testDocs[0])
	changed.CFDocument.Title = "Alpha Mathematics, revised"
	e.importPackage(changed)
	r := e.get(p, "If-None-Match", first.header.Get("ETag"))
	if r.status != 200 || !bytes.Contains(r.body, []byte("revised")) || r.header.Get("ETag") == first.header.Get("ETag") {
		t.Errorf("after a re-import: %d ETag %q (was %q)", r.status, r.header.Get("ETag"), first.header.Get("ETag"))
	}
	entries, _ := e.srv.packages.stats()
	if entries != 2 {
		t.Errorf("the cache holds %d entries, want 2 (the old 1.1 encoding dropped)", entries)
	}
}

func TestPackageCacheBound(t *testing.T) {
	c := newPackageCache(100)
	put := func(fw string, size int) {
		c.get(context.Background(), packageKey{framework: fw, version: casefile.V1p1, hash: "h"}, func() (*packageEntry, error) {
			return &packageEntry{key: packageKey{framework: fw, version: casefile.V1p1, hash: "h"}, body: body{data: make([]byte, size)}}, nil
		})
	}
	put("a", 40)
	put("b", 40)
	put("a", 40) // a is now the most recent
	put("c", 40) // evicts b
	put("huge", 500)
	n, size := c.stats()
	if n != 2 || size != 80 {
		t.Errorf("cache: %d entries, %d bytes; want 2 and 80", n, size)
	}
	c.mu.Lock()
	_, hasB := c.entries[packageKey{"b", casefile.V1p1, "h"}]
	_, hasA := c.entries[packageKey{"a", casefile.V1p1, "h"}]
	c.mu.Unlock()
	if hasB || !hasA {
		t.Errorf("least recently used not evicted first (a kept %v, b kept %v)", hasA, hasB)
	}
}

func TestCacheControlWithAuth(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.RequireAuth = true })
	importTestDocs(e)
	tok := e.token(t, "reader", casefile.ScopeRead)
	r := e.get("/ims/case/v1p1/CFDocuments/"+id("alpha"), "Authorization", "Bearer "+tok)
	if r.status != 200 || r.header.Get("Cache-Control") != "private, max-age=60" {
		t.Errorf("with auth: %d Cache-Control %q", r.status, r.header.Get("Cache-Control"))
	}
}

// A set's Last-Modified moves with any write, even one that brings older
// content or removes a framework, so If-Modified-Since never answers a stale 304.
func TestSetLastModifiedFollowsWrites(t *testing.T) {
	e := newTestEnv(t, nil)
	var mu sync.Mutex
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e.db.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return at })
	importTestDocs(e)
	first := e.get("/ims/case/v1p1/CFDocuments")
	lm := first.header.Get("Last-Modified")
	if lm != at.Format(http.TimeFormat) {
		t.Errorf("Last-Modified %q, want the time of the last write %s", lm, at.Format(http.TimeFormat))
	}
	mu.Lock()
	at = at.Add(time.Second) // HTTP dates count whole seconds
	mu.Unlock()
	old := docSpec{name: "old", title: "Old Framework", creator: "X", date: "2001-01-01T00:00:00Z", status: "Adopted", subjects: []string{"Math"}}
	e.importPackage(testFramework(old))
	if r := e.get("/ims/case/v1p1/CFDocuments", "If-Modified-Since", lm); r.status != 200 || !bytes.Contains(r.body, []byte("Old Framework")) {
		t.Errorf("after importing an old framework: %d (Last-Modified was %s, now %s)", r.status, lm, r.header.Get("Last-Modified"))
	}
}

func TestPackageCacheCoalescesLoads(t *testing.T) {
	c := newPackageCache(1 << 20)
	k := packageKey{framework: "f", version: casefile.V1p1, hash: "h"}
	var loads atomic.Int64
	gate := make(chan struct{})
	done := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			_, err := c.get(context.Background(), k, func() (*packageEntry, error) {
				loads.Add(1)
				<-gate
				return &packageEntry{key: k, body: body{data: []byte("{}")}}, nil
			})
			done <- err
		}()
	}
	yieldUntil(t, func() bool { // the 7 others are waiting for the one load
		c.mu.Lock()
		defer c.mu.Unlock()
		l := c.inflight[k]
		return l != nil && l.waiters == 7
	})
	close(gate)
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("8 concurrent misses loaded %d times, want 1", n)
	}
	k2 := packageKey{framework: "g", version: casefile.V1p1, hash: "h"}
	if _, err := c.get(context.Background(), k2, func() (*packageEntry, error) { panic("encoder bug") }); err == nil {
		t.Error("a panicking load must answer an error")
	}
}

// yieldUntil yields until cond holds, failing after a generous bound.
func yieldUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		runtime.Gosched()
	}
}
