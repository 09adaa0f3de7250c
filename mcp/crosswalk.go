package mcp

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// maxCrosswalkItems bounds the source items one crosswalk call may name.
const maxCrosswalkItems = 500

type crosswalkIn struct {
	Source   string   `json:"source" jsonschema:"source framework identifier"`
	Target   string   `json:"target" jsonschema:"target framework identifier"`
	Items    []string `json:"items,omitempty" jsonschema:"only these source items (identifiers or uris)"`
	Suggest  bool     `json:"suggest,omitempty" jsonschema:"also suggest matches by text similarity (slower)"`
	MinScore float64  `json:"min_score,omitempty" jsonschema:"suggestion threshold between 0 and 1 (default: the node's)"`
	pageIn
}

type match struct {
	itemRef
	Score           float64  `json:"score"`
	AssociationType string   `json:"associationType,omitempty"`
	Via             []string `json:"via,omitempty" jsonschema:"for transitive matches: the items linked through, in order"`
}

type crosswalkRow struct {
	Source     itemRef `json:"source"`
	Explicit   []match `json:"explicit,omitempty"`
	Transitive []match `json:"transitive,omitempty"`
	Suggested  []match `json:"suggested,omitempty"`
}

type crosswalkOut struct {
	Source     string            `json:"source"`
	Target     string            `json:"target"`
	Coverage   casefile.Coverage `json:"coverage"`
	Total      int               `json:"total" jsonschema:"source items (rows)"`
	Rows       []crosswalkRow    `json:"rows"`
	NextOffset int               `json:"nextOffset,omitempty"`
}

func (s *Server) crosswalk(ctx context.Context, in crosswalkIn) (crosswalkOut, error) {
	if s.deps.Crosswalk == nil {
		return crosswalkOut{}, unavailable("the crosswalk")
	}
	src, tgt := strings.TrimSpace(in.Source), strings.TrimSpace(in.Target)
	if src == "" || tgt == "" {
		return crosswalkOut{}, casefile.Errorf(casefile.Invalid, "give source and target framework identifiers (see list_frameworks)")
	}
	if len(in.Items) > maxCrosswalkItems {
		return crosswalkOut{}, casefile.Errorf(casefile.Invalid, "at most %d items", maxCrosswalkItems)
	}
	if in.MinScore < 0 || in.MinScore > 1 {
		return crosswalkOut{}, casefile.Errorf(casefile.Invalid, "min_score must be between 0 and 1")
	}
	lo, hi, err := page(in.pageIn)
	if err != nil {
		return crosswalkOut{}, err
	}
	cw, err := s.deps.Crosswalk.Crosswalk(ctx, src, tgt, casefile.CrosswalkOptions{Suggest: in.Suggest, MinScore: in.MinScore, Items: in.Items})
	if err != nil {
		return crosswalkOut{}, err
	}
	lo, hi = min(lo, len(cw.Rows)), min(hi, len(cw.Rows))
	out := crosswalkOut{Source: cw.Source.Identifier, Target: cw.Target.Identifier, Coverage: cw.Coverage,
		Total: len(cw.Rows), Rows: make([]crosswalkRow, 0, hi-lo)}
	for _, r := range cw.Rows[lo:hi] {
		out.Rows = append(out.Rows, row(r))
	}
	if hi < len(cw.Rows) {
		out.NextOffset = hi
	}
	return out, nil
}

func row(r casefile.CrosswalkRow) crosswalkRow {
	out := crosswalkRow{Source: itemRef{Identifier: r.Source.Identifier, Code: r.Code, Title: r.Source.Title, URI: r.Source.URI}}
	for _, m := range r.Matches {
		mm := match{itemRef: itemRef{Identifier: m.Target.Identifier, Title: m.Target.Title, URI: m.Target.URI},
			Score: round(m.Score), AssociationType: m.AssociationType}
		switch m.Kind {
		case casefile.MatchExplicit:
			out.Explicit = append(out.Explicit, mm)
		case casefile.MatchTransitive:
			mm.Via = pathNames(m.Path)
			out.Transitive = append(out.Transitive, mm)
		default:
			out.Suggested = append(out.Suggested, mm)
		}
	}
	return out
}

type decisionIn struct {
	Source string `json:"source" jsonschema:"source item (identifier or uri)"`
	Target string `json:"target" jsonschema:"target item (identifier or uri)"`
}

type acceptIn struct {
	decisionIn
	Type string `json:"type,omitempty" jsonschema:"CASE association type (default exactMatchOf)"`
}

type acceptOut struct {
	Association string `json:"association" jsonschema:"identifier of the CFAssociation recorded"`
	Type        string `json:"type"`
	Source      string `json:"source"`
	Target      string `json:"target"`
	URI         string `json:"uri"`
}

type rejectOut struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	Decision string `json:"decision"`
	By       string `json:"by"`
	At       string `json:"at"`
}

func (s *Server) acceptMatch(ctx context.Context, in acceptIn) (acceptOut, error) {
	if err := canAdmin(ctx, "accept_match"); err != nil {
		return acceptOut{}, err
	}
	if s.deps.Crosswalk == nil {
		return acceptOut{}, unavailable("the crosswalk")
	}
	typ := in.Type
	if typ == "" {
		typ = casefile.ExactMatchOf
	}
	a, err := s.deps.Crosswalk.Accept(ctx, in.Source, in.Target, typ, actor(ctx))
	if err != nil {
		return acceptOut{}, err
	}
	return acceptOut{Association: a.Identifier, Type: a.AssociationType, Source: a.OriginNodeURI.Identifier,
		Target: a.DestinationNodeURI.Identifier, URI: a.URI}, nil
}

func (s *Server) rejectMatch(ctx context.Context, in decisionIn) (rejectOut, error) {
	if err := canAdmin(ctx, "reject_match"); err != nil {
		return rejectOut{}, err
	}
	if s.deps.Crosswalk == nil {
		return rejectOut{}, unavailable("the crosswalk")
	}
	d, err := s.deps.Crosswalk.Reject(ctx, in.Source, in.Target, actor(ctx))
	if err != nil {
		return rejectOut{}, err
	}
	return rejectOut{Source: d.SourceItem, Target: d.TargetItem, Decision: d.Decision, By: d.By,
		At: d.At.UTC().Format("2006-01-02T15:04:05Z")}, nil
}
