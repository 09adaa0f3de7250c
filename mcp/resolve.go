package mcp

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// peerSearchSize is how many hits of the live peers resolve_alignment looks at.
const peerSearchSize = 10

type resolveIn struct {
	Ref       string `json:"ref" jsonschema:"an item's URI, identifier or code"`
	Framework string `json:"framework,omitempty" jsonschema:"framework identifier, when a code is used by several frameworks"`
}

type resolveOut struct {
	Where string  `json:"where" jsonschema:"this node, or peer when the item was found on another node"`
	Peer  string  `json:"peer,omitempty" jsonschema:"name of the live peer that answered, when known"`
	Item  itemOut `json:"item"`
}

// resolveAlignment looks on this node first; then an http(s) URI is fetched
// from the peer that serves it, and a code or identifier is asked of the
// live peers.
func (s *Server) resolveAlignment(ctx context.Context, in resolveIn) (resolveOut, error) {
	it, err := s.findItem(ctx, in.Ref, in.Framework)
	if err == nil {
		d, err := s.describeItem(ctx, it)
		return resolveOut{Where: "this node", Item: d}, err
	}
	if casefile.ErrorCode(err) != casefile.NotFound || s.deps.Federation == nil {
		return resolveOut{}, err
	}
	ref := strings.TrimSpace(in.Ref)
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		it, err := s.deps.Federation.ResolveLink(ctx, ref)
		if err != nil {
			return resolveOut{}, err
		}
		return resolveOut{Where: "peer", Item: remoteItem(it)}, nil
	}
	req := casefile.SearchRequest{Query: ref, Size: peerSearchSize, Filters: map[string][]string{}}
	if in.Framework != "" {
		req.Filters[casefile.FacetFramework] = []string{in.Framework}
	}
	hits, _ := s.deps.Federation.SearchPeers(ctx, req)
	for _, h := range hits {
		if h.Identifier == ref || strings.EqualFold(h.HumanCodingScheme, ref) {
			return resolveOut{Where: "peer", Peer: h.Origin, Item: hitItem(h)}, nil
		}
	}
	return resolveOut{}, casefile.Errorf(casefile.NotFound, "no item with identifier, uri or code %q on this node or its live peers", ref)
}

// remoteItem describes an item fetched from a peer (its tree is not known here).
func remoteItem(it *casefile.Item) itemOut {
	out := itemOut{Identifier: it.Identifier, Code: it.HumanCodingScheme, Statement: it.FullStatement, Type: it.CFItemType,
		Levels: it.EducationLevel, Subject: it.Subject, Notes: it.Notes, URI: it.URI, Resource: it.URI,
		Ancestors: []itemRef{}, Children: []itemRef{}, Associations: []association{}}
	if d := it.CFDocumentURI; d != nil {
		out.Framework = itemRef{Identifier: d.Identifier, Title: d.Title, URI: d.URI}
	}
	return out
}

// hitItem describes an item a peer's search found.
func hitItem(h casefile.SearchHit) itemOut {
	out := itemOut{Identifier: h.Identifier, Code: h.HumanCodingScheme, Statement: h.FullStatement, Type: h.CFItemType,
		Levels: h.EducationLevel, URI: h.URI, Resource: h.URI, Framework: itemRef{Identifier: h.Framework.Identifier,
			Title: h.Framework.Title, URI: h.Framework.URI}, Children: []itemRef{}, Associations: []association{}}
	out.Ancestors = make([]itemRef, 0, len(h.Path))
	for _, p := range h.Path {
		out.Ancestors = append(out.Ancestors, itemRef{Identifier: p.Identifier, Title: p.Title, URI: p.URI})
	}
	return out
}
