package mcp

import (
	"context"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/costbudget"
)

// Tool calls are priced with the node's one cost model (internal/costbudget,
// as GraphQL queries are) and charged to the caller's address before they
// run: the same per-request limit and the same budget per client and window.
// Calls over stdio carry no address: they are the operator's own.

// coster is a tool input that knows what its call costs.
type coster interface{ cost() int64 }

func (in crosswalkIn) cost() int64 {
	if in.Suggest {
		return costbudget.Crosswalk + costbudget.Suggest
	}
	return costbudget.Crosswalk
}

func (searchIn) cost() int64 { return costbudget.Search }
func (alignIn) cost() int64  { return costbudget.Search }

// charge refuses a call whose cost passes the budgets, with the cost and the limit.
func (s *Server) charge(ctx context.Context, in any) error {
	c, ok := in.(coster)
	if !ok {
		return nil
	}
	cost := c.cost()
	if cost > s.deps.MaxCost {
		return casefile.Errorf(casefile.Invalid, "this call costs %d, over the limit of %d per request", cost, s.deps.MaxCost)
	}
	addr := casefile.ClientAddrFrom(ctx)
	if addr == "" {
		return nil
	}
	used, retry, ok := s.ledger.Charge(addr, cost, s.deps.Now())
	if !ok {
		return casefile.Errorf(casefile.Unavailable, "this call costs %d and this client has used %d of its budget of %d per %s; retry in %s",
			cost, used, s.ledger.Max(), s.ledger.Window(), retry.Round(time.Second))
	}
	return nil
}
