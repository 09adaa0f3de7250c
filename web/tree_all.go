package web

import (
	"context"

	"github.com/casenode/casenode/casefile"
)

// maxExpandItems bounds the tree "expand all" renders in one page; larger
// frameworks are browsed level by level.
const maxExpandItems = 6000

// wholeTree loads the framework's tree level by level (one batched query a
// level) and returns every node open. ok is false when the framework is too
// large to show at once.
func (h *handler) wholeTree(ctx context.Context, fw string, items int) (nodes []treeNode, ok bool, err error) {
	if items > maxExpandItems {
		return nil, false, nil
	}
	all := map[string][]casefile.Item{}
	level := []string{fw}
	seen := map[string]bool{fw: true}
	for len(level) > 0 && len(seen) <= maxExpandItems+1 {
		kids, err := h.deps.Store.Children(ctx, level)
		if err != nil {
			return nil, false, err
		}
		var next []string
		for _, p := range level {
			all[p] = kids[p]
			for _, it := range kids[p] {
				if !seen[it.Identifier] { // cycles in bad data end here
					seen[it.Identifier] = true
					next = append(next, it.Identifier)
				}
			}
		}
		level = next
	}
	onPath := make(map[string]bool, len(seen))
	for id := range seen {
		onPath[id] = true
	}
	return expand(fw, all[fw], all, onPath, map[string]bool{}), true, nil
}

// markCurrent flags the node with id (the item opened with ?open=) so the
// page highlights it and scrolls to it.
func markCurrent(nodes []treeNode, id string) bool {
	for i := range nodes {
		if nodes[i].ID == id {
			nodes[i].Current = true
			return true
		}
		if markCurrent(nodes[i].Kids, id) {
			return true
		}
	}
	return false
}
