package main

import (
	"os"
	"path/filepath"
	"strings"
)

// Soft memory limit of `casenode import` (unless GOMEMLIMIT is set). The
// collector then works before the heap doubles past what is live. A CASE
// JSON package decodes to about 1.25 times its size in live heap (100,000
// synthetic items: 162 MB file, ~200 MB live), so the limit follows the
// largest input: at 100k the whole import and index catch-up peaks under
// 300 MB RSS, for about 5 % more CPU time than a 350 MiB limit; a 1M-item
// file (1.6 GB) gets a limit above what it needs live instead of a collector
// running without pause. A spreadsheet builds far more heap than its size
// (a 13.7 MB CSV of 100,000 rows: ~240 MB live), so it keeps the limit it
// was measured with.
const (
	importMemoryJSON  = 225 << 20 // floor for CASE JSON and URLs
	importMemorySheet = 350 << 20 // floor when any input is a spreadsheet
	importMemoryRatio = 1.4       // limit per byte of the largest JSON file
)

// importMemoryLimit is the soft limit for importing inputs (files or URLs).
func importMemoryLimit(inputs []string) int64 {
	limit := int64(importMemoryJSON)
	var largest int64
	for _, in := range inputs {
		switch strings.ToLower(filepath.Ext(in)) {
		case ".csv", ".xlsx":
			limit = importMemorySheet
			continue
		}
		if st, err := os.Stat(in); err == nil && st.Mode().IsRegular() {
			largest = max(largest, st.Size())
		}
	}
	return max(limit, int64(float64(largest)*importMemoryRatio))
}
