package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func codes(items []casefile.Item) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.HumanCodingScheme)
	}
	return out
}

func TestChildrenAndAncestors(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("alpha", 2, 3)
	// An item with no isChildOf at all is a root too.
	loose := casefile.Item{Identifier: uid("loose", 1), URI: "urn:loose", HumanCodingScheme: "alpha.0", FullStatement: "loose",
		LastChangeDateTime: "2024-01-01T00:00:00Z"}
	p.CFItems = append(p.CFItems, loose)
	mustImport(t, db, p)
	doc, root1, root2 := p.CFDocument.Identifier, p.CFItems[0], p.CFItems[4]
	ch, err := db.Children(ctx, []string{doc, root1.Identifier, root2.Identifier, p.CFItems[1].Identifier, "nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(ch[doc]); !reflect.DeepEqual(got, []string{"alpha.1", "alpha.2", "alpha.0"}) {
		t.Fatalf("roots %v", got)
	}
	// Children were listed in reverse; sequenceNumber orders them.
	if got := codes(ch[root1.Identifier]); !reflect.DeepEqual(got, []string{"alpha.1.1", "alpha.1.2", "alpha.1.3"}) {
		t.Fatalf("children of alpha.1: %v", got)
	}
	if got := codes(ch[root2.Identifier]); !reflect.DeepEqual(got, []string{"alpha.2.1", "alpha.2.2", "alpha.2.3"}) {
		t.Fatalf("children of alpha.2: %v", got)
	}
	if len(ch[p.CFItems[1].Identifier]) != 0 || len(ch["nobody"]) != 0 {
		t.Fatal("a leaf has children")
	}
	if ch[root1.Identifier][0].CFDocumentURI == nil || ch[root1.Identifier][0].CFDocumentURI.Identifier != doc {
		t.Fatal("children lack CFDocumentURI")
	}
	leaf := p.CFItems[1]
	anc, err := db.Ancestors(ctx, leaf.Identifier)
	want := []casefile.LinkURI{{Title: "alpha.1", Identifier: root1.Identifier, URI: root1.URI}}
	if err != nil || !reflect.DeepEqual(anc, want) {
		t.Fatalf("ancestors %+v %v", anc, err)
	}
	if anc, err := db.Ancestors(ctx, root1.Identifier); err != nil || len(anc) != 0 {
		t.Fatalf("ancestors of a root %+v %v", anc, err)
	}
	_, err = db.Ancestors(ctx, "missing")
	wantCode(t, err, casefile.NotFound)
}

func TestDeepTreeOrderAndCycles(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("chain", 0, 0)
	doc := casefile.LinkGenURI{Identifier: p.CFDocument.Identifier, URI: p.CFDocument.URI}
	prev := doc
	const depth = 80
	for i := 0; i < depth; i++ {
		it := casefile.Item{Identifier: uid("chain-i", i), URI: fmt.Sprintf("urn:c:%d", i), HumanCodingScheme: fmt.Sprint(i)}
		p.CFItems = append(p.CFItems, it)
		p.CFAssociations = append(p.CFAssociations, casefile.Association{Identifier: uid("chain-a", i), AssociationType: casefile.IsChildOf,
			OriginNodeURI: casefile.LinkGenURI{Identifier: it.Identifier, URI: it.URI}, DestinationNodeURI: prev})
		prev = casefile.LinkGenURI{Identifier: it.Identifier, URI: it.URI}
	}
	// Two items that are each other's parent: never reached from the root.
	x := casefile.Item{Identifier: uid("cyc", 1), HumanCodingScheme: "x"}
	y := casefile.Item{Identifier: uid("cyc", 2), HumanCodingScheme: "y"}
	p.CFItems = append([]casefile.Item{x, y}, p.CFItems...)
	p.CFAssociations = append(p.CFAssociations,
		casefile.Association{Identifier: uid("cyc-a", 1), AssociationType: casefile.IsChildOf,
			OriginNodeURI: casefile.LinkGenURI{Identifier: x.Identifier}, DestinationNodeURI: casefile.LinkGenURI{Identifier: y.Identifier}},
		casefile.Association{Identifier: uid("cyc-a", 2), AssociationType: casefile.IsChildOf,
			OriginNodeURI: casefile.LinkGenURI{Identifier: y.Identifier}, DestinationNodeURI: casefile.LinkGenURI{Identifier: x.Identifier}})
	mustImport(t, db, p)
	got, err := db.Package(ctx, p.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	c := codes(got.CFItems)
	if len(c) != depth+2 || c[0] != "0" || c[depth-1] != fmt.Sprint(depth-1) || c[depth] != "x" || c[depth+1] != "y" {
		t.Fatalf("tree order %v", c)
	}
	anc, err := db.Ancestors(ctx, uid("chain-i", depth-1))
	if err != nil || len(anc) != maxDepth || anc[len(anc)-1].Title != fmt.Sprint(depth-2) {
		t.Fatalf("deep ancestors: %d %v", len(anc), err)
	}
	anc, err = db.Ancestors(ctx, x.Identifier)
	if err != nil || len(anc) != 1 || anc[0].Identifier != y.Identifier {
		t.Fatalf("cycle ancestors %+v %v", anc, err)
	}
}

func TestLookups(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("alpha", 2, 2)
	p.CFItems[1].OriginalIdentifier = "http://asn.example/S1"
	p.CFAssociations[0].OriginalIdentifier = "local:assoc-1"
	p.CFRubrics[0].OriginalIdentifier = "rubric-1"
	p.CFDocument.OriginalIdentifier = "doc-legacy"
	mustImport(t, db, p)
	it, err := db.Item(ctx, "http://asn.example/S1")
	if err != nil || it.Identifier != p.CFItems[1].Identifier {
		t.Fatalf("item by original %+v %v", it, err)
	}
	if a, err := db.Association(ctx, "local:assoc-1"); err != nil || a.Identifier != p.CFAssociations[0].Identifier {
		t.Fatalf("association by original %v", err)
	}
	if r, err := db.Rubric(ctx, "rubric-1"); err != nil || r.Identifier != p.CFRubrics[0].Identifier {
		t.Fatalf("rubric by original %v", err)
	}
	if d, err := db.Document(ctx, "doc-legacy"); err != nil || d.Identifier != p.CFDocument.Identifier {
		t.Fatalf("document by original %v", err)
	}
	if it, err := db.ItemByURI(ctx, p.CFItems[2].URI); err != nil || it.Identifier != p.CFItems[2].Identifier {
		t.Fatalf("by uri %v", err)
	}
	byCode, err := db.ItemsByCode(ctx, "  ALPHA.2 ")
	if err != nil || len(byCode) != 1 || byCode[0].HumanCodingScheme != "alpha.2" {
		t.Fatalf("by code %v %v", codes(byCode), err)
	}
	_, err = db.Item(ctx, "missing")
	wantCode(t, err, casefile.NotFound)
	if err.Error() != "CFItem missing not found" {
		t.Fatalf("message %q", err.Error())
	}
	_, err = db.ItemByURI(ctx, "urn:none")
	wantCode(t, err, casefile.NotFound)
	_, err = db.Association(ctx, "missing")
	wantCode(t, err, casefile.NotFound)
	_, err = db.License(ctx, "missing")
	wantCode(t, err, casefile.NotFound)
}

func TestBatchReads(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("big", 30, 40) // 1,230 items: several IN chunks
	p.CFItems[7].OriginalIdentifier = "orig-7"
	mustImport(t, db, p)
	var ids []string
	for i := len(p.CFItems) - 1; i >= 0; i-- {
		ids = append(ids, p.CFItems[i].Identifier)
		if i == 600 {
			ids = append(ids, "missing")
		}
	}
	ids = append(ids, "orig-7")
	items, err := db.Items(ctx, ids)
	if err != nil || len(items) != len(p.CFItems)+1 {
		t.Fatalf("items %d %v", len(items), err)
	}
	for i := range p.CFItems {
		if items[i].Identifier != p.CFItems[len(p.CFItems)-1-i].Identifier {
			t.Fatalf("item %d out of order", i)
		}
	}
	if items[len(items)-1].Identifier != p.CFItems[7].Identifier {
		t.Fatal("original identifier not resolved in batch")
	}
	fw, err := db.ItemFramework(ctx, ids)
	if err != nil || len(fw) != len(p.CFItems)+1 || fw["orig-7"] != p.CFDocument.Identifier || fw["missing"] != "" {
		t.Fatalf("item frameworks %d %v", len(fw), err)
	}
	of, err := db.ItemsOf(ctx, p.CFDocument.Identifier)
	if err != nil || len(of) != len(p.CFItems) || of[5].Identifier != p.CFItems[5].Identifier {
		t.Fatalf("items of %d %v", len(of), err)
	}
	// Page by page, the same items in the same order, with their framework.
	var paged []string
	for after := int64(-1); ; {
		page, last, err := db.ItemsAfter(ctx, p.CFDocument.Identifier, after, 3)
		if err != nil || len(page) > 3 {
			t.Fatalf("page after %d: %d items, %v", after, len(page), err)
		}
		if len(page) == 0 {
			break
		}
		for _, it := range page {
			if it.CFDocumentURI == nil || it.CFDocumentURI.Identifier != p.CFDocument.Identifier {
				t.Fatalf("paged item %s without its framework", it.Identifier)
			}
			paged = append(paged, it.Identifier)
		}
		after = last
	}
	if len(paged) != len(of) {
		t.Fatalf("paged %d items, want %d", len(paged), len(of))
	}
	for i := range of {
		if paged[i] != of[i].Identifier {
			t.Fatalf("paged item %d is %s, want %s", i, paged[i], of[i].Identifier)
		}
	}
	var nodes []string
	for _, it := range p.CFItems {
		nodes = append(nodes, it.Identifier)
	}
	nodes = append(nodes, p.CFDocument.Identifier)
	m, err := db.AssociationsFor(ctx, nodes)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m[p.CFDocument.Identifier]); n != 30 {
		t.Fatalf("document has %d incoming associations, want 30", n)
	}
	if n := len(m[p.CFItems[0].Identifier]); n != 42 { // 40 children + its parent link + exactMatchOf
		t.Fatalf("first root has %d associations, want 42", n)
	}
}

func TestItemAssociations(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 1), testPackage("beta", 1, 1)
	// beta links to alpha's root by uri only (identifier as the publisher sent it).
	b.CFAssociations = append(b.CFAssociations, casefile.Association{Identifier: uid("x", 1), AssociationType: casefile.IsRelatedTo,
		OriginNodeURI:      casefile.LinkGenURI{Identifier: b.CFItems[0].Identifier, URI: b.CFItems[0].URI},
		DestinationNodeURI: casefile.LinkGenURI{Identifier: "urn:other-id", URI: a.CFItems[0].URI}})
	mustImport(t, db, a)
	mustImport(t, db, b)
	list, err := db.ItemAssociations(ctx, a.CFItems[0].Identifier)
	if err != nil {
		t.Fatal(err)
	}
	// isChildOf to the document, its child's isChildOf, exactMatchOf out, beta's link in.
	if len(list) != 4 || list[3].CFDocumentURI.Identifier != b.CFDocument.Identifier {
		t.Fatalf("%d associations: %+v", len(list), list)
	}
	list, err = db.ItemAssociations(ctx, "urn:outside:1")
	if err != nil || len(list) != 2 { // alpha's and beta's exactMatchOf
		t.Fatalf("associations of an outside node %d %v", len(list), err)
	}
	_, err = db.ItemAssociations(ctx, "unknown")
	wantCode(t, err, casefile.NotFound)
	of, err := db.AssociationsOf(ctx, b.CFDocument.Identifier)
	if err != nil || len(of) != len(b.CFAssociations) || of[len(of)-1].Identifier != uid("x", 1) {
		t.Fatalf("associations of beta %d %v", len(of), err)
	}
}

func TestDefinitionHierarchy(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("alpha", 1, 1)
	mustImport(t, db, p)
	mustImport(t, db, testPackage("beta", 1, 1)) // same codes in another framework: not descendants
	titles := func(n int, title func(int) string) []string {
		out := []string{}
		for i := 0; i < n; i++ {
			out = append(out, title(i))
		}
		return out
	}
	cs, err := db.Concept(ctx, p.CFDefinitions.CFConcepts[0].Identifier)
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(len(cs), func(i int) string { return cs[i].Title }); !reflect.DeepEqual(got,
		[]string{"Concept 1", "Concept 1.1", "Concept 1.2", "Concept 1.10"}) {
		t.Fatalf("concepts %v", got)
	}
	ss, err := db.Subject(ctx, p.CFDefinitions.CFSubjects[2].Identifier) // "1.2": no descendants
	if err != nil || len(ss) != 1 || ss[0].Title != "Subject 1.2" {
		t.Fatalf("subjects %+v %v", ss, err)
	}
	ts, err := db.ItemType(ctx, p.CFDefinitions.CFItemTypes[4].Identifier) // "10"
	if err != nil || len(ts) != 1 || !reflect.DeepEqual(ts[0], p.CFDefinitions.CFItemTypes[4]) {
		t.Fatalf("item types %+v %v", ts, err)
	}
	_, err = db.Concept(ctx, "missing")
	wantCode(t, err, casefile.NotFound)
}

func TestSharedDefinitionsSurviveOtherFrameworks(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 1), testPackage("beta", 1, 1)
	b.CFDefinitions.CFLicenses = a.CFDefinitions.CFLicenses // the same licence in both
	mustImport(t, db, a)
	mustImport(t, db, b)
	if err := db.Delete(ctx, b.CFDocument.Identifier); err != nil {
		t.Fatal(err)
	}
	got, err := db.Package(ctx, a.CFDocument.Identifier)
	if err != nil || !reflect.DeepEqual(got.CFDefinitions.CFLicenses, a.CFDefinitions.CFLicenses) {
		t.Fatalf("alpha lost its licence: %v", err)
	}
	if _, err := db.License(ctx, a.CFDefinitions.CFLicenses[0].Identifier); err != nil {
		t.Fatal(err)
	}
}
