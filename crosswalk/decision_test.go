package crosswalk_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

func suggests(tb testing.TB, cw *casefile.Crosswalk, source, target string) bool {
	tb.Helper()
	for _, r := range cw.Rows {
		for _, m := range r.Matches {
			if r.Source.Identifier == source && m.Target.Identifier == target && m.Kind == casefile.MatchSuggested {
				return true
			}
		}
	}
	return false
}

func TestDecisionsAreRecordedAndRejectionsHoldBothWays(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	fw := exp.Frameworks
	opt := casefile.CrosswalkOptions{Suggest: true}
	p := exp.Suggestions[0]
	forward, err := n.cw.Crosswalk(ctx, fw.Northwind, fw.Progression, opt)
	if err != nil {
		t.Fatal(err)
	}
	backward, err := n.cw.Crosswalk(ctx, fw.Progression, fw.Northwind, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !suggests(t, forward, p.Source, p.Target) || !suggests(t, backward, p.Target, p.Source) {
		t.Fatalf("the seed pair %s → %s is not suggested both ways", p.SourceCode, p.TargetCode)
	}
	d, err := n.cw.Reject(ctx, p.Source, p.Target, "curator-1")
	if err != nil || d.By != "curator-1" || d.At.IsZero() || d.SourceFramework != fw.Northwind || d.TargetFramework != fw.Progression {
		t.Fatalf("reject: %+v %v", d, err)
	}
	forward, _ = n.cw.Crosswalk(ctx, fw.Northwind, fw.Progression, opt)
	backward, _ = n.cw.Crosswalk(ctx, fw.Progression, fw.Northwind, opt)
	if suggests(t, forward, p.Source, p.Target) || suggests(t, backward, p.Target, p.Source) {
		t.Error("a rejected pair is still suggested")
	}
	if err := n.cw.Restore(ctx, p.Target, p.Source); err != nil {
		t.Fatalf("restore from the other side: %v", err)
	}
	if err := n.cw.Restore(ctx, p.Target, p.Source); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("restore twice: %v", err)
	}
	if forward, _ = n.cw.Crosswalk(ctx, fw.Northwind, fw.Progression, opt); !suggests(t, forward, p.Source, p.Target) {
		t.Error("a restored pair is not suggested again")
	}

	// Accepting records who and when; removing the association forgets it.
	a, err := n.cw.Accept(ctx, p.Source, p.Target, casefile.ExactMatchOf, "curator-2")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := n.cw.Decisions(ctx, fw.Northwind, fw.Progression)
	if err != nil || len(ds) != 1 || ds[0].Decision != casefile.DecisionAccepted || ds[0].Association != a.Identifier || ds[0].By != "curator-2" {
		t.Fatalf("decisions after accept: %+v %v", ds, err)
	}
	if err := n.cw.RemoveAssociation(ctx, a.Identifier); err != nil {
		t.Fatal(err)
	}
	if ds, _ = n.cw.Decisions(ctx, fw.Northwind, fw.Progression); len(ds) != 0 {
		t.Errorf("decisions after removing the association: %+v", ds)
	}
	if _, err := n.cw.Reject(ctx, p.Source, p.Source, "x"); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("self rejection: %v", err)
	}
	if _, err := n.cw.Reject(ctx, p.Source, "no-such-item", "x"); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("unknown target: %v", err)
	}
}
