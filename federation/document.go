package federation

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/casenode/casenode/casefile"
)

// ResolveDocument fetches the CFDocument documentID from the peer that
// itemURI belongs to (by scheme and host, as ResolveLink), for what a
// framework this node does not hold says about itself (title, publisher).
// It answers NotFound when itemURI belongs to no peer.
func (s *Service) ResolveDocument(ctx context.Context, itemURI, documentID string) (*casefile.Document, error) {
	u, err := url.Parse(itemURI)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || documentID == "" {
		return nil, casefile.Errorf(casefile.NotFound, "%q is not an http(s) URI held by a peer", itemURI)
	}
	peer, err := s.peerForURI(ctx, u)
	if err != nil {
		return nil, err
	}
	if peer == nil {
		return nil, casefile.Errorf(casefile.NotFound, "%q belongs to no peer of this node", itemURI)
	}
	cred, _ := s.cfg.Store.PeerCredentials(ctx, peer.Name)
	rep, err := s.client.get(ctx, call{url: peer.URL + "/ims/case/v1p1/CFDocuments/" + url.PathEscape(documentID), cred: cred, maxBytes: 1 << 20})
	if err != nil {
		return nil, err
	}
	var w struct {
		Identifier string `json:"identifier"`
		URI        string `json:"uri"`
		Title      string `json:"title"`
		Creator    string `json:"creator"`
		Publisher  string `json:"publisher"`
	}
	if err := json.Unmarshal(rep.body, &w); err != nil || w.Identifier == "" {
		return nil, casefile.Errorf(casefile.Invalid, "the peer's answer for CFDocument %s is not a CFDocument", documentID)
	}
	return &casefile.Document{Identifier: w.Identifier, URI: w.URI, Title: w.Title, Creator: w.Creator, Publisher: w.Publisher}, nil
}
