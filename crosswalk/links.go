package crosswalk

import (
	"context"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Weights of association types for links through a third framework: the
// score of a path is the product of the weights of its links. Equivalence
// counts most, loose relations least; a publisher's own "ext:" types and
// anything unknown count as a loose relation.
var weights = map[string]float64{
	casefile.ExactMatchOf:    1.0,
	casefile.IsTranslationOf: 0.95,
	casefile.IsPeerOf:        0.9,
	casefile.ReplacedBy:      0.8,
	casefile.IsRelatedTo:     0.7,
	casefile.IsPartOf:        0.6,
	casefile.Exemplar:        0.5,
	casefile.HasSkillLevel:   0.4,
	casefile.Precedes:        0.3,
}

// defaultWeight applies to ext: and unknown association types.
const defaultWeight = 0.5

// Weight returns the weight of an association type in transitive scores.
func Weight(associationType string) float64 {
	if w, ok := weights[associationType]; ok {
		return w
	}
	return defaultWeight
}

// itemIndex finds the items of one framework by identifier, uri or original identifier.
type itemIndex map[string]*casefile.Item

func newItemIndex(items []casefile.Item) itemIndex {
	ix := make(itemIndex, len(items)*2)
	for i := range items {
		it := &items[i]
		ix[it.Identifier] = it
		if it.URI != "" {
			ix[it.URI] = it
		}
		if it.OriginalIdentifier != "" {
			ix[it.OriginalIdentifier] = it
		}
	}
	return ix
}

// find resolves an association end to an item of the index.
func (ix itemIndex) find(end casefile.LinkGenURI) *casefile.Item {
	if it := ix[end.Identifier]; it != nil && end.Identifier != "" {
		return it
	}
	if end.URI != "" {
		return ix[end.URI]
	}
	return nil
}

// otherEnd returns the end of a that is not the item it, and whether it is an end of a.
func otherEnd(a *casefile.Association, it *casefile.Item) (casefile.LinkGenURI, bool) {
	if sameNode(a.OriginNodeURI, it) {
		return a.DestinationNodeURI, true
	}
	if sameNode(a.DestinationNodeURI, it) {
		return a.OriginNodeURI, true
	}
	return casefile.LinkGenURI{}, false
}

func sameNode(end casefile.LinkGenURI, it *casefile.Item) bool {
	if end.Identifier != "" && (end.Identifier == it.Identifier || end.Identifier == it.OriginalIdentifier) {
		return true
	}
	return end.URI != "" && end.URI == it.URI
}

// hop is a link from a source item to a node of a third framework.
type hop struct {
	source *casefile.Item
	via    casefile.LinkGenURI
	assoc  *casefile.Association
}

// linked builds one row per source item with its explicit and transitive
// matches, from assocs (the source items' associations, by item identifier).
func (c *Crosswalker) linked(ctx context.Context, srcItems, tgtItems []casefile.Item, assocs map[string][]casefile.Association) ([]casefile.CrosswalkRow, error) {
	rows := make([]casefile.CrosswalkRow, len(srcItems))
	for i := range srcItems {
		rows[i] = casefile.CrosswalkRow{Source: itemLink(&srcItems[i]), Code: srcItems[i].HumanCodingScheme, Matches: []casefile.CrosswalkMatch{}}
	}
	if len(srcItems) == 0 {
		return rows, nil
	}
	srcIx, tgtIx := newItemIndex(srcItems), newItemIndex(tgtItems)
	var hops []hop
	for i := range srcItems {
		src := &srcItems[i]
		for _, a := range dedupe(assocs[src.Identifier]) {
			if a.AssociationType == casefile.IsChildOf {
				continue
			}
			other, ok := otherEnd(a, src)
			if !ok {
				continue
			}
			if t := tgtIx.find(other); t != nil {
				rows[i].Matches = addMatch(rows[i].Matches, explicitMatch(a, t))
				continue
			}
			if srcIx.find(other) == nil && other.Identifier != "" {
				hops = append(hops, hop{source: src, via: other, assoc: a})
			}
		}
	}
	return rows, c.throughThird(ctx, rows, srcItems, hops, tgtIx)
}

// throughThird adds the matches reached through a node X of a third
// framework: source ↔ X ↔ target, explicit links at each hop, any direction.
func (c *Crosswalker) throughThird(ctx context.Context, rows []casefile.CrosswalkRow, srcItems []casefile.Item, hops []hop, tgtIx itemIndex) error {
	if len(hops) == 0 {
		return nil
	}
	rowOf := make(map[*casefile.Item]int, len(srcItems))
	for i := range srcItems {
		rowOf[&srcItems[i]] = i
	}
	var viaIDs []string
	seen := map[string]bool{}
	for _, h := range hops {
		if !seen[h.via.Identifier] {
			seen[h.via.Identifier] = true
			viaIDs = append(viaIDs, h.via.Identifier)
		}
	}
	second, err := c.store.AssociationsFor(ctx, viaIDs)
	if err != nil {
		return err
	}
	viaItems, err := c.viaItems(ctx, viaIDs)
	if err != nil {
		return err
	}
	for _, h := range hops {
		x := viaNode(h.via, viaItems)
		for _, b := range dedupe(second[h.via.Identifier]) {
			if b.AssociationType == casefile.IsChildOf || b.Identifier == h.assoc.Identifier {
				continue
			}
			other, ok := otherEnd(b, x)
			if !ok {
				continue
			}
			t := tgtIx.find(other)
			if t == nil {
				continue
			}
			i := rowOf[h.source]
			rows[i].Matches = addMatch(rows[i].Matches, casefile.CrosswalkMatch{
				Target:          itemLink(t),
				Kind:            casefile.MatchTransitive,
				AssociationType: h.assoc.AssociationType + "/" + b.AssociationType,
				Association:     h.assoc.Identifier + "/" + b.Identifier,
				Score:           round(Weight(h.assoc.AssociationType) * Weight(b.AssociationType)),
				Path:            []casefile.LinkURI{rows[i].Source, itemLink(x), itemLink(t)},
			})
		}
	}
	return nil
}

// viaItems hydrates the intermediate nodes held on this node (for titles and codes).
func (c *Crosswalker) viaItems(ctx context.Context, ids []string) (itemIndex, error) {
	items, err := c.store.Items(ctx, ids)
	if err != nil {
		return nil, err
	}
	return newItemIndex(items), nil
}

// viaNode is the intermediate item: the local one when held, else the link as sent.
func viaNode(end casefile.LinkGenURI, held itemIndex) *casefile.Item {
	if it := held.find(end); it != nil {
		return it
	}
	return &casefile.Item{Identifier: end.Identifier, URI: end.URI, FullStatement: end.Title}
}

func explicitMatch(a *casefile.Association, t *casefile.Item) casefile.CrosswalkMatch {
	return casefile.CrosswalkMatch{
		Target:          itemLink(t),
		Kind:            casefile.MatchExplicit,
		AssociationType: a.AssociationType,
		Association:     a.Identifier,
		Score:           1,
	}
}

// addMatch appends m unless the same target is already matched at least as
// well (an explicit link of the same type, or a better path).
func addMatch(ms []casefile.CrosswalkMatch, m casefile.CrosswalkMatch) []casefile.CrosswalkMatch {
	for i, old := range ms {
		if old.Target.Identifier != m.Target.Identifier {
			continue
		}
		switch {
		case old.Kind == casefile.MatchExplicit && m.Kind == casefile.MatchExplicit:
			if old.AssociationType == m.AssociationType {
				return ms
			}
		case old.Kind == casefile.MatchExplicit || m.Kind == casefile.MatchExplicit:
			if m.Kind == casefile.MatchExplicit {
				ms[i] = m
			}
			return ms
		case m.Score > old.Score:
			ms[i] = m
			return ms
		default:
			return ms
		}
	}
	return append(ms, m)
}

// dedupe drops repeated associations (the same link held by two frameworks).
func dedupe(as []casefile.Association) []*casefile.Association {
	out := make([]*casefile.Association, 0, len(as))
	seen := make(map[string]bool, len(as))
	for i := range as {
		if seen[as[i].Identifier] {
			continue
		}
		seen[as[i].Identifier] = true
		out = append(out, &as[i])
	}
	return out
}

// itemLink is the link to an item shown in a crosswalk: its statement, as a
// reader sees it, as title.
func itemLink(it *casefile.Item) casefile.LinkURI {
	title := it.FullStatement
	if title == "" {
		title = it.AbbreviatedStatement
	}
	return casefile.LinkURI{Title: casefile.ReaderText(title), Identifier: it.Identifier, URI: it.URI}
}

// kindRank orders matches: explicit, then transitive, then suggested.
func kindRank(kind string) int {
	switch kind {
	case casefile.MatchExplicit:
		return 0
	case casefile.MatchTransitive:
		return 1
	}
	return 2
}

func sortMatches(ms []casefile.CrosswalkMatch) {
	slices.SortStableFunc(ms, func(a, b casefile.CrosswalkMatch) int {
		if d := kindRank(a.Kind) - kindRank(b.Kind); d != 0 {
			return d
		}
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Target.Identifier, b.Target.Identifier)
	})
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
