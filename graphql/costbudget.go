package graphql

import (
	"fmt"
	"net"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

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
	used, retry, ok := h.ledger.Charge(clientOf(r), cost, h.limits.Now())
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
