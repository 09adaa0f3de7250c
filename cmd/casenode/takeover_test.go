package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casenode/casenode/internal/fixture"
)

// A file whose item carries another framework's item identifier is refused
// (before, it moved the item silently: "imported … (1 items)" and CCSS fell
// to 745); with --takeover it is granted and the output says so.
func TestImportTakeoverRule(t *testing.T) {
	data := t.TempDir()
	ccssPath := fixture.Path(t, "real", "ccss-math-2010.opensalt.cfpackage.json")
	if code, _, errs := cli(t, data, "import", "--quiet", ccssPath); code != 0 {
		t.Fatalf("CCSS import: %s", errs)
	}
	raw, err := os.ReadFile(ccssPath)
	if err != nil {
		t.Fatal(err)
	}
	var pkg map[string]any
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	ccssID := pkg["CFDocument"].(map[string]any)["identifier"].(string)
	pkg["CFDocument"] = map[string]any{"identifier": "0b0e0e0e-1111-4222-8333-444455556666", "uri": "https://other.test/doc",
		"title": "Other", "creator": "Other", "lastChangeDateTime": "2024-01-01T00:00:00Z"}
	pkg["CFItems"] = pkg["CFItems"].([]any)[:1]
	delete(pkg, "CFAssociations")
	delete(pkg, "CFDefinitions")
	b, _ := json.Marshal(pkg)
	other := filepath.Join(t.TempDir(), "other.json")
	if err := os.WriteFile(other, b, 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errs := cli(t, data, "import", "--quiet", other)
	if code != 1 || !strings.Contains(errs, "takeover refused: CFItems") || strings.Contains(out, "imported") {
		t.Fatalf("import reusing a CCSS item: exit %d\n%s\n%s", code, out, errs)
	}
	if n := exportedItems(t, data, ccssID); n != 746 {
		t.Fatalf("CCSS holds %d items after a refused takeover, want 746", n)
	}
	code, out, errs = cli(t, data, "import", "--quiet", "--takeover", other)
	if code != 0 || !strings.Contains(out, "takeover granted: CFItems") {
		t.Fatalf("import --takeover: exit %d\n%s\n%s", code, out, errs)
	}
	if n := exportedItems(t, data, ccssID); n != 745 {
		t.Fatalf("CCSS holds %d items after a granted takeover, want 745", n)
	}
}

func exportedItems(t *testing.T, data, id string) int {
	t.Helper()
	code, out, errs := cli(t, data, "export", id)
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	var p struct{ CFItems []json.RawMessage }
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	return len(p.CFItems)
}
