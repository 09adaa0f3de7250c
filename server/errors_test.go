package server

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestCASEErrorCodesPerVersion(t *testing.T) {
	e := newTestEnv(t, nil)
	importTestDocs(e)
	cases := []struct {
		path   string
		status int
		minor  string
	}{
		{"/ims/case/v1p1/CFItems/" + casefile.NameUUID("missing"), 404, "unknownobject"},
		{"/ims/case/v1p0/CFItems/" + casefile.NameUUID("missing"), 404, "unknownobject"},
		{"/ims/case/v1p1/CFItems/not-a-uuid", 404, "invalid_uuid"},
		{"/ims/case/v1p0/CFItems/not-a-uuid", 404, "invaliduuid"},
		{"/ims/case/v1p1/CFPackages/1234", 404, "invalid_uuid"},
		{"/ims/case/v1p0/CFConcepts/" + strings.Repeat("x", 600), 404, "invaliduuid"},
		{"/ims/case/v1p1/CFSubjects/" + casefile.NameUUID("missing"), 404, "unknownobject"},
		{"/ims/case/v1p1/CFDocuments?limit=-5", 400, "invalid_selection_field"},
		{"/ims/case/v1p1/CFItems/%27%3B%20DROP%20TABLE%20items%3B--", 404, "invalid_uuid"},
		{"/ims/case/v1p0/CFPackages/%27%20OR%20%271%27%3D%271", 404, "invaliduuid"},
	}
	for _, c := range cases {
		r := e.get(c.path)
		st := imsx(t, r)
		if r.status != c.status || st.CodeMajor != "failure" || st.Severity != "error" || st.CodeMinor == nil || st.CodeMinor.Fields[0].Value != c.minor {
			t.Errorf("%s: %d %s, want %d %s", c.path, r.status, r.body, c.status, c.minor)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", c.path, ct)
		}
	}
	if n := len(mustDocs(t, e)); n != len(testDocs) {
		t.Errorf("the store holds %d documents after SQL-looking ids, want %d", n, len(testDocs))
	}
}

func TestOriginalIdentifierIsServed(t *testing.T) {
	e := newTestEnv(t, nil)
	p := testFramework(testDocs[0])
	p.CFItems[2].Identifier = "local:legacy-item-7"
	p.CFAssociations[2].OriginNodeURI.Identifier = "local:legacy-item-7"
	e.importPackage(p)
	r := e.get("/ims/case/v1p1/CFItems/local:legacy-item-7")
	var it map[string]any
	r.json(t, &it)
	if r.status != http.StatusOK || it["identifier"] != casefile.NameUUID("local:legacy-item-7") {
		t.Fatalf("legacy id: %d %s", r.status, r.body)
	}
	if r := e.get("/ims/case/v1p1/CFItems/" + casefile.NameUUID("local:legacy-item-7")); r.status != http.StatusOK {
		t.Errorf("the mapped UUID is not served: %d", r.status)
	}
	if r := e.get("/ims/case/v1p1/CFItems/local:never-seen"); r.status != 404 || imsx(t, r).CodeMinor.Fields[0].Value != "invalid_uuid" {
		t.Errorf("unknown non-UUID: %d %s", r.status, r.body)
	}
}

func TestUnknownPathsAndMethods(t *testing.T) {
	e := newTestEnv(t, func(c *Config) {
		c.Web = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("web page")) })
	})
	r := e.get("/ims/case/v1p1/CFWidgets/x")
	if st := imsx(t, r); r.status != 404 || st.CodeMajor != "failure" || st.CodeMinor.Fields[0].Value != "unknownobject" {
		t.Errorf("unknown CASE path: %d %s", r.status, r.body)
	}
	r = e.get("/api/v1/nothing")
	var ae apiErrorBody
	r.json(t, &ae)
	if r.status != 404 || ae.Error.Code != "not_found" {
		t.Errorf("unknown API path: %d %s", r.status, r.body)
	}
	r = e.do(http.MethodPost, "/ims/case/v1p1/CFItems/"+id("x"), nil)
	st := imsx(t, r)
	if r.status != 405 || !strings.Contains(r.header.Get("Allow"), "GET") || st.CodeMajor != "unsupported" {
		t.Errorf("POST on a CASE read: %d Allow=%q %s", r.status, r.header.Get("Allow"), r.body)
	}
	r = e.do(http.MethodPut, "/api/v1/frameworks/"+id("x"), nil)
	if r.status != 405 || r.header.Get("Allow") != "GET, HEAD, DELETE" {
		t.Errorf("PUT on a framework: %d Allow=%q %s", r.status, r.header.Get("Allow"), r.body)
	}
	r = e.do(http.MethodGet, "/api/v1/import", nil)
	r.json(t, &ae)
	if r.status != 405 || r.header.Get("Allow") != "POST" {
		t.Errorf("GET on import: %d Allow=%q %s", r.status, r.header.Get("Allow"), r.body)
	}
	if r := e.get("/browse/anything"); r.status != 200 || string(r.body) != "web page" {
		t.Errorf("pages should reach the web handler: %d %s", r.status, r.body)
	}
}

// failingStore fails every item read with an internal error.
type failingStore struct{ Store }

func (failingStore) Item(ctx context.Context, id string) (*casefile.Item, error) {
	return nil, errors.New("disk on fire at /var/secret/casenode.db")
}

func TestInternalErrorsHideDetail(t *testing.T) {
	var logs bytes.Buffer
	e := newTestEnv(t, func(c *Config) {
		c.Store = failingStore{c.Store}
		c.Log = slog.New(slog.NewTextHandler(&logs, nil))
	})
	for _, root := range []string{"/ims/case/v1p1", "/ims/case/v1p0"} {
		r := e.get(root + "/CFItems/" + id("x"))
		st := imsx(t, r)
		if r.status != 500 || st.CodeMinor.Fields[0].Value != "internal_server_error" || bytes.Contains(r.body, []byte("fire")) {
			t.Errorf("%s: %d %s", root, r.status, r.body)
		}
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("the internal error was not logged: %s", logs.String())
	}
}

func TestPanicIsA500(t *testing.T) {
	e := newTestEnv(t, func(c *Config) {
		c.Web = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	})
	r := e.get("/page")
	var ae apiErrorBody
	r.json(t, &ae)
	if r.status != 500 || ae.Error.Code != "internal" || strings.Contains(string(r.body), "boom") {
		t.Errorf("panic: %d %s", r.status, r.body)
	}
}
