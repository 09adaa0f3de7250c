package casefile_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// TestMarshalStandaloneForms encodes each single-object form and validates it
// against the official JSD response schema of its endpoint, for 1.1 and 1.0.
func TestMarshalStandaloneForms(t *testing.T) {
	p, _ := decodeFile(t, fixture.Path(t, "v1p1", "compeito-opencase-roundtrip.v1p1.cfpackage.json"))
	doc := p.CFDocument
	docLink := &casefile.LinkURI{Title: doc.Title, Identifier: doc.Identifier, URI: doc.URI}
	it := p.CFItems[0]
	it.CFDocumentURI = docLink
	a := p.CFAssociations[0]
	a.CFDocumentURI = docLink
	a.Notes = "a 1.1 note"
	const now = "2024-01-01T00:00:00Z"
	concept := casefile.Concept{Identifier: casefile.NameUUID("c"), URI: testBase + "/c", Title: "Concept", HierarchyCode: "1", Keywords: "a|b", LastChangeDateTime: now}
	license := casefile.License{Identifier: casefile.NameUUID("l"), URI: testBase + "/l", Title: "CC BY 4.0", LicenseText: "https://creativecommons.org/licenses/by/4.0/", LastChangeDateTime: now}
	grouping := casefile.AssociationGrouping{Identifier: casefile.NameUUID("g"), URI: testBase + "/g", Title: "Group", LastChangeDateTime: now}
	for _, v := range []casefile.Version{casefile.V1p1, casefile.V1p0} {
		pckgAssoc := must(casefile.MarshalPckgAssociation(&a, v))
		itemJSON := must(casefile.MarshalItem(&it, v))
		cases := []struct {
			op  string
			out []byte
		}{
			{"getcfdocument", must(casefile.MarshalDocument(&doc, v))},
			{"getcfitem", itemJSON},
			{"getcfassociation", must(casefile.MarshalAssociation(&a, v))},
			{"getcfitemassociations", wrap(`{"CFItem":`, itemJSON, `,"CFAssociations":[`, pckgAssoc, `]}`)},
			{"getcfconcept", wrap(`{"CFConcepts":[`, must(casefile.MarshalConcept(&concept, v)), `]}`)},
			{"getcfsubject", wrap(`{"CFSubjects":[`, must(casefile.MarshalSubject(&p.CFDefinitions.CFSubjects[0], v)), `]}`)},
			{"getcfitemtype", wrap(`{"CFItemTypes":[`, must(casefile.MarshalItemType(&p.CFDefinitions.CFItemTypes[0], v)), `]}`)},
			{"getcflicense", must(casefile.MarshalLicense(&license, v))},
			{"getcfassociationgrouping", must(casefile.MarshalAssociationGrouping(&grouping, v))},
			{"getcfrubric", must(casefile.MarshalRubric(&p.CFRubrics[0], v))},
		}
		for _, c := range cases {
			if err := schemaErr(t, responseSchema(t, c.op), c.out); err != nil && !fixture.OnlyVersionPattern(err) {
				t.Errorf("%s %s: %v\n%s", v, c.op, err, c.out)
			}
			noNulls(t, c.op, c.out)
		}
		var m map[string]any
		if err := json.Unmarshal(pckgAssoc, &m); err != nil {
			t.Fatal(err)
		}
		if _, has := m["CFDocumentURI"]; has {
			t.Errorf("%s: MarshalPckgAssociation emitted CFDocumentURI", v)
		}
		if _, has := m["notes"]; has != (v == casefile.V1p1) {
			t.Errorf("%s: association notes present = %v", v, has)
		}
	}
}

// TestMarshalDocumentDerivesPackageURI: a document without CFPackageURI gets
// one pointing at its package.
func TestMarshalDocumentDerivesPackageURI(t *testing.T) {
	d := casefile.Document{Identifier: casefile.NameUUID("d"), URI: "https://x.example/ims/case/v1p1/CFDocuments/" + casefile.NameUUID("d"),
		Creator: "c", Title: "t", LastChangeDateTime: "2024-01-01T00:00:00Z"}
	out := must(casefile.MarshalDocument(&d, casefile.V1p1))
	want := `"CFPackageURI":{"title":"t","identifier":"` + d.Identifier + `","uri":"https://x.example/ims/case/v1p1/CFPackages/` + d.Identifier + `"}`
	if !bytes.Contains(out, []byte(want)) {
		t.Errorf("got %s", out)
	}
}

// TestEncodeEscaping: strings with quotes, control characters, invalid UTF-8
// and U+2028 come out as valid JSON and decode to the same text.
func TestEncodeEscaping(t *testing.T) {
	s := "a \"quote\" \\ back\nline\ttab \x01 \u2028 é 𝑑 <b>&"
	it := casefile.Item{Identifier: casefile.NameUUID("i"), URI: "https://x.example/i", FullStatement: s + "\xff", LastChangeDateTime: "2024-01-01T00:00:00Z",
		Common: casefile.Common{Extensions: casefile.Fields{"gone": []byte("null")}}}
	out := must(casefile.MarshalItem(&it, casefile.V1p1))
	var back struct{ FullStatement string }
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("invalid JSON %s: %v", out, err)
	}
	if bytes.Contains(out, []byte("null")) || bytes.Contains(out, []byte("extensions")) {
		t.Errorf("null extension member emitted: %s", out)
	}
	if back.FullStatement != s+"\ufffd" {
		t.Errorf("got %q", back.FullStatement)
	}
}

// TestEncodeRejectsUnknownVersion: only 1.0 and 1.1 exist.
func TestEncodeRejectsUnknownVersion(t *testing.T) {
	if err := casefile.EncodePackage(&bytes.Buffer{}, &casefile.Package{}, "2.0"); casefile.ErrorCode(err) != casefile.Invalid {
		t.Errorf("got %v", err)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func wrap(parts ...any) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		switch x := p.(type) {
		case string:
			b.WriteString(x)
		case []byte:
			b.Write(x)
		}
	}
	return b.Bytes()
}
