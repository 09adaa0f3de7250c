package federation

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func TestHarvestPlainProvider(t *testing.T) {
	cases := []struct {
		name   string
		bare   bool
		only10 bool
		// listing requests: feed probe (404) + v1p1 listing (+ v1p0 listing)
		listReqs int64
	}{
		{name: "wrapped 1.1 listing", listReqs: 2},
		{name: "bare array listing", bare: true, listReqs: 2},
		{name: "1.0-only provider", only10: true, listReqs: 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prov := newProvider(t)
			prov.bare, prov.only10 = tc.bare, tc.only10
			for _, n := range []string{"alpha", "beta", "gamma"} {
				prov.put(n, pkgJSON(n, prov.srv.URL, 5, "v1"))
			}
			node := newTestNode(t, "local")
			node.addPeer("pub", prov.srv.URL, casefile.PeerMirror)
			prov.requests.Store(0)

			first := node.sync("pub")
			if len(first.Imported) != 3 || len(first.Errors) != 0 || first.Listed != 3 {
				t.Fatalf("first sync: %+v", first)
			}
			if got := prov.requests.Load(); got != tc.listReqs+3 {
				t.Errorf("first sync made %d requests, want %d", got, tc.listReqs+3)
			}
			fi, ok := node.framework(fid("beta"))
			if !ok {
				t.Fatal("beta not imported")
			}
			pv := fi.Provenance
			if pv.Source != casefile.SourcePeer || pv.Peer != "pub" || pv.OriginNode != prov.srv.URL ||
				pv.ETag == "" || !strings.HasPrefix(pv.Location, prov.srv.URL+"/ims/case/") || pv.FetchedAt.IsZero() {
				t.Errorf("provenance: %+v", pv)
			}
			if fi.Items != 5 {
				t.Errorf("beta has %d items, want 5", fi.Items)
			}

			prov.requests.Store(0)
			prov.bytes.Store(0)
			prov.condReqs.Store(0)
			second := node.sync("pub")
			if len(second.Imported) != 0 || second.Unchanged != 3 || len(second.Errors) != 0 {
				t.Fatalf("no-change sync: %+v", second)
			}
			if got := prov.condReqs.Load(); got != 3 {
				t.Errorf("no-change sync sent If-None-Match %d times, want 3", got)
			}
			if got := prov.requests.Load(); got != tc.listReqs+3 {
				t.Errorf("no-change sync made %d requests, want %d", got, tc.listReqs+3)
			}
			if pkgBytes := int64(len(pkgJSON("beta", prov.srv.URL, 5, "v1"))); prov.bytes.Load() >= pkgBytes {
				t.Errorf("no-change sync moved %d bytes; a package alone is %d", prov.bytes.Load(), pkgBytes)
			}
			t.Logf("first: %d req %d B; no-change: %d req %d B", first.Requests, first.Bytes, second.Requests, second.Bytes)

			prov.put("gamma", pkgJSON("gamma", prov.srv.URL, 6, "v2"))
			third := node.sync("pub")
			if len(third.Imported) != 1 || third.Imported[0] != fid("gamma") || third.Unchanged != 2 {
				t.Fatalf("sync after a change: %+v", third)
			}
			if fi, _ := node.framework(fid("gamma")); fi.Items != 6 {
				t.Errorf("gamma has %d items after the change, want 6", fi.Items)
			}
			diffs, err := node.db.Diffs(context.Background(), fid("gamma"))
			if err != nil || len(diffs) == 0 || len(diffs[0].ItemsAdded) != 1 {
				t.Errorf("change record of gamma: %+v, %v", diffs, err)
			}
			peer, _ := node.db.Peer(context.Background(), "pub")
			if peer.Frameworks != 3 || peer.Failures != 0 || peer.LastOK.IsZero() || peer.LastError != "" {
				t.Errorf("peer state: %+v", peer)
			}
		})
	}
}

func TestUnlistedFrameworkIsKept(t *testing.T) {
	prov := newProvider(t)
	prov.put("alpha", pkgJSON("alpha", prov.srv.URL, 2, "v1"))
	prov.put("beta", pkgJSON("beta", prov.srv.URL, 2, "v1"))
	node := newTestNode(t, "local")
	node.addPeer("pub", prov.srv.URL, casefile.PeerMirror)
	node.sync("pub")
	prov.mu.Lock()
	delete(prov.pkgs, fid("beta"))
	prov.order = prov.order[:1]
	prov.mu.Unlock()
	rep := node.sync("pub")
	if _, ok := node.framework(fid("beta")); !ok {
		t.Fatal("a framework no longer listed by a plain CASE provider was deleted")
	}
	if !containsText(rep.Skipped, "no longer listed") {
		t.Errorf("report does not mention the unlisted framework: %+v", rep)
	}
}

func containsText(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestSyncUnknownAndLivePeer(t *testing.T) {
	prov := newProvider(t)
	node := newTestNode(t, "local")
	node.addPeer("live", prov.srv.URL, casefile.PeerLive)
	ctx := context.Background()
	if _, err := node.svc.Sync(ctx, "nobody"); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("sync of an unknown peer: %v", err)
	}
	if _, err := node.svc.Sync(ctx, "live"); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("sync of a live peer: %v", err)
	}
	reps, err := node.svc.Sync(ctx, "")
	if err != nil || len(reps) != 0 {
		t.Errorf("sync all with only a live peer: %v %v", reps, err)
	}
}

func TestAddPeerValidation(t *testing.T) {
	prov := newProvider(t)
	node := newTestNode(t, "local")
	ctx := context.Background()
	bad := []struct {
		p    casefile.Peer
		code casefile.Code
	}{
		{casefile.Peer{URL: "ftp://example.org"}, casefile.Invalid},
		{casefile.Peer{URL: "not a url"}, casefile.Invalid},
		{casefile.Peer{URL: node.base}, casefile.Invalid},
		{casefile.Peer{URL: prov.srv.URL, Mode: "push"}, casefile.Invalid},
		{casefile.Peer{URL: prov.srv.URL, Name: "bad name!"}, casefile.Invalid},
		{casefile.Peer{URL: prov.srv.URL, Interval: time.Millisecond}, casefile.Invalid},
		{casefile.Peer{URL: "http://127.0.0.1:1"}, casefile.Unavailable},
	}
	for _, b := range bad {
		if _, err := node.svc.AddPeer(ctx, b.p); casefile.ErrorCode(err) != b.code {
			t.Errorf("AddPeer(%+v) = %v, want code %s", b.p, err, b.code)
		}
	}
	p, err := node.svc.AddPeer(ctx, casefile.Peer{URL: prov.srv.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Mode != casefile.PeerMirror || p.URL != prov.srv.URL || p.Name == "" || p.Interval != 15*time.Minute {
		t.Errorf("defaults: %+v", p)
	}
	if _, err := node.svc.AddPeer(ctx, casefile.Peer{URL: prov.srv.URL, Name: "again"}); casefile.ErrorCode(err) != casefile.Conflict {
		t.Errorf("same URL twice: %v", err)
	}
	if err := node.svc.RemovePeer(ctx, p.Name); err != nil {
		t.Fatal(err)
	}
	if peers, _ := node.svc.Peers(ctx); len(peers) != 0 {
		t.Errorf("peers after remove: %+v", peers)
	}
	if err := node.svc.RemovePeer(ctx, p.Name); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("remove twice: %v", err)
	}
}

// A provider that pages its listing (100 at a time, as the spec's default)
// is read to the end.
func TestHarvestPagedListing(t *testing.T) {
	prov := newProvider(t)
	prov.pageSize = 100
	const n = 230
	for i := range n {
		name := fmt.Sprintf("fw-%03d", i)
		prov.put(name, pkgJSON(name, prov.srv.URL, 1, "v1"))
	}
	node := newTestNode(t, "local")
	node.addPeer("pub", prov.srv.URL, casefile.PeerMirror)
	rep := node.sync("pub")
	if rep.Listed != n || len(rep.Imported) != n || len(rep.Errors) != 0 {
		t.Fatalf("listed %d, imported %d, errors %v; want %d", rep.Listed, len(rep.Imported), rep.Errors, n)
	}
}

// A plain CASE provider serving this node's own framework with upper-cased
// identifiers is the same framework (casefile.CanonicalID): the local copy
// wins and nothing is imported over it.
func TestUpperCaseCopyOfLocalFrameworkRefused(t *testing.T) {
	node := newTestNode(t, "local")
	local := pkgJSON("alpha", "http://local.test", 3, "local text")
	node.importJSON(local)
	before := node.snapshot()

	prov := newProvider(t)
	upper := strings.ToUpper(fid("alpha"))
	copyJSON := strings.NewReplacer(fid("alpha"), upper, "local text", "copied text").Replace(string(pkgJSON("alpha", prov.srv.URL, 3, "local text")))
	for i := range 3 {
		iid := casefile.NameUUID(fmt.Sprintf("item:alpha:%d", i))
		copyJSON = strings.ReplaceAll(copyJSON, iid, strings.ToUpper(iid))
	}
	prov.mu.Lock()
	prov.pkgs[upper] = []byte(copyJSON)
	prov.order = append(prov.order, upper)
	prov.mu.Unlock()
	node.addPeer("pub", prov.srv.URL, casefile.PeerMirror)

	rep := node.sync("pub")
	if len(rep.Imported) != 0 || !containsText(rep.Skipped, "held as a local framework") {
		t.Fatalf("sync of an upper-cased copy of a local framework: %+v", rep)
	}
	if after := node.snapshot(); after != before {
		t.Fatalf("local framework changed:\nbefore %s\nafter  %s", before, after)
	}
	if conflicts, err := node.db.Conflicts(context.Background()); err != nil || len(conflicts) != 1 || conflicts[0].Rule != RuleLocalWins {
		t.Errorf("conflicts: %+v %v", conflicts, err)
	}
}
