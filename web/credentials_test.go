package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/casenode/casenode/credential"
)

const (
	seedNumeracy = "245f5246-8c25-51a0-86cd-f4ac263f608d"
	// DM.3.O.2 of the progression, exactMatchOf CNS.CF.1 of core numeracy.
	seedDMItem  = "8cd177b0-96fa-54dc-b50a-cdad4f79ef89"
	seedCNSItem = "ebd3eb71-dd45-57c3-a464-b20eb0b0a0f1"
)

// testBadge is an OB 3.0 OpenBadgeCredential written for this test: one
// achievement aligned to DM.3.O.2 of the demo progression and to a uri no
// node knows.
const testBadge = `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
 "id":"urn:uuid:web-test-badge","type":["VerifiableCredential","OpenBadgeCredential"],"name":"Multiplication badge",
 "issuer":{"id":"https://school.example","type":["Profile"],"name":"Web Test School"},"validFrom":"2025-01-01T00:00:00Z",
 "credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"https://school.example/a/1","type":["Achievement"],
  "name":"Multiplies within 100","description":"d","criteria":{"narrative":"n"},
  "alignment":[{"type":["Alignment"],"targetName":"DM.3.O.2","targetUrl":"https://demo.casenode.dev/ims/case/v1p1/CFItems/` + seedDMItem + `","targetType":"CFItem"},
   {"type":["Alignment"],"targetName":"Lost","targetUrl":"https://gone.example/standards/42","targetType":"CFItem"}]}}}`

func credentialNode(t *testing.T) (*testNode, http.Handler) {
	n := newTestNode(t)
	svc, err := credential.New(credential.Config{BaseURL: n.base, Store: n.db, Crosswalk: n.cw, Similar: n.ix})
	if err != nil {
		t.Fatal(err)
	}
	d := n.deps
	d.Credentials = svc
	return n, n.handler(d)
}

// TestCredentialPage: a pasted credential is shown as items of the framework
// picked, with its counterpart, the coverage and the unresolved alignment.
func TestCredentialPage(t *testing.T) {
	_, h := credentialNode(t)
	code, body, _ := get(t, h, "/credentials", nil)
	if code != http.StatusOK {
		t.Fatalf("form: %d", code)
	}
	mustContain(t, body, `name="credential"`, `type="file"`, "casenode Demo: Core Numeracy Skills")

	rec := post(t, h, "/credentials", map[string]string{"credential": testBadge, "target": seedNumeracy}, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("post: %d %s", rec.Code, rec.Body.String())
	}
	mustContain(t, rec.Body.String(), "Multiplication badge", "Web Test School", "not verified",
		"DM.3.O.2", "/uri/"+seedCNSItem, ">explicit<", "coverage 100%", "unresolved", "https://gone.example/standards/42")
}

// TestCredentialPageUpload: an uploaded file is read like pasted text; bad
// input answers 400 with the reason on the page.
func TestCredentialPageUpload(t *testing.T) {
	_, h := credentialNode(t)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "badge.json")
	fw.Write([]byte(testBadge))
	mw.WriteField("target", seedNumeracy)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/credentials", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "/uri/"+seedCNSItem) {
		t.Fatalf("upload: %d", rec.Code)
	}
	rec = post(t, h, "/credentials", map[string]string{"credential": `{"type":"Nothing"}`}, nil)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "is not an OB 3.0") {
		t.Errorf("not a credential: %d", rec.Code)
	}
	rec = post(t, h, "/credentials", map[string]string{"credential": ""}, nil)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "paste a credential") {
		t.Errorf("empty: %d", rec.Code)
	}
}

// TestItemPageSourceOfTruth: the item page names the item's uri, the node
// that publishes it and the stable /uri/ address here.
func TestItemPageSourceOfTruth(t *testing.T) {
	n := newTestNode(t)
	_, body, _ := get(t, n.web, "/items/"+seedDMItem, nil)
	mustContain(t, body, "Source of truth", "https://demo.casenode.dev/ims/case/v1p1/CFItems/"+seedDMItem,
		"published by this node", n.base+"/uri/"+seedDMItem, "?format=achievement")
}
