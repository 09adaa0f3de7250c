// Package testnode builds a real casenode node for tests: a SQLite store in
// a temporary directory, the node's one import path (importer.New), and, when
// asked, the search index, the crosswalk service, the demo frameworks and
// fixture files. Everything is closed with the test's Cleanup.
//
// It is test support: import it from _test.go files only. It imports the
// inner packages (store, search, importer, crosswalk, seed, casefile) and
// never the packages whose tests use it (server, web, graphql, federation,
// mcp); those wire their own handler on top of the Node.
package testnode

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// DefaultBaseURL is the node's base URL unless WithBaseURL says otherwise.
const DefaultBaseURL = "http://127.0.0.1:8080"

// Node is a node's parts for a test.
type Node struct {
	TB        testing.TB
	BaseURL   string
	Dir       string                 // the node's data directory (t.TempDir())
	DB        *store.DB              // the SQLite store
	Index     *search.Index          // nil without WithSearch or WithCrosswalk
	Importer  *importer.Importer     // the node's one import path
	Crosswalk *crosswalk.Crosswalker // nil without WithCrosswalk
}

type config struct {
	base      string
	dbName    string
	search    bool
	crosswalk bool
	steps     []func(*Node) // imports, in the order the options were given
}

// Option adjusts the node New builds.
type Option func(*config)

// WithBaseURL sets the node's base URL (e.g. an httptest server's URL).
func WithBaseURL(u string) Option { return func(c *config) { c.base = u } }

// WithDBName names the store's file in the data directory (default casenode.db).
func WithDBName(name string) Option { return func(c *config) { c.dbName = name } }

// WithSearch opens the search index; every import catches it up.
func WithSearch() Option { return func(c *config) { c.search = true } }

// WithCrosswalk builds the crosswalk service (and opens the search index it
// suggests with).
func WithCrosswalk() Option { return func(c *config) { c.search, c.crosswalk = true, true } }

// WithSeed imports the demo frameworks, as `casenode serve` does on an empty
// data directory.
func WithSeed() Option {
	return func(c *config) { c.steps = append(c.steps, (*Node).ImportSeed) }
}

// WithFiles imports the files at paths (e.g. from internal/fixture) in order.
func WithFiles(paths ...string) Option {
	return func(c *config) {
		c.steps = append(c.steps, func(n *Node) {
			for _, p := range paths {
				n.ImportFile(p)
			}
		})
	}
}

// New builds a node under tb.TempDir(); opts choose its parts and contents.
func New(tb testing.TB, opts ...Option) *Node {
	tb.Helper()
	c := config{base: DefaultBaseURL, dbName: "casenode.db"}
	for _, o := range opts {
		o(&c)
	}
	n := &Node{TB: tb, BaseURL: c.base, Dir: tb.TempDir()}
	db, err := store.Open(context.Background(), filepath.Join(n.Dir, c.dbName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	n.DB = db
	n.Importer = importer.New(db, nil, n.BaseURL, nil)
	if c.search {
		if n.Index, err = search.Open(filepath.Join(n.Dir, "index"), db, nil); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { n.Index.Close() })
		n.Importer.SetIndex(n.Index)
	}
	if c.crosswalk {
		n.Crosswalk, err = crosswalk.New(crosswalk.Config{Store: db, Search: n.Index, Importer: n.Importer, BaseURL: n.BaseURL})
		if err != nil {
			tb.Fatal(err)
		}
		n.Index.SetRanker(n.Crosswalk) // as the node wires it (cmd/casenode serve.go)
	}
	for _, step := range c.steps {
		step(n)
	}
	return n
}

// Import imports data through the node's import path and fails the test on
// an error.
func (n *Node) Import(data []byte, prov casefile.Provenance) []casefile.ImportResult {
	n.TB.Helper()
	res, err := n.Importer.Import(context.Background(), bytes.NewReader(data), prov)
	if err != nil {
		n.TB.Fatalf("import %s: %v", prov.Location, err)
	}
	return res
}

// ImportBytes imports data as a file called name.
func (n *Node) ImportBytes(name string, data []byte) []casefile.ImportResult {
	n.TB.Helper()
	return n.Import(data, casefile.Provenance{Source: casefile.SourceFile, Location: name, FetchedAt: time.Now().UTC()})
}

// ImportFile imports the file at path.
func (n *Node) ImportFile(path string) []casefile.ImportResult {
	n.TB.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		n.TB.Fatal(err)
	}
	return n.ImportBytes(filepath.Base(path), data)
}

// ImportSeed imports the demo frameworks.
func (n *Node) ImportSeed() {
	n.TB.Helper()
	for _, f := range seed.Frameworks() {
		n.Import(f.Data, casefile.Provenance{Source: casefile.SourceSeed, Location: f.Name, FetchedAt: time.Now().UTC()})
	}
}

// ImportPackage encodes p as CASE 1.1 JSON and imports it.
func (n *Node) ImportPackage(p *casefile.Package) []casefile.ImportResult {
	n.TB.Helper()
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, p, casefile.V1p1); err != nil {
		n.TB.Fatal(err)
	}
	return n.Import(buf.Bytes(), casefile.Provenance{Source: casefile.SourceFile, Location: "test"})
}

// StorePackage writes an already decoded package (a large synthetic one built
// in memory) straight to the store and catches the index up, skipping the
// decoder's work and limits.
func (n *Node) StorePackage(p *casefile.Package) {
	n.TB.Helper()
	ctx := context.Background()
	if _, err := n.DB.Import(ctx, p, casefile.Provenance{Source: casefile.SourceSeed, Location: "synth", FetchedAt: time.Now().UTC()}); err != nil {
		n.TB.Fatal(err)
	}
	if n.Index != nil {
		if err := n.Index.CatchUp(ctx); err != nil {
			n.TB.Fatal(err)
		}
	}
}
