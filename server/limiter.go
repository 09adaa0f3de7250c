package server

import (
	"sync"
	"time"
)

// limiter bounds requests in flight (a semaphore that never queues) and,
// optionally, their rate (a token bucket shared by all clients).
type limiter struct {
	slots chan struct{}
	mu    sync.Mutex
	rate  float64 // tokens per second; 0 = no rate limit
	burst float64
	level float64
	last  time.Time
}

func newLimiter(maxConcurrent int, rate float64, burst int) *limiter {
	if burst <= 0 {
		burst = max(1, int(rate))
	}
	return &limiter{slots: make(chan struct{}, maxConcurrent), rate: rate, burst: float64(burst), level: float64(burst)}
}

// acquire takes a slot and a token at now; ok is false when none is free.
func (l *limiter) acquire(now time.Time) (release func(), ok bool) {
	if !l.take(now) {
		return nil, false
	}
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, true
	default:
		return nil, false
	}
}

// take removes one token from the bucket, refilled for the time since the last call.
func (l *limiter) take(now time.Time) bool {
	if l.rate <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() {
		l.level = min(l.burst, l.level+now.Sub(l.last).Seconds()*l.rate)
	}
	l.last = now
	if l.level < 1 {
		return false
	}
	l.level--
	return true
}

func (l *limiter) inUse() (int, int) { return len(l.slots), cap(l.slots) }
