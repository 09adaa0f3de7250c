package main

import (
	"os"
	"path/filepath"
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
	n := int64(size)
	wantLarge := int64(float64(n) * importMemoryRatio)
	cases := []struct {
		name   string
		inputs []string
		want   int64
	}{
		{"url", []string{"https://example.org/p.json"}, importMemoryJSON},
		{"missing file", []string{filepath.Join(dir, "none.json")}, importMemoryJSON},
		{"large json", []string{"https://example.org/p.json", big}, wantLarge},
		{"sheet", []string{filepath.Join(dir, "plan.CSV")}, importMemorySheet},
	}
	for _, c := range cases {
		if got := importMemoryLimit(c.inputs); got != c.want {
			t.Errorf("%s: limit %d, want %d", c.name, got, c.want)
		}
	}
}
