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

// schemaPath is the official CASE 1.1 CFPackage JSON Schema, beside the fixtures.
func schemaPath(t testing.TB) string {
	t.Helper()
	p := filepath.Join(fixture.Dir(t), "..", "case-spec", "v1p1", "json", "case_v1p1_cfpackage-jsonschema1.json")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("official schema: %v", err)
		}
		t.Skipf("official schema not found: %v", err)
	}
	return p
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// packageSchema compiles the official 1.1 CFPackage schema once, with format
// assertions on (uuid, date, date-time). The $schema URI is normalised (CASE.md
// gotcha 8: the official files spell it in ways some validators do not map).
func packageSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	path := schemaPath(t)
	schemaOnce.Do(func() {
		raw, err := os.ReadFile(path)
		if err != nil {
			schemaErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			schemaErr = err
			return
		}
		m := doc.(map[string]any)
		if s, _ := m["$schema"].(string); strings.Contains(s, "2019-09") {
			m["$schema"] = "https://json-schema.org/draft/2019-09/schema"
		} else {
			m["$schema"] = "https://json-schema.org/draft/2020-12/schema"
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		id, _ := m["$id"].(string)
		if err := c.AddResource(id, doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile(id)
	})
	if schemaErr != nil {
		t.Fatalf("compile official schema: %v", schemaErr)
	}
	return schema
}

// validateAgainstSchema fails the test when out is not a valid 1.1 CFPackage.
func validateAgainstSchema(t testing.TB, name string, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%s: encoded output is not JSON: %v", name, err)
	}
	if err := packageSchema(t).Validate(inst); err != nil {
		msg := err.Error()
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		t.Fatalf("%s: encoded output fails the official 1.1 schema: %s", name, msg)
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
