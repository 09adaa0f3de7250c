package server

import "testing"

func TestSmoke(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	for _, p := range []string{"/ims/case/v1p1/CFDocuments", "/ims/case/v1p1/CFPackages/" + id("alpha"), "/ims/case/v1p0/CFItemAssociations/" + id("alpha/child"),
		"/ims/case/v1p1/CFRubrics/" + id("alpha/rubric"), "/ims/case/v1p1/CFConcepts/" + id("alpha/concept")} {
		r := e.get(p)
		t.Logf("%s %d %s %.600s", p, r.status, r.header, r.body)
	}
}
