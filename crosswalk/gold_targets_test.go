package crosswalk_test

import (
	"testing"

	"github.com/casenode/casenode/crosswalk"
)

// goldFloor is an issue 13 target on the TEKS → CCSS set: the figure must
// reach floor on each split listed.
type goldFloor struct {
	what   string
	rate   func(crosswalk.SetFigures) crosswalk.Ratio
	floor  float64
	splits []string
}

var (
	allSplits = []string{crosswalk.SplitDev, crosswalk.SplitHeldout, crosswalk.SplitAll}
	recall    = func(s crosswalk.SetFigures) crosswalk.Ratio { return s.Recall }
	alikeTop3 = func(s crosswalk.SetFigures) crosswalk.Ratio { return s.AlikeTop3 }
)

// goldFloors are the targets the engine meets, on every split
// (BENCHMARKS.md, "Tuning the scorer on the dev split" and "Recall on
// heldout without decisions").
var goldFloors = []goldFloor{
	{"worded-differently top-3 (target 75%)", func(s crosswalk.SetFigures) crosswalk.Ratio { return s.DifferentTop3 }, 0.75, allSplits},
	{"worded-differently top-1 (target 50%)", func(s crosswalk.SetFigures) crosswalk.Ratio { return s.DifferentTop1 }, 0.50, allSplits},
	{"alike top-3 (target 100%)", alikeTop3, 1, allSplits},
	{"recall at the default threshold (target 70%)", recall, 0.70, allSplits},
	{"precision at the default threshold (target 80%)", func(s crosswalk.SetFigures) crosswalk.Ratio { return s.Precision }, 0.80, allSplits},
}

// checkGoldTargets fails when the TEKS → CCSS figures fall below the floors
// or when more than 2 of the 10 no-match items get a suggestion. Time is
// reported by the evaluation and the benchmarks, never gated here (the race
// detector alone makes the crosswalk several times slower).
func checkGoldTargets(t *testing.T, rep *crosswalk.EvalReport) {
	t.Helper()
	const set = "teks-ccss-math"
	for _, fl := range goldFloors {
		for _, split := range fl.splits {
			if r := fl.rate(rep.Figures(split).Set(set)); r.Of == 0 || r.Rate() < fl.floor {
				t.Errorf("%s %s, %s split: %v, floor %.1f%%", set, fl.what, split, r, fl.floor*100)
			}
		}
	}
	// SBAC → CCSS since notes stopped diluting statements (the practices
	// are found): floors at the level reached on all splits (20/25, 21/24).
	sbac := rep.Figures(crosswalk.SplitAll).Set("sbac-ccss-math")
	if r := sbac.Recall; r.Of == 0 || r.Rate() < 0.75 {
		t.Errorf("sbac-ccss-math recall at the default threshold, all splits: %v, floor 75%%", r)
	}
	if r := sbac.Precision; r.Of == 0 || r.Rate() < 0.80 {
		t.Errorf("sbac-ccss-math precision at the default threshold, all splits: %v, floor 80%%", r)
	}
	// Alike-worded SBAC pairs all in the top 3 since a typed standard with
	// parts stopped being read as a heading (17/17).
	if r := sbac.AlikeTop3; r.Of == 0 || r.Hit < r.Of {
		t.Errorf("sbac-ccss-math alike top-3, all splits: %v, target 100%%", r)
	}
	if f := rep.Figures(crosswalk.SplitAll).Set(set); f.FalseNoMatch.Hit > 2 {
		t.Errorf("%s: %v no-match items given a suggestion, at most 2", set, f.FalseNoMatch)
	}
	checkELAFloors(t, rep)
}

// elaSet is the ELA set: OLO ELA objectives (CSV) → CCSS ELA (XLSX).
const elaSet = "olo-ccss-ela"

// checkELAFloors holds the ELA set at the figures it reached once OLO's
// codes gave its objectives their grade bands and near-ties shared their
// score (all splits; BENCHMARKS.md, "Levels from codes, near-ties"): alike
// 23/23 in the top 3 and first, recall 25/30, precision 26/32, no no-match
// item given a suggestion. Its sources carry the publisher's related-standard
// column as isRelatedTo links to codes the node does not resolve to CCSS ELA
// items; none may become an explicit match, or the engine would be handed
// the answers instead of being measured.
func checkELAFloors(t *testing.T, rep *crosswalk.EvalReport) {
	t.Helper()
	f := rep.Figures(crosswalk.SplitAll).Set(elaSet)
	for _, fl := range []struct {
		what     string
		r        crosswalk.Ratio
		hit, min int // at least hit of min cases
	}{
		{"alike top-3", f.AlikeTop3, 23, 23},
		{"alike top-1", f.AlikeTop1, 23, 23},
		{"recall at the default threshold", f.Recall, 25, 30},
		{"precision at the default threshold", f.Precision, 26, 32},
	} {
		if fl.r.Of < fl.min || fl.r.Rate() < float64(fl.hit)/float64(fl.min) {
			t.Errorf("%s %s, all splits: %v, floor %d/%d", elaSet, fl.what, fl.r, fl.hit, fl.min)
		}
	}
	if f.FalseNoMatch.Hit > 0 {
		t.Errorf("%s: %v no-match items given a suggestion, none allowed", elaSet, f.FalseNoMatch)
	}
	if f.Linked != 0 {
		t.Errorf("%s: %d gold sources have explicit links to the target: the publisher's related-standard column reached the answers", elaSet, f.Linked)
	}
}
