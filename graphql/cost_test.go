package graphql_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

// queryFrom POSTs q as the client address addr.
func (n *node) queryFrom(t *testing.T, addr, q string, vars map[string]any) gqlResponse {
	t.Helper()
	return n.send(t, q, vars, "X-Test-Addr", addr)
}

func costOf(r gqlResponse) (cost, limit float64) {
	if len(r.Errors) == 0 {
		return -1, -1
	}
	c, _ := r.Errors[0].Extensions["cost"].(float64)
	l, _ := r.Errors[0].Extensions["limit"].(float64)
	return c, l
}

func TestExpensiveQueriesAreRefusedBeforeTheyRun(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	exp := seed.Expected()
	huge := `{ frameworks(first: 50) { nodes { items(first: 2000) { nodes { identifier associations { identifier destination { identifier } } } } } } }`
	var aliased strings.Builder
	aliased.WriteString("query($s: ID!, $t: ID!) {")
	for i := range 12 {
		fmt.Fprintf(&aliased, " c%d: crosswalk(source: $s, target: $t, suggest: true) { csv }", i)
	}
	aliased.WriteString(" }")
	pair := map[string]any{"s": exp.Frameworks.Progression, "t": exp.Frameworks.Northwind}
	viaVariable := "query($s: ID!, $t: ID!, $sg: Boolean!) {"
	for _, a := range "abcdefgh" {
		viaVariable += fmt.Sprintf(" %c: crosswalk(source: $s, target: $t, suggest: $sg) { csv }", a)
	}
	viaVariable += " }"
	for _, c := range []struct {
		name, q string
		vars    map[string]any
	}{
		{"50 frameworks × 2000 items × associations", huge, nil},
		{"twelve aliased crosswalk(suggest:true){csv}", aliased.String(), pair},
		{"suggest through a variable", viaVariable, map[string]any{"s": pair["s"], "t": pair["t"], "sg": true}},
	} {
		n.count.reset()
		r := n.query(t, "", c.q, c.vars)
		cost, limit := costOf(r)
		if r.status != http.StatusBadRequest || r.code() != "invalid" || cost <= limit || limit != 200_000 ||
			!strings.Contains(r.Errors[0].Message, fmt.Sprint(int64(cost))) || !strings.Contains(r.Errors[0].Message, "200000") {
			t.Errorf("%s: %d %+v", c.name, r.status, r.Errors)
		}
		if calls, _ := n.count.total(); calls != 0 {
			t.Errorf("%s: refused query still read the store %d times", c.name, calls)
		}
	}
	// Ordinary queries pass: one crosswalk with suggestions and CSV, a page
	// of items, a search, the console's introspection.
	ok := []struct {
		q    string
		vars map[string]any
	}{
		{`query($s: ID!, $t: ID!) { crosswalk(source: $s, target: $t, suggest: true) { totalRows csv rows { source { identifier } matches { kind score target { identifier } } } } }`, pair},
		{`query($id: ID!) { framework(id: $id) { title items(first: 2000) { totalCount nodes { identifier fullStatement humanCodingScheme children { identifier } } } } }`, map[string]any{"id": exp.Frameworks.Progression}},
		{`{ search(q: "fractions", first: 100) { total hits { identifier fullStatement path { title } highlights { field fragments } item { identifier } } facets { name values { value count } } } }`, nil},
		{`{ frameworks { nodes { identifier title itemCount roots { identifier children { identifier } } } } }`, nil},
		{`{ __schema { types { name kind fields { name args { name type { name kind ofType { name kind } } } } } } }`, nil},
	}
	for _, c := range ok {
		if r := n.query(t, "", c.q, c.vars); r.status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("ordinary query refused: %d %+v\n%s", r.status, r.Errors, c.q)
		}
	}
}

func TestCostIsTheProductOfPageSizesAlongAPath(t *testing.T) {
	// frameworks 1 + nodes 1 + 10 × (identifier + items) + 10 × nodes... :
	// 1 + 1 + 10 + 10 + 10 + 10×5 (identifier of each item) = 82.
	q := `{ frameworks(first: 10) { nodes { identifier items(first: 5) { nodes { identifier } } } } }`
	n := newNode(t, graphql.Limits{MaxCost: 81}, nil)
	r := n.query(t, "", q, nil)
	if cost, limit := costOf(r); r.status != http.StatusBadRequest || cost != 82 || limit != 81 {
		t.Errorf("cost 82 over a limit of 81: %d %+v", r.status, r.Errors)
	}
	n = newNode(t, graphql.Limits{MaxCost: 82}, nil)
	if r := n.query(t, "", q, nil); r.status != http.StatusOK {
		t.Errorf("cost 82 within a limit of 82: %d %+v", r.status, r.Errors)
	}
}

func TestEachClientHasACostBudgetPerWindow(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	n := newNode(t, graphql.Limits{MaxCost: 1000, MaxClientCost: 1000, CostWindow: time.Minute, Now: func() time.Time { return now }}, nil)
	n.importSeed(t)
	q := `{ frameworks(first: 100) { nodes { identifier title } } }` // 1 + 1 + 200 = 202
	served := 0
	for range 10 {
		r := n.queryFrom(t, "192.0.2.7", q, nil)
		if r.status == http.StatusTooManyRequests {
			if r.code() != "unavailable" || !strings.Contains(r.Errors[0].Message, "1000") {
				t.Errorf("over the client budget: %+v", r.Errors)
			}
			break
		}
		if r.status != http.StatusOK {
			t.Fatalf("within the budget: %d %+v", r.status, r.Errors)
		}
		served++
	}
	if served != 4 {
		t.Errorf("served %d queries of cost 202 within a budget of 1000, want 4", served)
	}
	if r := n.queryFrom(t, "192.0.2.8", q, nil); r.status != http.StatusOK {
		t.Errorf("another client is not charged for the first: %d %+v", r.status, r.Errors)
	}
	now = now.Add(time.Minute)
	if r := n.queryFrom(t, "192.0.2.7", q, nil); r.status != http.StatusOK {
		t.Errorf("a new window: %d %+v", r.status, r.Errors)
	}
}
