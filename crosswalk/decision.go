package crosswalk

import (
	"context"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Decisions is where the crosswalk keeps the suggestions a person accepted or
// rejected (*store.DB satisfies it).
type Decisions interface {
	PutDecision(ctx context.Context, d casefile.CrosswalkDecision) error
	DeleteDecision(ctx context.Context, sourceItem, targetItem string) (bool, error)
	Decisions(ctx context.Context, frameworkA, frameworkB string) ([]casefile.CrosswalkDecision, error)
	DecisionClock(ctx context.Context) (int64, error)
}

// Reject records that targetItem is not a counterpart of sourceItem: from
// then on no surface (REST, GraphQL, the compare page, CSV) suggests it, in
// either direction. Items are named by identifier or uri.
func (c *Crosswalker) Reject(ctx context.Context, sourceItem, targetItem, rejectedBy string) (*casefile.CrosswalkDecision, error) {
	by, err := checkActor(rejectedBy)
	if err != nil {
		return nil, err
	}
	src, tgt, err := c.resolvePair(ctx, sourceItem, targetItem)
	if err != nil {
		return nil, err
	}
	d := decision(src, tgt, casefile.DecisionRejected, by)
	if err := c.store.PutDecision(ctx, d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Restore forgets a rejection, so the suggestion may be offered again.
func (c *Crosswalker) Restore(ctx context.Context, sourceItem, targetItem string) error {
	src, tgt, err := c.resolvePair(ctx, sourceItem, targetItem)
	if err != nil {
		return err
	}
	ds, err := c.store.Decisions(ctx, src.framework, tgt.framework)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.Decision == casefile.DecisionRejected && samePair(d, src.Identifier, tgt.Identifier) {
			_, err := c.store.DeleteDecision(ctx, d.SourceItem, d.TargetItem)
			return err
		}
	}
	return casefile.Errorf(casefile.NotFound, "that suggestion was not rejected")
}

// Decisions lists the decisions taken between two frameworks (either direction).
func (c *Crosswalker) Decisions(ctx context.Context, source, target string) ([]casefile.CrosswalkDecision, error) {
	return c.store.Decisions(ctx, source, target)
}

// Rejections lists the rejected suggestions between two frameworks.
func (c *Crosswalker) Rejections(ctx context.Context, source, target string) ([]casefile.CrosswalkDecision, error) {
	ds, err := c.store.Decisions(ctx, source, target)
	if err != nil {
		return nil, err
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Decision == casefile.DecisionRejected {
			out = append(out, d)
		}
	}
	return out, nil
}

func samePair(d casefile.CrosswalkDecision, a, b string) bool {
	return (d.SourceItem == a && d.TargetItem == b) || (d.SourceItem == b && d.TargetItem == a)
}

// pairSet holds unordered item pairs.
type pairSet map[[2]string]bool

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func (s pairSet) has(a, b string) bool { return s[pairKey(a, b)] }

// rejected reads the rejections between two frameworks as a set of pairs.
func (c *Crosswalker) rejected(ctx context.Context, source, target string) (pairSet, error) {
	ds, err := c.Rejections(ctx, source, target)
	if err != nil {
		return nil, err
	}
	s := make(pairSet, len(ds))
	for _, d := range ds {
		s[pairKey(d.SourceItem, d.TargetItem)] = true
	}
	return s, nil
}

// heldItem is a local item with the framework that holds it.
type heldItem struct {
	*casefile.Item
	framework string
}

func (c *Crosswalker) resolvePair(ctx context.Context, sourceItem, targetItem string) (heldItem, heldItem, error) {
	src, err := c.resolve(ctx, sourceItem, "source")
	if err != nil {
		return heldItem{}, heldItem{}, err
	}
	tgt, err := c.resolve(ctx, targetItem, "target")
	if err != nil {
		return heldItem{}, heldItem{}, err
	}
	if src.Identifier == tgt.Identifier {
		return heldItem{}, heldItem{}, casefile.Errorf(casefile.Invalid, "an item cannot be matched with itself")
	}
	fws, err := c.store.ItemFramework(ctx, []string{src.Identifier, tgt.Identifier})
	if err != nil {
		return heldItem{}, heldItem{}, err
	}
	return heldItem{src, fws[src.Identifier]}, heldItem{tgt, fws[tgt.Identifier]}, nil
}

func decision(src, tgt heldItem, kind, by string) casefile.CrosswalkDecision {
	return casefile.CrosswalkDecision{SourceItem: src.Identifier, TargetItem: tgt.Identifier,
		SourceFramework: src.framework, TargetFramework: tgt.framework,
		Decision: kind, By: by, At: time.Now().UTC()}
}

// checkActor bounds the name of who took a decision.
func checkActor(by string) (string, error) {
	by = strings.TrimSpace(by)
	if by == "" || len(by) > maxActorLen {
		return "", casefile.Errorf(casefile.Invalid, "a decision must name who took it (1 to %d characters)", maxActorLen)
	}
	return by, nil
}
