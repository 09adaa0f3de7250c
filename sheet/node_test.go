package sheet_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/sheet"
	"github.com/casenode/casenode/store"
)

const testBase = "http://127.0.0.1:8080"

// node is a store with the one import path, reading sheets, on a fixed clock.
type node struct {
	t   testing.TB
	db  *store.DB
	im  *importer.Importer
	now time.Time
}

func newNode(t testing.TB) *node {
	t.Helper()
	tn := testnode.New(t, testnode.WithBaseURL(testBase))
	n := &node{t: t, db: tn.DB, im: tn.Importer, now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	n.im.SetSheets(sheet.Reader{BaseURL: testBase, Clock: func() time.Time { return n.now }})
	return n
}

// importData imports data as a file called name.
func (n *node) importData(name string, data []byte) (casefile.ImportResult, error) {
	res, err := n.im.Import(context.Background(), bytes.NewReader(data), casefile.Provenance{Source: casefile.SourceFile, Location: "/some/dir/" + name})
	if err != nil {
		return casefile.ImportResult{}, err
	}
	if len(res) != 1 {
		n.t.Fatalf("%s: %d results", name, len(res))
	}
	return res[0], nil
}

func (n *node) mustImport(name string, data []byte) casefile.ImportResult {
	n.t.Helper()
	res, err := n.importData(name, data)
	if err != nil {
		n.t.Fatalf("%s: %v", name, casefile.ErrorMessage(err))
	}
	return res
}

func (n *node) importFile(path string) casefile.ImportResult {
	n.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		n.t.Fatal(err)
	}
	return n.mustImport(filepath.Base(path), data)
}

func (n *node) pkg(id string) *casefile.Package {
	n.t.Helper()
	p, err := n.db.Package(context.Background(), id)
	if err != nil {
		n.t.Fatal(err)
	}
	return p
}

// tree maps each item's code (or identifier when it has none) to its
// parent's code ("" for the document).
func tree(p *casefile.Package) map[string]string {
	label := map[string]string{p.CFDocument.Identifier: ""}
	for _, it := range p.CFItems {
		label[it.Identifier] = codeOr(it)
	}
	out := map[string]string{}
	for _, a := range p.CFAssociations {
		if a.AssociationType == casefile.IsChildOf {
			out[label[a.OriginNodeURI.Identifier]] = label[a.DestinationNodeURI.Identifier]
		}
	}
	return out
}

func codeOr(it casefile.Item) string {
	if it.HumanCodingScheme != "" {
		return it.HumanCodingScheme
	}
	return it.Identifier
}

// typeCounts counts a package's associations by type.
func typeCounts(p *casefile.Package) map[string]int {
	out := map[string]int{}
	for _, a := range p.CFAssociations {
		out[a.AssociationType]++
	}
	return out
}

func fixtureDir(t *testing.T) string { return filepath.Join(fixture.Dir(t), "tabular") }
