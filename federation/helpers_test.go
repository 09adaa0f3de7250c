package federation

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/store"
)

// rawImporter is the node's real import path (importer.New) keeping each
// framework's last imported bytes, so a test node can serve them back as its
// CFPackage, and counting the imports that wrote something.
type rawImporter struct {
	*importer.Importer
	mu      sync.Mutex
	raw     map[string][]byte
	imports atomic.Int64 // imports that wrote something
}

func (ri *rawImporter) Import(ctx context.Context, r io.Reader, prov casefile.Provenance) ([]casefile.ImportResult, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	out, err := ri.Importer.Import(ctx, bytes.NewReader(b), prov)
	for _, res := range out {
		if !res.Unchanged {
			ri.imports.Add(1)
		}
		ri.mu.Lock()
		ri.raw[res.Framework] = b
		ri.mu.Unlock()
	}
	return out, err
}

// testNode is a casenode in miniature: a real store, the federation service
// and an HTTP server with the routes peers use (node, changes, frameworks,
// CFDocuments, CFPackages, search).
type testNode struct {
	t    testing.TB
	db   *store.DB
	imp  *rawImporter
	svc  *Service
	srv  *httptest.Server
	base string
}

func newTestNode(t testing.TB, name string, mutate ...func(*Config)) *testNode {
	t.Helper()
	n := &testNode{t: t}
	n.srv = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.srv.Close)
	n.base = n.srv.URL
	tn := testnode.New(t, testnode.WithBaseURL(n.base), testnode.WithDBName(name+".db"))
	n.db = tn.DB
	n.imp = &rawImporter{Importer: tn.Importer, raw: map[string][]byte{}}
	cfg := Config{Name: name, BaseURL: n.base, Store: n.db, Importer: n.imp, AllowPrivate: true,
		RequestTimeout: 2 * time.Second, PackageTimeout: 5 * time.Second, TempDir: t.TempDir()}
	for _, m := range mutate {
		m(&cfg)
	}
	var err error
	if n.svc, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	return n
}

func (n *testNode) serve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := r.URL.Path
	switch {
	case p == pathNode:
		info, err := n.svc.NodeInfo(ctx)
		writeJSON(w, info, err)
	case p == pathChanges:
		var since int64
		fmt.Sscan(r.URL.Query().Get("since"), &since)
		seq, err := n.db.LastSeq(ctx)
		if err != nil {
			writeJSON(w, nil, err)
			return
		}
		ch, err := n.db.Changes(ctx, since, 1000)
		writeJSON(w, map[string]any{"lastSeq": seq, "changes": ch}, err)
	case p == pathFrameworks:
		fws, err := n.db.Frameworks(ctx)
		writeJSON(w, fws, err)
	case strings.HasPrefix(p, "/ims/case/v1p1/CFPackages/"):
		id := strings.TrimPrefix(p, "/ims/case/v1p1/CFPackages/")
		fi, err := n.db.Framework(ctx, id)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		n.imp.mu.Lock()
		b := n.imp.raw[id]
		n.imp.mu.Unlock()
		servePackage(w, r, `"`+fi.Provenance.ContentHash+`"`, b)
	case p == "/ims/case/v1p1/CFDocuments":
		fws, err := n.db.Frameworks(ctx)
		docs := []docRef{}
		for _, f := range fws {
			docs = append(docs, docRef{Identifier: f.Identifier, URI: f.URI, Title: f.Title})
		}
		writeJSON(w, map[string]any{"CFDocuments": docs}, err)
	default:
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, v any, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// servePackage answers a CFPackage with an ETag and honours If-None-Match.
func servePackage(w http.ResponseWriter, r *http.Request, etag string, body []byte) {
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func (n *testNode) importJSON(b []byte) {
	n.t.Helper()
	_, err := n.imp.Import(context.Background(), bytes.NewReader(b),
		casefile.Provenance{Source: casefile.SourceFile, Location: "test.json", FetchedAt: time.Now().UTC()})
	if err != nil {
		n.t.Fatal(err)
	}
}

func (n *testNode) addPeer(name, url, mode string) {
	n.t.Helper()
	if _, err := n.svc.AddPeer(context.Background(), casefile.Peer{Name: name, URL: url, Mode: mode, Interval: time.Hour}); err != nil {
		n.t.Fatal(err)
	}
}

func (n *testNode) sync(name string) casefile.SyncReport {
	n.t.Helper()
	reps, err := n.svc.Sync(context.Background(), name)
	if err != nil {
		n.t.Fatal(err)
	}
	if len(reps) != 1 {
		n.t.Fatalf("sync %s: %d reports", name, len(reps))
	}
	return reps[0]
}

func (n *testNode) framework(id string) (casefile.FrameworkInfo, bool) {
	n.t.Helper()
	fi, err := n.db.Framework(context.Background(), id)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return fi, false
	}
	if err != nil {
		n.t.Fatal(err)
	}
	return fi, true
}

// snapshot is the node's content as a user sees it: every framework with
// its content hash and sequence, and the last change sequence.
func (n *testNode) snapshot() string {
	n.t.Helper()
	ctx := context.Background()
	fws, err := n.db.Frameworks(ctx)
	if err != nil {
		n.t.Fatal(err)
	}
	seq, _ := n.db.LastSeq(ctx)
	var b strings.Builder
	fmt.Fprintf(&b, "seq=%d\n", seq)
	for _, f := range fws {
		fmt.Fprintf(&b, "%s %s %d items %s\n", f.Identifier, f.Provenance.ContentHash, f.Items, f.Title)
	}
	return b.String()
}

// fid is a test framework's identifier.
func fid(name string) string { return casefile.NameUUID("framework:" + name) }

// pkgJSON builds a valid CASE 1.1 CFPackage with n items under the document.
// stmt varies the item statements (a changed framework).
func pkgJSON(name, base string, n int, stmt string) []byte {
	id := fid(name)
	const at = "2024-01-02T03:04:05Z"
	doc := map[string]any{"identifier": id, "uri": base + "/ims/case/v1p1/CFDocuments/" + id,
		"creator": "Test Publisher", "title": "Framework " + name, "lastChangeDateTime": at}
	items := []map[string]any{}
	assocs := []map[string]any{}
	for i := range n {
		iid := casefile.NameUUID(fmt.Sprintf("item:%s:%d", name, i))
		iuri := base + "/ims/case/v1p1/CFItems/" + iid
		items = append(items, map[string]any{"identifier": iid, "uri": iuri,
			"fullStatement":     fmt.Sprintf("%s %s statement %d about fractions and photosynthesis", stmt, name, i),
			"humanCodingScheme": fmt.Sprintf("%s.%d", strings.ToUpper(name), i), "lastChangeDateTime": at})
		aid := casefile.NameUUID(fmt.Sprintf("assoc:%s:%d", name, i))
		assocs = append(assocs, map[string]any{"identifier": aid, "uri": base + "/ims/case/v1p1/CFAssociations/" + aid,
			"associationType": "isChildOf", "lastChangeDateTime": at,
			"originNodeURI":      map[string]any{"title": "item", "identifier": iid, "uri": iuri},
			"destinationNodeURI": map[string]any{"title": "doc", "identifier": id, "uri": doc["uri"]}})
	}
	b, _ := json.Marshal(map[string]any{"CFDocument": doc, "CFItems": items, "CFAssociations": assocs})
	return b
}

func etagOf(b []byte) string {
	s := sha256.Sum256(b)
	return `"` + hex.EncodeToString(s[:8]) + `"`
}

// provider is a plain CASE provider (not a casenode): a CFDocuments listing
// and CFPackages with ETags, counting requests and body bytes.
type provider struct {
	mu       sync.Mutex
	pkgs     map[string][]byte // framework id -> package JSON
	order    []string
	bare     bool // listing as a bare array
	only10   bool // serves /ims/case/v1p0 only
	pageSize int  // when > 0, the listing honours limit/offset with pages of at most pageSize
	requests atomic.Int64
	bytes    atomic.Int64
	condReqs atomic.Int64 // requests that carried If-None-Match
	srv      *httptest.Server
	override http.HandlerFunc // when set, answers CFPackages instead
}

func newProvider(t testing.TB) *provider {
	p := &provider{pkgs: map[string][]byte{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) put(name string, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	id := fid(name)
	if _, ok := p.pkgs[id]; !ok {
		p.order = append(p.order, id)
	}
	p.pkgs[id] = b
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	c.n.Add(int64(len(b)))
	return c.ResponseWriter.Write(b)
}

func (p *provider) serve(w http.ResponseWriter, r *http.Request) {
	p.requests.Add(1)
	if r.Header.Get("If-None-Match") != "" {
		p.condReqs.Add(1)
	}
	w = countingWriter{w, &p.bytes}
	root := "/ims/case/v1p1/"
	if p.only10 {
		root = "/ims/case/v1p0/"
	}
	switch {
	case r.URL.Path == root+"CFDocuments":
		p.mu.Lock()
		docs := []docRef{}
		for _, id := range p.order {
			docs = append(docs, docRef{Identifier: id, Title: "Framework"})
		}
		p.mu.Unlock()
		docs = p.page(r, docs)
		if p.bare {
			writeJSON(w, docs, nil)
		} else {
			writeJSON(w, map[string]any{"CFDocuments": docs}, nil)
		}
	case strings.HasPrefix(r.URL.Path, root+"CFPackages/"):
		if p.override != nil {
			p.override(w, r)
			return
		}
		p.mu.Lock()
		b, ok := p.pkgs[strings.TrimPrefix(r.URL.Path, root+"CFPackages/")]
		p.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		servePackage(w, r, etagOf(b), b)
	default:
		http.NotFound(w, r)
	}
}

// newRawServer serves h on loopback and returns its base URL.
func newRawServer(t testing.TB, h http.HandlerFunc) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// page applies limit and offset the way a paginating CASE provider does.
func (p *provider) page(r *http.Request, docs []docRef) []docRef {
	if p.pageSize <= 0 {
		return docs
	}
	limit, offset := p.pageSize, 0
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v > 0 && v < limit {
		limit = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("offset")); err == nil && v > 0 {
		offset = min(v, len(docs))
	}
	return docs[offset:min(offset+limit, len(docs))]
}
