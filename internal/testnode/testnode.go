// Package testnode builds a real casenode node for tests: a SQLite store in
// a temporary directory, the node's one import path (importer.New), and, when
// asked, the search index, the crosswalk service, the demo frameworks and
// fixture files. Everything is closed with the test's Cleanup.
//
// It is test support: import it from _test.go files only. It imports the
// inner packages (store, search, importer, crosswalk, sheet, seed, casefile) and
// never the packages whose tests use it (server, web, graphql, federation,
// mcp); those wire their own handler on top of the Node.
package testnode

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/testnode/storenode"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/sheet"
)

// DefaultBaseURL is the node's base URL unless WithBaseURL says otherwise.
const DefaultBaseURL = "http://127.0.0.1:8080"

// Node is a node's parts for a test: the store and import path
// (storenode.Node: TB, BaseURL, Dir, DB, Importer) and, when asked, the
// search index and the crosswalk service.
type Node struct {
	*storenode.Node
	Index     *search.Index          // nil without WithSearch or WithCrosswalk
	Crosswalk *crosswalk.Crosswalker // nil without WithCrosswalk
}

type config struct {
	base      string
	dbName    string
	search    bool
	crosswalk bool
	sheets    bool
	steps     []func(*Node) // imports, in the order the options were given
}

// WithSheets lets the import path take CSV and XLSX spreadsheets as well as
// CASE JSON, as the node's does (cmd/casenode serve.go).
func WithSheets() Option { return func(c *config) { c.sheets = true } }

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
	n := &Node{Node: storenode.New(tb, c.base, c.dbName)}
	db := n.DB
	if c.sheets {
		n.Importer.SetSheets(sheet.Reader{BaseURL: n.BaseURL})
	}
	var err error
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

// StorePackage writes an already decoded package (a large synthetic one built
// in memory) straight to the store and catches the index up, skipping the
// decoder's work and limits.
func (n *Node) StorePackage(p *casefile.Package) {
	n.TB.Helper()
	storenode.Store(n.TB, n.DB, p)
	if n.Index != nil {
		if err := n.Index.CatchUp(context.Background()); err != nil {
			n.TB.Fatal(err)
		}
	}
}
