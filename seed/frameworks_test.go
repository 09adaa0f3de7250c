package seed

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// seedPkg is the part of a CFPackage the tests read.
type seedPkg struct {
	CFDocument struct {
		Identifier, URI, Title, CaseVersion, Language, AdoptionStatus, Publisher string
		LastChangeDateTime                                                       string
	}
	CFItems []struct {
		Identifier, URI, FullStatement, HumanCodingScheme, CFItemType string
		EducationLevel                                                []string
	}
	CFAssociations []struct {
		Identifier, URI, AssociationType  string
		SequenceNumber                    *int
		OriginNodeURI, DestinationNodeURI casefile.LinkGenURI
	}
	CFDefinitions map[string][]struct{ Identifier, URI string }
	CFRubrics     []struct {
		Identifier       string
		CFRubricCriteria []struct {
			Identifier              string
			RubricID                string `json:"rubricId"`
			CFItemURI               *casefile.LinkURI
			CFRubricCriterionLevels []struct{ Identifier, RubricCriterionID, Quality string }
		}
	}
}

type seedNode struct {
	framework, uri, title string
}

// loadSeed parses every embedded framework and indexes its document and items.
func loadSeed(t *testing.T) ([]seedPkg, map[string]seedNode) {
	t.Helper()
	var pkgs []seedPkg
	nodes := map[string]seedNode{}
	for _, f := range Frameworks() {
		var p seedPkg
		dec := json.NewDecoder(bytes.NewReader(f.Data))
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("%s: not a CFPackage: %v", f.Name, err)
		}
		doc := p.CFDocument.Identifier
		nodes[doc] = seedNode{doc, p.CFDocument.URI, p.CFDocument.Title}
		for _, it := range p.CFItems {
			nodes[it.Identifier] = seedNode{doc, it.URI, it.HumanCodingScheme}
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nodes
}

func TestFrameworksInImportOrder(t *testing.T) {
	want := []struct {
		title    string
		minItems int
	}{
		{"casenode Demo: Mathematics Progression K–5", 45},
		{"casenode Demo: Northwind State Mathematics Standards", 35},
		{"casenode Demo: Core Numeracy Skills", 20},
	}
	pkgs, _ := loadSeed(t)
	if len(pkgs) != len(want) {
		t.Fatalf("got %d frameworks, want %d", len(pkgs), len(want))
	}
	for i, p := range pkgs {
		d := p.CFDocument
		if d.Title != want[i].title || len(p.CFItems) < want[i].minItems {
			t.Errorf("framework %d: %q with %d items, want %q with at least %d", i, d.Title, len(p.CFItems), want[i].title, want[i].minItems)
		}
		if d.CaseVersion != "1.1" || d.Language != "en" || d.AdoptionStatus != "Adopted" || d.Publisher != "casenode project" {
			t.Errorf("%s: caseVersion %q language %q adoptionStatus %q publisher %q", d.Title, d.CaseVersion, d.Language, d.AdoptionStatus, d.Publisher)
		}
		if ts, ok := casefile.NormalizeTime(d.LastChangeDateTime); !ok || ts != d.LastChangeDateTime {
			t.Errorf("%s: lastChangeDateTime %q is not RFC 3339 UTC", d.Title, d.LastChangeDateTime)
		}
	}
}

func TestFrameworkIdentifiersAreUniqueUUIDs(t *testing.T) {
	seen := map[string]string{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			_, isObject := v["lastChangeDateTime"] // links have none
			if id, ok := v["identifier"].(string); ok && isObject {
				if !casefile.IsUUID(id) {
					t.Errorf("%s: identifier %q is not a lower-case UUID", path, id)
				}
				if prev, dup := seen[id]; dup {
					t.Errorf("identifier %s used by %s and %s", id, prev, path)
				}
				seen[id] = path
			}
			for k, e := range v {
				walk(e, path+"."+k)
			}
		case []any:
			for i, e := range v {
				walk(e, path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	for _, f := range Frameworks() {
		var v any
		if err := json.Unmarshal(f.Data, &v); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		walk(v, f.Name)
	}
	if len(seen) < 150 {
		t.Errorf("only %d identified objects in the seed", len(seen))
	}
}

func TestFrameworkAssociationsResolveInsideTheSeed(t *testing.T) {
	pkgs, nodes := loadSeed(t)
	for _, p := range pkgs {
		children := 0
		for _, a := range p.CFAssociations {
			for _, end := range []casefile.LinkGenURI{a.OriginNodeURI, a.DestinationNodeURI} {
				n, ok := nodes[end.Identifier]
				if !ok {
					t.Errorf("%s: association %s points at %s, not in the seed", p.CFDocument.Title, a.Identifier, end.Identifier)
					continue
				}
				if end.URI != n.uri || end.Title != n.title {
					t.Errorf("association %s: end (%q, %q), want (%q, %q)", a.Identifier, end.Title, end.URI, n.title, n.uri)
				}
			}
			if a.AssociationType == casefile.IsChildOf {
				children++
				if a.SequenceNumber == nil || *a.SequenceNumber < 1 {
					t.Errorf("isChildOf %s without a sequenceNumber", a.Identifier)
				}
				if nodes[a.OriginNodeURI.Identifier].framework != p.CFDocument.Identifier ||
					nodes[a.DestinationNodeURI.Identifier].framework != p.CFDocument.Identifier {
					t.Errorf("isChildOf %s leaves its framework", a.Identifier)
				}
			}
		}
		if children != len(p.CFItems) {
			t.Errorf("%s: %d isChildOf for %d items", p.CFDocument.Title, children, len(p.CFItems))
		}
	}
}

func TestFrameworksDecodeWithoutProblems(t *testing.T) {
	for _, f := range Frameworks() {
		p, warns, err := casefile.Decode(bytes.NewReader(f.Data), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
		if err != nil {
			t.Fatalf("%s: %v (%v)", f.Name, err, casefile.ErrorMessage(err))
		}
		for _, w := range warns {
			t.Errorf("%s: warning %s", f.Name, w)
		}
		if probs := casefile.Validate(p); len(probs) > 0 {
			t.Errorf("%s: problems %v", f.Name, probs)
		}
		var raw seedPkg
		if err := json.Unmarshal(f.Data, &raw); err != nil {
			t.Fatal(err)
		}
		if len(p.CFItems) != len(raw.CFItems) || len(p.CFAssociations) != len(raw.CFAssociations) {
			t.Errorf("%s: decoded %d items %d associations, file has %d and %d", f.Name,
				len(p.CFItems), len(p.CFAssociations), len(raw.CFItems), len(raw.CFAssociations))
		}
	}
}

func TestNumeracyRubricAssessesASkill(t *testing.T) {
	pkgs, nodes := loadSeed(t)
	c := pkgs[2]
	if len(c.CFRubrics) != 1 || len(c.CFRubrics[0].CFRubricCriteria) == 0 {
		t.Fatalf("core numeracy skills: want one rubric with criteria, got %+v", c.CFRubrics)
	}
	r := c.CFRubrics[0]
	for _, cr := range r.CFRubricCriteria {
		if cr.RubricID != r.Identifier || cr.CFItemURI == nil || nodes[cr.CFItemURI.Identifier].framework != c.CFDocument.Identifier {
			t.Errorf("criterion %s: rubricId %q item %+v", cr.Identifier, cr.RubricID, cr.CFItemURI)
		}
		if len(cr.CFRubricCriterionLevels) < 2 {
			t.Errorf("criterion %s has %d levels", cr.Identifier, len(cr.CFRubricCriterionLevels))
		}
		for _, l := range cr.CFRubricCriterionLevels {
			if l.RubricCriterionID != cr.Identifier || l.Quality == "" {
				t.Errorf("level %s: criterion %q quality %q", l.Identifier, l.RubricCriterionID, l.Quality)
			}
		}
	}
}
