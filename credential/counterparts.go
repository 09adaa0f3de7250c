package credential

import (
	"context"
	"sort"

	"github.com/casenode/casenode/casefile"
)

// counterparts are the items of the target framework that correspond to the
// resolved item. For an item whose framework is held here the crosswalk
// answers (explicit, through a third framework, or suggested). For an item
// seen only on a peer, the associations this node holds that name it give
// explicit matches (and transitive ones through a held third framework), and
// text similarity suggests the rest.
func (s *Service) counterparts(ctx context.Context, f *found, target string) ([]casefile.CrosswalkMatch, error) {
	it := f.cfItem
	if f.held && it.CFDocumentURI != nil && it.CFDocumentURI.Identifier == target {
		return []casefile.CrosswalkMatch{{Target: link(it), Kind: casefile.MatchExplicit, AssociationType: "sameItem", Score: 1}}, nil
	}
	if f.held && it.CFDocumentURI != nil && s.cfg.Crosswalk != nil {
		return s.crosswalked(ctx, it.CFDocumentURI.Identifier, it.Identifier, target, true)
	}
	ms, err := s.linkedOnly(ctx, it, target)
	if err != nil {
		return nil, err
	}
	if len(ms) > 0 || s.cfg.Similar == nil {
		return ms, nil
	}
	hits, err := s.cfg.Similar.Similar(ctx, it, target, maxSuggestions)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		ms = append(ms, casefile.CrosswalkMatch{Target: casefile.LinkURI{Title: h.FullStatement, Identifier: h.Identifier, URI: h.URI},
			Kind: casefile.MatchSuggested, Score: float64(int(h.Score*1000+0.5)) / 1000})
	}
	return ms, nil
}

// crosswalked is the crosswalk row of one held item (suggestions asked only
// when suggest).
func (s *Service) crosswalked(ctx context.Context, source, item, target string, suggest bool) ([]casefile.CrosswalkMatch, error) {
	cw, err := s.cfg.Crosswalk.Crosswalk(ctx, source, target, casefile.CrosswalkOptions{Suggest: suggest, Items: []string{item}, MaxSuggestion: maxSuggestions})
	if err != nil {
		return nil, err
	}
	for _, row := range cw.Rows {
		if row.Source.Identifier == item {
			return row.Matches, nil
		}
	}
	return nil, nil
}

// linkedOnly gives the explicit and transitive matches of an item this node
// does not hold, from the associations held here that name it.
func (s *Service) linkedOnly(ctx context.Context, it *casefile.Item, target string) ([]casefile.CrosswalkMatch, error) {
	assocs, err := s.cfg.Store.AssociationsFor(ctx, []string{it.Identifier})
	if err != nil {
		return nil, err
	}
	other := map[string]casefile.Association{}
	var ids []string
	for _, a := range assocs[it.Identifier] {
		end := a.DestinationNodeURI
		if end.Identifier == it.Identifier {
			end = a.OriginNodeURI
		}
		if _, dup := other[end.Identifier]; !dup && end.Identifier != it.Identifier {
			other[end.Identifier] = a
			ids = append(ids, end.Identifier)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	items, err := s.cfg.Store.Items(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []casefile.CrosswalkMatch
	for i := range items {
		o := &items[i]
		a := other[o.Identifier]
		if o.CFDocumentURI == nil {
			continue
		}
		if o.CFDocumentURI.Identifier == target {
			out = append(out, casefile.CrosswalkMatch{Target: link(o), Kind: casefile.MatchExplicit,
				AssociationType: a.AssociationType, Association: a.Identifier, Score: 1})
			continue
		}
		if s.cfg.Crosswalk == nil {
			continue
		}
		via, err := s.crosswalked(ctx, o.CFDocumentURI.Identifier, o.Identifier, target, false)
		if err != nil {
			return nil, err
		}
		for _, m := range via {
			if m.Kind != casefile.MatchExplicit {
				continue
			}
			out = append(out, casefile.CrosswalkMatch{Target: m.Target, Kind: casefile.MatchTransitive, AssociationType: m.AssociationType,
				Score: m.Score, Path: []casefile.LinkURI{link(it), link(o), m.Target}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Kind == casefile.MatchExplicit && out[j].Kind != casefile.MatchExplicit
	})
	return out, nil
}

func link(it *casefile.Item) casefile.LinkURI {
	return casefile.LinkURI{Title: itemName(it), Identifier: it.Identifier, URI: it.URI}
}
