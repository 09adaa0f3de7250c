package federation

import (
	"context"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// The rules that decide whether a framework offered by a peer is imported.
// They are stated once here and shown with every recorded conflict.
const (
	RuleLocalWins     = "a framework originated on this node always wins; copies offered by peers are refused"
	RulePublisherWins = "the origin publisher wins: a copy served by its publisher replaces a copy mirrored through another node"
	RuleHeldWins      = "the origin publisher wins: the held copy comes from its publisher (or neither copy does, and the copy held first is kept)"
)

// offer is one framework a peer offers during a sync.
type offer struct {
	id     string // framework identifier as the peer names it
	origin string // normalised base URL of the node that publishes it
	hash   string // content hash at the peer, when it is a casenode
	url    string // CFPackage URL
	alt    string // fallback CFPackage URL (1.0) for plain CASE providers
}

// verdict is what to do with an offer.
type verdict struct {
	accept bool
	reason string                  // why it was skipped, for SyncReport.Skipped
	held   *casefile.FrameworkInfo // the copy held now, if any
}

// decide applies loop prevention and the conflict rule to o from peer p,
// recording a FrameworkConflict when two origins claim one identifier.
func (s *Service) decide(ctx context.Context, p casefile.Peer, o offer) (verdict, error) {
	if o.origin == s.self {
		return verdict{reason: o.id + ": originates on this node (loop prevention)"}, nil
	}
	held, err := s.held(ctx, o.id)
	if err != nil || held == nil {
		return verdict{accept: true}, err
	}
	v := verdict{held: held}
	heldOrigin := s.originOf(held.Provenance)
	switch {
	case held.Provenance.Source == casefile.SourceSeed:
		// Every node seeds the same embedded demo frameworks: a peer's copy is
		// the same framework, not a rival claim.
		v.reason = o.id + ": a demo framework every node holds; not harvested"
		return v, nil
	case heldOrigin == s.self:
		v.reason = o.id + ": held as a local framework; offered copy from " + o.origin + " refused"
		return v, s.conflict(ctx, held.Identifier, heldOrigin, o.origin, heldOrigin, RuleLocalWins)
	case heldOrigin == o.origin:
		if firstHand(held.Provenance) && held.Provenance.Peer != p.Name && o.origin != p.URL {
			v.reason = o.id + ": a copy from its publisher is held; mirrored copy from " + p.Name + " ignored"
			return v, nil
		}
		v.accept = true
		return v, nil
	case o.origin == p.URL && !firstHand(held.Provenance):
		v.accept = true
		return v, s.conflict(ctx, held.Identifier, heldOrigin, o.origin, o.origin, RulePublisherWins)
	default:
		v.reason = o.id + ": held from " + heldOrigin + "; copy from " + o.origin + " refused (conflict)"
		return v, s.conflict(ctx, held.Identifier, heldOrigin, o.origin, heldOrigin, RuleHeldWins)
	}
}

// held returns the framework held under id as casefile.CanonicalID reads it
// (an upper-case UUID is the lower-case one; a mapped id also its original),
// nil when none.
func (s *Service) held(ctx context.Context, id string) (*casefile.FrameworkInfo, error) {
	for _, k := range casefile.IDCandidates(id) {
		fi, err := s.cfg.Store.Framework(ctx, k)
		if err == nil {
			return &fi, nil
		}
		if casefile.ErrorCode(err) != casefile.NotFound {
			return nil, err
		}
	}
	return nil, nil
}

// originOf is the normalised origin of a held copy; "" (and anything not
// harvested from a peer without an origin) means this node.
func (s *Service) originOf(p casefile.Provenance) string {
	if p.OriginNode == "" {
		return s.self
	}
	if o, err := normalizeBaseURL(p.OriginNode); err == nil {
		return o
	}
	return p.OriginNode
}

// firstHand reports whether a held copy was fetched from its publisher
// itself (its package URL lives under the origin's base URL).
func firstHand(p casefile.Provenance) bool {
	return p.Source == casefile.SourcePeer && p.OriginNode != "" &&
		strings.HasPrefix(strings.ToLower(p.Location), strings.ToLower(p.OriginNode)+"/")
}

func (s *Service) conflict(ctx context.Context, fw, held, offered, winner, rule string) error {
	s.cfg.Log.Warn("framework conflict", "framework", fw, "held", held, "offered", offered, "winner", winner)
	return s.cfg.Store.RecordConflict(ctx, casefile.FrameworkConflict{
		Framework: fw, Held: held, Offered: offered, Winner: winner, Rule: rule, At: time.Now().UTC(),
	})
}
