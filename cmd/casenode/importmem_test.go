package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// The soft limit follows the largest CASE JSON input, keeps its floor for
// small ones and URLs, and a spreadsheet keeps the limit measured for it.
func TestImportMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	const size = 1 << 30
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	medium := filepath.Join(dir, "medium.json") // the size of 100,000 synthetic items
	if err := os.WriteFile(medium, nil, 0o600); err != nil || os.Truncate(medium, 162<<20) != nil {
		t.Fatal("cannot make a sparse file")
	}
	n := int64(size)
	wantLarge := int64(float64(n) * importMemoryRatio)
	cases := []struct {
		name   string
		inputs []string
		want   int64
	}{
		{"url", []string{"https://example.org/p.json"}, importMemoryJSON},
		{"missing file", []string{filepath.Join(dir, "none.json")}, importMemoryJSON},
		{"100k items", []string{medium}, importMemoryJSON},
		{"large json", []string{"https://example.org/p.json", big}, wantLarge},
		{"sheet", []string{filepath.Join(dir, "plan.CSV")}, importMemorySheet},
	}
	for _, c := range cases {
		if got := importMemoryLimit(c.inputs); got != c.want {
			t.Errorf("%s: limit %d, want %d", c.name, got, c.want)
		}
	}
}

// The import sets its memory limit, the index catch-up its collector pace,
// and both are put back when the command ends (tests run it in-process).
func TestImportPaceRestores(t *testing.T) {
	env := &cliEnv{getenv: func(string) string { return "" }}
	limit0 := debug.SetMemoryLimit(-1) // -1 reads
	pct0 := debug.SetGCPercent(100)
	debug.SetGCPercent(pct0)
	indexPace, restore := importPace(env, nil)
	if got := debug.SetMemoryLimit(-1); got != importMemoryJSON {
		t.Errorf("memory limit while importing %d, want %d", got, importMemoryJSON)
	}
	indexPace()
	if got := debug.SetGCPercent(indexGCPercent); got != indexGCPercent {
		t.Errorf("GC percent while indexing %d, want %d", got, indexGCPercent)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != limit0 {
		t.Errorf("memory limit after %d, want %d", got, limit0)
	}
	if got := debug.SetGCPercent(pct0); got != pct0 {
		t.Errorf("GC percent after %d, want %d", got, pct0)
	}
}
