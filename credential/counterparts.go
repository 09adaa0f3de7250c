package credential

import (
	"context"
	"sort"

	"github.com/casenode/casenode/casefile"
)

// addCounterparts sets the counterparts in the target framework of every
// resolved item. Items of frameworks held here are crosswalked together,
// one crosswalk per source framework (explicit, through a third framework,
// or suggested); an item seen only on a peer gets the explicit and
// transitive matches of the associations held here that name it, or else
// text-similarity suggestions.
func (s *Service) addCounterparts(ctx context.Context, rs []*resolution, target string) {
	bySource := map[string][]*resolution{}
	var sources []string
	for _, r := range rs {
		f := r.found
		if f == nil || f.cfItem == nil {
			continue
		}
		fw := ""
		if f.cfItem.CFDocumentURI != nil {
			fw = f.cfItem.CFDocumentURI.Identifier
		}
		switch {
		case f.held && fw == target:
			r.report.Counterparts = []casefile.CrosswalkMatch{{Target: link(f.cfItem), Kind: casefile.MatchExplicit, AssociationType: "sameItem", Score: 1}}
		case f.held && fw != "" && s.cfg.Crosswalk != nil:
			if len(bySource[fw]) == 0 {
				sources = append(sources, fw)
			}
			bySource[fw] = append(bySource[fw], r)
		default:
			ms, err := s.peerCounterparts(ctx, f.cfItem, target)
			r.setCounterparts(ms, err, target)
		}
	}
	for _, fw := range sources {
		group := bySource[fw]
		ids := make([]string, 0, len(group))
		for _, r := range group {
			ids = append(ids, r.found.cfItem.Identifier)
		}
		rows, err := s.crosswalked(ctx, fw, ids, target, true)
		for _, r := range group {
			r.setCounterparts(rows[r.found.cfItem.Identifier], err, target)
		}
	}
}

func (r *resolution) setCounterparts(ms []casefile.CrosswalkMatch, err error, target string) {
	r.report.Counterparts = ms
	if err != nil {
		r.report.Reason = "counterparts in " + target + " could not be computed: " + casefile.ErrorMessage(err)
	}
}

// peerCounterparts are the counterparts of an item this node does not hold.
func (s *Service) peerCounterparts(ctx context.Context, it *casefile.Item, target string) ([]casefile.CrosswalkMatch, error) {
	ms, err := s.linkedOnly(ctx, it, target)
	if err != nil || len(ms) > 0 || s.cfg.Similar == nil {
		return ms, err
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

// crosswalked maps the held items ids of framework source to the target
// (suggestions asked only when suggest), by source item.
func (s *Service) crosswalked(ctx context.Context, source string, ids []string, target string, suggest bool) (map[string][]casefile.CrosswalkMatch, error) {
	cw, err := s.cfg.Crosswalk.Crosswalk(ctx, source, target, casefile.CrosswalkOptions{Suggest: suggest, Items: ids, MaxSuggestion: maxSuggestions})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]casefile.CrosswalkMatch, len(cw.Rows))
	for _, row := range cw.Rows {
		out[row.Source.Identifier] = row.Matches
	}
	return out, nil
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
		via, err := s.crosswalked(ctx, o.CFDocumentURI.Identifier, []string{o.Identifier}, target, false)
		if err != nil {
			return nil, err
		}
		for _, m := range via[o.Identifier] {
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
