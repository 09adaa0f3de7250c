package mcp

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

type pageIn struct {
	Limit  int `json:"limit,omitempty" jsonschema:"entries per page, 1 to 200 (default 10)"`
	Offset int `json:"offset,omitempty" jsonschema:"entries to skip: the nextOffset of the previous page"`
}

type getFrameworkIn struct {
	ID string `json:"id" jsonschema:"the framework's CFDocument identifier (see list_frameworks)"`
	pageIn
}

type frameworkSummary struct {
	Identifier   string   `json:"identifier"`
	Title        string   `json:"title"`
	Creator      string   `json:"creator,omitempty"`
	Publisher    string   `json:"publisher,omitempty"`
	Subject      []string `json:"subject,omitempty"`
	Levels       []string `json:"levels,omitempty"`
	Items        int      `json:"items"`
	Associations int      `json:"associations"`
	URI          string   `json:"uri"`
	Resource     string   `json:"resource" jsonschema:"resource URI of the CFDocument (CASE JSON); the whole CFPackage is at packageResource"`
	OriginNode   string   `json:"originNode,omitempty" jsonschema:"base URL of the node that publishes it; empty for this node"`
}

type frameworkOut struct {
	frameworkSummary
	PackageResource string              `json:"packageResource"`
	Provenance      casefile.Provenance `json:"provenance"`
	TopLevel        []itemRef           `json:"topLevel"`
	TopLevelTotal   int                 `json:"topLevelTotal"`
	NextOffset      int                 `json:"nextOffset,omitempty"`
}

type frameworksOut struct {
	Total      int                `json:"total"`
	Frameworks []frameworkSummary `json:"frameworks"`
	NextOffset int                `json:"nextOffset,omitempty"`
}

func (s *Server) getFramework(ctx context.Context, in getFrameworkIn) (frameworkOut, error) {
	id := strings.TrimSpace(in.ID)
	if id == "" {
		return frameworkOut{}, casefile.Errorf(casefile.Invalid, "id must name a framework (see list_frameworks)")
	}
	lo, hi, err := page(in.pageIn)
	if err != nil {
		return frameworkOut{}, err
	}
	fi, err := s.deps.Store.Framework(ctx, id)
	if err != nil {
		return frameworkOut{}, err
	}
	roots, err := s.deps.Store.Children(ctx, []string{fi.Identifier})
	if err != nil {
		return frameworkOut{}, err
	}
	top := roots[fi.Identifier]
	lo, hi = min(lo, len(top)), min(hi, len(top))
	out := frameworkOut{frameworkSummary: s.summary(fi), PackageResource: s.packageResource(fi.Identifier),
		Provenance: fi.Provenance.ForCaller(ctx), TopLevel: refs(top[lo:hi], hi-lo), TopLevelTotal: len(top)}
	if hi < len(top) {
		out.NextOffset = hi
	}
	return out, nil
}

func (s *Server) listFrameworks(ctx context.Context, in pageIn) (frameworksOut, error) {
	lo, hi, err := page(in)
	if err != nil {
		return frameworksOut{}, err
	}
	fws, err := s.deps.Store.Frameworks(ctx)
	if err != nil {
		return frameworksOut{}, err
	}
	lo, hi = min(lo, len(fws)), min(hi, len(fws))
	out := frameworksOut{Total: len(fws), Frameworks: make([]frameworkSummary, 0, hi-lo)}
	for _, fi := range fws[lo:hi] {
		out.Frameworks = append(out.Frameworks, s.summary(fi))
	}
	if hi < len(fws) {
		out.NextOffset = hi
	}
	return out, nil
}

func (s *Server) summary(fi casefile.FrameworkInfo) frameworkSummary {
	return frameworkSummary{Identifier: fi.Identifier, Title: fi.Title, Creator: fi.Creator, Publisher: fi.Publisher,
		Subject: fi.Subject, Levels: fi.EducationLevel, Items: fi.Items, Associations: fi.Associations, URI: fi.URI,
		Resource: s.documentResource(fi.Identifier), OriginNode: fi.Provenance.OriginNode}
}

// page checks offset and limit and returns the window [lo, hi) they name
// (the caller clips it to the list).
func page(p pageIn) (lo, hi int, err error) {
	limit := p.Limit
	if limit == 0 {
		limit = defaultLimit
	}
	if limit < 1 || limit > maxListLimit {
		return 0, 0, casefile.Errorf(casefile.Invalid, "limit must be between 1 and %d", maxListLimit)
	}
	if p.Offset < 0 || p.Offset > casefile.MaxSearchFrom {
		return 0, 0, casefile.Errorf(casefile.Invalid, "offset must be between 0 and %d", casefile.MaxSearchFrom)
	}
	return p.Offset, p.Offset + limit, nil
}
