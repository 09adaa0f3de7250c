package crosswalk

import (
	"context"
	"slices"

	"github.com/casenode/casenode/casefile"
)

// evalActor is who the decisions of a leave-half-out evaluation are recorded as.
const evalActor = "casenode eval"

// Learned counts the decisions taken on a split before it was measured.
type Learned struct {
	Split              string
	Accepted, Rejected int
}

// learn acts as a designer reviewing the split's half of the gold set: every
// pair's first accepted target is accepted as exactMatchOf, and every shown
// suggestion of the split's sources that the gold set does not accept is
// rejected. The engine may learn from these decisions; the other split
// measures whether it did (leave-half-out).
func learn(ctx context.Context, cfg EvalConfig, g *Gold, split string, threshold float64) (Learned, error) {
	l := Learned{Split: split}
	cx, err := New(cfg.Crosswalk)
	if err != nil {
		return l, err
	}
	for _, s := range g.Sets {
		var order []string                // the split's sources of s, in gold order
		accepted := map[string][]string{} // source -> accepted targets
		for _, p := range g.Pairs {
			if p.Set == s.Name && p.Split == split {
				order = append(order, p.Source)
				accepted[p.Source] = p.Targets
			}
		}
		for _, n := range g.NoMatch {
			if n.Set == s.Name && n.Split == split {
				order = append(order, n.Source)
				accepted[n.Source] = nil
			}
		}
		if err := reject(ctx, cx, s, order, accepted, threshold, &l); err != nil {
			return l, err
		}
		for _, src := range order {
			if targets := accepted[src]; len(targets) > 0 {
				if _, err := cx.Accept(ctx, src, targets[0], casefile.ExactMatchOf, evalActor); err != nil {
					return l, err
				}
				l.Accepted++
			}
		}
	}
	return l, nil
}

// reject rejects the shown suggestions of sources that are not among their
// accepted targets.
func reject(ctx context.Context, cx *Crosswalker, s GoldSet, sources []string, accepted map[string][]string, threshold float64, l *Learned) error {
	if len(sources) == 0 {
		return nil
	}
	opt := casefile.CrosswalkOptions{Suggest: true, MinScore: threshold, MaxSuggestion: DefaultSuggestions, Items: sources}
	cw, err := cx.Crosswalk(ctx, s.Source, s.Target, opt)
	if err != nil {
		return err
	}
	for _, r := range cw.Rows {
		for _, m := range r.Matches {
			if m.Kind != casefile.MatchSuggested || slices.Contains(accepted[r.Source.Identifier], m.Target.Identifier) {
				continue
			}
			if _, err := cx.Reject(ctx, r.Source.Identifier, m.Target.Identifier, evalActor); err != nil {
				return err
			}
			l.Rejected++
		}
	}
	return nil
}
