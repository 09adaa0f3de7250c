package crosswalk_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/seed"
)

func TestSeedExplicitLinksComeBackWithTheirType(t *testing.T) {
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	cw, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Explicit) == 0 {
		t.Fatal("seed has no explicit pairs")
	}
	for _, p := range exp.Explicit {
		r := row(t, cw, p.Source)
		found := false
		for _, m := range matchesOf(r, casefile.MatchExplicit) {
			if m.Target.Identifier == p.Target {
				found = true
				if m.AssociationType != p.Type || m.Score != 1 || m.Association == "" {
					t.Errorf("%s → %s: got type %q score %v assoc %q, want %s", p.SourceCode, p.TargetCode, m.AssociationType, m.Score, m.Association, p.Type)
				}
			}
		}
		if !found {
			t.Errorf("%s → %s (%s) missing; row: %+v", p.SourceCode, p.TargetCode, p.Type, r.Matches)
		}
	}
	// The other direction finds the same links (associations count both ways).
	back, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Progression, exp.Frameworks.Northwind, casefile.CrosswalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range exp.Explicit {
		r := row(t, back, p.Target)
		if !hasTarget(matchesOf(r, casefile.MatchExplicit), p.Source) {
			t.Errorf("reverse %s → %s missing", p.TargetCode, p.SourceCode)
		}
	}
}

func TestSeedLinkThroughThirdFrameworkComesWithItsPath(t *testing.T) {
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	if len(exp.Transitive) == 0 {
		t.Fatal("seed has no transitive pairs")
	}
	cw, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Progression, exp.Frameworks.Northwind, casefile.CrosswalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range exp.Transitive {
		r := row(t, cw, p.A)
		var got *casefile.CrosswalkMatch
		for _, m := range matchesOf(r, casefile.MatchTransitive) {
			if m.Target.Identifier == p.B {
				got = &m
			}
		}
		if got == nil {
			t.Errorf("%s ↔ %s via %s missing; row: %+v", p.ACode, p.BCode, p.ViaCode, r.Matches)
			continue
		}
		if len(got.Path) != 3 || got.Path[0].Identifier != p.A || got.Path[1].Identifier != p.Via || got.Path[2].Identifier != p.B {
			t.Errorf("%s ↔ %s: path %+v, want A, %s, B", p.ACode, p.BCode, got.Path, p.ViaCode)
		}
		want := float64(int(crosswalk.Weight(p.AType)*crosswalk.Weight(p.BType)*1000+0.5)) / 1000
		if got.Score != want {
			t.Errorf("%s ↔ %s: score %v, want %v (%s × %s)", p.ACode, p.BCode, got.Score, want, p.AType, p.BType)
		}
	}
}

func TestSeedSuggestionsFindTheCounterpartInTopThree(t *testing.T) {
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	if len(exp.Suggestions) == 0 {
		t.Fatal("seed has no suggestion pairs")
	}
	cw, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Northwind, exp.Frameworks.Progression,
		casefile.CrosswalkOptions{Suggest: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range exp.Suggestions {
		sug := matchesOf(row(t, cw, p.Source), casefile.MatchSuggested)
		if len(sug) > 3 {
			t.Errorf("%s: %d suggestions, want at most 3", p.SourceCode, len(sug))
		}
		if !hasTarget(sug, p.Target) {
			t.Errorf("%s: counterpart %s not in top 3 suggestions %+v", p.SourceCode, p.TargetCode, sug)
		}
		for _, m := range sug {
			if m.Score <= 0 || m.Score > 1 {
				t.Errorf("%s: suggestion score %v outside (0, 1]", p.SourceCode, m.Score)
			}
		}
	}
	// Items explicitly linked get no suggestions; coverage adds up, headings
	// (grades, strands) left out.
	for _, p := range exp.Explicit {
		if s := matchesOf(row(t, cw, p.Source), casefile.MatchSuggested); len(s) != 0 {
			t.Errorf("%s is explicitly linked but got suggestions %+v", p.SourceCode, s)
		}
	}
	cv := cw.Coverage
	if cv.Items+cv.Headings != len(cw.Rows) || cv.Headings == 0 || cv.Explicit+cv.Transitive+cv.SuggestedOnly+cv.None != cv.Items {
		t.Errorf("coverage does not add up: %+v over %d rows", cv, len(cw.Rows))
	}
	if cv.Explicit < len(exp.Explicit) || cv.SuggestedOnly < len(exp.Suggestions) {
		t.Errorf("coverage %+v: want ≥ %d explicit and ≥ %d suggested-only", cv, len(exp.Explicit), len(exp.Suggestions))
	}
}

func TestMinScoreDropsWeakSuggestions(t *testing.T) {
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	cw, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Northwind, exp.Frameworks.Progression,
		casefile.CrosswalkOptions{Suggest: true, MinScore: 0.99, MaxSuggestion: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cw.Rows {
		for _, m := range matchesOf(r, casefile.MatchSuggested) {
			if m.Score < 0.99 {
				t.Errorf("%s: suggestion scoring %v kept under minScore 0.99", r.Code, m.Score)
			}
		}
	}
	if _, err := n.cw.Crosswalk(context.Background(), exp.Frameworks.Northwind, exp.Frameworks.Northwind, casefile.CrosswalkOptions{}); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("same source and target: got %v, want invalid", err)
	}
	if _, err := n.cw.Crosswalk(context.Background(), "nope", exp.Frameworks.Northwind, casefile.CrosswalkOptions{}); casefile.ErrorCode(err) != casefile.NotFound {
		t.Errorf("unknown source: got %v, want not_found", err)
	}
}

func hasTarget(ms []casefile.CrosswalkMatch, id string) bool {
	for _, m := range ms {
		if m.Target.Identifier == id {
			return true
		}
	}
	return false
}
