package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An offline import leaves the data searchable: the index is brought up to
// date before the command ends (before, it was built only when a node or a
// search next opened the data directory). reindex on a data directory
// without an index builds it once (before: twice, index-1 then index-2).
func TestImportIndexesAndReindexBuildsOnce(t *testing.T) {
	data := t.TempDir()
	code, out, errs := cli(t, data, append([]string{"import", "--quiet"}, writeSeed(t)...)...)
	if code != 0 || !strings.Contains(out, "search index up to date") {
		t.Fatalf("import exit %d:\n%s%s", code, out, errs)
	}
	current, err := os.ReadFile(filepath.Join(indexPath(data), "current"))
	if err != nil || strings.TrimSpace(string(current)) != "index-1" {
		t.Fatalf("after import the index is %q (%v), want index-1", current, err)
	}
	if err := os.RemoveAll(indexPath(data)); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, data, "reindex"); code != 0 || !strings.Contains(out, "index rebuilt") {
		t.Fatalf("reindex exit %d:\n%s%s", code, out, errs)
	}
	entries, err := os.ReadDir(indexPath(data))
	if err != nil {
		t.Fatal(err)
	}
	current, _ = os.ReadFile(filepath.Join(indexPath(data), "current"))
	if strings.TrimSpace(string(current)) != "index-1" || len(entries) != 2 {
		t.Errorf("reindex left %q current among %d entries, want index-1 built once", current, len(entries))
	}
	code, out, _ = cli(t, data, "search", "fractions")
	if code != 0 || strings.HasPrefix(out, "0 hits") {
		t.Errorf("search after reindex exit %d:\n%s", code, out)
	}
}
