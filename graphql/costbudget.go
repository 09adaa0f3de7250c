package graphql

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
)

// costLedger charges query costs to client addresses over fixed windows.
type costLedger struct {
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

func newCostLedger(max int64, window time.Duration) *costLedger {
	return &costLedger{max: max, window: window, m: map[string]*spend{}}
}

// charge adds cost to addr's window at now; ok is false (and nothing is
// charged) when it would pass the budget; retry is when the window ends.
func (l *costLedger) charge(addr string, cost int64, now time.Time) (used int64, retry time.Duration, ok bool) {
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
func (l *costLedger) sweep(now time.Time) {
	for a, s := range l.m {
		if now.Sub(s.start) >= l.window {
			delete(l.m, a)
		}
	}
}

// admit refuses a query whose cost passes the per-request limit (400) or the
// client's budget for the current window (429), before it runs.
func (h *handler) admit(w http.ResponseWriter, r *http.Request, req request) bool {
	cost, ok := h.cost.queryCost(req.Query, req.OperationName, req.Variables)
	if !ok {
		return true // not a parsable query: execution answers why
	}
	if cost > h.limits.MaxCost {
		writeCostError(w, http.StatusBadRequest, casefile.Invalid, cost, h.limits.MaxCost,
			fmt.Sprintf("the query costs %d, over the limit of %d per request; ask for smaller pages, fewer nested lists or fewer expensive fields (suggestions, csv, search)", cost, h.limits.MaxCost))
		return false
	}
	used, retry, ok := h.ledger.charge(clientOf(r), cost, h.limits.Now())
	if !ok {
		w.Header().Set("Retry-After", fmt.Sprint(max(1, int(retry.Seconds()+0.5))))
		writeCostError(w, http.StatusTooManyRequests, casefile.Unavailable, cost, h.limits.MaxClientCost,
			fmt.Sprintf("the query costs %d and this client has used %d of its budget of %d per %s; retry later", cost, used, h.limits.MaxClientCost, h.limits.CostWindow))
		return false
	}
	return true
}

// clientOf is the caller's budget key: the one the server's middleware set,
// or the peer's IP when the handler runs on its own.
func clientOf(r *http.Request) string {
	if a := casefile.ClientAddrFrom(r.Context()); a != "" {
		return a
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func writeCostError(w http.ResponseWriter, status int, code casefile.Code, cost, limit int64, msg string) {
	writeErrorExt(w, status, msg, map[string]any{"code": string(code), "cost": cost, "limit": limit})
}
