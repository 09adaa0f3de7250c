package web

import (
	"context"
	"net/http"

	"github.com/casenode/casenode/casefile"
)

// treeNode is one item of a framework tree as the page shows it. Only the
// nodes on the path to an opened item carry their Kids; the others load them
// on demand.
type treeNode struct {
	FW        string // framework identifier, for the links
	ID        string
	Code      string
	Statement string
	Type      string
	Children  int
	Open      bool
	Current   bool // the item asked for with ?open=
	Kids      []treeNode
}

// childLevels loads the children of each parent and, for counting, the
// children of those children: two batched queries whatever the fan-out.
func (h *handler) childLevels(ctx context.Context, parents []string) (kids, grand map[string][]casefile.Item, err error) {
	kids, err = h.deps.Store.Children(ctx, parents)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, p := range parents {
		for _, it := range kids[p] {
			ids = append(ids, it.Identifier)
		}
	}
	grand = map[string][]casefile.Item{}
	if len(ids) > 0 {
		if grand, err = h.deps.Store.Children(ctx, ids); err != nil {
			return nil, nil, err
		}
	}
	return kids, grand, nil
}

// treeNodes turns items into nodes, counting their children from grand.
func treeNodes(fw string, items []casefile.Item, grand map[string][]casefile.Item) []treeNode {
	nodes := make([]treeNode, 0, len(items))
	for _, it := range items {
		nodes = append(nodes, treeNode{
			FW: fw, ID: it.Identifier, Code: it.HumanCodingScheme,
			Statement: it.FullStatement, Type: it.CFItemType,
			Children: len(grand[it.Identifier]),
		})
	}
	return nodes
}

// topLevel returns the framework's root items; when open names an item of
// the tree, the path down to it is expanded (the no-JavaScript way to browse).
func (h *handler) topLevel(ctx context.Context, fw, open string) ([]treeNode, error) {
	parents := []string{fw}
	onPath := map[string]bool{}
	if open != "" {
		if anc, err := h.deps.Store.Ancestors(ctx, open); err == nil {
			for _, a := range anc {
				parents = append(parents, a.Identifier)
				onPath[a.Identifier] = true
			}
			parents = append(parents, open)
			onPath[open] = true
		} else if casefile.ErrorCode(err) != casefile.NotFound {
			return nil, err
		}
	}
	kids, grand, err := h.childLevels(ctx, parents)
	if err != nil {
		return nil, err
	}
	// kids also holds the children of nodes on the path; merge them into grand
	// so every rendered node knows its own children.
	for id, items := range kids {
		if _, ok := grand[id]; !ok {
			grand[id] = items
		}
	}
	return expand(fw, kids[fw], grand, onPath, map[string]bool{}), nil
}

// expand builds nodes for items, descending into those on the open path.
// seen guards against cycles in bad data.
func expand(fw string, items []casefile.Item, all map[string][]casefile.Item, onPath, seen map[string]bool) []treeNode {
	nodes := treeNodes(fw, items, all)
	for i := range nodes {
		id := nodes[i].ID
		if onPath[id] && !seen[id] && nodes[i].Children > 0 {
			seen[id] = true
			nodes[i].Open = true
			nodes[i].Kids = expand(fw, all[id], all, onPath, seen)
		}
	}
	return nodes
}

// children answers GET /frameworks/{id}/children/{itemId} with the HTML
// fragment of an item's children, which site.js puts in place.
func (h *handler) children(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	fw, itemID := r.PathValue("id"), r.PathValue("itemId")
	it, err := h.deps.Store.Item(ctx, itemID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	kids, grand, err := h.childLevels(ctx, []string{it.Identifier})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	h.fragment(w, r, "tree_list", treeNodes(fw, kids[it.Identifier], grand))
}
