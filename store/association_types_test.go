package store

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// AssociationsOfTypesFor answers what AssociationsFor answers, only the
// associations of the types asked for.
func TestAssociationsOfTypesFor(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("typed", 2, 3)
	mustImport(t, db, p)
	var nodes []string
	for _, it := range p.CFItems {
		nodes = append(nodes, it.Identifier)
	}
	all, err := db.AssociationsFor(ctx, nodes)
	if err != nil {
		t.Fatal(err)
	}
	typed, err := db.AssociationsOfTypesFor(ctx, nodes, []string{casefile.ExactMatchOf, casefile.IsRelatedTo})
	if err != nil {
		t.Fatal(err)
	}
	root := p.CFItems[0].Identifier
	if len(all[root]) != 5 { // 3 children, its parent link, exactMatchOf
		t.Fatalf("first root has %d associations, want 5", len(all[root]))
	}
	if got := typed[root]; len(got) != 1 || got[0].AssociationType != casefile.ExactMatchOf {
		t.Errorf("first root's exactMatchOf and isRelatedTo: %+v, want its one exactMatchOf", got)
	}
	for id, as := range typed {
		if id != root && len(as) > 0 {
			t.Errorf("%s: %d associations of those types, want none", id, len(as))
		}
	}
	if none, err := db.AssociationsOfTypesFor(ctx, nodes, nil); err != nil || len(none) != 0 {
		t.Errorf("no types: %v %v", none, err)
	}
}
