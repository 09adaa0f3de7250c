package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/store"
)

// Shutting down (what SIGTERM does) while a sync is importing a large
// framework from a peer: serve exits cleanly, and only after the sync has
// ended and recorded itself, so the store is consistent, holds the framework
// wholly or not at all, and the peer's state shows the sync.
func TestShutdownMidSyncLeavesAConsistentStore(t *testing.T) {
	peer := newFakePeer(t, 20000, 7)
	data := t.TempDir()
	if code, _, errs := cli(t, data, "peer", "add", peer.srv.URL, "--name", "big", "--allow-private-addresses"); code != 0 {
		t.Fatalf("peer add: %s", errs)
	}
	ctx, stop := context.WithCancel(context.Background())
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, errs := cliCtx(ctx, data, "serve", "--addr", "127.0.0.1:0", "--no-seed", "--allow-private-addresses", "--log-level", "debug")
		done <- result{code, errs}
	}()
	select {
	case <-peer.served: // the package is downloaded: the sync decodes and imports it now
	case r := <-done:
		t.Fatalf("serve ended before the sync: %d %s", r.code, r.stderr)
	case <-time.After(2 * time.Minute):
		t.Fatal("the sync never fetched the package")
	}
	stop()
	var r result
	select {
	case r = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not exit after shutdown began")
	}
	if r.code != 0 || strings.Contains(r.stderr, "closed") {
		t.Fatalf("serve exit %d after shutdown mid-sync:\n%s", r.code, r.stderr)
	}
	if i, f := strings.Index(r.stderr, "federation stopped"), strings.Index(r.stderr, "peer synced"); f < 0 || i < f {
		t.Errorf("federation was not joined before the store closed:\n%s", r.stderr)
	}
	checkStoreAfterStop(t, data, peer)
}

// checkStoreAfterStop opens the data directory's store and checks it is
// intact, holds the peer's framework wholly or not at all, and recorded the
// peer's sync.
func checkStoreAfterStop(t *testing.T, data string, peer *fakePeer) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(data, "casenode.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	fi, err := db.Framework(ctx, peer.id)
	switch {
	case casefile.ErrorCode(err) == casefile.NotFound:
	case err != nil:
		t.Fatal(err)
	case fi.Items != peer.items:
		t.Errorf("framework half imported: %d of %d items", fi.Items, peer.items)
	}
	p, err := db.Peer(ctx, "big")
	if err != nil || p.LastSync.IsZero() {
		t.Errorf("the interrupted sync was not recorded: %+v %v", p, err)
	}
}
