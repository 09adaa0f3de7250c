package crosswalk_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

func TestAcceptStoresARealAssociationThatBecomesExplicit(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	p := exp.Suggestions[0]

	a, err := n.cw.Accept(ctx, p.Source, p.Target, casefile.ExactMatchOf, "curator-1")
	if err != nil {
		t.Fatal(err)
	}
	stored, err := n.db.Association(ctx, a.Identifier)
	if err != nil {
		t.Fatalf("accepted association not in the store: %v", err)
	}
	if stored.AssociationType != casefile.ExactMatchOf || stored.OriginNodeURI.Identifier != p.Source || stored.DestinationNodeURI.Identifier != p.Target {
		t.Errorf("stored %+v", stored)
	}
	var by, at string
	_ = json.Unmarshal(stored.Extensions["acceptedBy"], &by)
	_ = json.Unmarshal(stored.Extensions["acceptedAt"], &at)
	// The published association does not name the admin; the decision does.
	if by != "an administrator of this node" || at == "" || strings.Contains(string(stored.Extensions["acceptedBy"]), "curator-1") {
		t.Errorf("extensions %s", stored.Extensions)
	}
	ds, err := n.cw.Decisions(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression)
	if err != nil || len(ds) != 1 || ds[0].By != "curator-1" {
		t.Errorf("decision of the accept: %+v %v", ds, err)
	}
	if stored.CFDocumentURI == nil || stored.CFDocumentURI.Identifier != n.cw.CrosswalkDocument() {
		t.Errorf("association not in the crosswalk document: %+v", stored.CFDocumentURI)
	}
	info, err := n.db.Framework(ctx, n.cw.CrosswalkDocument())
	if err != nil || info.Associations != 1 || info.Provenance.Source != casefile.SourceLocal {
		t.Errorf("crosswalk document %+v, %v", info, err)
	}

	cw, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{Suggest: true})
	if err != nil {
		t.Fatal(err)
	}
	ex := matchesOf(row(t, cw, p.Source), casefile.MatchExplicit)
	if len(ex) != 1 || ex[0].Target.Identifier != p.Target || ex[0].AssociationType != casefile.ExactMatchOf || ex[0].Association != a.Identifier {
		t.Errorf("accepted link not explicit: %+v", ex)
	}

	// Accepting again is idempotent; a second accept adds to the same document.
	again, err := n.cw.Accept(ctx, p.Source, p.Target, casefile.ExactMatchOf, "curator-2")
	if err != nil || again.Identifier != a.Identifier {
		t.Errorf("re-accept: %+v, %v", again, err)
	}
	q := exp.Suggestions[1]
	if _, err := n.cw.Accept(ctx, q.Source, q.Target, casefile.IsRelatedTo, "curator-1"); err != nil {
		t.Fatal(err)
	}
	if info, _ := n.db.Framework(ctx, n.cw.CrosswalkDocument()); info.Associations != 2 {
		t.Errorf("crosswalk document holds %d associations, want 2", info.Associations)
	}

	if err := n.cw.RemoveAssociation(ctx, a.Identifier); err != nil {
		t.Fatal(err)
	}
	if _, err := n.db.Association(ctx, a.Identifier); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("removed association still there: %v", err)
	}
	cw, _ = n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{})
	if ex := matchesOf(row(t, cw, p.Source), casefile.MatchExplicit); len(ex) != 0 {
		t.Errorf("removed link still explicit: %+v", ex)
	}
}

func TestAcceptAndRemoveRefuseBadInput(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	p := exp.Suggestions[0]
	cases := []struct {
		name, src, tgt, typ, by string
		want                    casefile.Code
	}{
		{"isChildOf", p.Source, p.Target, casefile.IsChildOf, "x", casefile.Invalid},
		{"unknown type", p.Source, p.Target, "looksLike", "x", casefile.Invalid},
		{"no actor", p.Source, p.Target, casefile.IsRelatedTo, " ", casefile.Invalid},
		{"unknown source", "00000000-0000-4000-8000-000000000000", p.Target, casefile.IsRelatedTo, "x", casefile.NotFound},
		{"self", p.Source, p.Source, casefile.IsRelatedTo, "x", casefile.Invalid},
	}
	for _, c := range cases {
		if _, err := n.cw.Accept(ctx, c.src, c.tgt, c.typ, c.by); casefile.ErrorCode(err) != c.want {
			t.Errorf("%s: got %v, want %s", c.name, err, c.want)
		}
	}
	if _, err := n.cw.Accept(ctx, p.Source, p.Target, "ext:alignedWith", "x"); err != nil {
		t.Errorf("ext: type refused: %v", err)
	}
	// An association of a seed framework cannot be removed through the crosswalk.
	if err := n.cw.RemoveAssociation(ctx, exp.Explicit[0].Source); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("remove unknown: %v", err)
	}
	cw, _ := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{})
	seedAssoc := matchesOf(row(t, cw, exp.Explicit[0].Source), casefile.MatchExplicit)[0].Association
	if err := n.cw.RemoveAssociation(ctx, seedAssoc); casefile.ErrorCode(err) != casefile.Forbidden {
		t.Errorf("remove a seed association: got %v, want forbidden", err)
	}
}
