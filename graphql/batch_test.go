package graphql_test

import (
	"testing"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

const nestedQuery = `query($id: ID!, $first: Int = 100) { framework(id: $id) { title items(first: $first) { totalCount nodes {
  identifier humanCodingScheme framework { identifier }
  parents { identifier }
  children { identifier fullStatement associations { associationType destinationItem { identifier } } }
  associations(direction: BOTH) { associationType originItem { identifier } destinationItem { identifier } } } } } }`

type nestedOut struct {
	Framework struct {
		Items struct {
			TotalCount int
			Nodes      []struct {
				Identifier string
				Framework  struct{ Identifier string }
				Parents    []struct{ Identifier string }
				Children   []struct {
					Identifier   string
					Associations []struct {
						AssociationType string
						DestinationItem *struct{ Identifier string }
					}
				}
				Associations []struct {
					AssociationType string
					OriginItem      *struct{ Identifier string }
				}
			}
		}
	}
}

// A nested query over 1,000 items costs a bounded number of store calls
// (per level of the query), not one per item.
func TestNestedQueryIsBatched(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	pkg := seed.Synth(seed.SynthOptions{Items: 1200, Seed: 7})
	n.importPackage(t, pkg)
	fw := pkg.CFDocument.Identifier

	calls := func(first int) (int, map[string]int, nestedOut) {
		n.count.reset()
		var out nestedOut
		n.mustQuery(t, nestedQuery, map[string]any{"id": fw, "first": first}, &out)
		total, by := n.count.total()
		return total, by, out
	}
	calls(11) // requests share the framework summary (one store generation): count from the second request on
	small, _, _ := calls(10)
	total, by, out := calls(1000)
	nodes := out.Framework.Items.Nodes
	if len(nodes) != 1000 || out.Framework.Items.TotalCount != 1200 {
		t.Fatalf("%d nodes of %d", len(nodes), out.Framework.Items.TotalCount)
	}
	withKids, withParents, childLinks := 0, 0, 0
	for _, it := range nodes {
		if it.Framework.Identifier != fw {
			t.Fatalf("item %s framework %q", it.Identifier, it.Framework.Identifier)
		}
		if len(it.Children) > 0 {
			withKids++
		}
		if len(it.Parents) > 0 {
			withParents++
		}
		for _, c := range it.Children {
			childLinks += len(c.Associations)
		}
	}
	if withKids == 0 || withParents == 0 || childLinks == 0 {
		t.Fatalf("nested data missing: %d with children, %d with parents, %d child links", withKids, withParents, childLinks)
	}
	// framework, itemsOf, itemFramework, children, associations ×2 levels, items ×2 levels, parents' items.
	const limit = 12
	t.Logf("store calls: %d for 1,000 items (%v), %d for 10 items", total, by, small)
	if total > limit {
		t.Errorf("%d store calls for a nested query over 1,000 items, want ≤ %d: %v", total, limit, by)
	}
	if total != small {
		t.Errorf("store calls grow with the page: %d for 10 items, %d for 1,000", small, total)
	}
}
