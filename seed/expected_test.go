package seed

import (
	"testing"

	"github.com/casenode/casenode/casefile"
)

// linkSet indexes every association of the seed by (origin, destination).
func linkSet(pkgs []seedPkg) map[[2]string][]string {
	links := map[[2]string][]string{}
	for _, p := range pkgs {
		for _, a := range p.CFAssociations {
			k := [2]string{a.OriginNodeURI.Identifier, a.DestinationNodeURI.Identifier}
			links[k] = append(links[k], a.AssociationType)
		}
	}
	return links
}

func linked(links map[[2]string][]string, x, y string) bool {
	return len(links[[2]string{x, y}]) > 0 || len(links[[2]string{y, x}]) > 0
}

func has(types []string, t string) bool {
	for _, s := range types {
		if s == t {
			return true
		}
	}
	return false
}

func TestExpectedFrameworksAreTheSeed(t *testing.T) {
	pkgs, _ := loadSeed(t)
	e := Expected()
	got := []string{e.Frameworks.Progression, e.Frameworks.Northwind, e.Frameworks.Numeracy}
	for i, p := range pkgs {
		if p.CFDocument.Identifier != got[i] {
			t.Errorf("expected framework %d is %s, seed has %s", i, got[i], p.CFDocument.Identifier)
		}
	}
}

func TestExpectedExplicitPairsAreAssociationsOfNorthwind(t *testing.T) {
	pkgs, nodes := loadSeed(t)
	e, links := Expected(), linkSet(pkgs)
	count := map[string]int{}
	for _, p := range e.Explicit {
		if nodes[p.Source].framework != e.Frameworks.Northwind || nodes[p.Target].framework != e.Frameworks.Progression {
			t.Errorf("%s→%s: source must be in Northwind, target in the progression", p.SourceCode, p.TargetCode)
		}
		if nodes[p.Source].title != p.SourceCode || nodes[p.Target].title != p.TargetCode {
			t.Errorf("%s→%s: codes do not match items %q, %q", p.SourceCode, p.TargetCode, nodes[p.Source].title, nodes[p.Target].title)
		}
		if !has(links[[2]string{p.Source, p.Target}], p.Type) {
			t.Errorf("%s %s %s: no such association", p.SourceCode, p.Type, p.TargetCode)
		}
		count[p.Type]++
	}
	if count[casefile.ExactMatchOf] < 8 || count[casefile.IsRelatedTo] < 5 {
		t.Errorf("explicit pairs by type %v, want ≥8 exactMatchOf and ≥5 isRelatedTo", count)
	}
}

func TestExpectedTransitivePairsGoOnlyThroughNumeracy(t *testing.T) {
	pkgs, nodes := loadSeed(t)
	e, links := Expected(), linkSet(pkgs)
	if len(e.Transitive) < 4 {
		t.Errorf("%d transitive pairs, want ≥4", len(e.Transitive))
	}
	for _, p := range e.Transitive {
		if nodes[p.A].framework != e.Frameworks.Progression || nodes[p.B].framework != e.Frameworks.Northwind ||
			nodes[p.Via].framework != e.Frameworks.Numeracy {
			t.Errorf("%s ↔ %s via %s: wrong frameworks", p.ACode, p.BCode, p.ViaCode)
		}
		if !has(links[[2]string{p.A, p.Via}], p.AType) || !has(links[[2]string{p.B, p.Via}], p.BType) {
			t.Errorf("%s %s %s / %s %s %s: missing association", p.ACode, p.AType, p.ViaCode, p.BCode, p.BType, p.ViaCode)
		}
		if linked(links, p.A, p.B) {
			t.Errorf("%s and %s are linked directly", p.ACode, p.BCode)
		}
	}
}

func TestExpectedSuggestionsAndUnmatchedHaveNoLinks(t *testing.T) {
	pkgs, nodes := loadSeed(t)
	e := Expected()
	if len(e.Suggestions) < 10 {
		t.Errorf("%d suggestion pairs, want ≥10", len(e.Suggestions))
	}
	sources := map[string]bool{}
	for _, u := range e.Unmatched {
		if nodes[u.Item].framework != e.Frameworks.Northwind || nodes[u.Item].title != u.Code {
			t.Errorf("unmatched %s is not that Northwind item", u.Code)
		}
		sources[u.Item] = true
	}
	if len(e.Unmatched) == 0 {
		t.Error("no unmatched Northwind items")
	}
	for _, p := range e.Suggestions {
		if nodes[p.Source].framework != e.Frameworks.Northwind || nodes[p.Target].framework != e.Frameworks.Progression {
			t.Errorf("%s→%s: source must be in Northwind, target in the progression", p.SourceCode, p.TargetCode)
		}
		if nodes[p.Source].title != p.SourceCode || nodes[p.Target].title != p.TargetCode {
			t.Errorf("%s→%s: codes do not match the items", p.SourceCode, p.TargetCode)
		}
		sources[p.Source] = true
	}
	for _, p := range pkgs {
		for _, a := range p.CFAssociations {
			if a.AssociationType != casefile.IsChildOf && sources[a.OriginNodeURI.Identifier] {
				t.Errorf("suggestion source %s has a %s association", a.OriginNodeURI.Title, a.AssociationType)
			}
			if sources[a.DestinationNodeURI.Identifier] && nodes[a.OriginNodeURI.Identifier].framework != e.Frameworks.Northwind {
				t.Errorf("suggestion source %s is the destination of %s", a.DestinationNodeURI.Title, a.AssociationType)
			}
		}
	}
}
