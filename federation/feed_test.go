package federation

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// B mirrors A and C mirrors B through the change feed: content, origin and
// change records travel; a sync with no change is one request.
func TestFeedChain(t *testing.T) {
	a, b, c := newTestNode(t, "A"), newTestNode(t, "B"), newTestNode(t, "C")
	a.importJSON(pkgJSON("f", a.base, 4, "v1"))
	b.addPeer("A", a.base, casefile.PeerMirror)
	c.addPeer("B", b.base, casefile.PeerMirror)

	if rep := b.sync("A"); len(rep.Imported) != 1 {
		t.Fatalf("B <- A: %+v", rep)
	}
	if rep := c.sync("B"); len(rep.Imported) != 1 {
		t.Fatalf("C <- B: %+v", rep)
	}
	fi, ok := c.framework(fid("f"))
	if !ok {
		t.Fatal("framework of A did not reach C")
	}
	if fi.Provenance.OriginNode != a.base || fi.Provenance.Peer != "B" {
		t.Errorf("C's provenance: %+v (origin must be A %s)", fi.Provenance, a.base)
	}

	idle := c.sync("B")
	if idle.Requests != 1 || len(idle.Imported) != 0 || len(idle.Errors) != 0 {
		t.Errorf("no-change sync: %+v, want exactly one request", idle)
	}

	a.importJSON(pkgJSON("f", a.base, 5, "v2"))
	if rep := b.sync("A"); len(rep.Imported) != 1 {
		t.Fatalf("B <- A after change: %+v", rep)
	}
	if rep := c.sync("B"); len(rep.Imported) != 1 {
		t.Fatalf("C <- B after change: %+v", rep)
	}
	diffs, err := c.db.Diffs(context.Background(), fid("f"))
	if err != nil || len(diffs) == 0 || len(diffs[0].ItemsAdded) != 1 || len(diffs[0].ItemsModified) != 4 {
		t.Errorf("C's change record of f: %+v %v", diffs, err)
	}

	// Deleted on A: B deletes its mirrored copy, C follows B.
	if err := a.imp.Delete(context.Background(), fid("f")); err != nil {
		t.Fatal(err)
	}
	b.sync("A")
	c.sync("B")
	if _, ok := c.framework(fid("f")); ok {
		t.Error("a framework deleted at its origin is still mirrored on C")
	}
}

// A and B mirror each other: each imports the other's framework once, then
// syncs settle with no import and one request each.
func TestMutualMirrorSettles(t *testing.T) {
	a, b := newTestNode(t, "A"), newTestNode(t, "B")
	a.importJSON(pkgJSON("fa", a.base, 3, "a"))
	b.importJSON(pkgJSON("fb", b.base, 3, "b"))
	a.addPeer("B", b.base, casefile.PeerMirror)
	b.addPeer("A", a.base, casefile.PeerMirror)
	for range 3 {
		a.sync("B")
		b.sync("A")
	}
	importsA, importsB := a.imp.imports.Load(), b.imp.imports.Load()
	if importsA != 2 || importsB != 2 { // own framework + the other's
		t.Errorf("imports: A %d, B %d; want 2 each", importsA, importsB)
	}
	for range 3 {
		ra, rb := a.sync("B"), b.sync("A")
		if ra.Requests != 1 || rb.Requests != 1 || len(ra.Imported)+len(rb.Imported) != 0 {
			t.Errorf("settled round: A %+v, B %+v", ra, rb)
		}
	}
	if fi, _ := a.framework(fid("fa")); fi.Provenance.Source != casefile.SourceFile {
		t.Errorf("A's own framework was replaced by a copy: %+v", fi.Provenance)
	}
	if n, _ := a.db.Conflicts(context.Background()); len(n) != 0 {
		t.Errorf("mutual mirroring recorded conflicts: %+v", n)
	}
}

// One identifier from two origins: the local copy wins, and the conflict is
// recorded and listed.
func TestConflictLocalWins(t *testing.T) {
	a, c := newTestNode(t, "A"), newTestNode(t, "C")
	a.importJSON(pkgJSON("shared", a.base, 3, "from A"))
	c.importJSON(pkgJSON("shared", c.base, 2, "from C"))
	before := c.snapshot()
	c.addPeer("A", a.base, casefile.PeerMirror)
	rep := c.sync("A")
	if len(rep.Imported) != 0 || len(rep.Skipped) != 1 {
		t.Fatalf("sync: %+v", rep)
	}
	if c.snapshot() != before {
		t.Error("the local framework was replaced")
	}
	cs, err := c.svc.Conflicts(context.Background())
	if err != nil || len(cs) != 1 {
		t.Fatalf("conflicts: %+v %v", cs, err)
	}
	if cs[0].Framework != fid("shared") || cs[0].Held != c.base || cs[0].Offered != a.base || cs[0].Winner != c.base || cs[0].Rule != RuleLocalWins {
		t.Errorf("conflict: %+v", cs[0])
	}
	c.sync("A")
	if cs, _ := c.svc.Conflicts(context.Background()); len(cs) != 1 {
		t.Errorf("a repeated sync recorded the conflict again: %d rows", len(cs))
	}
}

// The publisher's own copy replaces a copy mirrored from another origin; a
// mirrored copy never replaces the publisher's.
func TestConflictPublisherWins(t *testing.T) {
	pub := newProvider(t)
	node := newTestNode(t, "N")
	ctx := context.Background()
	// Held: a copy of "x" that claims origin "http://elsewhere.example", mirrored through peer m.
	held := pkgJSON("x", "http://elsewhere.example", 2, "mirror copy")
	if _, err := node.imp.Import(ctx, bytesReader(held), casefile.Provenance{Source: casefile.SourcePeer, Peer: "m",
		Location: "http://mirror.example/ims/case/v1p1/CFPackages/" + fid("x"), OriginNode: "http://elsewhere.example"}); err != nil {
		t.Fatal(err)
	}
	pub.put("x", pkgJSON("x", pub.srv.URL, 3, "publisher copy"))
	node.addPeer("pub", pub.srv.URL, casefile.PeerMirror)
	if rep := node.sync("pub"); len(rep.Imported) != 1 {
		t.Fatalf("the publisher's copy was not taken: %+v", rep)
	}
	fi, _ := node.framework(fid("x"))
	if fi.Provenance.OriginNode != pub.srv.URL || fi.Items != 3 {
		t.Errorf("held after the publisher's offer: %+v", fi.Provenance)
	}
	cs, _ := node.svc.Conflicts(ctx)
	if len(cs) != 1 || cs[0].Winner != pub.srv.URL || cs[0].Rule != RulePublisherWins {
		t.Errorf("conflicts: %+v", cs)
	}

	// Now a second-hand offer from another origin is refused.
	v, err := node.svc.decide(ctx, casefile.Peer{Name: "m", URL: "http://mirror.example"},
		offer{id: fid("x"), origin: "http://elsewhere.example"})
	if err != nil || v.accept {
		t.Errorf("a mirrored copy replaced the publisher's: %+v %v", v, err)
	}
	// Loop prevention: an offer whose origin is this node is never taken.
	v, _ = node.svc.decide(ctx, casefile.Peer{Name: "m", URL: "http://mirror.example"}, offer{id: fid("new"), origin: node.base})
	if v.accept {
		t.Error("a framework originating on this node was accepted from a peer")
	}
}

func TestAddCasenodePeerTakesItsName(t *testing.T) {
	a, b := newTestNode(t, "alpha-node"), newTestNode(t, "B")
	p, err := b.svc.AddPeer(context.Background(), casefile.Peer{URL: a.base})
	if err != nil || p.Name != "alpha-node" {
		t.Errorf("AddPeer without a name: %+v %v, want the peer's own name", p, err)
	}
	info, err := a.svc.NodeInfo(context.Background())
	if err != nil || info.Name != "alpha-node" || info.BaseURL != a.base || !info.ChangeFeed || info.Software != "casenode" {
		t.Errorf("NodeInfo: %+v %v", info, err)
	}
}

// C mirrors both A (the publisher) and B (a mirror of A): the publisher's
// copy is kept and B's copy of the same framework is not imported over it.
func TestDiamondPrefersPublisher(t *testing.T) {
	a, b, c := newTestNode(t, "A"), newTestNode(t, "B"), newTestNode(t, "C")
	a.importJSON(pkgJSON("f", a.base, 2, "v1"))
	b.addPeer("A", a.base, casefile.PeerMirror)
	c.addPeer("A", a.base, casefile.PeerMirror)
	c.addPeer("B", b.base, casefile.PeerMirror)
	b.sync("A")
	c.sync("A")
	a.importJSON(pkgJSON("f", a.base, 3, "v2"))
	b.sync("A")
	rep := c.sync("B")
	if len(rep.Imported) != 0 || !containsText(rep.Skipped, "from its publisher is held") {
		t.Errorf("C took B's mirrored copy over A's: %+v", rep)
	}
	if rep := c.sync("A"); len(rep.Imported) != 1 {
		t.Errorf("C <- A after the change: %+v", rep)
	}
	fi, _ := c.framework(fid("f"))
	if fi.Provenance.Peer != "A" || fi.Items != 3 {
		t.Errorf("C holds %d items from %q, want 3 from A", fi.Items, fi.Provenance.Peer)
	}
	if cs, _ := c.svc.Conflicts(context.Background()); len(cs) != 0 {
		t.Errorf("same origin through two peers is not a conflict: %+v", cs)
	}
}
