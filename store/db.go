// Package store keeps CASE frameworks in SQLite: the schema and its embedded
// migrations, one writer connection and a pool of readers, importing a package
// in one transaction, the change sequence, provenance, and every query the
// APIs need.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/casenode/casenode/casefile"
)

// busyTimeoutMS is how long a connection waits for a lock held by another
// process (e.g. the CLI writing while a node reads) before failing.
const busyTimeoutMS = 10000

// DB is the node's store: one writer connection (writes are serialised and
// start with BEGIN IMMEDIATE) and a pool of read-only readers, all in WAL
// mode so reads never wait for a write.
type DB struct {
	w *sql.DB
	r *sql.DB
	// hook, when set (tests only), is called at named steps of a write
	// transaction; an error aborts the transaction there.
	hook func(step string) error
	// clock stamps the change sequence (time.Now unless SetClock).
	clock func() time.Time
	// gen counts the write transactions committed through this DB.
	gen atomic.Uint64
}

// Generation changes whenever a write transaction of this DB commits
// (imports, deletes, takeovers, every other write). Read it before reading
// the data a cache keeps, and keep the data under the generation read: an
// entry whose generation is no longer current may be stale. Writes from
// another process are not counted; while a node runs, the CLI writes through
// it (see cmd/casenode's node file), so its caches see every write.
func (db *DB) Generation() uint64 { return db.gen.Load() }

// SetClock makes the store stamp changes with now instead of the system
// clock (tests of anything that follows write times). Call it before use.
func (db *DB) SetClock(now func() time.Time) { db.clock = now }

func (db *DB) now() time.Time {
	if db.clock != nil {
		return db.clock()
	}
	return time.Now()
}

// Open opens (creating if needed) the SQLite database at path and applies the
// embedded migrations.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, casefile.Errorf(casefile.Invalid, "store: empty database path")
	}
	w := sql.OpenDB(newWriterConnector(dsn(path, false)))
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := connectWriter(ctx, w); err != nil {
		w.Close()
		return nil, internal("open database", err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, internal("open database", err)
	}
	n := max(4, 2*runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &DB{w: w, r: r}, nil
}

// connectWriter makes the writer's connection. Switching a new file to WAL
// needs a lock SQLite does not wait for (it skips its busy handler to avoid
// a deadlock) when another process creates the same file at the same
// moment, as a node and the CLI may; that is retried for busyTimeoutMS.
func connectWriter(ctx context.Context, w *sql.DB) error {
	deadline := time.Now().Add(busyTimeoutMS * time.Millisecond)
	for {
		err := w.PingContext(ctx)
		var se sqlite3.Error
		if err == nil || !errors.As(err, &se) || (se.Code != sqlite3.ErrBusy && se.Code != sqlite3.ErrLocked) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// dsn builds the connection string so that every pooled connection gets the
// same pragmas.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", fmt.Sprint(busyTimeoutMS))
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		q.Set("_txlock", "immediate")
		q.Set("_cache_size", fmt.Sprint(-writerCacheKiB)) // see cache.go
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes both pools, first letting SQLite refresh the statistics its
// query planner uses (PRAGMA optimize; quick, and a no-op when nothing changed).
func (db *DB) Close() error {
	_, _ = db.w.Exec(`PRAGMA optimize`) // best effort: a closing store must still close
	return errors.Join(db.r.Close(), db.w.Close())
}

// step runs the test hook for a named step of a write transaction.
func (db *DB) step(name string) error {
	if db.hook == nil {
		return nil
	}
	return db.hook(name)
}

// querier is what read queries need; *sql.DB and *sql.Tx both satisfy it, so
// the same reads serve the API and run inside a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// totalChanges is the number of rows the writer connection has inserted,
// updated or deleted since it was opened (-1 when it cannot be read).
func totalChanges(ctx context.Context, tx *sql.Tx) int64 {
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// writeTx runs fn in one write transaction (BEGIN IMMEDIATE on the single
// writer connection); any error rolls everything back. The generation moves
// only when fn changed a row: an unchanged re-import keeps every cache.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return internal("begin write", err)
	}
	before := totalChanges(ctx, tx)
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	changed := before < 0 || totalChanges(ctx, tx) != before
	err = tx.Commit()
	if changed {
		db.gen.Add(1) // after the commit: a reader that sees the new generation sees the new data
	}
	if err != nil {
		return internal("commit", err)
	}
	return nil
}
