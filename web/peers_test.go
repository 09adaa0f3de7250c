package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// caseProvider is a plain CASE REST provider (any CASE provider may be a
// peer): it lists one document and serves one item.
func caseProvider(t *testing.T, itemID, code, statement string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/ims/case/v1p1/CFDocuments", "/ims/case/v1p0/CFDocuments":
			fmt.Fprint(w, `{"CFDocuments":[]}`)
		case "/ims/case/v1p1/CFItems/" + itemID:
			json.NewEncoder(w).Encode(map[string]any{"identifier": itemID, "uri": srv.URL + r.URL.Path,
				"humanCodingScheme": code, "fullStatement": statement, "lastChangeDateTime": "2026-11-20T09:00:00Z",
				"CFDocumentURI": map[string]string{"title": "Peer Standards", "identifier": "d", "uri": srv.URL + "/d"}})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestItemLinkResolvedOnPeerAndPeersPage(t *testing.T) {
	n := newTestNode(t)
	const peerItem = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
	peer := caseProvider(t, peerItem, "PEER.7", "Reason about <ratios> on the peer")
	ctx := context.Background()
	if _, err := n.fed.AddPeer(ctx, casefile.Peer{Name: "peer-one", URL: peer.URL, Mode: casefile.PeerLive}); err != nil {
		t.Fatal(err)
	}
	// A framework here whose item matches the peer's item (by uri only),
	// and one link to an unreachable host that stays as sent.
	doc, item := "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a", "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b"
	pkg := fmt.Sprintf(`{"CFDocument":{"identifier":%[1]q,"uri":"%[3]s/d/%[1]s","creator":"t","title":"Linked Locally","lastChangeDateTime":"2026-11-20T09:00:00Z"},
 "CFItems":[{"identifier":%[2]q,"uri":"%[3]s/i/%[2]s","humanCodingScheme":"LL.1","fullStatement":"Local item","lastChangeDateTime":"2026-11-20T09:00:00Z"}],
 "CFAssociations":[
  {"identifier":"4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c","uri":"%[3]s/a/1","associationType":"exactMatchOf","lastChangeDateTime":"2026-11-20T09:00:00Z",
   "originNodeURI":{"title":"LL.1","identifier":%[2]q,"uri":"%[3]s/i/%[2]s"},
   "destinationNodeURI":{"title":"as sent by the publisher","identifier":%[4]q,"uri":"%[5]s/ims/case/v1p1/CFItems/%[4]s"}},
  {"identifier":"5a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c9d","uri":"%[3]s/a/2","associationType":"isRelatedTo","lastChangeDateTime":"2026-11-20T09:00:00Z",
   "originNodeURI":{"title":"LL.1","identifier":%[2]q,"uri":"%[3]s/i/%[2]s"},
   "destinationNodeURI":{"title":"Somewhere else entirely","identifier":"6b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d0e","uri":"urn:fdc:example:elsewhere"}}]}`,
		doc, item, n.base, peerItem, peer.URL)
	n.importBytes([]byte(pkg), casefile.Provenance{Source: casefile.SourceFile, Location: "linked.json"})

	_, body, _ := get(t, n.web, "/items/"+item, nil)
	mustContain(t, body, ">PEER.7<", "Reason about &lt;ratios&gt; on the peer", "on a peer, in Peer Standards",
		"Somewhere else entirely", "not held here")
	mustNotContain(t, body, "as sent by the publisher")

	code, pb, _ := get(t, n.web, "/peers", nil)
	if code != http.StatusOK {
		t.Fatalf("peers: %d", code)
	}
	mustContain(t, pb, "peer-one", peer.URL, "live", "not synced yet", "No conflicts")

	// Federation failing: the link is shown as sent.
	peer.Close()
	d := n.deps
	d.Federation = nil
	_, nb, _ := get(t, n.handler(d), "/items/"+item, nil)
	mustContain(t, nb, "as sent by the publisher")
	if strings.Contains(nb, "PEER.7") {
		t.Error("peer item shown without federation")
	}
}

// TestSearchAsksLivePeers runs a second whole node (server and pages) as a
// live peer: with "Also ask live peers" ticked, its hits show under their own
// heading with the peer's name, and the URL says so.
func TestSearchAsksLivePeers(t *testing.T) {
	a, b := newTestNode(t), newTestNode(t)
	doc, item := "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f", "8d9e0f1a-2b3c-4d4e-9f6a-7b8c9d0e1f2a"
	b.importBytes(fmt.Appendf(nil, `{"CFDocument":{"identifier":%[1]q,"uri":"%[3]s/d/%[1]s","creator":"t","title":"Peer Science","lastChangeDateTime":"2026-11-20T09:00:00Z"},
 "CFItems":[{"identifier":%[2]q,"uri":"%[3]s/ims/case/v1p1/CFItems/%[2]s","humanCodingScheme":"SCI.1","fullStatement":"Explain photosynthesis in green plants","lastChangeDateTime":"2026-11-20T09:00:00Z"}]}`,
		doc, item, b.base), casefile.Provenance{Source: casefile.SourceFile, Location: "science.json"})
	b.serve(b.node(nil))
	if _, err := a.fed.AddPeer(context.Background(), casefile.Peer{Name: "bee", URL: b.base, Mode: casefile.PeerLive}); err != nil {
		t.Fatal(err)
	}
	_, local, _ := get(t, a.web, "/search?q=photosynthesis", nil)
	mustContain(t, local, "No results", `name="federated"`)
	mustNotContain(t, local, "SCI.1")
	_, fed, _ := get(t, a.web, "/search?q=photosynthesis&federated=1", nil)
	mustContain(t, fed, "From live peers", "bee: 1 hit", ">SCI.1<", "peer bee", "<mark>photosynthesis</mark>", `id="federated" name="federated" value="1" checked`)
}
