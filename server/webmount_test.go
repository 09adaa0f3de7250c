package server

import (
	"bytes"
	"context"
	"mime/multipart"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// The web's upload form takes files larger than the node's 1 MB cap on
// other bodies (the page has its own cap).
func TestWebUploadOverOneMegabyteThroughTheNode(t *testing.T) {
	e := newWholeEnv(t)
	secret := e.addClient(t, "admin", casefile.ScopeAdmin)
	tok, _, _, err := e.auth.Issue(context.Background(), "admin", secret)
	if err != nil {
		t.Fatal(err)
	}
	pkg := seed.Synth(seed.SynthOptions{Items: 1500, Seed: 3})
	var file bytes.Buffer
	if err := casefile.EncodePackage(&file, pkg, casefile.V1p1); err != nil {
		t.Fatal(err)
	}
	if file.Len() <= 1<<20 {
		t.Fatalf("the test file has only %d bytes", file.Len())
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "big.json")
	fw.Write(file.Bytes())
	mw.Close()
	r := e.do("POST", "/import", &body, "Content-Type", mw.FormDataContentType(), "Cookie", tokenCookie+"="+tok, "Sec-Fetch-Site", "same-origin")
	if r.status >= 400 {
		t.Fatalf("upload of %d bytes: %d %.300s", file.Len(), r.status, r.body)
	}
	if _, err := e.db.Framework(context.Background(), pkg.CFDocument.Identifier); err != nil {
		t.Errorf("the uploaded framework is not held: %v", err)
	}
}
