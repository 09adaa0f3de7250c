package federation

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func TestBackoff(t *testing.T) {
	cases := []struct {
		interval time.Duration
		failures int
		r        float64
		want     time.Duration
	}{
		{time.Minute, 0, 0.5, time.Minute},
		{time.Minute, 1, 1, 2 * time.Minute},
		{time.Minute, 3, 1, 8 * time.Minute},
		{time.Minute, 3, 0, 6 * time.Minute}, // jitter: 75 %
		{time.Minute, 40, 1, time.Hour},      // capped
		{2 * time.Hour, 5, 1, 2 * time.Hour}, // never below the interval
	}
	for _, c := range cases {
		if got := backoff(c.interval, c.failures, time.Hour, c.r); got != c.want {
			t.Errorf("backoff(%s, %d, r=%v) = %s, want %s", c.interval, c.failures, c.r, got, c.want)
		}
	}
}

// Run harvests a mirror peer without being asked, keeps it in sync on its
// interval, and returns promptly when cancelled.
func TestRunLoop(t *testing.T) {
	prov := newProvider(t)
	prov.put("alpha", pkgJSON("alpha", prov.srv.URL, 2, "v1"))
	node := newTestNode(t, "local", func(c *Config) { c.LoopTick = 20 * time.Millisecond })
	if _, err := node.svc.AddPeer(context.Background(), casefile.Peer{Name: "p", URL: prov.srv.URL, Interval: time.Second}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- node.svc.Run(ctx) }()
	waitFor(t, 3*time.Second, func() bool { _, ok := node.framework(fid("alpha")); return ok })
	prov.put("beta", pkgJSON("beta", prov.srv.URL, 2, "v1"))
	waitFor(t, 4*time.Second, func() bool { _, ok := node.framework(fid("beta")); return ok })
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A failing peer is retried after a growing delay, not on every tick.
func TestRunLoopBacksOff(t *testing.T) {
	var feeds atomic.Int64
	url := newRawServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == pathChanges {
			feeds.Add(1)
		}
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	node := newTestNode(t, "local", func(c *Config) { c.LoopTick = 20 * time.Millisecond })
	ctx := context.Background()
	if err := node.db.PutPeer(ctx, casefile.Peer{Name: "p", URL: url, Mode: casefile.PeerMirror, Interval: time.Second}, casefile.PeerCredentials{}); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithTimeout(ctx, 1400*time.Millisecond)
	defer cancel()
	node.svc.Run(runCtx) // returns at the deadline
	// First attempt at once; after one failure the next waits 2 s × [0.75, 1] ≥ 1.5 s.
	if n := feeds.Load(); n != 1 {
		t.Errorf("%d sync attempts in 1.4 s against a failing peer with a 1 s interval, want 1 (backoff)", n)
	}
	p, _ := node.db.Peer(ctx, "p")
	if p.Failures != 1 || !strings.Contains(p.LastError, "HTTP 503") {
		t.Errorf("peer state: %+v", p)
	}
}
