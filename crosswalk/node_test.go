package crosswalk_test

import (
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/store"
)

const testBase = "http://127.0.0.1:8080"

// node is a store, a search index and a crosswalker on a temp directory,
// importing through the same path as the node (decode → store → catch-up;
// CASE JSON and spreadsheets).
type node struct {
	*importer.Importer // the node's import path: decode → store → catch-up
	tn                 *testnode.Node
	db                 *store.DB
	ix                 *search.Index
	cw                 *crosswalk.Crosswalker
}

func newNode(tb testing.TB) *node {
	tb.Helper()
	tn := testnode.New(tb, testnode.WithBaseURL(testBase), testnode.WithCrosswalk(), testnode.WithSheets())
	return &node{Importer: tn.Importer, tn: tn, db: tn.DB, ix: tn.Index, cw: tn.Crosswalk}
}

func (n *node) importBytes(tb testing.TB, name string, data []byte) {
	tb.Helper()
	n.tn.ImportBytes(name, data)
}

func (n *node) importSeed(tb testing.TB) {
	tb.Helper()
	n.tn.ImportSeed()
}

func (n *node) importFile(tb testing.TB, path string) {
	tb.Helper()
	n.tn.ImportFile(path)
}

// newMathNode is a node holding the real TEKS math (teksMath) and CCSS math
// (ccssMath) frameworks from the shared fixtures.
func newMathNode(tb testing.TB) *node {
	tb.Helper()
	n := newNode(tb)
	n.importFile(tb, fixture.Path(tb, "real", "tx-teks-math-ch111.tea.cfpackage.json"))
	n.importFile(tb, fixture.Path(tb, "real", "ccss-math-2010.opensalt.cfpackage.json"))
	return n
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
