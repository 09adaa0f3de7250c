package casefile_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

const minimalDoc = `{"identifier":"aa000000-0000-4000-8000-000000000001","uri":"https://x.example.org/d1","creator":"A","title":"T","lastChangeDateTime":"2020-01-01T00:00:00Z"}`

func item(id, stmt string) string {
	return fmt.Sprintf(`{"identifier":"%s","uri":"https://x.example.org/%s","fullStatement":%q,"lastChangeDateTime":"2020-01-01T00:00:00Z"}`, id, id, stmt)
}

func assoc(id, origin string) string {
	return fmt.Sprintf(`{"identifier":"%s","uri":"https://x.example.org/%s","associationType":"isChildOf","originNodeURI":{"title":"o","identifier":"%s","uri":"https://x.example.org/%s"},"destinationNodeURI":{"title":"d","identifier":"aa000000-0000-4000-8000-000000000001","uri":"https://x.example.org/d1"},"lastChangeDateTime":"2020-01-01T00:00:00Z"}`, id, id, origin, origin)
}

const (
	i1 = "bb000000-0000-4000-8000-000000000001"
	i2 = "bb000000-0000-4000-8000-000000000002"
	a1 = "cc000000-0000-4000-8000-000000000001"
)

// TestDecodeShapes: what is accepted or rejected at the top level, and the
// path and message of each rejection.
func TestDecodeShapes(t *testing.T) {
	pkg := `{"CFDocument":` + minimalDoc + `,"CFItems":[` + item(i1, "One") + `]}`
	cases := []struct {
		name, in string
		many     bool
		pkgs     int
		path     string // of the first problem when rejected
		msg      string
	}{
		{"package", pkg, false, 1, "", ""},
		{"byte order mark", "\xEF\xBB\xBF" + pkg, false, 1, "", ""},
		{"wrapper", `{"CFPackage":` + pkg + `}`, false, 1, "", ""},
		{"array of one via Decode", `[` + pkg + `]`, false, 1, "", ""},
		{"array of two via DecodeMany", `[` + pkg + `,` + pkg + `]`, true, 2, "", ""},
		{"array of two via Decode", `[` + pkg + `,` + pkg + `]`, false, 0, "$", "array of 2 packages"},
		{"empty array", `[]`, true, 0, "$", "empty array"},
		{"CFDocuments list", `{"CFDocuments":[` + minimalDoc + `]}`, false, 0, "$", "this is a CFDocuments list"},
		{"single item", item(i1, "x"), false, 0, "$", "single CFItem"},
		{"single document", minimalDoc, false, 0, "$", "single CFDocument"},
		{"item associations", `{"CFItem":` + item(i1, "x") + `,"CFAssociations":[]}`, false, 0, "$", "CFItemAssociations"},
		{"string", `"hello"`, false, 0, "$", "JSON string"},
		{"not JSON", `<html>`, false, 0, "$", "malformed JSON"},
		{"truncated", `{"CFDocument":` + minimalDoc + `,"CFItems":[` + item(i1, "x") + `,{"identifier":`, false, 0, "$.CFItems[1]", "malformed JSON"},
		{"trailing data", pkg + `{}`, false, 0, "$", "unexpected data"},
		{"items not an array", `{"CFDocument":` + minimalDoc + `,"CFItems":{}}`, false, 0, "$.CFItems", "must be an array"},
		{"item not an object", `{"CFDocument":` + minimalDoc + `,"CFItems":["x"]}`, false, 0, "$.CFItems[0]", "must be an object"},
		{"bad element in array", `[` + pkg + `,{"CFDocument":{"identifier":"x"}}]`, true, 0, "$[1].CFDocument.title", "title is required"},
		{"identical duplicate association", `{"CFDocument":` + minimalDoc + `,"CFItems":[` + item(i1, "x") + `],"CFAssociations":[` + assoc(a1, i1) + `,` + assoc(a1, i1) + `]}`, false, 1, "", ""},
		{"differing duplicate association", `{"CFDocument":` + minimalDoc + `,"CFItems":[` + item(i1, "x") + `,` + item(i2, "y") + `],"CFAssociations":[` + assoc(a1, i1) + `,` + assoc(a1, i2) + `]}`, false, 0, "$.CFAssociations[1].identifier", "duplicate identifier"},
		{"item reusing the document id", `{"CFDocument":` + minimalDoc + `,"CFItems":[` + item("aa000000-0000-4000-8000-000000000001", "x") + `]}`, false, 0, "$.CFItems[0].identifier", "document's identifier"},
		{"caseVersion 1.0 dropped", `{"CFDocument":` + strings.Replace(minimalDoc, `"creator"`, `"caseVersion":"1.0","creator"`, 1) + `}`, false, 1, "", ""},
		{"required field of the wrong type", `{"CFDocument":` + strings.Replace(minimalDoc, `"title":"T"`, `"title":{"a":1}`, 1) + `}`, false, 0, "$.CFDocument.title", "title is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var pkgs []*casefile.Package
			var err error
			if c.many {
				pkgs, _, err = casefile.DecodeMany(strings.NewReader(c.in), casefile.DecodeOptions{})
			} else {
				var p *casefile.Package
				p, _, err = casefile.Decode(strings.NewReader(c.in), casefile.DecodeOptions{})
				if p != nil {
					pkgs = []*casefile.Package{p}
				}
			}
			if c.path == "" {
				if err != nil || len(pkgs) != c.pkgs {
					t.Fatalf("got %d packages, err %v; want %d", len(pkgs), err, c.pkgs)
				}
				return
			}
			var ce *casefile.Error
			if !errors.As(err, &ce) || ce.Code != casefile.Invalid || len(ce.Problems) == 0 {
				t.Fatalf("want invalid with problems, got %v (%d packages)", err, len(pkgs))
			}
			if ce.Problems[0].Path != c.path || !strings.Contains(ce.Problems[0].Message, c.msg) {
				t.Errorf("first problem = %s, want %s: …%s…", ce.Problems[0], c.path, c.msg)
			}
			if pkgs != nil {
				t.Error("a rejected input returned packages")
			}
		})
	}
}

// TestDuplicateAssociationRemoved: an exact duplicate is dropped with a warning.
func TestDuplicateAssociationRemoved(t *testing.T) {
	in := `{"CFDocument":` + minimalDoc + `,"CFItems":[` + item(i1, "x") + `],"CFAssociations":[` + assoc(a1, i1) + `,` + assoc(a1, i1) + `]}`
	p, ws, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.CFAssociations) != 1 || !hasWarning(ws, "$.CFAssociations[1]", "exact duplicate") {
		t.Errorf("associations %d, warnings %v", len(p.CFAssociations), ws)
	}
}

// TestMaxBytes: input over the limit is rejected with code invalid.
func TestMaxBytes(t *testing.T) {
	in := `{"CFDocument":` + minimalDoc + `}`
	if _, _, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{MaxBytes: int64(len(in))}); err != nil {
		t.Fatalf("input of exactly MaxBytes rejected: %v", err)
	}
	_, _, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{MaxBytes: 50})
	if casefile.ErrorCode(err) != casefile.Invalid || !strings.Contains(casefile.ErrorMessage(err), "larger than the limit of 50 bytes") {
		t.Fatalf("got %v", err)
	}
}

// TestWarningsAggregate: more than 1000 identical warnings on one field
// become one warning with a count; fewer stay individual.
func TestWarningsAggregate(t *testing.T) {
	build := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"CFDocument":` + minimalDoc + `,"CFItems":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"identifier":"%s","uri":"https://x.example.org/%d","fullStatement":"s","lastChangeDateTime":"2020-01-01T00:00:00"}`, casefile.NameUUID(fmt.Sprint(i)), i)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	_, ws, err := casefile.Decode(strings.NewReader(build(1001)), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Path != "$.CFItems[*].lastChangeDateTime" || !strings.Contains(ws[0].Message, "(1001 times)") {
		t.Errorf("aggregated warnings = %v", ws)
	}
	_, ws, _ = casefile.Decode(strings.NewReader(build(1000)), casefile.DecodeOptions{})
	if len(ws) != 1000 || ws[999].Path != "$.CFItems[999].lastChangeDateTime" {
		t.Errorf("got %d warnings, want 1000 individual ones", len(ws))
	}
}

// TestVersionDetection: 1.1 is recognised by caseVersion, /v1p1/ uris or a
// 1.1-only field; anything else is 1.0.
func TestVersionDetection(t *testing.T) {
	cases := []struct {
		name, doc, items string
		want             casefile.Version
	}{
		{"plain", minimalDoc, "", casefile.V1p0},
		{"caseVersion", strings.Replace(minimalDoc, `"creator"`, `"caseVersion":"1.1","creator"`, 1), "", casefile.V1p1},
		{"v1p1 uri", strings.Replace(minimalDoc, "x.example.org/d1", "x.example.org/ims/case/v1p1/CFDocuments/d1", 1), "", casefile.V1p1},
		{"v1p0 uri", strings.Replace(minimalDoc, "x.example.org/d1", "x.example.org/ims/case/v1p0/CFDocuments/d1", 1), "", casefile.V1p0},
		{"item subject", minimalDoc, `{"identifier":"` + i1 + `","uri":"https://x.example.org/i","fullStatement":"s","subject":["Math"],"lastChangeDateTime":"2020-01-01T00:00:00Z"}`, casefile.V1p1},
		{"null subject is absent", minimalDoc, `{"identifier":"` + i1 + `","uri":"https://x.example.org/i","fullStatement":"s","subject":null,"lastChangeDateTime":"2020-01-01T00:00:00Z"}`, casefile.V1p0},
		{"extensions", minimalDoc, `{"identifier":"` + i1 + `","uri":"https://x.example.org/i","fullStatement":"s","extensions":{"a":1},"lastChangeDateTime":"2020-01-01T00:00:00Z"}`, casefile.V1p1},
	}
	for _, c := range cases {
		in := `{"CFDocument":` + c.doc + `,"CFItems":[` + c.items + `]}`
		p, _, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Version != c.want {
			t.Errorf("%s: version %s, want %s", c.name, p.Version, c.want)
		}
	}
}

// TestMintedURIs: objects without uri get the version-independent
// {BaseURL}/uri/{id} (trailing slash trimmed), or urn:uuid without a base.
func TestMintedURIs(t *testing.T) {
	in := `{"CFDocument":{"identifier":"aa000000-0000-4000-8000-000000000001","creator":"A","title":"T","lastChangeDateTime":"2020-01-01T00:00:00Z"},
	"CFDefinitions":{"CFConcepts":[{"identifier":"dd000000-0000-4000-8000-000000000001","title":"c","hierarchyCode":"1"}]}}`
	p, ws, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{BaseURL: "https://node.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if p.CFDocument.URI != "https://node.example/uri/aa000000-0000-4000-8000-000000000001" {
		t.Errorf("document uri %q", p.CFDocument.URI)
	}
	c := p.CFDefinitions.CFConcepts[0]
	if c.URI != "https://node.example/uri/dd000000-0000-4000-8000-000000000001" || c.LastChangeDateTime != "2020-01-01T00:00:00Z" {
		t.Errorf("concept %+v", c)
	}
	if !hasWarning(ws, "$.CFDefinitions.CFConcepts[0].uri", "minted") {
		t.Errorf("warnings %v", ws)
	}
	p, _, err = casefile.Decode(bytes.NewReader([]byte(in)), casefile.DecodeOptions{})
	if err != nil || p.CFDocument.URI != "urn:uuid:aa000000-0000-4000-8000-000000000001" {
		t.Errorf("without base: %v %q", err, p.CFDocument.URI)
	}
}

// TestWrongTypeKept: an optional member of the wrong type does not reject the
// package; it is kept as unknown (1.1 extensions) with a warning.
func TestWrongTypeKept(t *testing.T) {
	in := `{"CFDocument":` + strings.Replace(minimalDoc, `"title":"T"`, `"title":"T","notes":{"text":"n"},"licenseURI":42`, 1) + `}`
	p, ws, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if string(p.CFDocument.Unknown["notes"]) != `{"text":"n"}` || string(p.CFDocument.Unknown["licenseURI"]) != "42" {
		t.Errorf("unknown = %v", p.CFDocument.Unknown)
	}
	if !hasWarning(ws, "$.CFDocument.notes", "not a string; kept") || !hasWarning(ws, "$.CFDocument.licenseURI", "not a link object") {
		t.Errorf("warnings %v", ws)
	}
}

// TestDerivedLinks: an item without identifier takes it from its uri; a
// destination outside the package with only an identifier is named
// urn:uuid:{id}; an origin outside the package with no uri is a problem.
func TestDerivedLinks(t *testing.T) {
	outside := "ee000000-0000-4000-8000-000000000009"
	in := `{"CFDocument":` + minimalDoc + `,"CFItems":[{"uri":"https://x.example.org/CFItems/` + strings.ToUpper(i1) + `","fullStatement":"s","lastChangeDateTime":"2020-01-01T00:00:00Z"}],
	"CFAssociations":[{"identifier":"` + a1 + `","uri":"https://x.example.org/a","associationType":"exactMatchOf","originNodeURI":{"identifier":"` + i1 + `"},"destinationNodeURI":{"identifier":"` + outside + `"},"lastChangeDateTime":"2020-01-01T00:00:00Z"}]}`
	p, ws, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.CFItems[0].Identifier != i1 || !hasWarning(ws, "$.CFItems[0].identifier", "taken from the uri") {
		t.Errorf("item identifier %q, warnings %v", p.CFItems[0].Identifier, ws)
	}
	a := p.CFAssociations[0]
	if a.DestinationNodeURI.URI != "urn:uuid:"+outside || a.OriginNodeURI.URI != p.CFItems[0].URI {
		t.Errorf("nodes %+v %+v", a.OriginNodeURI, a.DestinationNodeURI)
	}
	swapped := strings.Replace(strings.Replace(in, `"originNodeURI"`, `"tmp"`, 1), `"destinationNodeURI"`, `"originNodeURI"`, 1)
	swapped = strings.Replace(swapped, `"tmp"`, `"destinationNodeURI"`, 1)
	_, _, err = casefile.Decode(strings.NewReader(swapped), casefile.DecodeOptions{})
	var ce *casefile.Error
	if !errors.As(err, &ce) || ce.Problems[0].Path != "$.CFAssociations[0].originNodeURI.uri" {
		t.Errorf("origin outside without uri: %v", err)
	}
}

// TestWrapperKeepsOuterMembers: members beside a CFPackage wrapper are kept.
func TestWrapperKeepsOuterMembers(t *testing.T) {
	in := `{"exportedBy":"tool","CFPackage":{"CFDocument":` + minimalDoc + `}}`
	p, _, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Unknown["exportedBy"]) != `"tool"` {
		t.Errorf("unknown %v", p.Unknown)
	}
}

// TestIncompleteLinks: a link with only a uri takes its identifier from it; a
// link with neither identifier nor uri is dropped; both with warnings.
func TestIncompleteLinks(t *testing.T) {
	typeID := "ff000000-0000-4000-8000-000000000001"
	in := `{"CFDocument":` + minimalDoc + `,"CFItems":[{"identifier":"` + i1 + `","uri":"https://x.example.org/i","fullStatement":"s","lastChangeDateTime":"2020-01-01T00:00:00Z",
	"CFItemTypeURI":{"title":"Standard","uri":"https://types.example.org/CFItemTypes/` + typeID + `"},"licenseURI":{"title":"CC"}}]}`
	p, ws, err := casefile.Decode(strings.NewReader(in), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := p.CFItems[0]
	if it.CFItemTypeURI == nil || it.CFItemTypeURI.Identifier != typeID || it.LicenseURI != nil {
		t.Errorf("links %+v %+v", it.CFItemTypeURI, it.LicenseURI)
	}
	if !hasWarning(ws, "$.CFItems[0].CFItemTypeURI.identifier", "taken from its uri") || !hasWarning(ws, "$.CFItems[0].licenseURI", "dropped") {
		t.Errorf("warnings %v", ws)
	}
}
