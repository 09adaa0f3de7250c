package server

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// limiter bounds the handlers at work (a semaphore that never queues). A
// request takes a slot only once its body has been read (see bodyGuard), so
// slow senders never hold one.
type limiter struct {
	slots chan struct{}
}

func newLimiter(maxConcurrent int) *limiter {
	return &limiter{slots: make(chan struct{}, maxConcurrent)}
}

// acquire takes a slot; ok is false when none is free.
func (l *limiter) acquire() (release func(), ok bool) {
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, true
	default:
		return nil, false
	}
}

func (l *limiter) inUse() (int, int) { return len(l.slots), cap(l.slots) }

// maxTrackedClients bounds the per-client table; idle entries are dropped
// first when it is full.
const maxTrackedClients = 65536

// clientBudgets is the budget of each client address: requests in flight
// (from arrival, body reading included) and, when a rate is set, a token
// bucket. One address cannot take more than its share, whatever it sends.
type clientBudgets struct {
	mu          sync.Mutex
	maxInFlight int
	rate        float64 // tokens per second per client; 0 = no rate limit
	burst       float64
	m           map[string]*clientBudget
}

type clientBudget struct {
	inFlight int
	level    float64
	last     time.Time
}

func newClientBudgets(maxInFlight int, rate float64, burst int) *clientBudgets {
	if burst <= 0 {
		burst = max(1, int(rate))
	}
	return &clientBudgets{maxInFlight: maxInFlight, rate: rate, burst: float64(burst), m: map[string]*clientBudget{}}
}

// enter admits one request of addr at now; ok is false when the client has
// as many requests in flight as allowed or has used its rate.
func (cb *clientBudgets) enter(addr string, now time.Time) (leave func(), ok bool) {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	c := cb.m[addr]
	if c == nil {
		if len(cb.m) >= maxTrackedClients {
			cb.sweep(now)
		}
		c = &clientBudget{level: cb.burst, last: now}
		cb.m[addr] = c
	}
	if c.inFlight >= cb.maxInFlight || !cb.take(c, now) {
		cb.forget(addr, c, now)
		return nil, false
	}
	c.inFlight++
	return func() {
		cb.mu.Lock()
		defer cb.mu.Unlock()
		c.inFlight--
		cb.forget(addr, c, now)
	}, true
}

// take removes one token from c's bucket, refilled for the time since its last use.
func (cb *clientBudgets) take(c *clientBudget, now time.Time) bool {
	if cb.rate <= 0 {
		return true
	}
	if now.After(c.last) {
		c.level = min(cb.burst, c.level+now.Sub(c.last).Seconds()*cb.rate)
		c.last = now
	}
	if c.level < 1 {
		return false
	}
	c.level--
	return true
}

// forget drops c when it holds nothing the client could lose: no request in
// flight and, with a rate, a full bucket.
func (cb *clientBudgets) forget(addr string, c *clientBudget, now time.Time) {
	if c.inFlight == 0 && (cb.rate <= 0 || cb.full(c, now)) {
		delete(cb.m, addr)
	}
}

func (cb *clientBudgets) full(c *clientBudget, now time.Time) bool {
	return c.level+now.Sub(c.last).Seconds()*cb.rate >= cb.burst
}

// sweep drops idle clients whose bucket has refilled, then, if the table is
// still full, every idle client.
func (cb *clientBudgets) sweep(now time.Time) {
	for addr, c := range cb.m {
		cb.forget(addr, c, now)
	}
	for addr, c := range cb.m {
		if len(cb.m) < maxTrackedClients {
			return
		}
		if c.inFlight == 0 {
			delete(cb.m, addr)
		}
	}
}

func (cb *clientBudgets) inFlight(addr string) int {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	if c := cb.m[addr]; c != nil {
		return c.inFlight
	}
	return 0
}

// clientAddr is the budget key of a request: the peer's IP address, an
// IPv6 address grouped by its /64 (one host usually holds a whole /64).
// Proxy headers are not trusted.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}
