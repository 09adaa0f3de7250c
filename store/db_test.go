package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func TestReopenKeepsDataAndMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "node.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := testPackage("alpha", 1, 1)
	mustImport(t, db, p)
	ms, _ := loadMigrations()
	if n := countRows(t, db, "schema_migrations"); n != len(ms) || n == 0 {
		t.Fatalf("%d migrations recorded, %d embedded", n, len(ms))
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if _, err := db.Package(ctx, p.CFDocument.Identifier); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := db.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode %q %v", mode, err)
	}
	var fk int
	if err := db.r.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign keys %d %v", fk, err)
	}
	for _, pool := range []*sql.DB{db.w, db.r} {
		var sync, busy int
		if err := pool.QueryRow(`PRAGMA synchronous`).Scan(&sync); err != nil || sync != 1 {
			t.Fatalf("synchronous %d (want 1, NORMAL) %v", sync, err)
		}
		if err := pool.QueryRow(`PRAGMA busy_timeout`).Scan(&busy); err != nil || busy != busyTimeoutMS {
			t.Fatalf("busy timeout %d %v", busy, err)
		}
	}
	if _, err := db.r.Exec(`DELETE FROM meta`); err == nil {
		t.Fatal("a reader connection could write")
	}
}

func TestOpenRejectsBadPath(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "missing-dir", "x.db"))
	if err == nil {
		t.Fatal("opened a database in a missing directory")
	}
	wantCode(t, err, casefile.Internal)
	_, err = Open(context.Background(), "")
	wantCode(t, err, casefile.Invalid)
}

func TestMetaAndClients(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	if v, err := db.Meta(ctx, "node.name"); err != nil || v != "" {
		t.Fatalf("absent meta %q %v", v, err)
	}
	for _, v := range []string{"first", "second"} {
		if err := db.SetMeta(ctx, "node.name", v); err != nil {
			t.Fatal(err)
		}
	}
	if v, _ := db.Meta(ctx, "node.name"); v != "second" {
		t.Fatalf("meta %q", v)
	}
	created := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	c := Client{ID: "tool", Name: "Mapping tool", SecretHash: "h1", Scopes: []string{casefile.ScopeRead}, CreatedAt: created}
	if err := db.PutClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.PutClient(ctx, Client{ID: "admin", SecretHash: "h2", Scopes: []string{casefile.ScopeRead, casefile.ScopeAdmin}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Client(ctx, "tool")
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("client %+v %v", got, err)
	}
	c.SecretHash = "rotated"
	if err := db.PutClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	list, err := db.Clients(ctx)
	if err != nil || len(list) != 2 || list[0].ID != "admin" || list[0].CreatedAt.IsZero() || list[1].SecretHash != "rotated" {
		t.Fatalf("clients %+v %v", list, err)
	}
	if err := db.DeleteClient(ctx, "tool"); err != nil {
		t.Fatal(err)
	}
	_, err = db.Client(ctx, "tool")
	wantCode(t, err, casefile.NotFound)
	wantCode(t, db.DeleteClient(ctx, "tool"), casefile.NotFound)
	wantCode(t, db.PutClient(ctx, Client{ID: "x"}), casefile.Invalid)
}

// Readers see either the old framework or the new one while an import
// writes, never a mix, and are not blocked by it.
func TestConcurrentReadersDuringImport(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	small := testPackage("alpha", 2, 2)
	big := testPackage("alpha", 40, 60)
	mustImport(t, db, small)
	fw := small.CFDocument.Identifier
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	reads := make([]int, 4)
	sawNew := make(chan int, 4) // each reader, once, when it first reads the new version
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			told := false
			for {
				select {
				case <-done:
					return
				default:
				}
				p, err := db.Package(ctx, fw)
				if err != nil {
					errs <- err
					return
				}
				n := len(p.CFItems)
				if (n != len(small.CFItems) || len(p.CFAssociations) != len(small.CFAssociations)) &&
					(n != len(big.CFItems) || len(p.CFAssociations) != len(big.CFAssociations)) {
					errs <- &casefile.Error{Message: "mixed read"}
					return
				}
				reads[r]++
				if n == len(big.CFItems) && !told {
					told = true
					sawNew <- r
				}
			}
		}()
	}
	mustImport(t, db, big)
	for range 4 { // every reader goes on reading and sees the import once it committed
		select {
		case <-sawNew:
		case err := <-errs:
			t.Fatal(err)
		case <-time.After(time.Minute):
			t.Fatal("a reader never saw the committed import")
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for r, n := range reads {
		if n == 0 {
			t.Fatalf("reader %d never completed a read", r)
		}
	}
}

// Two stores opening the same new file at once (as a node and the CLI may)
// both succeed, and the schema is applied once.
func TestConcurrentOpenAppliesMigrationsOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	dbs := make([]*DB, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = Open(ctx, path)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v (%v)", i, err, errors.Unwrap(err))
		}
		defer dbs[i].Close()
	}
	ms, _ := loadMigrations()
	if n := countRows(t, dbs[0], "schema_migrations"); n != len(ms) {
		t.Fatalf("%d migrations recorded, want %d", n, len(ms))
	}
	mustImport(t, dbs[1], testPackage("alpha", 1, 1))
	if _, err := dbs[3].Framework(ctx, testPackage("alpha", 0, 0).CFDocument.Identifier); err != nil {
		t.Fatalf("a write through one store is not visible through another: %v", err)
	}
}

func TestOpenPathWithSpecialCharacters(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "my data #1 ?x=y&z")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "node 1.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, db, testPackage("alpha", 1, 1))
	db.Close()
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("database not at %q: %v", path, err)
	}
}
