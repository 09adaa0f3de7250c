package crosswalk_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

func TestRepeatedCrosswalkIsServedFromCacheUntilTheNodeChanges(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	opt := casefile.CrosswalkOptions{Suggest: true}
	first, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := *first
	want.Rows = append([]casefile.CrosswalkRow(nil), first.Rows...)
	// A caller changing its copy does not change the next answer.
	first.Rows[0].Matches = append(first.Rows[0].Matches, casefile.CrosswalkMatch{Kind: "bogus"})
	first.Rows = first.Rows[:1]
	second, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(second.Rows, want.Rows) {
		t.Fatal("second answer differs from the first")
	}
	// An accepted link changes the node, so the same request sees it.
	p := exp.Suggestions[2]
	if _, err := n.cw.Accept(ctx, p.Source, p.Target, casefile.ExactMatchOf, "curator"); err != nil {
		t.Fatal(err)
	}
	third, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	if ex := matchesOf(row(t, third, p.Source), casefile.MatchExplicit); len(ex) != 1 || ex[0].Target.Identifier != p.Target {
		t.Errorf("after accept, explicit matches of %s: %+v", p.SourceCode, ex)
	}
}
