package server

import (
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// peerRequest is the body of POST /api/v1/peers: a peer, optionally with the
// OAuth client credentials it requires.
type peerRequest struct {
	casefile.Peer
	Credentials *struct {
		TokenURL     string `json:"tokenUrl"`
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		Scope        string `json:"scope"`
	} `json:"credentials,omitempty"`
}

// getPeers is GET /api/v1/peers: {"peers":[…]}.
func (s *Server) getPeers(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Federation == nil {
		return notEnabled("federation")
	}
	peers, err := s.cfg.Federation.Peers(r.Context())
	if err != nil {
		return err
	}
	if peers == nil {
		peers = []casefile.Peer{}
	}
	return s.writeAPI(w, r, map[string]any{"peers": peers})
}

// postPeer is POST /api/v1/peers (admin): add and probe a peer.
func (s *Server) postPeer(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Federation == nil {
		return notEnabled("federation")
	}
	var pr peerRequest
	if err := decodeBody(r, &pr); err != nil {
		return err
	}
	var p casefile.Peer
	var err error
	if c := pr.Credentials; c != nil && (c.TokenURL != "" || c.ClientID != "") {
		adder, ok := s.cfg.Federation.(peerCredentialAdder)
		if !ok {
			return casefile.Errorf(casefile.Invalid, "this node cannot use peer credentials")
		}
		p, err = adder.AddPeerWithCredentials(r.Context(), pr.Peer, casefile.PeerCredentials{
			TokenURL: c.TokenURL, ClientID: c.ClientID, ClientSecret: c.ClientSecret, Scope: c.Scope})
	} else {
		p, err = s.cfg.Federation.AddPeer(r.Context(), pr.Peer)
	}
	if err != nil {
		return err
	}
	s.log.Info("peer added", "peer", p.Name, "url", p.URL, "by", principalName(r))
	writeDone(w, p)
	return nil
}

// deletePeer is DELETE /api/v1/peers/{name} (admin).
func (s *Server) deletePeer(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Federation == nil {
		return notEnabled("federation")
	}
	if err := s.cfg.Federation.RemovePeer(r.Context(), r.PathValue("name")); err != nil {
		return err
	}
	writeDone(w, nil)
	return nil
}

// postPeerSync is POST /api/v1/peers/{name}/sync (admin): {"reports":[…]}.
func (s *Server) postPeerSync(w http.ResponseWriter, r *http.Request) error {
	return s.sync(w, r, r.PathValue("name"))
}

// postSyncAll is POST /api/v1/sync (admin): sync every mirror peer now.
func (s *Server) postSyncAll(w http.ResponseWriter, r *http.Request) error {
	return s.sync(w, r, "")
}

func (s *Server) sync(w http.ResponseWriter, r *http.Request, name string) error {
	if s.cfg.Federation == nil {
		return notEnabled("federation")
	}
	reports, err := s.cfg.Federation.Sync(r.Context(), name)
	if err != nil {
		return err
	}
	if reports == nil {
		reports = []casefile.SyncReport{}
	}
	writeDone(w, map[string]any{"reports": reports})
	return nil
}

// getConflicts is GET /api/v1/conflicts: {"conflicts":[…]}.
func (s *Server) getConflicts(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Federation == nil {
		return notEnabled("federation")
	}
	cs, err := s.cfg.Federation.Conflicts(r.Context())
	if err != nil {
		return err
	}
	if cs == nil {
		cs = []casefile.FrameworkConflict{}
	}
	return s.writeAPI(w, r, map[string]any{"conflicts": cs})
}
