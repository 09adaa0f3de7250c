package store

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestDocumentsCarryPackageURI(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 1), testPackage("beta", 1, 1)
	b.CFDocument.URI = "https://publisher.example/uri/" + b.CFDocument.Identifier // not a CASE REST uri
	mustImport(t, db, b)
	mustImport(t, db, a)
	docs, err := db.Documents(ctx)
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents %d %v", len(docs), err)
	}
	if docs[0].Identifier != a.CFDocument.Identifier {
		t.Fatal("documents not ordered by title")
	}
	want := []string{testBase + "/CFPackages/" + a.CFDocument.Identifier, b.CFDocument.URI}
	for i, d := range docs {
		if d.CFPackageURI == nil || d.CFPackageURI.Identifier != d.Identifier || d.CFPackageURI.Title != d.Title ||
			d.CFPackageURI.URI != want[i] {
			t.Fatalf("document %d CFPackageURI %+v", i, d.CFPackageURI)
		}
	}
	_, err = db.Document(ctx, "missing")
	wantCode(t, err, casefile.NotFound)
}

// An item with parents in two frameworks: Ancestors follows the link in the
// item's own framework, Children lists it under both parents.
func TestAncestorsPreferOwnFramework(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a := testPackage("alpha", 2, 1)
	leaf, ownParent, otherRoot := a.CFItems[1], a.CFItems[0], a.CFItems[2]
	x := testPackage("xwalk", 0, 0)
	// The other framework is imported first, so its link comes first in storage.
	x.CFAssociations = []casefile.Association{{Identifier: uid("xwalk-a", 1), AssociationType: casefile.IsChildOf,
		OriginNodeURI:      casefile.LinkGenURI{Identifier: leaf.Identifier, URI: leaf.URI},
		DestinationNodeURI: casefile.LinkGenURI{Identifier: otherRoot.Identifier, URI: otherRoot.URI}}}
	mustImport(t, db, x)
	mustImport(t, db, a)
	anc, err := db.Ancestors(ctx, leaf.Identifier)
	if err != nil || len(anc) != 1 || anc[0].Identifier != ownParent.Identifier {
		t.Fatalf("ancestors %+v %v", anc, err)
	}
	ch, err := db.Children(ctx, []string{ownParent.Identifier, otherRoot.Identifier})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch[ownParent.Identifier]) != 1 || len(ch[otherRoot.Identifier]) != 2 {
		t.Fatalf("children %d and %d", len(ch[ownParent.Identifier]), len(ch[otherRoot.Identifier]))
	}
}

func TestReadsHonourCancelledContext(t *testing.T) {
	db := openTest(t)
	p := testPackage("alpha", 1, 1)
	mustImport(t, db, p)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := db.Package(ctx, p.CFDocument.Identifier)
	wantCode(t, err, casefile.Unavailable)
	_, err = db.Items(ctx, []string{p.CFItems[0].Identifier})
	wantCode(t, err, casefile.Unavailable)
	wantCode(t, db.SetMeta(ctx, "k", "v"), casefile.Unavailable)
}
