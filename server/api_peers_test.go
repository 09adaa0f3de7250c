package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// recordingFederation keeps peers in memory and records syncs.
type recordingFederation struct {
	fakeFederation
	peers  []casefile.Peer
	synced []string
	cred   casefile.PeerCredentials
}

func (f *recordingFederation) NodeInfo(ctx context.Context) (casefile.NodeInfo, error) {
	return casefile.NodeInfo{Name: "fed-node", Software: "casenode", ChangeFeed: true}, nil
}

func (f *recordingFederation) AddPeer(ctx context.Context, p casefile.Peer) (casefile.Peer, error) {
	if !strings.HasPrefix(p.URL, "http") {
		return p, casefile.Errorf(casefile.Invalid, "peer url must be http(s)")
	}
	f.peers = append(f.peers, p)
	return p, nil
}

func (f *recordingFederation) AddPeerWithCredentials(ctx context.Context, p casefile.Peer, c casefile.PeerCredentials) (casefile.Peer, error) {
	f.cred = c
	return f.AddPeer(ctx, p)
}

func (f *recordingFederation) Peers(ctx context.Context) ([]casefile.Peer, error) {
	return f.peers, nil
}

func (f *recordingFederation) RemovePeer(ctx context.Context, name string) error {
	for i, p := range f.peers {
		if p.Name == name {
			f.peers = append(f.peers[:i], f.peers[i+1:]...)
			return nil
		}
	}
	return casefile.Errorf(casefile.NotFound, "no peer %q", name)
}

func (f *recordingFederation) Sync(ctx context.Context, name string) ([]casefile.SyncReport, error) {
	f.synced = append(f.synced, name)
	return []casefile.SyncReport{{Peer: name, Listed: 1}}, nil
}

func (f *recordingFederation) Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error) {
	return []casefile.FrameworkConflict{{Framework: "x", Rule: "origin wins"}}, nil
}

func TestPeersAPI(t *testing.T) {
	fed := &recordingFederation{}
	e := newTestEnv(t, func(c *Config) { c.Federation = fed })
	admin := []string{"Authorization", "Bearer " + e.token(t, "admin", casefile.ScopeAdmin), "Content-Type", "application/json"}
	r := e.do("POST", "/api/v1/peers", strings.NewReader(`{"name":"east","url":"http://east.test","mode":"mirror",
		"credentials":{"tokenUrl":"http://east.test/oauth/token","clientId":"me","clientSecret":"pw"}}`), admin...)
	if r.status != 200 || fed.cred.ClientSecret != "pw" || len(fed.peers) != 1 {
		t.Fatalf("add peer: %d %s (cred %+v)", r.status, r.body, fed.cred)
	}
	if strings.Contains(string(r.body), "pw") {
		t.Error("the peer's secret is echoed back")
	}
	if r := e.do("POST", "/api/v1/peers", strings.NewReader(`{"name":"bad","url":"gopher://x"}`), admin...); r.status != 400 {
		t.Errorf("invalid peer: %d", r.status)
	}
	if r := e.do("POST", "/api/v1/peers", strings.NewReader(`{"name":`), admin...); r.status != 400 {
		t.Errorf("malformed body: %d", r.status)
	}
	var pl struct{ Peers []casefile.Peer }
	e.get("/api/v1/peers").json(t, &pl)
	if len(pl.Peers) != 1 || pl.Peers[0].Name != "east" {
		t.Errorf("peers: %+v", pl)
	}
	var rep struct{ Reports []casefile.SyncReport }
	e.do("POST", "/api/v1/peers/east/sync", nil, admin...).json(t, &rep)
	e.do("POST", "/api/v1/sync", nil, admin...)
	if len(rep.Reports) != 1 || strings.Join(fed.synced, "|") != "east|" {
		t.Errorf("syncs: %+v %q", rep, fed.synced)
	}
	var cl struct{ Conflicts []casefile.FrameworkConflict }
	e.get("/api/v1/conflicts").json(t, &cl)
	if len(cl.Conflicts) != 1 {
		t.Errorf("conflicts: %+v", cl)
	}
	if r := e.do("DELETE", "/api/v1/peers/east", nil, admin...); r.status != 204 || len(fed.peers) != 0 {
		t.Errorf("remove: %d", r.status)
	}
	if r := e.do("DELETE", "/api/v1/peers/east", nil, admin...); r.status != 404 {
		t.Errorf("remove twice: %d", r.status)
	}
	var node casefile.NodeInfo
	e.get("/api/v1/node").json(t, &node)
	if node.Name != "fed-node" {
		t.Errorf("node info should come from federation: %+v", node)
	}
}

// fixedCrosswalk answers one row.
type fixedCrosswalk struct{}

func (fixedCrosswalk) Crosswalk(ctx context.Context, source, target string, opt casefile.CrosswalkOptions) (*casefile.Crosswalk, error) {
	if source == target {
		return nil, casefile.Errorf(casefile.Invalid, "source and target are the same framework")
	}
	return &casefile.Crosswalk{Rows: []casefile.CrosswalkRow{{Source: casefile.LinkURI{Title: "A"}, Matches: []casefile.CrosswalkMatch{{Kind: casefile.MatchExplicit, Score: 1}}}}}, nil
}

func (fixedCrosswalk) WriteCSV(w io.Writer, cw *casefile.Crosswalk) error {
	_, err := io.WriteString(w, "source,target,kind\nA,B,explicit\n")
	return err
}

func (fixedCrosswalk) ExportPackage(ctx context.Context, cw *casefile.Crosswalk) (*casefile.Package, error) {
	return testFramework(testDocs[0]), nil
}

func TestCrosswalkAPI(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.Crosswalk = fixedCrosswalk{} })
	r := e.get("/api/v1/crosswalk?source=a&target=b")
	var cw casefile.Crosswalk
	r.json(t, &cw)
	if r.status != 200 || len(cw.Rows) != 1 {
		t.Errorf("json: %d %s", r.status, r.body)
	}
	r = e.get("/api/v1/crosswalk?source=a&target=b&format=csv")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(string(r.body), "source,target") {
		t.Errorf("csv: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	r = e.get("/api/v1/crosswalk?source=a&target=b&format=case")
	var pkg map[string]json.RawMessage
	r.json(t, &pkg)
	if r.status != 200 || pkg["CFDocument"] == nil || pkg["CFItems"] == nil {
		t.Errorf("case: %d %.200s", r.status, r.body)
	}
	for _, q := range []string{"source=a", "source=a&target=b&format=xml", "source=a&target=b&minScore=2", "source=a&target=a"} {
		if r := e.get("/api/v1/crosswalk?" + q); r.status != http.StatusBadRequest {
			t.Errorf("%s: %d", q, r.status)
		}
	}
}

// includeHeadings brings headings back into the crosswalk and its coverage.
func TestCrosswalkAPIIncludeHeadings(t *testing.T) {
	e := newWholeEnv(t)
	e.node.ImportSeed()
	exp := seed.Expected()
	base := "/api/v1/crosswalk?suggest=true&source=" + exp.Frameworks.Northwind + "&target=" + exp.Frameworks.Progression
	var without, with casefile.Crosswalk
	e.get(base).json(t, &without)
	e.get(base+"&includeHeadings=true").json(t, &with)
	if without.Coverage.Headings == 0 {
		t.Fatalf("the demo framework has no headings left out: %+v", without.Coverage)
	}
	if with.Coverage.Headings != 0 || with.Coverage.Items != without.Coverage.Items+without.Coverage.Headings {
		t.Errorf("with includeHeadings: %+v; without: %+v", with.Coverage, without.Coverage)
	}
}
