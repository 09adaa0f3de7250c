package web

import (
	"context"

	"github.com/casenode/casenode/casefile"
)

// truthView says where an item's truth lives: the uri its publisher gave it,
// the node that publishes its framework, and how this node holds it.
type truthView struct {
	URI       string // the item's uri as published
	Canonical string // this node's stable /uri/{id}
	Origin    string // base URL of the publishing node ("" = this node)
	Peer      string // the peer it was mirrored through
	Source    string // how the framework arrived (file, url, peer, …)
}

func (h *handler) truthOf(ctx context.Context, it *casefile.Item, framework string) (truthView, error) {
	tv := truthView{URI: it.URI, Canonical: casefile.CanonicalURI(h.deps.BaseURL, it.Identifier)}
	if framework == "" {
		return tv, nil
	}
	fi, err := h.deps.Store.Framework(ctx, framework)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return tv, nil
	}
	if err != nil {
		return tv, err
	}
	tv.Source, tv.Origin = fi.Provenance.Source, fi.Provenance.OriginNode
	if tv.Origin == h.deps.BaseURL {
		tv.Origin = ""
	}
	if fi.Provenance.Source == casefile.SourcePeer {
		tv.Peer = fi.Provenance.Peer
	}
	return tv, nil
}
