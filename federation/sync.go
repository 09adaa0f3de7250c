package federation

import (
	"context"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Sync harvests mirror peer name once ("" = every mirror peer, one after
// another). Failures of a peer are in its SyncReport.Errors (and its stored
// state); the error is for an unknown or live peer and store failures.
func (s *Service) Sync(ctx context.Context, name string) ([]casefile.SyncReport, error) {
	return s.SyncWithProgress(ctx, name, nil)
}

// SyncWithProgress is Sync with a callback after each framework handled.
func (s *Service) SyncWithProgress(ctx context.Context, name string, progress func(Progress)) ([]casefile.SyncReport, error) {
	var peers []casefile.Peer
	if name != "" {
		p, err := s.cfg.Store.Peer(ctx, name)
		if err != nil {
			return nil, err
		}
		if p.Mode != casefile.PeerMirror {
			return nil, casefile.Errorf(casefile.Invalid, "peer %q is a %s peer; only mirror peers are synced", name, p.Mode)
		}
		peers = []casefile.Peer{p}
	} else {
		all, err := s.cfg.Store.Peers(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range all {
			if p.Mode == casefile.PeerMirror {
				peers = append(peers, p)
			}
		}
	}
	reports := make([]casefile.SyncReport, 0, len(peers))
	for _, p := range peers {
		rep, err := s.syncPeer(ctx, p.Name, progress)
		if err != nil {
			return reports, err
		}
		reports = append(reports, rep)
	}
	return reports, nil
}

// syncPeer runs one harvest of a peer (never two at once for one peer) and
// records its state.
func (s *Service) syncPeer(ctx context.Context, name string, progress func(Progress)) (casefile.SyncReport, error) {
	lock := s.peerLock(name)
	lock.Lock()
	defer lock.Unlock()
	p, err := s.cfg.Store.Peer(ctx, name) // re-read: state may have moved while waiting
	if err != nil {
		return casefile.SyncReport{}, err
	}
	cred, err := s.cfg.Store.PeerCredentials(ctx, name)
	if err != nil && casefile.ErrorCode(err) != casefile.NotFound {
		return casefile.SyncReport{}, err
	}
	start := time.Now()
	rep := casefile.SyncReport{Peer: name, Imported: []string{}}
	sctx, m, done := budgeted(ctx, s.cfg)
	defer done()
	h := &harvest{s: s, p: p, cred: cred, m: m, rep: &rep, progress: progress, newSeq: p.LastSeq}
	fatal := h.run(sctx)
	if over := budgetCause(sctx); over != nil && ctx.Err() == nil {
		fatal, h.newSeq = over, p.LastSeq // stopped short: resume from where the last full sync ended
	}
	rep.Requests = int(h.m.requests.Load())
	rep.Bytes = h.m.bytes.Load()
	rep.Took = time.Since(start)
	if fatal != nil {
		rep.Errors = append([]string{casefile.ErrorMessage(fatal)}, rep.Errors...)
	}
	s.cfg.Log.Info("peer synced", "peer", name, "listed", rep.Listed, "imported", len(rep.Imported),
		"unchanged", rep.Unchanged, "skipped", len(rep.Skipped), "errors", len(rep.Errors),
		"requests", rep.Requests, "bytes", rep.Bytes, "took", rep.Took)
	// Record state even when ctx was cancelled mid-sync.
	return rep, s.recordState(context.WithoutCancel(ctx), p, &rep, fatal, h.newSeq)
}

// recordState writes the peer's sync state. The change-feed position only
// advances when every framework went through, so a failed one is retried.
// Failures (which drive the backoff) count syncs that got nothing through.
func (s *Service) recordState(ctx context.Context, p casefile.Peer, rep *casefile.SyncReport, fatal error, seq int64) error {
	now := time.Now().UTC()
	p.LastSync = now
	ok := fatal == nil && len(rep.Errors) == 0
	switch {
	case ok:
		p.LastOK, p.LastError, p.Failures, p.LastSeq = now, "", 0, seq
	case fatal == nil && len(rep.Imported)+rep.Unchanged > 0:
		p.LastError, p.Failures = rep.Errors[0], 0
	default:
		p.LastError = rep.Errors[0]
		p.Failures++
	}
	all, err := s.cfg.Store.Frameworks(ctx)
	if err != nil {
		return err
	}
	p.Frameworks = 0
	for _, fi := range all {
		if fi.Provenance.Source == casefile.SourcePeer && fi.Provenance.Peer == p.Name {
			p.Frameworks++
		}
	}
	err = s.cfg.Store.UpdatePeerState(ctx, p)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return nil // removed while it was being synced
	}
	return err
}
