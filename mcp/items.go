package mcp

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// maxRelated bounds the children and associations get_item lists.
const maxRelated = 50

type getItemIn struct {
	ID        string `json:"id" jsonschema:"the item's identifier, uri or code (human coding scheme)"`
	Framework string `json:"framework,omitempty" jsonschema:"framework identifier, needed when a code is used by several frameworks"`
}

// itemRef names an item compactly.
type itemRef struct {
	Identifier string `json:"identifier"`
	Code       string `json:"code,omitempty"`
	Title      string `json:"title,omitempty" jsonschema:"statement, or the title given by the linking object"`
	URI        string `json:"uri,omitempty"`
}

type association struct {
	Type       string  `json:"type"`
	Direction  string  `json:"direction" jsonschema:"out when this item is the origin, in when it is the destination"`
	Other      itemRef `json:"other"`
	Identifier string  `json:"identifier"`
}

type itemOut struct {
	Identifier        string        `json:"identifier"`
	Code              string        `json:"code,omitempty"`
	Statement         string        `json:"statement"`
	Type              string        `json:"type,omitempty"`
	Levels            []string      `json:"levels,omitempty"`
	Subject           []string      `json:"subject,omitempty"`
	Notes             string        `json:"notes,omitempty"`
	URI               string        `json:"uri"`
	Resource          string        `json:"resource"`
	Framework         itemRef       `json:"framework"`
	Ancestors         []itemRef     `json:"ancestors"`
	Children          []itemRef     `json:"children"`
	ChildCount        int           `json:"childCount"`
	Associations      []association `json:"associations"`
	AssociationsTotal int           `json:"associationsTotal"`
}

func (s *Server) getItem(ctx context.Context, in getItemIn) (itemOut, error) {
	it, err := s.findItem(ctx, in.ID, in.Framework)
	if err != nil {
		return itemOut{}, err
	}
	return s.describeItem(ctx, it)
}

// findItem resolves a reference on this node: identifier (or original
// identifier), then uri, then code.
func (s *Server) findItem(ctx context.Context, ref, framework string) (*casefile.Item, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > casefile.MaxQueryLength {
		return nil, casefile.Errorf(casefile.Invalid, "id must have 1 to %d characters", casefile.MaxQueryLength)
	}
	it, err := s.deps.Store.Item(ctx, ref)
	if casefile.ErrorCode(err) != casefile.NotFound {
		return it, err
	}
	if strings.Contains(ref, ":") {
		if it, err := s.deps.Store.ItemByURI(ctx, ref); casefile.ErrorCode(err) != casefile.NotFound {
			return it, err
		}
	}
	items, err := s.deps.Store.ItemsByCode(ctx, ref)
	if err != nil {
		return nil, err
	}
	var match []casefile.Item
	for _, c := range items {
		if framework == "" || (c.CFDocumentURI != nil && c.CFDocumentURI.Identifier == framework) {
			match = append(match, c)
		}
	}
	switch len(match) {
	case 0:
		return nil, casefile.Errorf(casefile.NotFound, "no item with identifier, uri or code %q on this node", ref)
	case 1:
		return &match[0], nil
	}
	fws := make([]string, 0, len(match))
	for _, m := range match {
		if m.CFDocumentURI != nil {
			fws = append(fws, m.CFDocumentURI.Identifier)
		}
	}
	return nil, casefile.Errorf(casefile.Invalid, "code %q is used by %d frameworks (%s): give framework", ref, len(match), strings.Join(fws, ", "))
}

func (s *Server) describeItem(ctx context.Context, it *casefile.Item) (itemOut, error) {
	out := itemOut{Identifier: it.Identifier, Code: it.HumanCodingScheme, Statement: it.FullStatement, Type: it.CFItemType,
		Levels: it.EducationLevel, Subject: it.Subject, Notes: it.Notes, URI: it.URI, Resource: s.itemResource(it.Identifier)}
	if d := it.CFDocumentURI; d != nil {
		out.Framework = itemRef{Identifier: d.Identifier, Title: d.Title, URI: d.URI}
	}
	anc, err := s.deps.Store.Ancestors(ctx, it.Identifier)
	if err != nil {
		return out, err
	}
	out.Ancestors = make([]itemRef, 0, len(anc))
	for _, a := range anc {
		out.Ancestors = append(out.Ancestors, itemRef{Identifier: a.Identifier, Title: a.Title, URI: a.URI})
	}
	kids, err := s.deps.Store.Children(ctx, []string{it.Identifier})
	if err != nil {
		return out, err
	}
	out.ChildCount = len(kids[it.Identifier])
	out.Children = refs(kids[it.Identifier], maxRelated)
	assocs, err := s.deps.Store.ItemAssociations(ctx, it.Identifier)
	if err != nil && casefile.ErrorCode(err) != casefile.NotFound {
		return out, err
	}
	out.AssociationsTotal = len(assocs)
	out.Associations = make([]association, 0, min(len(assocs), maxRelated))
	for _, a := range assocs[:min(len(assocs), maxRelated)] {
		dir, other := "out", a.DestinationNodeURI
		if a.OriginNodeURI.Identifier != it.Identifier && a.OriginNodeURI.URI != it.URI {
			dir, other = "in", a.OriginNodeURI
		}
		out.Associations = append(out.Associations, association{Type: a.AssociationType, Direction: dir, Identifier: a.Identifier,
			Other: itemRef{Identifier: other.Identifier, Title: other.Title, URI: other.URI}})
	}
	return out, nil
}

// refs names up to n items.
func refs(items []casefile.Item, n int) []itemRef {
	out := make([]itemRef, 0, min(len(items), n))
	for _, c := range items[:min(len(items), n)] {
		out = append(out, itemRef{Identifier: c.Identifier, Code: c.HumanCodingScheme, Title: c.FullStatement, URI: c.URI})
	}
	return out
}
