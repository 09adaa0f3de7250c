package credential

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/testnode"
)

// Three small frameworks written for these tests: SRC (s1, s2 and a rubric
// whose criterion assesses s1), TGT (t1, t2) and VIA (x1). s1 exactMatchOf
// t1 (explicit); s2 isRelatedTo x1 and x1 exactMatchOf t2 (through VIA).
func testID(name string) string { return casefile.NameUUID("credential-test:" + name) }

func testPackage(name string, items []string, assocs [][3]string, rubric bool) []byte {
	doc := testID(name)
	var its, as []string
	for _, it := range items {
		its = append(its, fmt.Sprintf(`{"identifier":%q,"uri":"https://pub.example/%s/%s","fullStatement":"Statement of %s about fractions and numbers","humanCodingScheme":%q,"lastChangeDateTime":"2024-01-01T00:00:00Z"}`,
			testID(it), name, it, it, strings.ToUpper(it)))
	}
	for i, a := range assocs {
		as = append(as, fmt.Sprintf(`{"identifier":%q,"associationType":%q,"uri":"https://pub.example/a/%s%d","lastChangeDateTime":"2024-01-01T00:00:00Z",
			"originNodeURI":{"title":"o","identifier":%q,"uri":"https://pub.example/o/%s"},"destinationNodeURI":{"title":"d","identifier":%q,"uri":"https://pub.example/d/%s"}}`,
			testID(name+"-a"+fmt.Sprint(i)), a[1], name, i, testID(a[0]), a[0], testID(a[2]), a[2]))
	}
	rub := ""
	if rubric {
		rub = fmt.Sprintf(`,"CFRubrics":[{"identifier":%q,"uri":"https://pub.example/rubric","title":"R","lastChangeDateTime":"2024-01-01T00:00:00Z",
			"CFRubricCriteria":[{"identifier":%q,"uri":"https://pub.example/crit","category":"Reasoning","description":"Explains why","rubricId":%q,
			"CFItemURI":{"title":"S1","identifier":%q,"uri":"https://pub.example/SRC/s1"},"lastChangeDateTime":"2024-01-01T00:00:00Z",
			"CFRubricCriterionLevels":[{"identifier":%q,"uri":"https://pub.example/lvl","quality":"Secure","score":3,"rubricCriterionId":%q,"lastChangeDateTime":"2024-01-01T00:00:00Z"}]}]}]`,
			testID("rubric"), testID("crit"), testID("rubric"), testID("s1"), testID("lvl"), testID("crit"))
	}
	return []byte(fmt.Sprintf(`{"CFDocument":{"identifier":%q,"uri":"https://pub.example/%s","creator":"Board %s","publisher":"Publisher of %s","title":"Framework %s","lastChangeDateTime":"2024-01-01T00:00:00Z","caseVersion":"1.1"},
		"CFItems":[%s],"CFAssociations":[%s]%s}`, doc, name, name, name, name, strings.Join(its, ","), strings.Join(as, ","), rub))
}

// newTestService is the service over a real store holding the three frameworks.
func newTestService(t *testing.T) *Service {
	t.Helper()
	n := testnode.New(t, testnode.WithBaseURL(testBase), testnode.WithDBName("c.db"))
	for _, pkg := range [][]byte{
		testPackage("SRC", []string{"s1", "s2"}, [][3]string{{"s1", "exactMatchOf", "t1"}, {"s2", "isRelatedTo", "x1"}}, true),
		testPackage("TGT", []string{"t1", "t2"}, nil, false),
		testPackage("VIA", []string{"x1"}, [][3]string{{"x1", "exactMatchOf", "t2"}}, false),
	} {
		n.Import(pkg, casefile.Provenance{Source: casefile.SourceFile, Location: "test"})
	}
	db := n.DB
	cw, err := crosswalk.New(crosswalk.Config{Store: db, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{BaseURL: testBase, Store: db, Crosswalk: cw})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clr is a CLR 2.0 ClrCredential written for these tests: one achievement
// in the subject's list and one in a nested OpenBadgeCredential sent as a
// JWT, aligned to s1 (exact uri), s2 (another node's REST path of its
// identifier), the rubric criterion, a CTDL competency and a broken link.
func clr(t *testing.T) []byte {
	nested := map[string]any{
		"@context": []string{casefile.OB3ContextVC, casefile.OB3Context}, "type": []string{"VerifiableCredential", "OpenBadgeCredential"},
		"id": "urn:uuid:nested", "name": "Fractions badge", "issuer": map[string]any{"id": "https://school.example", "type": []string{"Profile"}, "name": "School"},
		"credentialSubject": map[string]any{"type": []string{"AchievementSubject"}, "achievement": map[string]any{
			"id": "https://school.example/achievements/2", "type": []string{"Achievement"}, "name": "Related ideas",
			"alignment": []map[string]any{
				{"type": []string{"Alignment"}, "targetName": "S2", "targetUrl": "https://elsewhere.example/ims/case/v1p0/CFItems/" + testID("s2"), "targetType": "CFItem"},
				{"type": []string{"Alignment"}, "targetName": "Reasoning", "targetUrl": "https://pub.example/crit", "targetType": "CFRubricCriterion"},
			}}},
	}
	payload, _ := json.Marshal(map[string]any{"vc": nested, "iss": "https://school.example"})
	jwt := "eyJhbGciOiJFUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(payload) + ".c2lnbmF0dXJl"
	doc := map[string]any{
		"@context": []string{casefile.OB3ContextVC, "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"},
		"type":     []string{"VerifiableCredential", "ClrCredential"}, "id": "urn:uuid:clr", "name": "Transcript",
		"issuer": map[string]any{"id": "https://school.example", "type": []string{"Profile"}, "name": "School"},
		"credentialSubject": map[string]any{"type": []string{"ClrSubject"}, "verifiableCredential": []any{jwt},
			"achievement": []map[string]any{{"id": "https://school.example/achievements/1", "type": []string{"Achievement"}, "name": "Fractions",
				"alignment": []map[string]any{
					{"type": []string{"Alignment"}, "targetName": "S1", "targetUrl": "https://pub.example/SRC/s1", "targetCode": "S1", "targetType": "CFItem"},
					{"type": []string{"Alignment"}, "targetName": "Comp", "targetUrl": "https://credentialengineregistry.org/resources/ce-1", "targetType": "ceasn:Competency"},
					{"type": []string{"Alignment"}, "targetName": "Gone", "targetUrl": "https://pub.example/SRC/nothing-here", "targetType": "CFItem"},
				}}}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestResolveCLR(t *testing.T) {
	s := newTestService(t)
	rep, err := s.Resolve(context.Background(), clr(t), testID("TGT"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != "ClrCredential" || rep.Issuer != "School" || !strings.HasPrefix(rep.Signature, "not verified") || len(rep.Achievements) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	byURL := map[string]casefile.AlignmentReport{}
	for _, a := range rep.Achievements {
		for _, al := range a.Alignments {
			byURL[al.Alignment.TargetURL] = al
		}
	}
	s1 := byURL["https://pub.example/SRC/s1"]
	if s1.Status != "resolved" || s1.By != "uri" || s1.Item.Identifier != testID("s1") || s1.Framework.Publisher != "Publisher of SRC" ||
		len(s1.Counterparts) == 0 || s1.Counterparts[0].Kind != casefile.MatchExplicit || s1.Counterparts[0].Target.Identifier != testID("t1") {
		t.Errorf("s1: %+v", s1)
	}
	s2 := byURL["https://elsewhere.example/ims/case/v1p0/CFItems/"+testID("s2")]
	if s2.Status != "resolved" || s2.By != "identifier" || len(s2.Counterparts) == 0 || s2.Counterparts[0].Kind != casefile.MatchTransitive ||
		s2.Counterparts[0].Target.Identifier != testID("t2") {
		t.Errorf("s2: %+v", s2)
	}
	crit := byURL["https://pub.example/crit"]
	if crit.Status != "resolved" || crit.Item.Type != "CFRubricCriterion" || len(crit.Counterparts) == 0 || crit.Counterparts[0].Target.Identifier != testID("t1") {
		t.Errorf("criterion: %+v", crit)
	}
	if c := byURL["https://credentialengineregistry.org/resources/ce-1"]; c.Status != "unresolved" || !strings.Contains(c.Reason, "CTDL") {
		t.Errorf("CTDL: %+v", c)
	}
	if g := byURL["https://pub.example/SRC/nothing-here"]; g.Status != "unresolved" || !strings.Contains(g.Reason, "no item") {
		t.Errorf("broken link: %+v", g)
	}
	if sum := rep.Summary; sum.Alignments != 5 || sum.Resolved != 3 || sum.Unresolved != 2 || sum.Explicit != 2 || sum.Transitive != 1 || sum.Coverage != 1 {
		t.Errorf("summary %+v", sum)
	}
}

// TestReadShapes: an OB 3.0 credential, a bare Achievement and a JWT are
// read; what is not a credential is refused with a clear reason.
func TestReadShapes(t *testing.T) {
	s := newTestService(t)
	ach := `{"id":"urn:uuid:a","type":["Achievement"],"name":"A","alignment":[{"type":["Alignment"],"targetName":"S1","targetUrl":"https://pub.example/SRC/s1"}]}`
	ob := `{"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":"https://school.example","credentialSubject":{"type":"AchievementSubject","achievement":` + ach + `}}`
	jwt := "eyJ0eXAiOiJKV1QifQ." + base64.RawURLEncoding.EncodeToString([]byte(ob)) + ".sig"
	for name, body := range map[string]string{"achievement": ach, "credential": ob, "jwt": jwt} {
		rep, err := s.Resolve(context.Background(), []byte(body), "")
		if err != nil || rep.Summary.Resolved != 1 {
			t.Errorf("%s: %v %+v", name, err, rep)
		}
		if name == "jwt" && (rep.Encoding != "jwt" || rep.Kind != "OpenBadgeCredential") {
			t.Errorf("jwt read as %s/%s", rep.Encoding, rep.Kind)
		}
	}
	for name, body := range map[string]string{
		"not json":     "{",
		"not a cred":   `{"type":["VerifiableCredential"]}`,
		"bad jwt":      "a.b",
		"empty":        "  ",
		"unknown tgt":  ach,
		"too large":    `{"x":"` + strings.Repeat("a", 2<<20) + `"}`,
		"bad base64":   "a.!!!.c",
		"array top":    `[]`,
		"subject type": `{"type":"OpenBadgeCredential","credentialSubject":"x"}`,
	} {
		target := ""
		if name == "unknown tgt" {
			target = testID("nope")
		}
		_, err := s.Resolve(context.Background(), []byte(body), target)
		if casefile.ErrorCode(err) != casefile.Invalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
}

// TestReadLimits: a credential with more alignments than the limit is read
// up to the limit, and the report says so.
func TestReadLimits(t *testing.T) {
	s := newTestService(t)
	s.cfg.MaxAlignments = 3
	var als []string
	for i := range 10 {
		als = append(als, fmt.Sprintf(`{"type":["Alignment"],"targetName":"n","targetUrl":"https://pub.example/x/%d"}`, i))
	}
	body := `{"type":"Achievement","id":"a","name":"a","alignment":[` + strings.Join(als, ",") + `]}`
	rep, err := s.Resolve(context.Background(), []byte(body), "")
	if err != nil || rep.Summary.Alignments != 3 || len(rep.Notes) != 1 {
		t.Fatalf("%v %+v", err, rep)
	}
}
