package server

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// An upload reusing another framework's item is answered 409 with the
// refused takeover at its path; ?takeover=true grants it and the result
// lists it.
func TestImportTakeoverOverHTTP(t *testing.T) {
	e := newTestEnv(t, nil)
	auth := []string{"Authorization", "Bearer " + e.token(t, "admin", casefile.ScopeAdmin), "Content-Type", "application/json"}
	e.importPackage(testFramework(testDocs[0]))
	p := testFramework(testDocs[1])
	alpha := testFramework(testDocs[0])
	p.CFItems = append(p.CFItems, alpha.CFItems[len(alpha.CFItems)-1])
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, p, casefile.V1p1); err != nil {
		t.Fatal(err)
	}

	r := e.do("POST", "/api/v1/import", bytes.NewReader(buf.Bytes()), auth...)
	var ae apiErrorBody
	r.json(t, &ae)
	want := "$.CFItems[" + itoa(len(p.CFItems)-1) + "].identifier"
	if r.status != http.StatusConflict || len(ae.Error.Problems) != 1 || ae.Error.Problems[0].Path != want {
		t.Fatalf("upload reusing alpha's item: %d %s", r.status, r.body)
	}
	if fi, _ := e.db.Framework(context.Background(), id("alpha")); fi.Items != len(alpha.CFItems) {
		t.Fatalf("alpha has %d items after a refused takeover", fi.Items)
	}

	r = e.do("POST", "/api/v1/import?takeover=true", bytes.NewReader(buf.Bytes()), auth...)
	var out struct{ Results []casefile.ImportResult }
	r.json(t, &out)
	if r.status != http.StatusOK || len(out.Results) != 1 || len(out.Results[0].Takeovers) != 1 || !out.Results[0].Takeovers[0].Granted {
		t.Fatalf("upload with takeover=true: %d %s", r.status, r.body)
	}
}

// An upload with an oversized statement is answered 400 with the path of
// the statement and the flag of its limit (the decoder's limits hold for
// uploads as for every path).
func TestImportFieldLimitOverHTTP(t *testing.T) {
	e := newTestEnv(t, nil)
	auth := []string{"Authorization", "Bearer " + e.token(t, "admin", casefile.ScopeAdmin), "Content-Type", "application/json"}
	p := testFramework(testDocs[0])
	p.CFItems[1].FullStatement = strings.Repeat("long statement ", 10_000)
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, p, casefile.V1p1); err != nil {
		t.Fatal(err)
	}
	r := e.do("POST", "/api/v1/import", &buf, auth...)
	var ae apiErrorBody
	r.json(t, &ae)
	if r.status != http.StatusBadRequest || len(ae.Error.Problems) == 0 || ae.Error.Problems[0].Path != "$.CFItems[1].fullStatement" ||
		!strings.Contains(ae.Error.Problems[0].Message, "--max-statement-bytes") {
		t.Fatalf("oversized statement: %d %s", r.status, r.body)
	}
}
