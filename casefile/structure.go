package casefile

import "strings"

// Structural oddities a package may carry. They are kept (a publisher's
// package is imported as published) but never silently: each is a warning
// at the JSON path of the object that shows it. (An item whose identifier
// is the CFDocument's is rejected by validate; a CFDocument identifier held
// as another framework's item is warned by the store.)
//   - an association whose origin and destination are the same object;
//   - isChildOf associations that form a cycle (one warning per cycle, at
//     the association that closes it).

// maxCycleWarnings bounds the cycle warnings of one package.
const maxCycleWarnings = 100

func (n *normalizer) structure() {
	parents := map[string][]int{} // child -> isChildOf association indexes
	for i := range n.p.CFAssociations {
		a := &n.p.CFAssociations[i]
		o, d := a.OriginNodeURI.Identifier, a.DestinationNodeURI.Identifier
		if o != "" && o == d {
			n.r.warnv(n.path+".CFAssociations["+itoa(i)+"]", "association links an object to itself (kept)", a.AssociationType+" "+o)
			continue
		}
		if a.AssociationType == IsChildOf && o != "" && d != "" {
			parents[o] = append(parents[o], i)
		}
	}
	n.childCycles(parents)
}

// childCycles walks the isChildOf graph depth-first (iteratively, so a deep
// tree cannot exhaust the stack) and warns at each association that closes
// a cycle.
func (n *normalizer) childCycles(parents map[string][]int) {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	warned := 0
	for start := range parents {
		if state[start] != unseen {
			continue
		}
		stack := []childFrame{{node: start}}
		state[start] = onPath
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			edges := parents[top.node]
			if top.next == len(edges) {
				state[top.node] = done
				stack = stack[:len(stack)-1]
				continue
			}
			ai := edges[top.next]
			top.next++
			parent := n.p.CFAssociations[ai].DestinationNodeURI.Identifier
			switch state[parent] {
			case onPath:
				if warned < maxCycleWarnings {
					n.r.warnv(n.path+".CFAssociations["+itoa(ai)+"]", "isChildOf cycle (kept)", cyclePath(stack, parent))
				}
				warned++
			case unseen:
				state[parent] = onPath
				stack = append(stack, childFrame{node: parent})
			}
		}
	}
}

// childFrame is one node on the depth-first path and the next of its
// isChildOf associations to follow.
type childFrame struct {
	node string
	next int
}

// cyclePath names the cycle from parent down the current path and back.
func cyclePath(stack []childFrame, parent string) string {
	var ids []string
	in := false
	for _, f := range stack {
		in = in || f.node == parent
		if in {
			ids = append(ids, f.node)
		}
	}
	return strings.Join(append(ids, parent), " -> ")
}
