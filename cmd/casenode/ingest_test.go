package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casenode/casenode/seed"
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

// An offline import takes serve's limit flags (a 1M-item file is larger than
// the default 512 MB): --max-import-mb 1 rejects a 2 MB package that the
// default accepts. Before, the import command had no such flag.
func TestImportLimitFlags(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "synth.json")
	fh, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.WriteSynth(fh, seed.SynthOptions{Items: 1500, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	if st, _ := os.Stat(file); st.Size() < 2<<20 {
		t.Fatalf("synthetic package is %d bytes, want over 2 MB", st.Size())
	}
	code, _, errs := cli(t, data, "import", "--quiet", "--max-import-mb", "1", file)
	if code == 0 || !strings.Contains(errs, "larger than the limit") {
		t.Fatalf("import over --max-import-mb: exit %d, %s", code, errs)
	}
	if code, out, errs := cli(t, data, "import", "--quiet", file); code != 0 || !strings.Contains(out, "(1500 items") {
		t.Fatalf("import under the default limit: exit %d\n%s%s", code, out, errs)
	}
}

// An offline import that writes nothing (every input rejected, or the same
// content again) leaves the search index alone and says nothing about it.
// Before, it opened the index and printed "search index up to date" even
// when every input had been rejected.
func TestImportThatWritesNothingLeavesTheIndexAlone(t *testing.T) {
	data := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"CFItems": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, data, "import", "--quiet", bad)
	if code == 0 || strings.Contains(out, "search index") {
		t.Fatalf("rejected import: exit %d, stdout:\n%s", code, out)
	}
	if _, err := os.Stat(indexPath(data)); !os.IsNotExist(err) {
		t.Errorf("a rejected import created the index (%v)", err)
	}
	files := writeSeed(t)
	if code, out, errs := cli(t, data, append([]string{"import", "--quiet"}, files...)...); code != 0 || !strings.Contains(out, "search index up to date") {
		t.Fatalf("first import: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := cli(t, data, append([]string{"import", "--quiet"}, files...)...)
	if code != 0 || !strings.Contains(out, "unchanged") || strings.Contains(out, "search index") {
		t.Errorf("unchanged import: exit %d, stdout:\n%s%s", code, out, errs)
	}
}

// A file larger than --max-import-mb is rejected by its size, before it is
// read: this one is malformed from its first byte, which is what a read
// reported before.
func TestImportJudgesAFileBySizeBeforeReading(t *testing.T) {
	file := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(file, append([]byte(`{"CFDocument": x`), bytes.Repeat([]byte(" "), 2<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := cli(t, t.TempDir(), "import", "--quiet", "--max-import-mb", "1", file)
	if code == 0 || !strings.Contains(errs, "larger than the limit of 1048576 bytes") {
		t.Fatalf("import of a 2 MB file over a 1 MB limit: exit %d, %s", code, errs)
	}
}
