package server

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/search"
)

// peerList is a federation that only lists peers.
type peerList struct {
	Federation
	peers []casefile.Peer
}

func (p peerList) Peers(context.Context) ([]casefile.Peer, error) { return p.peers, nil }

func TestMetricsShowTheNode(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	ctx := context.Background()
	ix, err := search.Open(filepath.Join(t.TempDir(), "index"), e.db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	fws, err := e.db.Frameworks(ctx)
	if err != nil || len(fws) == 0 {
		t.Fatal(fws, err)
	}
	items := 0
	for _, f := range fws {
		items += f.Items
	}
	fed := peerList{peers: []casefile.Peer{
		{Name: "good", Mode: casefile.PeerMirror, LastSync: time.Unix(1700000000, 0), Frameworks: 3},
		{Name: "bad", Mode: casefile.PeerMirror, LastError: "timeout", Failures: 4},
	}}
	srv := New(Config{BaseURL: testBase, Store: e.db, Search: ix, Federation: fed})
	scrape := func() string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		return rec.Body.String()
	}
	text := scrape()
	for _, want := range []string{
		"process_resident_memory_bytes ", "process_cpu_seconds_total ", "go_goroutines ",
		"casenode_items " + itoa(items),
		"casenode_search_index_lag ",
		`casenode_peer_up{peer="good",mode="mirror"} 1`,
		`casenode_peer_up{peer="bad",mode="mirror"} 0`,
		`casenode_peer_sync_failures{peer="bad",mode="mirror"} 4`,
		`casenode_peer_frameworks{peer="good",mode="mirror"} 3`,
		`casenode_peer_last_sync_timestamp_seconds{peer="good",mode="mirror"} 1700000000`,
		`casenode_frameworks{source="` + fws[0].Provenance.Source + `"}`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if text := scrape(); !strings.Contains(text, "casenode_search_index_lag 0\n") {
		t.Errorf("after catch-up the index lag is not 0")
	}
}
