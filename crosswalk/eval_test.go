package crosswalk_test

import (
	"context"
	"slices"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/seed"
)

// seedGold is a gold set over the demo frameworks: the seed's suggestion
// pairs (alternately dev/heldout and alike/different), one explicitly linked
// pair, the seed's unmatched items, and one passage.
func seedGold(t *testing.T, n *node) *crosswalk.Gold {
	t.Helper()
	exp := seed.Expected()
	g := &crosswalk.Gold{Sets: []crosswalk.GoldSet{{Name: "seed", Source: exp.Frameworks.Northwind, Target: exp.Frameworks.Progression,
		SourceFile: "seed/b.json", TargetFile: "seed/a.json"}}}
	splits := []string{crosswalk.SplitDev, crosswalk.SplitHeldout}
	wordings := []string{crosswalk.WordingAlike, crosswalk.WordingDifferent}
	for i, p := range exp.Suggestions {
		g.Pairs = append(g.Pairs, crosswalk.GoldPair{Set: "seed", Split: splits[i%2], Source: p.Source, SourceCode: p.SourceCode,
			Targets: []string{p.Target}, TargetCodes: []string{p.TargetCode}, Wording: wordings[i/2%2], Note: "seed"})
	}
	ex := exp.Explicit[0]
	g.Pairs = append(g.Pairs, crosswalk.GoldPair{Set: "seed", Split: crosswalk.SplitDev, Source: ex.Source, SourceCode: ex.SourceCode,
		Targets: []string{ex.Target}, TargetCodes: []string{ex.TargetCode}, Wording: crosswalk.WordingAlike, Note: "explicitly linked"})
	for i, u := range exp.Unmatched {
		g.NoMatch = append(g.NoMatch, crosswalk.GoldNoMatch{Set: "seed", Split: splits[i%2], Source: u.Item, SourceCode: u.Code, Note: "seed"})
	}
	target, err := n.db.Item(context.Background(), exp.Suggestions[0].Target)
	if err != nil {
		t.Fatal(err)
	}
	g.Passages = []crosswalk.GoldPassage{{Split: crosswalk.SplitHeldout, Text: "In class today: " + target.FullStatement,
		Frameworks: []string{exp.Frameworks.Progression}, Targets: []string{target.Identifier}, TargetCodes: []string{target.HumanCodingScheme}, Note: "seed"}}
	return g
}

func TestEvaluateCountsWhatTheCrosswalkSuggests(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	exp := seed.Expected()
	g := seedGold(t, n)
	cfg := crosswalk.EvalConfig{Crosswalk: crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase}, Align: n.ix}
	rep, err := crosswalk.Evaluate(ctx, cfg, g)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Evaluated() != g.Entries() {
		t.Fatalf("evaluated %d of %d entries", rep.Evaluated(), g.Entries())
	}
	all, dev, held := rep.Figures(crosswalk.SplitAll), rep.Figures(crosswalk.SplitDev), rep.Figures(crosswalk.SplitHeldout)
	sa, sd, sh := all.Set("seed"), dev.Set("seed"), held.Set("seed")
	// Every seed suggestion pair is in the top 3 (TestSeedSuggestionsFindTheCounterpartInTopThree);
	// the explicitly linked pair gets no suggestion, so it is counted as a miss and as linked.
	if top3 := sa.AlikeTop3.Hit + sa.DifferentTop3.Hit; top3 != len(exp.Suggestions) || sa.AlikeTop3.Of+sa.DifferentTop3.Of != len(exp.Suggestions)+1 {
		t.Errorf("top-3: %v alike, %v different; want %d of %d", sa.AlikeTop3, sa.DifferentTop3, len(exp.Suggestions), len(exp.Suggestions)+1)
	}
	if sa.Linked != 1 {
		t.Errorf("linked gold sources: %d, want 1", sa.Linked)
	}
	if sd.Recall.Of+sh.Recall.Of != sa.Recall.Of || sd.Recall.Hit+sh.Recall.Hit != sa.Recall.Hit ||
		sd.FalseNoMatch.Of+sh.FalseNoMatch.Of != len(exp.Unmatched) || held.PassageTop3.Of != 1 || dev.PassageTop3.Of != 0 {
		t.Errorf("dev %+v and heldout %+v do not partition all %+v", sd, sh, sa)
	}
	if all.PassageTop3.Hit != 1 {
		t.Errorf("a passage quoting its target's statement: %v in top 3", all.PassageTop3)
	}
	// Shown, precision and no-match figures follow the threshold: the same
	// crosswalk, read directly, gives the same counts.
	cw, err := n.cw.Crosswalk(ctx, exp.Frameworks.Northwind, exp.Frameworks.Progression, casefile.CrosswalkOptions{Suggest: true})
	if err != nil {
		t.Fatal(err)
	}
	var shown, right, falseNoMatch int
	for _, p := range g.Pairs {
		for _, m := range matchesOf(row(t, cw, p.Source), casefile.MatchSuggested) {
			if m.Score >= casefile.DefaultMinScore {
				shown++
				if m.Target.Identifier == p.Targets[0] {
					right++
				}
			}
		}
	}
	for _, u := range g.NoMatch {
		for _, m := range matchesOf(row(t, cw, u.Source), casefile.MatchSuggested) {
			if m.Score >= casefile.DefaultMinScore {
				falseNoMatch++
				break
			}
		}
	}
	if sa.Precision != (crosswalk.Ratio{Hit: right, Of: shown}) || sa.Recall.Hit != right || sa.FalseNoMatch.Hit != falseNoMatch {
		t.Errorf("at %.2f: precision %v recall %v no-match %v; the crosswalk shows %d/%d right, %d no-match items suggested",
			casefile.DefaultMinScore, sa.Precision, sa.Recall, sa.FalseNoMatch, right, shown, falseNoMatch)
	}
	// A threshold above every score shows nothing.
	cfg.Threshold = 1.01
	high, err := crosswalk.Evaluate(ctx, cfg, g)
	if err != nil {
		t.Fatal(err)
	}
	if s := high.Figures(crosswalk.SplitAll).Set("seed"); s.Recall.Hit != 0 || s.Precision.Of != 0 || s.FalseNoMatch.Hit != 0 {
		t.Errorf("threshold above every score: %+v", s)
	}
}

func TestEvaluateLearnsFromOneSplitAndMeasuresTheOther(t *testing.T) {
	ctx := context.Background()
	n := newNode(t)
	n.importSeed(t)
	g := seedGold(t, n)
	// A low threshold shows weak suggestions too, so there are wrong ones to reject.
	cfg := crosswalk.EvalConfig{Crosswalk: crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase}, Align: n.ix, Threshold: 0.01}
	before, err := crosswalk.Evaluate(ctx, cfg, g)
	if err != nil {
		t.Fatal(err)
	}
	devPairs, wrong := 0, map[string]bool{}
	for _, p := range before.Pairs {
		if p.Split != crosswalk.SplitDev {
			continue
		}
		if !p.NoMatch {
			devPairs++
		}
		for _, s := range p.Suggested {
			if s.Score >= before.Threshold && !slices.Contains(goldTargets(g, p.Source), s.Identifier) {
				wrong[p.Source+" "+s.Identifier] = true
			}
		}
	}
	if len(wrong) == 0 {
		t.Fatal("the seed gold set has no wrong shown suggestion on dev: the test would prove nothing")
	}
	cfg.LearnFrom = crosswalk.SplitDev
	after, err := crosswalk.Evaluate(ctx, cfg, g)
	if err != nil {
		t.Fatal(err)
	}
	if l := after.Learned; l == nil || l.Accepted != devPairs || l.Rejected != len(wrong) {
		t.Fatalf("learned %+v; want %d accepted and %d rejected", l, devPairs, len(wrong))
	}
	for _, p := range after.Pairs {
		if p.Split == crosswalk.SplitDev && !p.NoMatch && !p.Linked {
			t.Errorf("%s: accepted on dev but not linked", p.SourceCode)
		}
		for _, s := range p.Suggested {
			if wrong[p.Source+" "+s.Identifier] {
				t.Errorf("%s: rejected suggestion %s offered again", p.SourceCode, s.Code)
			}
		}
	}
	if b, a := before.Figures(crosswalk.SplitHeldout).Set("seed"), after.Figures(crosswalk.SplitHeldout).Set("seed"); a.Recall.Of != b.Recall.Of || a.Linked != 0 {
		t.Errorf("heldout is measured as before: %+v, then %+v", b, a)
	}
	cfg.LearnFrom = crosswalk.SplitAll
	if _, err := crosswalk.Evaluate(ctx, cfg, g); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("learning from all the gold set leaves nothing to measure: got %v, want invalid", err)
	}
}

func goldTargets(g *crosswalk.Gold, source string) []string {
	for _, p := range g.Pairs {
		if p.Source == source {
			return p.Targets
		}
	}
	return nil
}
