package casefile_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// TestRealFixtureQuirks checks what the fixtures README says real data does,
// file by file, as a user of the imported framework would see it.
func TestRealFixtureQuirks(t *testing.T) {
	cases := []struct {
		dir, file string
		check     func(t *testing.T, p *casefile.Package, ws []casefile.Warning)
	}{
		{"real", "tx-teks-math-ch111.tea.cfpackage.json", func(t *testing.T, p *casefile.Package, ws []casefile.Warning) {
			d := p.CFDocument
			if d.AdoptionStatus != "Adopted" || !hasWarning(ws, "$.CFDocument.adoptionStatus", `"adopted" -> "Adopted"`) {
				t.Errorf("adoptionStatus %q", d.AdoptionStatus)
			}
			if len(d.Subject) != 1 || d.Subject[0] != "Mathematics" || !hasWarning(ws, "$.CFDocument.subject", "string converted to an array") {
				t.Errorf("subject %q", d.Subject)
			}
			if d.Version == "" || p.Version != casefile.V1p0 || len(p.CFItems) != 1515 {
				t.Errorf("version field %q, CASE %s, %d items", d.Version, p.Version, len(p.CFItems))
			}
		}},
		{"real", "sbac-math-content-spec.cfpackage.json", func(t *testing.T, p *casefile.Package, ws []casefile.Warning) {
			if len(p.CFAssociations) != 3367 || len(ws) != 1 || !strings.Contains(ws[0].Message, "exact duplicate") {
				t.Errorf("%d associations, warnings %v", len(p.CFAssociations), ws)
			}
			outside := 0
			in := map[string]bool{p.CFDocument.Identifier: true}
			for _, it := range p.CFItems {
				in[it.Identifier] = true
			}
			for _, a := range p.CFAssociations {
				if !in[a.DestinationNodeURI.Identifier] && a.DestinationNodeURI.URI != "" {
					outside++
				}
			}
			if outside < 2000 {
				t.Errorf("only %d destinations outside the package kept with their uri", outside)
			}
		}},
		{"real", "ngss-science-2013.opensalt.cfpackage.json", func(t *testing.T, p *casefile.Package, ws []casefile.Warning) {
			n := 0
			for _, a := range p.CFAssociations {
				if a.AssociationType == casefile.ExactMatchOf && a.DestinationNodeURI.Title == "destination node" {
					n++
				}
			}
			if n != 8 || len(ws) != 0 {
				t.Errorf("%d exactMatchOf to another framework, warnings %v", n, ws)
			}
		}},
		{"real", "ccss-math-2010.opensalt.cfpackage.json", func(t *testing.T, p *casefile.Package, _ []casefile.Warning) {
			if out := encode(t, p, casefile.V1p1); bytes.Contains(out, []byte(`"notes":""`)) {
				t.Error("empty notes emitted")
			}
		}},
		{"v1p1", "compeito-opencase-roundtrip.v1p1.cfpackage.json", func(t *testing.T, p *casefile.Package, _ []casefile.Warning) {
			if p.Version != casefile.V1p1 || len(p.CFRubrics) != 2 {
				t.Errorf("version %s, %d rubrics", p.Version, len(p.CFRubrics))
			}
			first := p.CFItems[0]
			if first.Identifier != "10000000-0000-0000-0000-000000000001" || first.OriginalIdentifier != "" {
				t.Errorf("version-0 identifier not kept as published: %q (original %q)", first.Identifier, first.OriginalIdentifier)
			}
			in := map[string]bool{}
			for _, it := range p.CFItems {
				in[it.Identifier] = true
			}
			for i, a := range p.CFAssociations {
				if !in[a.OriginNodeURI.Identifier] {
					t.Errorf("association %d origin %s no longer points at an item of the package", i, a.OriginNodeURI.Identifier)
				}
			}
			for _, c := range p.CFRubrics[0].CFRubricCriteria {
				if c.CFItemURI != nil && !in[c.CFItemURI.Identifier] {
					t.Errorf("rubric criterion points at %s, not an item of the package", c.CFItemURI.Identifier)
				}
			}
		}},
		{"opensalt", "SequenceNumberFramework.json", func(t *testing.T, p *casefile.Package, _ []casefile.Warning) {
			for i, a := range p.CFAssociations {
				if a.SequenceNumber == nil {
					t.Errorf("association %d lost its sequenceNumber", i)
				}
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			p, ws := decodeFile(t, fixture.Path(t, c.dir, c.file))
			c.check(t, p, ws)
		})
	}
}
