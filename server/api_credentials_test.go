package server

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// TestResolveCredentialEndpoint: POST /api/v1/credentials/resolve reads an
// Achievement as JSON or as a JWT, says the signature is not verified,
// refuses what is not a credential (400) and a body over the cap (413).
func TestResolveCredentialEndpoint(t *testing.T) {
	e := newURIEnv(t)
	child := id("alpha/child")
	ach := `{"type":"Achievement","id":"urn:uuid:x","name":"Counting","alignment":[
	 {"type":["Alignment"],"targetName":"M.1.a","targetUrl":"https://another.example/ims/case/v1p0/CFItems/` + child + `"},
	 {"type":["Alignment"],"targetName":"CTDL","targetUrl":"https://credentialengineregistry.org/resources/ce-9","targetType":"CTDL"}]}`
	jwt := "eyJhbGciOiJub25lIn0." + base64.RawURLEncoding.EncodeToString([]byte(ach)) + "."
	for name, c := range map[string]struct{ ctype, body string }{
		"json": {"application/json", ach},
		"jwt":  {"application/jwt", jwt},
	} {
		r := e.do(http.MethodPost, "/api/v1/credentials/resolve?target="+id("alpha"), strings.NewReader(c.body), "Content-Type", c.ctype)
		var rep casefile.CredentialReport
		r.json(t, &rep)
		if r.status != 200 || rep.Encoding != name || !strings.HasPrefix(rep.Signature, "not verified") || rep.Summary.Resolved != 1 || rep.Summary.Unresolved != 1 {
			t.Fatalf("%s: %d %+v", name, r.status, rep)
		}
		al := rep.Achievements[0].Alignments[0]
		if al.Item.Identifier != child || al.By != "identifier" || len(al.Counterparts) != 1 || al.Counterparts[0].Target.Identifier != child {
			t.Errorf("%s: %+v", name, al)
		}
	}
	if r := e.do(http.MethodPost, "/api/v1/credentials/resolve", strings.NewReader(`{"type":"Thing"}`)); r.status != 400 {
		t.Errorf("not a credential: %d %s", r.status, r.body)
	}
	big := `{"type":"Achievement","name":"` + strings.Repeat("x", 2<<20) + `"}`
	if r := e.do(http.MethodPost, "/api/v1/credentials/resolve", strings.NewReader(big)); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MB body: %d", r.status)
	}
}
