package casefile_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func decodeTestdata(t *testing.T, name string) (*casefile.Package, []casefile.Warning, error) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: testBase})
}

// hasWarning reports whether ws holds a warning at path whose message
// contains substr.
func hasWarning(ws []casefile.Warning, path, substr string) bool {
	for _, w := range ws {
		if w.Path == path && strings.Contains(w.Message, substr) {
			return true
		}
	}
	return false
}

// TestDecodeLegacyQuirks checks every legacy quirk of testdata/legacy-quirks.json:
// the warning (with its path) and the value it leads to.
func TestDecodeLegacyQuirks(t *testing.T) {
	p, ws, err := decodeTestdata(t, "legacy-quirks.json")
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	warnings := []struct{ path, msg string }{
		{"$.CFDocument.identifier", "not a UUID; mapped"},
		{"$.CFDocument.lastChangeDateTime", "without a time zone read as UTC"},
		{"$.CFDocument.subject", "string converted to an array"},
		{"$.CFDocument.subjectURL", "read as subjectURI"},
		{"$.CFDocument.subjectURI[0].identifier", "lower-cased"},
		{"$.CFDocument.adoptionStatus", `"adopted" -> "Adopted"`},
		{"$.CFDocument.statusStartDate", "date normalised"},
		{"$.CFDocument.creator", "set to the publisher"},
		{"$.CFItems[0].educationalLevel", "read as educationLevel"},
		{"$.CFItems[0].educationLevel", "string converted to an array"},
		{"$.CFItems[0].conceptKeywords", "string converted to an array"},
		{"$.CFItems[0].lastChangeDateTime", "converted to RFC 3339 UTC"},
		{"$.CFItems[0].CFItemAssociationURI", "dropped"},
		{"$.CFItems[0].jurisdiction", "kept as an extension"},
		{"$.CFItems[1].identifier", "lower-cased"},
		{"$.CFItems[1].position", "kept as an extension"},
		{"$.CFItems[1].uri", "missing uri minted"},
		{"$.CFItems[1].lastChangeDateTime", "set to the document's"},
		{"$.CFAssociations[0].associationType", `"ISCHILDOF" -> "isChildOf"`},
		{"$.CFAssociations[0].sequenceNumber", "string converted to a number"},
		{"$.CFAssociations[0].originNodeURI.identifier", "not a UUID; mapped"},
		{"$.CFAssociations[0].originNodeIdentifier", "dropped: same as originNodeURI.identifier"},
		{"$.CFAssociations[0].lastChangeDateTime", "date-only"},
		{"$.CFAssociations[1].identifier", "derived from origin, type and destination"},
		{"$.CFAssociations[1].uri", "missing uri minted"},
		{"$.CFAssociations[1].lastChangeDateTime", "set to the document's"},
		{"$.CFAssociations[1].originNodeURI.uri", "taken from the package"},
		{"$.CFAssociations[2].associationType", `"isStandardAlignedTo" -> "ext:isStandardAlignedTo"`},
		{"$.CFAssociations[2].destinationNodeURI.identifier", "not a UUID; mapped"},
	}
	for _, w := range warnings {
		if !hasWarning(ws, w.path, w.msg) {
			t.Errorf("missing warning %s: …%s…", w.path, w.msg)
		}
	}
	for _, w := range ws {
		if strings.Contains(w.Path, "CFDocumentURI") || strings.Contains(w.Path, "CFPackageURI") {
			t.Errorf("CFDocumentURI naming the package's own document should drop silently: %s", w)
		}
	}
	if p.Version != casefile.V1p0 {
		t.Errorf("version %s, want 1.0", p.Version)
	}
}

// TestDecodeLegacyValues checks the values the legacy quirks lead to.
func TestDecodeLegacyValues(t *testing.T) {
	p, _, err := decodeTestdata(t, "legacy-quirks.json")
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	docID := casefile.NameUUID("http://example.org/frameworks/F1")
	s1 := casefile.NameUUID("http://example.org/items/S1")
	d := p.CFDocument
	seq := p.CFAssociations[0].SequenceNumber
	checks := []struct {
		what      string
		got, want any
	}{
		{"document id", d.Identifier, docID},
		{"document original id", d.OriginalIdentifier, "http://example.org/frameworks/F1"},
		{"document uri kept as sent", d.URI, "https://legacy.example.org/uri/http://example.org/frameworks/F1"},
		{"creator", d.Creator, "Example Publisher"},
		{"document time", d.LastChangeDateTime, "2016-09-28T21:43:01Z"},
		{"subject", strings.Join(d.Subject, "|"), "Math"},
		{"subjectURI id", d.SubjectURI[0].Identifier, "eb8ae273-6667-52ec-a73f-3d8a631bde9f"},
		{"adoptionStatus", d.AdoptionStatus, "Adopted"},
		{"statusStartDate", d.StatusStartDate, "2016-09-01"},
		{"empty notes absent", d.Notes, ""},
		{"item id", p.CFItems[0].Identifier, s1},
		{"item education level", strings.Join(p.CFItems[0].EducationLevel, "|"), "KG"},
		{"-04:00 to UTC", p.CFItems[0].LastChangeDateTime, "2016-07-28T04:14:52Z"},
		{"unknown kept", string(p.CFItems[0].Unknown["jurisdiction"]), `"Example State"`},
		{"position kept", string(p.CFItems[1].Unknown["position"]), "2"},
		{"upper-case id", p.CFItems[1].Identifier, "6b1d5a0e-1111-4a2b-8c3d-000000000002"},
		{"minted uri", p.CFItems[1].URI, testBase + "/uri/6b1d5a0e-1111-4a2b-8c3d-000000000002"},
		{"item time from document", p.CFItems[1].LastChangeDateTime, "2016-09-28T21:43:01Z"},
		{"type", p.CFAssociations[0].AssociationType, casefile.IsChildOf},
		{"sequence", seq != nil && *seq == 1, true},
		{"origin mapped like the item", p.CFAssociations[0].OriginNodeURI.Identifier, s1},
		{"origin original kept", string(p.CFAssociations[0].Unknown["originNodeOriginalIdentifier"]), `"http://example.org/items/S1"`},
		{"destination mapped like the document", p.CFAssociations[0].DestinationNodeURI.Identifier, docID},
		{"derived association id", p.CFAssociations[1].Identifier, casefile.NameUUID("6b1d5a0e-1111-4a2b-8c3d-000000000002 isChildOf " + docID)},
		{"node title from package", p.CFAssociations[1].OriginNodeURI.Title, "K.CC.7"},
		{"node uri from package", p.CFAssociations[1].DestinationNodeURI.URI, d.URI},
		{"unknown type", p.CFAssociations[2].AssociationType, "ext:isStandardAlignedTo"},
		{"outside node uri kept", p.CFAssociations[2].DestinationNodeURI.URI, "local:9f0e0d1c-2b3a-4c5d-8e6f-708192a3b4c5"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.what, c.got, c.want)
		}
	}
}

// TestLegacyQuirksEncode: the normalised legacy package encodes to valid 1.1
// (originals in extensions) and 1.0 (ext: type emitted as isRelatedTo).
func TestLegacyQuirksEncode(t *testing.T) {
	p, _, err := decodeTestdata(t, "legacy-quirks.json")
	if err != nil {
		t.Fatal(err)
	}
	out11 := encode(t, p, casefile.V1p1)
	validateAgainstSchema(t, "legacy 1.1", out11)
	var doc struct {
		CFDocument struct {
			CaseVersion string                     `json:"caseVersion"`
			Extensions  map[string]json.RawMessage `json:"extensions"`
		}
		CFAssociations []struct {
			AssociationType string                     `json:"associationType"`
			Extensions      map[string]json.RawMessage `json:"extensions"`
		}
	}
	if err := json.Unmarshal(out11, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.CFDocument.CaseVersion != "1.1" {
		t.Errorf("1.1 output caseVersion = %q", doc.CFDocument.CaseVersion)
	}
	if got := string(doc.CFDocument.Extensions["originalIdentifier"]); got != `"http://example.org/frameworks/F1"` {
		t.Errorf("originalIdentifier in 1.1 extensions = %s", got)
	}
	if got := string(doc.CFAssociations[0].Extensions["originNodeOriginalIdentifier"]); got != `"http://example.org/items/S1"` {
		t.Errorf("node original in 1.1 extensions = %s", got)
	}
	out10 := encode(t, p, casefile.V1p0)
	validateAgainstSchema(t, "legacy 1.0", out10)
	assertNo11Fields(t, out10)
	if !bytes.Contains(out10, []byte(`"associationType":"isRelatedTo"`)) || bytes.Contains(out10, []byte("ext:")) {
		t.Error("1.0 output must carry the ext: association as isRelatedTo")
	}
}

// TestDecodeWrappedV1p1: a {"CFPackage":…} wrapper around 1.1 content with
// extensions, isTranslationOf, ext: types, notes and targetType.
func TestDecodeWrappedV1p1(t *testing.T) {
	p, ws, err := decodeTestdata(t, "wrapped-v1p1.json")
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(ws, "$.CFPackage", "wrapper removed") {
		t.Errorf("no wrapper warning in %v", ws)
	}
	if !hasWarning(ws, "$.CFPackage.CFAssociations[1].destinationNodeURI.identifier", "not a UUID") {
		t.Errorf("no node mapping warning in %v", ws)
	}
	if p.Version != casefile.V1p1 {
		t.Errorf("version = %s, want 1.1", p.Version)
	}
	if string(p.CFDocument.Extensions["acme:color"]) != `"blue"` || p.CFDocument.FrameworkType != "CourseCodes" {
		t.Errorf("document 1.1 fields lost: %+v", p.CFDocument)
	}
	a := p.CFAssociations[1]
	if a.AssociationType != "ext:alignsWithCourse" || a.DestinationNodeURI.TargetType != "ext:course" {
		t.Errorf("association = %+v", a)
	}
	out11 := encode(t, p, casefile.V1p1)
	validateAgainstSchema(t, "wrapped 1.1", out11)
	for _, want := range []string{`"isTranslationOf"`, `"notes":"French translation"`, `"targetType":"ext:course"`, `"subject":["Biology"]`, `"frameworkType":"CourseCodes"`} {
		if !bytes.Contains(out11, []byte(want)) {
			t.Errorf("1.1 output lacks %s", want)
		}
	}
	out10 := encode(t, p, casefile.V1p0)
	validateAgainstSchema(t, "wrapped 1.0", out10)
	assertNo11Fields(t, out10)
	if bytes.Count(out10, []byte(`"associationType":"isRelatedTo"`)) != 2 {
		t.Errorf("1.0 output should turn isTranslationOf and ext: into isRelatedTo:\n%s", out10)
	}
}

// TestDecodeRejected: every problem of testdata/rejected.json is reported
// with its path; the message names the first and counts the rest.
func TestDecodeRejected(t *testing.T) {
	_, _, err := decodeTestdata(t, "rejected.json")
	var ce *casefile.Error
	if !errors.As(err, &ce) || ce.Code != casefile.Invalid {
		t.Fatalf("want *Error invalid, got %v", err)
	}
	want := []struct{ path, msg string }{
		{"$.CFDocument.uri", `malformed URI "not a uri"`},
		{"$.CFDocument.title", "title is required"},
		{"$.CFDocument.lastChangeDateTime", `malformed date-time "yesterday"`},
		{"$.CFItems[1].identifier", "duplicate identifier"},
		{"$.CFItems[2].fullStatement", "fullStatement is required"},
		{"$.CFItems[2].statusStartDate", "malformed date"},
		{"$.CFAssociations[0].originNodeURI.uri", "is not in the package and has no uri"},
	}
	if len(ce.Problems) != len(want) {
		t.Errorf("got %d problems, want %d: %v", len(ce.Problems), len(want), ce.Problems)
	}
	for i, w := range want {
		if i < len(ce.Problems) && (ce.Problems[i].Path != w.path || !strings.Contains(ce.Problems[i].Message, w.msg)) {
			t.Errorf("problem %d = %s, want %s: …%s…", i, ce.Problems[i], w.path, w.msg)
		}
	}
	if !strings.HasPrefix(ce.Message, `$.CFDocument.uri: malformed URI "not a uri", and 6 more problems`) {
		t.Errorf("message = %q", ce.Message)
	}
}
