// Package costbudget is the node's one cost model for expensive reads, shared
// by GraphQL and MCP: the prices of the heavy pieces of work and a ledger
// that charges each client address per window, refusing before the work.
package costbudget

import (
	"sync"
	"time"
)

// Prices of the work a request asks for.
const (
	Crosswalk = 100    // explicit and transitive links of two whole frameworks
	Suggest   = 20_000 // text-similarity suggestions for every source item
	CSV       = 10_000 // every row of a crosswalk, as CSV text
	Search    = 200    // one search (or alignment) with facets and highlights
	Mutation  = 100    // a write
)

// Defaults of the budgets (documented in README, "Limits on requests").
const (
	DefaultMaxCost = 200_000     // one request
	DefaultWindow  = time.Minute // the client window
)

// Budgets fills in the budgets left zero: maxCost per request
// (DefaultMaxCost), ten times that per client per window, and the window
// (DefaultWindow). GraphQL and MCP take their defaults from here.
func Budgets(maxCost, maxClientCost int64, window time.Duration) (int64, int64, time.Duration) {
	if maxCost <= 0 {
		maxCost = DefaultMaxCost
	}
	if maxClientCost <= 0 {
		maxClientCost = 10 * maxCost
	}
	if window <= 0 {
		window = DefaultWindow
	}
	return maxCost, maxClientCost, window
}

// Ledger charges costs to client addresses over fixed windows.
type Ledger struct {
	mu     sync.Mutex
	max    int64
	window time.Duration
	m      map[string]*spend
}

type spend struct {
	start time.Time
	used  int64
}

const maxLedgerClients = 65536

// New returns a ledger allowing max per client per window.
func New(max int64, window time.Duration) *Ledger {
	return &Ledger{max: max, window: window, m: map[string]*spend{}}
}

// Max is what one client may spend per window.
func (l *Ledger) Max() int64 { return l.max }

// Window is the length of a client's window.
func (l *Ledger) Window() time.Duration { return l.window }

// Charge adds cost to addr's window at now; ok is false (and nothing is
// charged) when it would pass the budget; retry is when the window ends.
func (l *Ledger) Charge(addr string, cost int64, now time.Time) (used int64, retry time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.m[addr]
	if s == nil || now.Sub(s.start) >= l.window {
		if s == nil && len(l.m) >= maxLedgerClients {
			l.sweep(now)
		}
		s = &spend{start: now}
		l.m[addr] = s
	}
	if s.used+cost > l.max {
		return s.used, s.start.Add(l.window).Sub(now), false
	}
	s.used += cost
	return s.used, 0, true
}

// sweep drops the windows that have ended.
func (l *Ledger) sweep(now time.Time) {
	for a, s := range l.m {
		if now.Sub(s.start) >= l.window {
			delete(l.m, a)
		}
	}
}
