package mcp_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/federation"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/mcp"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/server"
)

// TestResolveAlignmentOnPeer: an item this node does not hold is fetched
// from the peer (on loopback) that serves it, by URI, or found by its code
// through the peer's search; a federated search lists the peer's hits.
func TestResolveAlignmentOnPeer(t *testing.T) {
	ctx := context.Background()
	data := seed.Frameworks()[2].Data
	pkg, _, err := casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: "http://peer.test"})
	if err != nil {
		t.Fatal(err)
	}
	pn := testnode.New(t, testnode.WithBaseURL("http://peer.test"), testnode.WithSearch())
	pn.Import(data, casefile.Provenance{Source: casefile.SourceSeed})
	peer := httptest.NewServer(server.New(server.Config{BaseURL: "http://peer.test", Store: pn.DB, Search: pn.Index,
		Name: "peer", Version: "test"}))
	defer peer.Close()

	here := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithSearch())
	db, ix := here.DB, here.Index
	fed, err := federation.New(federation.Config{Name: "here", BaseURL: testBase, Version: "test", Store: db,
		Importer: here.Importer, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fed.AddPeer(ctx, casefile.Peer{Name: "peer", URL: peer.URL, Mode: "live"}); err != nil {
		t.Fatal(err)
	}
	srv, err := mcp.New(mcp.Deps{Store: db, Search: ix, Federation: fed, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	cs := pipeSession(t, ctx, srv.Run)
	want := pkg.CFItems[0]
	var res struct {
		Where string
		Item  item
	}
	mustCall(t, cs, "resolve_alignment", map[string]any{"ref": peer.URL + "/ims/case/v1p1/CFItems/" + want.Identifier}, &res)
	if res.Where != "peer" || res.Item.Identifier != want.Identifier || res.Item.Code != want.HumanCodingScheme {
		t.Errorf("resolve on the peer: %+v, want %s %s", res, want.Identifier, want.HumanCodingScheme)
	}
	var byCode struct {
		Where, Peer string
		Item        item
	}
	mustCall(t, cs, "resolve_alignment", map[string]any{"ref": want.HumanCodingScheme}, &byCode)
	if byCode.Where != "peer" || byCode.Peer != "peer" || byCode.Item.Identifier != want.Identifier {
		t.Errorf("resolve %s by code through the live peer: %+v", want.HumanCodingScheme, byCode)
	}
	var h struct {
		Hits  []struct{ Identifier, Origin, Resource string }
		Peers []casefile.PeerStatus
	}
	mustCall(t, cs, "search_competencies", map[string]any{"query": want.HumanCodingScheme, "federated": true}, &h)
	if len(h.Peers) != 1 || !h.Peers[0].OK || len(h.Hits) == 0 || h.Hits[0].Identifier != want.Identifier || h.Hits[0].Origin != "peer" {
		t.Errorf("federated search for %s: %+v", want.HumanCodingScheme, h)
	}
	if err := call(t, cs, "resolve_alignment", map[string]any{"ref": "no-such-code"}, nil); err == nil ||
		!strings.Contains(err.Error(), "on this node or its live peers") {
		t.Errorf("an unknown code: %v", err)
	}
	if err := call(t, cs, "resolve_alignment", map[string]any{"ref": "http://127.0.0.1:9/ims/case/v1p1/CFItems/x"}, nil); err == nil ||
		!strings.HasPrefix(err.Error(), "not_found: ") {
		t.Errorf("a link to no peer: %v", err)
	}
}
