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
	var wg sync.WaitGroup
	defer wg.Wait()
	due := map[string]time.Time{} // next attempt per peer, jitter kept stable
	running := map[string]bool{}
	var mu sync.Mutex
	for {
		peers, err := s.cfg.Store.Peers(ctx)
		if err != nil && ctx.Err() == nil {
			s.cfg.Log.Error("peer loop: cannot list peers", "err", err)
		}
		now := time.Now()
		present := map[string]bool{}
		for _, p := range peers {
			present[p.Name] = true
		}
		for name := range due {
			if !present[name] {
				delete(due, name)
			}
		}
		for _, p := range peers {
			if p.Mode != casefile.PeerMirror {
				continue
			}
			mu.Lock()
			busy := running[p.Name]
			mu.Unlock()
			if busy {
				continue
			}
			next, ok := due[p.Name]
			if !ok {
				next = p.LastSync.Add(s.nextDelay(p))
				due[p.Name] = next
			}
			if now.Before(next) {
				continue
			}
			delete(due, p.Name) // recomputed from the new state after the sync
			mu.Lock()
			running[p.Name] = true
			mu.Unlock()
			wg.Add(1)
			go func(name string) {
				defer wg.Done()
				if _, err := s.syncPeer(ctx, name, nil); err != nil && ctx.Err() == nil {
					s.cfg.Log.Error("peer sync", "peer", name, "err", err)
				}
				mu.Lock()
				delete(running, name)
				mu.Unlock()
			}(p.Name)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
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
