package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/credential"
)

// newURIEnv is a server with the credential service and framework alpha.
func newURIEnv(t *testing.T) *testEnv {
	t.Helper()
	var e *testEnv
	e = newTestEnv(t, func(c *Config) {
		svc, err := credential.New(credential.Config{BaseURL: testBase, Store: c.Store.(credential.Store)})
		if err != nil {
			t.Fatal(err)
		}
		c.Credentials = svc
	})
	e.importPackage(testFramework(testDocs[0]))
	return e
}

// TestURINegotiation: every object kind the issue names answers /uri/{id}
// in each negotiated form: CASE JSON (1.1, or 1.0 when asked), the OB 3.0
// Achievement where one stands for the object, HTML, 300 without a
// preference, and 404 in the form asked for an unknown id.
func TestURINegotiation(t *testing.T) {
	e := newURIEnv(t)
	cases := []struct {
		name, key, kind, targetType string
	}{
		{"item", "alpha/child", "CFItem", "CFItem"},
		{"document", "alpha", "CFDocument", casefile.TargetCFDocument},
		{"association", "alpha/a-ext", "CFAssociation", ""},
		{"rubric criterion", "alpha/criterion", "CFRubricCriterion", "CFRubricCriterion"},
		{"rubric criterion level", "alpha/level", "CFRubricCriterionLevel", "CFRubricCriterionLevel"},
		{"rubric", "alpha/rubric", "CFRubric", "CFRubric"},
		{"concept", "alpha/concept", "CFConcept", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := "/uri/" + id(c.key)
			// CASE JSON, 1.1 by default.
			r := e.get(path, "Accept", "application/json")
			var obj map[string]any
			r.json(t, &obj)
			if r.status != 200 || obj["identifier"] != id(c.key) || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Fatalf("json: %d %v %.200s", r.status, r.header, r.body)
			}
			if r.header.Get("Vary") != "Accept" || !strings.Contains(r.header.Get("Link"), `rel="canonical"`) {
				t.Errorf("json headers: Vary %q Link %q", r.header.Get("Vary"), r.header.Get("Link"))
			}
			// CASE 1.0 when asked (an Accept parameter or ?version=1.0).
			r10 := e.get(path, "Accept", "application/json;version=1.0")
			r10q := e.get(path + "?format=json&version=1.0")
			if r10.status != 200 || string(r10.body) != string(r10q.body) {
				t.Errorf("1.0: %d / %d", r10.status, r10q.status)
			}
			if c.kind == "CFItem" && (strings.Contains(string(r10.body), `"subject"`) == strings.Contains(string(r.body), `"subject"`)) {
				t.Errorf("1.0 and 1.1 item bodies do not differ in the 1.1-only subject field")
			}
			// OB 3.0 Achievement.
			r = e.get(path, "Accept", "application/ld+json")
			if c.targetType == "" {
				if r.status != http.StatusNotAcceptable {
					t.Errorf("achievement of a %s: %d, want 406", c.kind, r.status)
				}
			} else {
				var a casefile.Achievement
				r.json(t, &a)
				if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/ld+json") ||
					len(a.Alignment) == 0 || a.Alignment[0].TargetType != c.targetType || a.Context[1] != casefile.OB3Context {
					t.Errorf("achievement: %d %s %+v", r.status, r.header.Get("Content-Type"), a)
				}
				if q := e.get(path + "?format=achievement"); string(q.body) != string(r.body) {
					t.Errorf("?format=achievement differs from Accept: application/ld+json")
				}
			}
			// HTML for a browser.
			r = e.get(path, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), id(c.key)) {
				t.Errorf("html: %d %s %.200s", r.status, r.header.Get("Content-Type"), r.body)
			}
			// No preference: 300 with the choices.
			r = e.get(path)
			var ch struct {
				Choices []struct{ Type, Href string }
			}
			r.json(t, &ch)
			if r.status != http.StatusMultipleChoices || len(ch.Choices) < 2 || ch.Choices[0].Type != "text/html" {
				t.Errorf("no Accept: %d %+v", r.status, ch)
			}
		})
	}
}

// TestURIUnknown: an unknown identifier answers 404 in the form asked.
func TestURIUnknown(t *testing.T) {
	e := newURIEnv(t)
	path := "/uri/" + id("nothing")
	r := e.get(path, "Accept", "application/json")
	var imsx map[string]any
	r.json(t, &imsx)
	if r.status != 404 || imsx["imsx_codeMajor"] != "failure" {
		t.Errorf("json: %d %s", r.status, r.body)
	}
	r = e.get(path, "Accept", "text/html")
	if r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("html: %d %s", r.status, r.header.Get("Content-Type"))
	}
	r = e.get(path, "Accept", "application/ld+json")
	var apiErr apiErrorBody
	r.json(t, &apiErr)
	if r.status != 404 || apiErr.Error.Code != "not_found" {
		t.Errorf("ld+json: %d %s", r.status, r.body)
	}
	if r := e.get(path, "Accept", "image/png"); r.status != http.StatusNotAcceptable {
		t.Errorf("image/png: %d, want 406", r.status)
	}
}

// TestResolveURISourceOfTruth: /api/v1/resolve finds an object by another
// version's REST path or a peer's /uri/ of the same identifier, and names
// the publisher's uri and the origin node as its source of truth.
func TestResolveURISourceOfTruth(t *testing.T) {
	e := newURIEnv(t)
	child := id("alpha/child")
	for _, uri := range []string{
		testBase + "/ims/case/v1p1/CFItems/" + child, // exact uri
		"https://other.example/ims/case/v1p0/CFItems/" + strings.ToUpper(child),
		"https://peer.example/uri/" + child,
	} {
		r := e.get("/api/v1/resolve?uri=" + uri)
		var info objectInfo
		r.json(t, &info)
		if r.status != 200 || info.Identifier != child || info.Type != "CFItem" || info.SourceOfTruth.URI != testBase+"/ims/case/v1p1/CFItems/"+child ||
			info.SourceOfTruth.Origin != testBase || info.CanonicalURI != testBase+"/uri/"+child {
			t.Errorf("%s: %d %+v", uri, r.status, info)
		}
	}
	crit := id("alpha/criterion")
	r := e.get("/api/v1/resolve?uri=https://peer.example/ims/case/v1p1/CFRubricCriteria/" + crit)
	var info objectInfo
	r.json(t, &info)
	if r.status != 200 || info.Type != "CFRubricCriterion" || info.Framework != id("alpha") {
		t.Errorf("criterion: %d %+v", r.status, info)
	}
	if r := e.get("/api/v1/resolve?uri=https://peer.example/uri/" + id("nothing")); r.status != 404 {
		t.Errorf("unknown: %d", r.status)
	}
}

// TestItemAchievementEndpoint: GET /api/v1/items/{id}/achievement aligns to
// the item's uri, code and framework.
func TestItemAchievementEndpoint(t *testing.T) {
	e := newURIEnv(t)
	r := e.get("/api/v1/items/" + id("alpha/child") + "/achievement")
	var a casefile.Achievement
	r.json(t, &a)
	al := a.Alignment
	if r.status != 200 || len(al) != 1 || al[0].TargetURL != testBase+"/ims/case/v1p1/CFItems/"+id("alpha/child") ||
		al[0].TargetCode != "M.1.a" || al[0].TargetFramework != "Alpha Mathematics" || al[0].TargetType != "CFItem" {
		b, _ := json.Marshal(a)
		t.Errorf("%d %s", r.status, b)
	}
	if r := e.get("/api/v1/items/" + id("alpha/rubric") + "/achievement"); r.status != 404 {
		t.Errorf("achievement of a non-item: %d", r.status)
	}
}
