package casefile_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// canonical returns a copy of c with Unknown and Extensions merged (1.1
// output carries unknown members inside extensions) and values compacted.
func canonical(c casefile.Common) casefile.Common {
	merged := casefile.Fields{}
	for _, src := range []casefile.Fields{c.Unknown, c.Extensions} {
		for k, v := range src {
			var b bytes.Buffer
			if json.Compact(&b, v) == nil {
				v = b.Bytes()
			}
			merged[k] = v
		}
	}
	if len(merged) == 0 {
		merged = nil
	}
	return casefile.Common{Extensions: merged, OriginalIdentifier: c.OriginalIdentifier}
}

func same(t *testing.T, what string, a, b any) {
	t.Helper()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%s differs after round trip:\n first: %+v\nsecond: %+v", what, a, b)
	}
}

// comparePackages compares every object of two packages field by field
// (Common in canonical form; the document's caseVersion and the detected
// version are not compared: 1.1 output always says 1.1).
func comparePackages(t *testing.T, a, b *casefile.Package) {
	t.Helper()
	da, db := a.CFDocument, b.CFDocument
	da.Common, db.Common = canonical(da.Common), canonical(db.Common)
	da.CaseVersion, db.CaseVersion = "", ""
	same(t, "CFDocument", da, db)
	if len(a.CFItems) != len(b.CFItems) || len(a.CFAssociations) != len(b.CFAssociations) {
		t.Fatalf("counts differ: items %d/%d associations %d/%d", len(a.CFItems), len(b.CFItems), len(a.CFAssociations), len(b.CFAssociations))
	}
	for i := range a.CFItems {
		x, y := a.CFItems[i], b.CFItems[i]
		x.Common, y.Common = canonical(x.Common), canonical(y.Common)
		same(t, "CFItems["+itoa(i)+"]", x, y)
	}
	for i := range a.CFAssociations {
		x, y := a.CFAssociations[i], b.CFAssociations[i]
		x.Common, y.Common = canonical(x.Common), canonical(y.Common)
		same(t, "CFAssociations["+itoa(i)+"]", x, y)
	}
	compareDefinitions(t, &a.CFDefinitions, &b.CFDefinitions)
	if len(a.CFRubrics) != len(b.CFRubrics) {
		t.Fatalf("rubric counts differ: %d/%d", len(a.CFRubrics), len(b.CFRubrics))
	}
	for i := range a.CFRubrics {
		same(t, "CFRubrics["+itoa(i)+"]", canonicalRubric(a.CFRubrics[i]), canonicalRubric(b.CFRubrics[i]))
	}
	same(t, "package extensions", canonical(a.Common), canonical(b.Common))
}

func canonicalRubric(r casefile.Rubric) casefile.Rubric {
	r.Common = canonical(r.Common)
	r.CFRubricCriteria = slices.Clone(r.CFRubricCriteria)
	for i := range r.CFRubricCriteria {
		c := &r.CFRubricCriteria[i]
		c.Common = canonical(c.Common)
		c.CFRubricCriterionLevels = slices.Clone(c.CFRubricCriterionLevels)
		for j := range c.CFRubricCriterionLevels {
			l := &c.CFRubricCriterionLevels[j]
			l.Common = canonical(l.Common)
		}
	}
	return r
}

func compareDefinitions(t *testing.T, a, b *casefile.Definitions) {
	t.Helper()
	canonAll := func(d *casefile.Definitions) casefile.Definitions {
		c := casefile.Definitions{Common: canonical(d.Common)}
		for _, x := range d.CFConcepts {
			x.Common = canonical(x.Common)
			c.CFConcepts = append(c.CFConcepts, x)
		}
		for _, x := range d.CFSubjects {
			x.Common = canonical(x.Common)
			c.CFSubjects = append(c.CFSubjects, x)
		}
		for _, x := range d.CFLicenses {
			x.Common = canonical(x.Common)
			c.CFLicenses = append(c.CFLicenses, x)
		}
		for _, x := range d.CFItemTypes {
			x.Common = canonical(x.Common)
			c.CFItemTypes = append(c.CFItemTypes, x)
		}
		for _, x := range d.CFAssociationGroupings {
			x.Common = canonical(x.Common)
			c.CFAssociationGroupings = append(c.CFAssociationGroupings, x)
		}
		return c
	}
	same(t, "CFDefinitions", canonAll(a), canonAll(b))
}

// assertNo11Fields fails when 1.0 output carries anything 1.1 added.
func assertNo11Fields(t *testing.T, out []byte) {
	t.Helper()
	var p map[string]any
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	forbidden := map[string]bool{"extensions": true, "caseVersion": true, "frameworkType": true, "targetType": true}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if forbidden[k] {
					t.Errorf("1.0 output has %s.%s", path, k)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range x {
				walk(path+"["+itoa(i)+"]", e)
			}
		}
	}
	walk("$", p)
	for i, it := range asList(p["CFItems"]) {
		if _, ok := it["subject"]; ok {
			t.Errorf("1.0 output has $.CFItems[%d].subject", i)
		}
		if _, ok := it["subjectURI"]; ok {
			t.Errorf("1.0 output has $.CFItems[%d].subjectURI", i)
		}
	}
	for i, a := range asList(p["CFAssociations"]) {
		if _, ok := a["notes"]; ok {
			t.Errorf("1.0 output has $.CFAssociations[%d].notes", i)
		}
		if typ, _ := a["associationType"].(string); !slices.Contains(casefile.AssociationTypes10, typ) {
			t.Errorf("1.0 output has associationType %q", typ)
		}
	}
}

func asList(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func itoa(i int) string { return string(strconvAppend(nil, i)) }

func strconvAppend(b []byte, i int) []byte {
	if i >= 10 {
		b = strconvAppend(b, i/10)
	}
	return append(b, byte('0'+i%10))
}
