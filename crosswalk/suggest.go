package crosswalk

import (
	"context"
	"math"

	"github.com/casenode/casenode/casefile"
)

// suggest fills in, for the rows of srcItems, the source's inherited
// levels and whether it is a heading, and adds suggestions to the rows of
// items that have no explicit match and are not headings (unless
// opt.IncludeHeadings). A rejected pair, a target already matched and a
// target heading are never suggested.
func (c *Crosswalker) suggest(ctx context.Context, e *engine, srcItems []casefile.Item, rows []casefile.CrosswalkRow, opt casefile.CrosswalkOptions) error {
	for i := range srcItems {
		if i%64 == 0 && ctx.Err() != nil {
			return casefile.Errorf(casefile.Unavailable, "crosswalk cancelled: %w", ctx.Err())
		}
		p, ok := e.src.index[srcItems[i].Identifier]
		if !ok {
			continue
		}
		rows[i].EducationLevel = e.src.levels[p].levels()
		rows[i].Heading = e.src.heading[p]
		if pp := e.src.parent[p]; pp >= 0 {
			parent := itemLink(&e.src.items[pp])
			rows[i].Parent = &parent
		}
		if !opt.Suggest || (rows[i].Heading && !opt.IncludeHeadings) || hasExplicit(rows[i].Matches) || e.scorer.Empty(p) {
			continue
		}
		rows[i].Matches = append(rows[i].Matches, e.suggestions(p, rows[i].Matches, opt)...)
	}
	return nil
}

// suggestions are the best candidates of source item p at or above
// opt.MinScore, at most opt.MaxSuggestion, leaving out targets in have.
func (e *engine) suggestions(p int, have []casefile.CrosswalkMatch, opt casefile.CrosswalkOptions) []casefile.CrosswalkMatch {
	var out []casefile.CrosswalkMatch
	// The runner-up is read by the calibration; targets already matched are skipped.
	cands := e.candidates(p, max(opt.MaxSuggestion, 1)+len(have)+1)
	for i, cand := range cands {
		if len(out) == opt.MaxSuggestion {
			break
		}
		score := round(calibrate(cands, i))
		if score < opt.MinScore || score <= 0 {
			break
		}
		t := &e.tgt.items[cand.pos]
		if matched(have, t.Identifier) {
			continue
		}
		out = append(out, casefile.CrosswalkMatch{
			Target:         itemLink(t),
			Kind:           casefile.MatchSuggested,
			Score:          score,
			EducationLevel: e.tgt.levels[cand.pos].levels(),
		})
	}
	return out
}

// Calibration (measured on the gold set's dev split, checked on heldout;
// BENCHMARKS.md, "Crosswalk quality"): a candidate far behind the best one
// for the same item is less likely right, so its score is lowered by
// (score/best)^calibrateGap; a best candidate well ahead of the runner-up
// is more likely right, so its score is raised by (best/runner-up)^calibrateLead,
// at most ×calibrateLeadMax; near-ties of the best share it (tieShare); the
// result is scaled so that
// casefile.DefaultMinScore is the threshold at which about 80% of the
// suggestions shown are right.
const (
	calibrateGap     = 4
	calibrateScale   = 1.7 // 1.6–1.8 give the same dev recall; 1.9 and over lose precision
	calibrateLead    = 0.5
	calibrateLeadMax = 1.4
)

// calibrate maps the engine's score of candidate i of an item's ranked
// candidates to the score shown.
func calibrate(cands []candidate, i int) float64 {
	s, best := cands[i].score, cands[0].score
	if best <= 0 {
		return 0
	}
	c := s * math.Pow(s/best, calibrateGap) * calibrateScale
	if i == 0 {
		lead := calibrateLeadMax
		if len(cands) > 1 && cands[1].score > 0 {
			lead = min(lead, math.Pow(best/cands[1].score, calibrateLead))
		}
		c *= lead
	}
	return min(1, c) * tieShare(cands)
}

// tieRatio: candidates scoring at least this share of the best one's score
// are near-ties with it. The level prior is in the scores, so candidates at
// levels that settle the question are not near-ties; those left are ones the
// engine cannot tell apart (the same standard at two grades, for a source
// without levels; two statements alike to it). Chosen on the dev split
// (BENCHMARKS.md, "Levels from codes, near-ties"): 0.98 and 0.95 give the
// same recall, 0.95 two wrong suggestions fewer; 0.9 loses right ones.
const tieRatio = 0.95

// tieShare is the best candidate's share of the scores of its near-ties
// (itself included): 1 when it has none, about 1/n among n. Every candidate
// of the item is scaled by it, so the order stays and a guess among n
// targets is shown as one.
func tieShare(cands []candidate) float64 {
	best, sum := cands[0].score, 0.0
	for _, c := range cands {
		if c.score >= best*tieRatio {
			sum += c.score
		}
	}
	if sum <= 0 {
		return 1
	}
	return best / sum
}

func hasExplicit(ms []casefile.CrosswalkMatch) bool {
	for _, m := range ms {
		if m.Kind == casefile.MatchExplicit {
			return true
		}
	}
	return false
}

func matched(ms []casefile.CrosswalkMatch, id string) bool {
	for _, m := range ms {
		if m.Target.Identifier == id {
			return true
		}
	}
	return false
}

// LevelsCompatible reports whether two education-level lists share a level;
// when either side has none, they are compatible. Levels are compared after
// normalising their spelling ("03" = "3", "KG" = "K" = "Kindergarten").
func LevelsCompatible(a, b []string) bool {
	sa, sb := parseLevels(a), parseLevels(b)
	return sa == 0 || sb == 0 || sa&sb != 0
}
