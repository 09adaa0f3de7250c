package federation

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

const software = "casenode"

// NodeInfo identifies this node (GET /api/v1/node).
func (s *Service) NodeInfo(ctx context.Context) (casefile.NodeInfo, error) {
	seq, err := s.cfg.Store.LastSeq(ctx)
	if err != nil {
		return casefile.NodeInfo{}, err
	}
	return casefile.NodeInfo{
		Name:       s.cfg.Name,
		BaseURL:    s.self,
		Software:   software,
		Version:    s.cfg.Version,
		ChangeFeed: true,
		LastSeq:    seq,
	}, nil
}

var peerName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// normalizeBaseURL checks that raw is an absolute http(s) URL without query,
// fragment or credentials, and returns it lower-cased in scheme and host,
// without a trailing slash. Origins are compared in this form.
func normalizeBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", casefile.Errorf(casefile.Invalid, "%q is not an absolute URL", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", casefile.Errorf(casefile.Invalid, "%q: scheme must be http or https", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", casefile.Errorf(casefile.Invalid, "%q: a base URL has no credentials, query or fragment", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return strings.TrimRight(u.String(), "/"), nil
}

// AddPeer validates p (URL, name, mode, interval), probes the peer (a
// casenode's /api/v1/node, else a CASE CFDocuments listing) and stores it.
// Defaults: name = a casenode's own name, else the URL's host; mode mirror;
// interval Config.DefaultInterval.
func (s *Service) AddPeer(ctx context.Context, p casefile.Peer) (casefile.Peer, error) {
	return s.AddPeerWithCredentials(ctx, p, casefile.PeerCredentials{})
}

// AddPeerWithCredentials is AddPeer for a peer that requires OAuth2 client
// credentials; they are stored with the peer and used for every request.
func (s *Service) AddPeerWithCredentials(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials) (casefile.Peer, error) {
	named := strings.TrimSpace(p.Name) != ""
	p, err := s.validatePeer(ctx, p, cred)
	if err != nil {
		return casefile.Peer{}, err
	}
	info, err := s.probe(ctx, p, cred, nil)
	if err != nil {
		return casefile.Peer{}, casefile.Errorf(casefile.ErrorCode(err), "peer %s does not answer as a CASE provider: %s", p.URL, casefile.ErrorMessage(err))
	}
	if !named && info != nil && peerName.MatchString(info.Name) {
		p.Name = info.Name // a casenode's own name
	}
	if _, err := s.cfg.Store.Peer(ctx, p.Name); err == nil {
		return casefile.Peer{}, casefile.Errorf(casefile.Conflict, "a peer named %q already exists; remove it first", p.Name)
	} else if casefile.ErrorCode(err) != casefile.NotFound {
		return casefile.Peer{}, err
	}
	if err := s.cfg.Store.PutPeer(ctx, p, cred); err != nil {
		return casefile.Peer{}, err
	}
	s.cfg.Log.Info("peer added", "peer", p.Name, "url", p.URL, "mode", p.Mode)
	return p, nil
}

func (s *Service) validatePeer(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials) (casefile.Peer, error) {
	base, err := normalizeBaseURL(p.URL)
	if err != nil {
		return p, err
	}
	if base == s.self {
		return p, casefile.Errorf(casefile.Invalid, "%s is this node's own URL", base)
	}
	peers, err := s.cfg.Store.Peers(ctx)
	if err != nil {
		return p, err
	}
	for _, q := range peers {
		if q.URL == base {
			return p, casefile.Errorf(casefile.Conflict, "%s is already peer %q", base, q.Name)
		}
	}
	p = casefile.Peer{Name: strings.TrimSpace(p.Name), URL: base, Mode: p.Mode, Interval: p.Interval}
	if p.Name == "" {
		u, _ := url.Parse(base)
		p.Name = strings.NewReplacer(":", "-", "[", "", "]", "").Replace(u.Host)
	}
	if !peerName.MatchString(p.Name) {
		return p, casefile.Errorf(casefile.Invalid, "peer name %q: use 1-64 letters, digits, '.', '_' or '-'", p.Name)
	}
	switch p.Mode {
	case "":
		p.Mode = casefile.PeerMirror
	case casefile.PeerMirror, casefile.PeerLive:
	default:
		return p, casefile.Errorf(casefile.Invalid, "peer mode %q: use mirror or live", p.Mode)
	}
	if p.Interval == 0 {
		p.Interval = s.cfg.DefaultInterval
	}
	if p.Interval < time.Second || p.Interval > 30*24*time.Hour {
		return p, casefile.Errorf(casefile.Invalid, "sync interval %s: use between 1s and 720h", p.Interval)
	}
	if !cred.Empty() {
		if err := checkScheme(cred.TokenURL); err != nil || cred.ClientID == "" {
			return p, casefile.Errorf(casefile.Invalid, "peer credentials need an http(s) token URL and a client id")
		}
	}
	return p, nil
}

// probe asks the peer who it is: a casenode answers /api/v1/node; any other
// CASE provider must at least list its documents.
func (s *Service) probe(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials, m *meter) (*casefile.NodeInfo, error) {
	if info, err := s.peerNode(ctx, p, cred, m); err == nil {
		return info, nil
	} else if errors.Is(ctx.Err(), context.Canceled) {
		return nil, err
	}
	_, _, err := s.listDocuments(ctx, p, cred, m)
	return nil, err
}

// Peers lists the configured peers with their sync state.
func (s *Service) Peers(ctx context.Context) ([]casefile.Peer, error) {
	return s.cfg.Store.Peers(ctx)
}

// RemovePeer forgets a peer. Frameworks harvested from it are kept (they are
// ordinary local data now; delete them explicitly if unwanted).
func (s *Service) RemovePeer(ctx context.Context, name string) error {
	if err := s.cfg.Store.DeletePeer(ctx, name); err != nil {
		return err
	}
	s.cfg.Log.Info("peer removed", "peer", name)
	return nil
}

// Conflicts lists the recorded framework conflicts, newest first.
func (s *Service) Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error) {
	return s.cfg.Store.Conflicts(ctx)
}
