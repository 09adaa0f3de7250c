package federation

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func searchServer(t *testing.T, delay time.Duration, status int, hits ...casefile.SearchHit) string {
	return newRawServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case pathNode:
			writeJSON(w, casefile.NodeInfo{Software: software, ChangeFeed: true}, nil)
		case pathSearch:
			if r.URL.Query().Get("q") != "fractions" || r.URL.Query().Get("local") != "1" || r.URL.Query().Get("subject") != "Math" {
				http.Error(w, "unexpected query "+r.URL.RawQuery, http.StatusBadRequest)
				return
			}
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
			if status != http.StatusOK {
				http.Error(w, "down", status)
				return
			}
			json.NewEncoder(w).Encode(casefile.SearchResult{Total: uint64(len(hits)), Hits: hits})
		default:
			http.NotFound(w, r)
		}
	})
}

func TestSearchPeersPartial(t *testing.T) {
	node := newTestNode(t, "local", func(c *Config) { c.SearchTimeout = 300 * time.Millisecond })
	fast := searchServer(t, 0, http.StatusOK,
		casefile.SearchHit{Identifier: "i1", Score: 0.5, FullStatement: "add fractions"},
		casefile.SearchHit{Identifier: "i2", Score: 0.9, FullStatement: "compare fractions"})
	other := searchServer(t, 0, http.StatusOK, casefile.SearchHit{Identifier: "i3", Score: 0.7, FullStatement: "fractions on a line"},
		casefile.SearchHit{Identifier: "i2", Score: 0.1})
	slow := searchServer(t, 3*time.Second, http.StatusOK, casefile.SearchHit{Identifier: "late"})
	down := searchServer(t, 0, http.StatusInternalServerError)
	node.addPeer("fast", fast, casefile.PeerLive)
	node.addPeer("other", other, casefile.PeerLive)
	node.addPeer("slow", slow, casefile.PeerLive)
	node.addPeer("down", down, casefile.PeerLive)
	node.addPeer("mirror", newProvider(t).srv.URL, casefile.PeerMirror) // not asked

	start := time.Now()
	hits, sts := node.svc.SearchPeers(context.Background(), casefile.SearchRequest{Query: "fractions",
		Filters: map[string][]string{"subject": {"Math"}}, Size: 10})
	took := time.Since(start)
	if took > time.Second {
		t.Errorf("federated search took %s with a 300ms deadline", took)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.Identifier+"@"+h.Origin)
	}
	want := []string{"i2@fast", "i3@other", "i1@fast"}
	if len(ids) != len(want) {
		t.Fatalf("hits %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("hits %v, want %v", ids, want)
		}
	}
	byPeer := map[string]casefile.PeerStatus{}
	for _, s := range sts {
		byPeer[s.Peer] = s
	}
	if len(sts) != 4 || !byPeer["fast"].OK || byPeer["fast"].Hits != 2 || byPeer["slow"].OK || byPeer["down"].OK {
		t.Errorf("statuses: %+v", sts)
	}
	if !containsText([]string{byPeer["slow"].Error}, "timeout") || !containsText([]string{byPeer["down"].Error}, "HTTP 500") {
		t.Errorf("errors: slow %q, down %q", byPeer["slow"].Error, byPeer["down"].Error)
	}
}

func TestSearchPeersNoLivePeers(t *testing.T) {
	node := newTestNode(t, "local")
	hits, sts := node.svc.SearchPeers(context.Background(), casefile.SearchRequest{Query: "x"})
	if len(hits) != 0 || len(sts) != 0 {
		t.Errorf("no live peers: %v %v", hits, sts)
	}
}
