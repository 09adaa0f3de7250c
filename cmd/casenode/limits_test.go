package main

import (
	"bytes"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// serve's limit flags (and their environment variables) become the one
// casefile.Limits the importer and the upload cap use.
func TestServeLimitFlags(t *testing.T) {
	env := &cliEnv{stderr: &bytes.Buffer{}, getenv: func(k string) string {
		return map[string]string{"CASENODE_MAX_OBJECTS": "1000"}[k]
	}}
	cfg, err := parseServe(env, []string{"--max-import-mb", "3", "--max-statement-bytes", "10", "--max-notes-bytes", "11",
		"--max-extension-bytes", "12", "--max-object-bytes", "13"})
	want := casefile.Limits{MaxImportBytes: 3 << 20, MaxStatementBytes: 10, MaxNotesBytes: 11, MaxExtensionBytes: 12, MaxObjectBytes: 13, MaxObjects: 1000}
	if err != nil || cfg.limits != want {
		t.Fatalf("limits %+v, %v; want %+v", cfg.limits, err, want)
	}
	if cfg, err := parseServe(env, nil); err != nil || cfg.limits.MaxStatementBytes != casefile.DefaultLimits().MaxStatementBytes {
		t.Fatalf("default limits: %+v, %v", cfg.limits, err)
	}
	if _, err := parseServe(env, []string{"--max-objects", "0"}); err == nil {
		t.Fatal("--max-objects 0 accepted")
	}
}
