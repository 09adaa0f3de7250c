package casefile_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/casenode/casenode/internal/fixture"
)

// specFile returns a file of the official CASE spec folder beside the fixtures.
func specFile(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{fixture.Dir(t), "..", "case-spec", "v1p1"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("official schema: %v", err)
		}
		t.Skipf("official schema not found: %v", err)
	}
	return p
}

var schemas sync.Map // path -> *jsonschema.Schema

// compileSchema compiles an official schema with format assertions on (uuid,
// date, date-time). The $schema URI is normalised (CASE.md gotcha 8: the JSD
// files say http://json-schema.org/draft/2020-12/schema, with http and no #)
// and a relative $id is made absolute under the official purl base.
func compileSchema(t testing.TB, path string) *jsonschema.Schema {
	t.Helper()
	if s, ok := schemas.Load(path); ok {
		return s.(*jsonschema.Schema)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	m := doc.(map[string]any)
	if s, _ := m["$schema"].(string); strings.Contains(s, "2019-09") {
		m["$schema"] = "https://json-schema.org/draft/2019-09/schema"
	} else {
		m["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	}
	id, _ := m["$id"].(string)
	if !strings.HasPrefix(id, "http") {
		id = "https://purl.imsglobal.org/spec/case/v1p1/schema/jsd/" + filepath.Base(path)
		m["$id"] = id
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	schemas.Store(path, s)
	return s
}

// packageSchema is the official CASE 1.1 CFPackage JSON Schema.
func packageSchema(t testing.TB) *jsonschema.Schema {
	return compileSchema(t, specFile(t, "json", "case_v1p1_cfpackage-jsonschema1.json"))
}

// responseSchema is the official JSD schema of a 200 response, e.g. "getcfitem".
func responseSchema(t testing.TB, op string) *jsonschema.Schema {
	return compileSchema(t, specFile(t, "jsd", "caseservicegroupv1p1-"+op+"-200-responsepayload-schemav1p0p0.json"))
}

// schemaErr returns the validation error of out against s, nil when valid.
func schemaErr(t testing.TB, s *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return s.Validate(inst)
}

// validateAgainstSchema fails the test when out is not a valid 1.1 CFPackage
// by both official schemas: the CFPackage JSON Schema (format uuid) and the
// JSD getCFPackage response schema (UUID pattern with version and variant).
func validateAgainstSchema(t testing.TB, name string, out []byte) {
	t.Helper()
	for _, s := range []*jsonschema.Schema{packageSchema(t), responseSchema(t, "getcfpackage")} {
		if err := schemaErr(t, s, out); err != nil && !fixture.OnlyVersionPattern(err) {
			msg := err.Error()
			if len(msg) > 2000 {
				msg = msg[:2000]
			}
			t.Fatalf("%s: encoded output fails the official 1.1 schema: %s", name, msg)
		}
	}
}

// noNulls fails when out contains a JSON null anywhere.
func noNulls(t testing.TB, name string, out []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var walk func(any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case nil:
			return true
		case map[string]any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		case []any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	if walk(v) {
		t.Errorf("%s: output contains null", name)
	}
}

// TestSchemaCheckIsStrict proves the schema check can fail: raw real exports
// carry CFPackageURI/CFDocumentURI inside the package, which the official
// schema forbids, and a non-UUID identifier fails the uuid format.
func TestSchemaCheckIsStrict(t *testing.T) {
	raw, err := os.ReadFile(fixture.Path(t, "real", "sbac-dok-levels.cfpackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	if schemaErr(t, packageSchema(t), raw) == nil {
		t.Fatal("raw SBAC export (with CFPackageURI in the document) passed the strict schema")
	}
	bad := []byte(`{"CFDocument":{"identifier":"10000000-0000-0000-0000-000000000001","uri":"u","creator":"c","title":"t","lastChangeDateTime":"2020-01-01T00:00:00Z"}}`)
	if schemaErr(t, responseSchema(t, "getcfpackage"), bad) == nil {
		t.Fatal("a version-0 identifier passed the JSD UUID pattern")
	}
}
