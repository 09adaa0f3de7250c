package web

import (
	"net/http"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// rubricPkg is a framework written for this test holding one rubric whose
// criterion assesses DM.3.O.2 of the demo progression.
const rubricPkg = `{"CFDocument":{"identifier":"7a1e2b3c-0000-4000-8000-0000000000d1","uri":"https://rubrics.example/d","creator":"R","title":"Rubric Framework","lastChangeDateTime":"2025-01-01T00:00:00Z","caseVersion":"1.1"},
 "CFItems":[],"CFAssociations":[],
 "CFRubrics":[{"identifier":"7a1e2b3c-0000-4000-8000-0000000000a1","uri":"https://rubrics.example/r","title":"Fluency rubric","description":"How fluent","lastChangeDateTime":"2025-01-01T00:00:00Z",
  "CFRubricCriteria":[{"identifier":"7a1e2b3c-0000-4000-8000-0000000000c1","uri":"https://rubrics.example/c","category":"Multiplication fluency","description":"Recalls products","weight":2,"position":1,
   "rubricId":"7a1e2b3c-0000-4000-8000-0000000000a1","lastChangeDateTime":"2025-01-01T00:00:00Z",
   "CFItemURI":{"title":"DM.3.O.2","identifier":"` + seedDMItem + `","uri":"https://demo.casenode.dev/ims/case/v1p1/CFItems/` + seedDMItem + `"},
   "CFRubricCriterionLevels":[
    {"identifier":"7a1e2b3c-0000-4000-8000-0000000000e1","uri":"https://rubrics.example/l1","quality":"Emerging","score":1,"description":"Counts on fingers","position":1,"rubricCriterionId":"7a1e2b3c-0000-4000-8000-0000000000c1","lastChangeDateTime":"2025-01-01T00:00:00Z"},
    {"identifier":"7a1e2b3c-0000-4000-8000-0000000000e2","uri":"https://rubrics.example/l2","quality":"Secure","score":3,"description":"Instant recall","position":2,"rubricCriterionId":"7a1e2b3c-0000-4000-8000-0000000000c1","lastChangeDateTime":"2025-01-01T00:00:00Z"}]}]}]}`

// TestRubricPage: a rubric, asked by its own id or by one of its levels,
// shows every criterion with its levels, the item it assesses and stable
// addresses, with the level asked for marked.
func TestRubricPage(t *testing.T) {
	n := newTestNode(t)
	n.importBytes([]byte(rubricPkg), casefile.Provenance{Source: casefile.SourceFile, Location: "rubric.json"})
	for _, id := range []string{"7a1e2b3c-0000-4000-8000-0000000000a1", "7a1e2b3c-0000-4000-8000-0000000000e2"} {
		code, body, _ := get(t, n.web, "/rubrics/"+id, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", id, code)
		}
		mustContain(t, body, "Fluency rubric", "Multiplication fluency", "Emerging", "Secure", "Instant recall", ">3<",
			"/items/"+seedDMItem, "/uri/7a1e2b3c-0000-4000-8000-0000000000c1", "Rubric Framework")
		if id == "7a1e2b3c-0000-4000-8000-0000000000e2" {
			mustContain(t, body, `id="l-7a1e2b3c-0000-4000-8000-0000000000e2" class="focus" aria-current="true"`)
		}
	}
	if code, _, _ := get(t, n.web, "/rubrics/7a1e2b3c-0000-4000-8000-0000000000ff", nil); code != http.StatusNotFound {
		t.Errorf("unknown rubric: %d", code)
	}
}
