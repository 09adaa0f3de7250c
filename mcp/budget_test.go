package mcp_test

import (
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/internal/costbudget"
	"github.com/casenode/casenode/mcp"
	"github.com/casenode/casenode/seed"
)

// Tool calls pay the same prices as GraphQL queries, charged to the caller's
// address before they run: a client over its budget is refused with the cost
// and the limit, and a call over the per-request limit is refused outright.
func TestToolCallsAreCharged(t *testing.T) {
	budget := int64(2 * (costbudget.Crosswalk + costbudget.Suggest))
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	n := newNode(t, false, func(d *mcp.Deps) {
		d.MaxClientCost = budget
		d.Now = func() time.Time { return now }
	})
	cs, err := n.httpSession(t, "")
	if err != nil {
		t.Fatal(err)
	}
	e := seed.Expected()
	args := map[string]any{"source": e.Frameworks.Northwind, "target": e.Frameworks.Progression, "suggest": true}
	for i := 0; i < 2; i++ {
		if err := call(t, cs, "crosswalk", args, nil); err != nil {
			t.Fatalf("call %d within the budget: %v", i+1, err)
		}
	}
	err = call(t, cs, "crosswalk", args, nil)
	if err == nil || !strings.Contains(err.Error(), "budget of 40200") || !strings.Contains(err.Error(), "costs 20100") {
		t.Fatalf("third call over the budget: %v", err)
	}
	// The next window starts afresh.
	now = now.Add(time.Minute)
	if err := call(t, cs, "crosswalk", args, nil); err != nil {
		t.Errorf("a call in the next window: %v", err)
	}

	tight := newNode(t, false, func(d *mcp.Deps) { d.MaxCost = costbudget.Crosswalk })
	cs2, err := tight.httpSession(t, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := call(t, cs2, "crosswalk", args, nil); err == nil || !strings.Contains(err.Error(), "over the limit of 100 per request") {
		t.Errorf("a call over the per-request limit: %v", err)
	}
}
