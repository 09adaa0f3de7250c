package graphql_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

const itemsPageQuery = `query($id: ID!, $first: Int!, $after: String) { framework(id: $id) {
  items(first: $first, after: $after) { totalCount nodes { identifier fullStatement } pageInfo { hasNextPage endCursor } } } }`

type itemsPageOut struct {
	Framework struct {
		Items struct {
			TotalCount int
			Nodes      []struct{ Identifier, FullStatement string }
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
}

// Walking Framework.items page by page with the cursors gives every item
// once, in the store's order, whatever the page size, with the right total
// and page info at each boundary.
func TestItemsPagesWalkTheWholeFramework(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	pkg := seed.Synth(seed.SynthOptions{Items: 137, Seed: 3})
	n.importPackage(t, pkg)
	fw := pkg.CFDocument.Identifier
	want, err := n.db.ItemsOf(context.Background(), fw)
	if err != nil || len(want) != 137 {
		t.Fatalf("%d items, %v", len(want), err)
	}
	for _, size := range []int{1, 20, 68, 136, 137, 500} {
		var got []string
		var after any
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatalf("first=%d: the cursors never end", size)
			}
			var out itemsPageOut
			n.mustQuery(t, itemsPageQuery, map[string]any{"id": fw, "first": size, "after": after}, &out)
			c := out.Framework.Items
			if c.TotalCount != len(want) {
				t.Fatalf("first=%d page %d: totalCount %d, want %d", size, pages, c.TotalCount, len(want))
			}
			for i, nd := range c.Nodes {
				w := want[len(got)+i]
				if nd.Identifier != w.Identifier || nd.FullStatement != w.FullStatement {
					t.Fatalf("first=%d position %d: %s, want %s", size, len(got)+i, nd.Identifier, w.Identifier)
				}
			}
			got = append(got, make([]string, len(c.Nodes))...)
			if c.PageInfo.HasNextPage != (len(got) < len(want)) || (len(c.Nodes) > 0) != (c.PageInfo.EndCursor != nil) {
				t.Fatalf("first=%d after %d items: pageInfo %+v", size, len(got), c.PageInfo)
			}
			if !c.PageInfo.HasNextPage {
				break
			}
			after = *c.PageInfo.EndCursor
		}
		if len(got) != len(want) {
			t.Fatalf("first=%d: walked %d items of %d", size, len(got), len(want))
		}
	}
}

// A cursor past the end gives an empty page; a cursor that overflows is refused.
func TestItemsPageCursorsAtTheEdges(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	pkg := seed.Synth(seed.SynthOptions{Items: 30, Seed: 3})
	n.importPackage(t, pkg)
	fw := pkg.CFDocument.Identifier
	var last itemsPageOut
	n.mustQuery(t, itemsPageQuery, map[string]any{"id": fw, "first": 30}, &last)
	var out itemsPageOut
	n.mustQuery(t, itemsPageQuery, map[string]any{"id": fw, "first": 5, "after": *last.Framework.Items.PageInfo.EndCursor}, &out)
	if c := out.Framework.Items; len(c.Nodes) != 0 || c.TotalCount != 30 || c.PageInfo.HasNextPage || c.PageInfo.EndCursor != nil {
		t.Fatalf("page after the last item: %+v", c)
	}
	r := n.query(t, "", itemsPageQuery, map[string]any{"id": fw, "first": 5, "after": "bzo5MjIzMzcyMDM2ODU0Nzc1ODA3"}) // o:MaxInt64
	if len(r.Errors) == 0 {
		t.Fatalf("an overflowing cursor was accepted: %s", r.Data)
	}
}

// The same page asked for twice in one query, or again by the next request,
// is read from the store once; after a re-import the framework and its pages
// show the new content and count.
func TestItemsPageSharedAndFollowsReimport(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	pkg := seed.Synth(seed.SynthOptions{Items: 50, Seed: 3})
	n.importPackage(t, pkg)
	fw := pkg.CFDocument.Identifier
	n.count.reset()
	var two struct {
		Framework struct{ A, B struct{ TotalCount int } }
	}
	n.mustQuery(t, `query($id: ID!) { framework(id: $id) { a: items(first: 20) { totalCount } b: items(first: 20) { totalCount } } }`,
		map[string]any{"id": fw}, &two)
	if _, by := n.count.total(); by["ItemsPage"] != 1 || two.Framework.A.TotalCount != 50 {
		t.Fatalf("store calls %v, totals %+v", by, two.Framework)
	}
	var out itemsPageOut
	n.mustQuery(t, itemsPageQuery, map[string]any{"id": fw, "first": 20}, &out)
	if _, by := n.count.total(); by["ItemsPage"] != 1 || by["Framework"] != 1 {
		t.Fatalf("a second request read the store again: %v", by)
	}
	pkg.CFItems = pkg.CFItems[:40]
	pkg.CFItems[0].FullStatement = "Changed statement"
	pkg.CFDocument.Title = "Changed title"
	n.importPackage(t, pkg)
	var after struct {
		Framework struct {
			Title string
			Items struct {
				TotalCount int
				Nodes      []struct{ FullStatement string }
			}
		}
	}
	n.mustQuery(t, `query($id: ID!) { framework(id: $id) { title items(first: 20) { totalCount nodes { identifier fullStatement } } } }`,
		map[string]any{"id": fw}, &after)
	if c := after.Framework.Items; c.TotalCount != 40 || c.Nodes[0].FullStatement != "Changed statement" || after.Framework.Title != "Changed title" {
		t.Fatalf("after re-import: title %q, total %d, first %q", after.Framework.Title, c.TotalCount, c.Nodes[0].FullStatement)
	}
}
