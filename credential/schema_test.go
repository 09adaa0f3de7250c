package credential

import (
	"bytes"
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// achievementSchemaFile is 1EdTech's OB 3.0 AchievementCredential schema
// (see testdata/LICENSE-1EdTech.md); Achievement is its $defs/Achievement.
const achievementSchemaFile = "testdata/ob_v3p0_achievementcredential_schema.json"

var achievementSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	raw, err := os.ReadFile(achievementSchemaFile)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	m := doc.(map[string]any)
	m["$schema"] = "https://json-schema.org/draft/2019-09/schema" // the file has a trailing '#'
	id := m["$id"].(string)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	return c.Compile(id + "#/$defs/Achievement")
})

// validateAchievement checks v (marshalled) against the official schema.
func validateAchievement(t testing.TB, v any) error {
	t.Helper()
	s, err := achievementSchema()
	if err != nil {
		t.Fatalf("OB 3.0 schema: %v", err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}
