package seed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/casenode/casenode/internal/fixture"
)

// officialSchema compiles one official CASE 1.1 schema from the spec folder
// beside the fixtures, with format assertions on (uuid, date-time, uri).
func officialSchema(t *testing.T, elem ...string) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(append([]string{fixture.Dir(t), "..", "case-spec", "v1p1"}, elem...)...)
	raw, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("official schema: %v", err)
		}
		t.Skipf("official schema not found: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	m := doc.(map[string]any)
	// The files name their draft loosely (http, no #) and some have a relative $id.
	if s, _ := m["$schema"].(string); strings.Contains(s, "2019-09") {
		m["$schema"] = "https://json-schema.org/draft/2019-09/schema"
	} else {
		m["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	}
	id := "https://purl.imsglobal.org/spec/case/v1p1/schema/" + filepath.Base(path)
	m["$id"] = id
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return s
}

func TestSeedAndSynthFollowTheOfficialSchemas(t *testing.T) {
	schemas := []*jsonschema.Schema{
		officialSchema(t, "json", "case_v1p1_cfpackage-jsonschema1.json"),
		officialSchema(t, "jsd", "caseservicegroupv1p1-getcfpackage-200-responsepayload-schemav1p0p0.json"),
	}
	var synth bytes.Buffer
	if err := WriteSynth(&synth, SynthOptions{Items: 2000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	files := append(Frameworks(), NamedFile{Name: "synthetic", Data: synth.Bytes()})
	for _, f := range files {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, s := range schemas {
			if err := s.Validate(inst); err != nil {
				msg := err.Error()
				t.Errorf("%s: not a valid CASE 1.1 CFPackage: %s", f.Name, msg[:min(len(msg), 1500)])
			}
		}
	}
}
