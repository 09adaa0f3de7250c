package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// Soft memory limit of `casenode import` (unless GOMEMLIMIT is set). The
// collector then works before the heap doubles past what is live. A CASE
// JSON package decodes to about 1.25 times its size in live heap (100,000
// synthetic items: 162 MB file, ~200 MB live). Up to bigJSON the floor
// holds: at 100k the whole import and index catch-up peaks under 300 MB
// RSS, for 10-15 % more CPU time than a 350 MiB limit. A larger file gets
// twice its size, well above what it needs live, instead of a collector
// running without pause (1M items, 1.6 GB, under 1.4 times its size:
// minutes more). A spreadsheet builds far more heap than its size (a 13.7
// MB CSV of 100,000 rows: ~240 MB live), so it keeps the limit it was
// measured with.
const (
	importMemoryJSON  = 225 << 20 // floor for CASE JSON and URLs
	importMemorySheet = 350 << 20 // floor when any input is a spreadsheet
	bigJSON           = 256 << 20 // inputs larger than this set the limit
	importMemoryRatio = 2.0       // limit per byte of the largest JSON file
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
	if largest > bigJSON {
		limit = max(limit, int64(float64(largest)*importMemoryRatio))
	}
	return limit
}

// indexGCPercent paces the collector during the index catch-up that follows
// an offline import: the decoded packages are garbage by then and little is
// live, so the default pace collected every few tens of MB; the memory limit
// still bounds the heap.
const indexGCPercent = 200

// importPace sets the soft memory limit for importing inputs (unless
// GOMEMLIMIT is set). indexPace, called once the packages are stored,
// collects them and loosens the pace for the index catch-up (unless GOGC is
// set); restore puts both settings back.
func importPace(env *cliEnv, inputs []string) (indexPace, restore func()) {
	oneMallocArena()
	limit, pct := int64(-1), -2
	if env.getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(importMemoryLimit(inputs))
	}
	indexPace = func() {
		runtime.GC()
		if env.getenv("GOGC") == "" && pct == -2 {
			pct = debug.SetGCPercent(indexGCPercent)
		}
	}
	restore = func() {
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
		if pct != -2 {
			debug.SetGCPercent(pct)
		}
	}
	return indexPace, restore
}
