package federation

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Run syncs every mirror peer on its interval until ctx is cancelled. After
// a failure the next attempt waits interval·2^failures (capped at
// Config.BackoffMax), jittered to 75–100 % so peers failing together do not
// retry together. Peers added or removed while running are picked up on the
// next tick. Run returns when ctx is done and every sync it started ended.
func (s *Service) Run(ctx context.Context) error {
	tick := time.NewTicker(s.cfg.LoopTick)
	defer tick.Stop()
	sc := &scheduler{s: s, due: map[string]time.Time{}, running: map[string]bool{}}
	defer sc.wg.Wait()
	for {
		peers, err := s.cfg.Store.Peers(ctx)
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("peer loop: cannot list peers", "err", err)
		}
		sc.startDue(ctx, peers, time.Now())
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// scheduler is the state of one Run: when each peer is due next (jitter
// drawn once per wait) and which syncs are running.
type scheduler struct {
	s       *Service
	wg      sync.WaitGroup
	due     map[string]time.Time // only touched by Run's goroutine
	mu      sync.Mutex
	running map[string]bool
}

// startDue starts a sync of every mirror peer whose time has come.
func (sc *scheduler) startDue(ctx context.Context, peers []casefile.Peer, now time.Time) {
	present := map[string]bool{}
	for _, p := range peers {
		present[p.Name] = true
	}
	for name := range sc.due {
		if !present[name] {
			delete(sc.due, name)
		}
	}
	for _, p := range peers {
		if p.Mode != casefile.PeerMirror || sc.busy(p.Name) {
			continue
		}
		next, ok := sc.due[p.Name]
		if !ok {
			next = p.LastSync.Add(sc.s.nextDelay(p))
			sc.due[p.Name] = next
		}
		if now.Before(next) {
			continue
		}
		delete(sc.due, p.Name) // recomputed from the new state after the sync
		sc.setBusy(p.Name, true)
		sc.wg.Add(1)
		go func(name string) {
			defer sc.wg.Done()
			defer sc.setBusy(name, false)
			if _, err := sc.s.syncPeer(ctx, name, nil); err != nil && ctx.Err() == nil {
				sc.s.cfg.Log.Error("peer sync", "peer", name, "err", err)
			}
		}(p.Name)
	}
}

func (sc *scheduler) busy(name string) bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.running[name]
}

func (sc *scheduler) setBusy(name string, b bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if b {
		sc.running[name] = true
	} else {
		delete(sc.running, name)
	}
}

// nextDelay is the wait after p's last sync: its interval when healthy,
// exponential backoff with jitter after failures.
func (s *Service) nextDelay(p casefile.Peer) time.Duration {
	return backoff(p.Interval, p.Failures, s.cfg.BackoffMax, rand.Float64())
}

// backoff computes interval·2^failures capped at max (never below
// interval), scaled by a jitter factor in [0.75, 1] from r ∈ [0, 1).
func backoff(interval time.Duration, failures int, ceiling time.Duration, r float64) time.Duration {
	if failures <= 0 {
		return interval
	}
	ceiling = max(interval, ceiling)
	d := interval
	for i := 0; i < failures && d < ceiling; i++ {
		d *= 2
	}
	d = min(d, ceiling)
	return time.Duration(float64(d) * (0.75 + 0.25*r))
}
