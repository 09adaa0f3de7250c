package federation

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// itemPeer serves CFItems by id with an ETag, counting requests and 304s.
type itemPeer struct {
	url       string
	requests  atomic.Int64
	revalids  atomic.Int64
	statement atomic.Value
}

func newItemPeer(t *testing.T) *itemPeer {
	p := &itemPeer{}
	p.statement.Store("Add fractions with unlike denominators")
	p.url = newRawServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == pathNode {
			writeJSON(w, casefile.NodeInfo{Software: software, ChangeFeed: true}, nil)
			return
		}
		id, ok := strings.CutPrefix(r.URL.Path, "/ims/case/v1p1/CFItems/")
		if !ok || id == "missing" {
			http.NotFound(w, r)
			return
		}
		p.requests.Add(1)
		st := p.statement.Load().(string)
		etag := etagOf([]byte(id + st))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			p.revalids.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		writeJSON(w, map[string]any{"identifier": id, "uri": p.url + r.URL.Path, "fullStatement": st,
			"humanCodingScheme": "5.NF.1", "educationLevel": "05", "lastChangeDateTime": "2024-01-01T00:00:00Z"}, nil)
	})
	return p
}

func TestResolveLink(t *testing.T) {
	peer := newItemPeer(t)
	var clock testClock
	node := newTestNode(t, "local", func(c *Config) { c.LinkTTL = 200 * time.Millisecond; c.LinkCacheSize = 2; c.Now = clock.now })
	node.addPeer("p", peer.url, casefile.PeerLive)
	ctx := context.Background()
	uri := peer.url + "/ims/case/v1p1/CFItems/" + casefile.NameUUID("i1")

	for range 3 {
		it, err := node.svc.ResolveLink(ctx, uri)
		if err != nil {
			t.Fatal(err)
		}
		if it.FullStatement != "Add fractions with unlike denominators" || it.HumanCodingScheme != "5.NF.1" || len(it.EducationLevel) != 1 {
			t.Errorf("item: %+v", it)
		}
	}
	if n := peer.requests.Load(); n != 1 {
		t.Errorf("3 lookups made %d requests, want 1 (cached)", n)
	}
	clock.advance(250 * time.Millisecond)
	if _, err := node.svc.ResolveLink(ctx, uri); err != nil {
		t.Fatal(err)
	}
	if peer.requests.Load() != 2 || peer.revalids.Load() != 1 {
		t.Errorf("after the TTL: %d requests, %d revalidated; want 2 and 1 (304)", peer.requests.Load(), peer.revalids.Load())
	}
	peer.statement.Store("Changed statement")
	clock.advance(100 * time.Millisecond)
	if it, _ := node.svc.ResolveLink(ctx, uri); it == nil || it.FullStatement == "Changed statement" || peer.requests.Load() != 2 {
		t.Errorf("within the TTL the cached item is served without a request: %+v, %d requests", it, peer.requests.Load())
	}
	clock.advance(150 * time.Millisecond)
	if it, _ := node.svc.ResolveLink(ctx, uri); it == nil || it.FullStatement != "Changed statement" {
		t.Errorf("a changed item was not refreshed: %+v", it)
	}

	// Not a peer's host, not http, missing on the peer: NotFound, nothing fetched.
	for _, u := range []string{"http://elsewhere.example/ims/case/v1p1/CFItems/x", "urn:fdc:x", peer.url + "/ims/case/v1p1/CFItems/missing"} {
		if _, err := node.svc.ResolveLink(ctx, u); casefile.ErrorCode(err) != casefile.NotFound {
			t.Errorf("ResolveLink(%s) = %v, want not_found", u, err)
		}
	}
	// The cache is bounded.
	for i := range 5 {
		node.svc.ResolveLink(ctx, peer.url+"/ims/case/v1p1/CFItems/"+casefile.NameUUID(string(rune('a'+i))))
	}
	if n := node.svc.links.len(); n != 2 {
		t.Errorf("link cache holds %d entries, bound is 2", n)
	}
}

// testClock is a clock that moves only when told to.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Unix(1_800_000_000, 0).Add(c.t.Sub(time.Time{}))
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Link resolution goes through the guarded client: with the address rule on,
// a uri on a loopback host is refused (Forbidden) and never fetched, even
// when any host may be resolved.
func TestResolveLinkFollowsTheAddressRule(t *testing.T) {
	peer := newItemPeer(t)
	node := newTestNode(t, "local", func(c *Config) { c.AllowPrivate = false; c.ResolveAnyHost = true })
	_, err := node.svc.ResolveLink(context.Background(), peer.url+"/ims/case/v1p1/CFItems/"+casefile.NameUUID("i1"))
	if casefile.ErrorCode(err) != casefile.Forbidden || peer.requests.Load() != 0 {
		t.Errorf("ResolveLink to loopback = %v with %d requests, want forbidden and none", err, peer.requests.Load())
	}
}
