package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func autoCheckpoint(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.w.QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBigImportCheckpointsAfterwards: after a large import (which commits
// without copying the log into the database file) the writer's automatic
// checkpoint is back (also after a failed import), so later
// writes keep the log short; and once the store is closed the database file
// alone holds the framework.
func TestBigImportCheckpointsAfterwards(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casenode.db")
	db := openAt(t, path)
	p := synthPackage(bigWALObjects/2, "big")
	db.hook = func(s string) error {
		if s == "done" {
			return errors.New("injected failure")
		}
		return nil
	}
	if _, err := db.Import(ctx, p, casefile.Provenance{}); err == nil {
		t.Fatal("import with an injected failure succeeded")
	}
	if n := autoCheckpoint(t, db); n != walAutoCheckpoint {
		t.Fatalf("after a failed big import the writer checkpoints every %d pages, want %d", n, walAutoCheckpoint)
	}
	db.hook = nil
	if _, err := db.Import(ctx, p, casefile.Provenance{}); err != nil {
		t.Fatal(err)
	}
	if n := autoCheckpoint(t, db); n != walAutoCheckpoint {
		t.Fatalf("after a big import the writer checkpoints every %d pages, want %d", n, walAutoCheckpoint)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("log left after Close: %v", err)
	}
	db = openAt(t, path)
	if info, err := db.Framework(ctx, p.CFDocument.Identifier); err != nil || info.Items != len(p.CFItems) {
		t.Fatalf("reopened: %+v %v", info, err)
	}
}
