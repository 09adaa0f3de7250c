package crosswalk_test

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

const testBase = "http://127.0.0.1:8080"

// node is a store, a search index and a crosswalker on a temp directory,
// importing through the same path as the node (decode → store → catch-up).
type node struct {
	*importer.Importer // the node's import path: decode → store → catch-up
	db                 *store.DB
	ix                 *search.Index
	cw                 *crosswalk.Crosswalker
}

func newNode(tb testing.TB) *node {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "casenode.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ix, err := search.Open(filepath.Join(dir, "index"), db, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	n := &node{Importer: importer.New(db, ix, testBase, nil), db: db, ix: ix}
	n.cw, err = crosswalk.New(crosswalk.Config{Store: db, Search: ix, Importer: n, BaseURL: testBase})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func (n *node) importBytes(tb testing.TB, name string, data []byte) {
	tb.Helper()
	prov := casefile.Provenance{Source: casefile.SourceFile, Location: name, FetchedAt: time.Now().UTC()}
	if _, err := n.Import(context.Background(), bytes.NewReader(data), prov); err != nil {
		tb.Fatalf("import %s: %v", name, err)
	}
}

func (n *node) importSeed(tb testing.TB) {
	for _, f := range seed.Frameworks() {
		n.importBytes(tb, f.Name, f.Data)
	}
}

func (n *node) importFile(tb testing.TB, path string) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	n.importBytes(tb, filepath.Base(path), data)
}

// row returns the row of source item id.
func row(tb testing.TB, cw *casefile.Crosswalk, id string) casefile.CrosswalkRow {
	tb.Helper()
	for _, r := range cw.Rows {
		if r.Source.Identifier == id {
			return r
		}
	}
	tb.Fatalf("no row for source item %s", id)
	return casefile.CrosswalkRow{}
}

func matchesOf(r casefile.CrosswalkRow, kind string) []casefile.CrosswalkMatch {
	var out []casefile.CrosswalkMatch
	for _, m := range r.Matches {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}
