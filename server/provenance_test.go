package server

import (
	"bytes"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/store"
)

// TestProvenancePublicAndAdmin: an upload's provenance names the uploader's
// client and the file's path on their machine. The public framework list and
// framework answers show only the file's base name and "uploaded by an
// administrator"; the admin scope sees it all.
func TestProvenancePublicAndAdmin(t *testing.T) {
	var cw *crosswalk.Crosswalker
	e := newTestEnv(t, func(c *Config) {
		var err error
		if cw, err = crosswalk.New(crosswalk.Config{Store: c.Store.(*store.DB), BaseURL: testBase}); err != nil {
			t.Fatal(err)
		}
		c.Crosswalk = cw
	})
	adminTok := e.token(t, "alice-admin-client", casefile.ScopeAdmin)
	readTok := e.token(t, "reader-client", casefile.ScopeRead)
	admin := []string{"Authorization", "Bearer " + adminTok}
	loc := "/home/alice/private/standards/alpha.json"
	r := e.do("POST", "/api/v1/import?location="+loc, bytes.NewReader(encodeTestPackage(t, testDocs[0])),
		append(admin, "Content-Type", "application/json")...)
	if r.status != 200 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	e.importPackage(testFramework(testDocs[1])) // a file import: location "test"
	const public = "alpha.json (uploaded by an administrator)"
	full := loc + " (upload by alice-admin-client)"
	for _, c := range []struct {
		name string
		hdr  []string
		want string
	}{
		{"anonymous", nil, public},
		{"read scope", []string{"Authorization", "Bearer " + readTok}, public},
		{"admin scope", admin, full},
	} {
		var list struct{ Frameworks []casefile.FrameworkInfo }
		e.get("/api/v1/frameworks", c.hdr...).json(t, &list)
		var one casefile.FrameworkInfo
		var walk casefile.Crosswalk
		e.get("/api/v1/crosswalk?source="+id("alpha")+"&target="+id("bravo"), c.hdr...).json(t, &walk)
		if walk.Source.Provenance.Location != c.want || walk.Target.Provenance.Location != "test" {
			t.Errorf("%s: crosswalk source %+v target %+v; want location %q", c.name, walk.Source.Provenance, walk.Target.Provenance, c.want)
		}
		rOne := e.get("/api/v1/frameworks/"+id("alpha"), c.hdr...)
		rOne.json(t, &one)
		if len(list.Frameworks) != 2 || list.Frameworks[0].Provenance.Location != c.want || one.Provenance.Location != c.want {
			t.Errorf("%s: list %+v, framework %+v; want location %q", c.name, list.Frameworks, one.Provenance, c.want)
		}
		if c.want == public && (bytes.Contains(rOne.body, []byte("alice")) || bytes.Contains(rOne.body, []byte("/home"))) {
			t.Errorf("%s: answer leaks the path or client: %s", c.name, rOne.body)
		}
		if one.Provenance.Source != casefile.SourceUpload || one.Provenance.ContentHash == "" {
			t.Errorf("%s: provenance lost more than the private parts: %+v", c.name, one.Provenance)
		}
	}
	if body := string(e.get("/api/v1/frameworks").body); strings.Contains(body, "alice") {
		t.Errorf("public list leaks the client id: %s", body)
	}
}
