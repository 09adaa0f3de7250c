package web

import "github.com/casenode/casenode/casefile"

// A heading has no skill of its own, so it is not matched; what its items
// match explains it instead: how many of the items under it have a match, and
// the first targets they match.

// maxExplainTargets bounds the targets listed under a heading.
const maxExplainTargets = 5

// headingExplain is what the items under a heading match.
type headingExplain struct {
	Matched, Of int
	Targets     []casefile.LinkURI
}

// explainHeadings adds up, for every heading among rows, the items (not
// headings) below it at any depth that have a match, with their best
// targets. Rows name their parent; the walk up is bounded against cycles.
func explainHeadings(rows []casefile.CrosswalkRow) map[string]*headingExplain {
	parent := make(map[string]string, len(rows))
	heading := map[string]bool{}
	for _, r := range rows {
		if r.Parent != nil {
			parent[r.Source.Identifier] = r.Parent.Identifier
		}
		if r.Heading {
			heading[r.Source.Identifier] = true
		}
	}
	out := map[string]*headingExplain{}
	for _, r := range rows {
		if r.Heading {
			continue
		}
		id := r.Source.Identifier
		for step := 0; step < 32; step++ {
			p, ok := parent[id]
			if !ok {
				break
			}
			if heading[p] {
				e := out[p]
				if e == nil {
					e = &headingExplain{}
					out[p] = e
				}
				e.Of++
				if len(r.Matches) > 0 {
					e.Matched++
					e.addTarget(r.Matches[0].Target)
				}
			}
			id = p
		}
	}
	return out
}

func (e *headingExplain) addTarget(t casefile.LinkURI) {
	if len(e.Targets) == maxExplainTargets {
		return
	}
	for _, have := range e.Targets {
		if have.Identifier == t.Identifier {
			return
		}
	}
	e.Targets = append(e.Targets, t)
}
