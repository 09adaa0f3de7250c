// Package storenode is the store half of a test node (internal/testnode): a
// SQLite store in a temporary directory and the node's one import path
// (importer.New) without a search index. internal/testnode builds on it; the
// tests of the packages testnode imports (search), which cannot import
// testnode without an import cycle, use it directly.
//
// It is test support: import it from _test.go files only.
package storenode

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// Node is a store and the import path over it, for a test.
type Node struct {
	TB       testing.TB
	BaseURL  string
	Dir      string             // the node's data directory (tb.TempDir())
	DB       *store.DB          // the SQLite store
	Importer *importer.Importer // the node's one import path
}

// New opens a store called dbName ("" for casenode.db) under tb.TempDir()
// and the import path for base; both are closed with tb's Cleanup.
func New(tb testing.TB, base, dbName string) *Node {
	tb.Helper()
	if dbName == "" {
		dbName = "casenode.db"
	}
	n := &Node{TB: tb, BaseURL: base, Dir: tb.TempDir()}
	db, err := store.Open(context.Background(), filepath.Join(n.Dir, dbName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	n.DB = db
	n.Importer = importer.New(db, nil, n.BaseURL, nil)
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

// Store writes an already decoded package (a large synthetic one built in
// memory, or one a test shaped by hand) straight to db, skipping the
// decoder's work and limits.
func Store(tb testing.TB, db *store.DB, p *casefile.Package) casefile.ImportResult {
	tb.Helper()
	res, err := db.Import(context.Background(), p, casefile.Provenance{Source: casefile.SourceSeed, Location: "synth", FetchedAt: time.Now().UTC()})
	if err != nil {
		tb.Fatalf("store %s: %v", p.CFDocument.Title, err)
	}
	return res
}
