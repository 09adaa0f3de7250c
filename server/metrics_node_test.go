package server

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/testnode"
)

// peerList is a federation that only lists peers.
type peerList struct {
	Federation
	peers []casefile.Peer
}

func (p peerList) Peers(context.Context) ([]casefile.Peer, error) { return p.peers, nil }

func TestMetricsShowTheNode(t *testing.T) {
	fed := peerList{peers: []casefile.Peer{
		{Name: "good", Mode: casefile.PeerMirror, LastSync: time.Unix(1700000000, 0), Frameworks: 3},
		{Name: "bad", Mode: casefile.PeerMirror, LastError: "timeout", Failures: 4},
	}}
	n := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithSearch())
	e := newTestEnvOn(t, n, func(c *Config) { c.Search, c.Federation = n.Index, fed })
	importTestDocs(e)
	ctx := context.Background()
	fws, err := e.db.Frameworks(ctx)
	if err != nil || len(fws) == 0 {
		t.Fatal(fws, err)
	}
	items := 0
	for _, f := range fws {
		items += f.Items
	}
	srv := e.srv
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
	if err := n.Index.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if text := scrape(); !strings.Contains(text, "casenode_search_index_lag 0\n") {
		t.Errorf("after catch-up the index lag is not 0")
	}
}
