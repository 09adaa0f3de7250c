package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Checkpoints after large imports. SQLite copies the write-ahead log back
// into the database file (a checkpoint) at the end of any commit that leaves
// the log over walAutoCheckpoint pages, inside that commit. After a
// 100,000-item import the log holds ~90,000 pages, and copying them took a
// second or more of the import's own time, after its data was already
// durable in the log. An import of at least bigWALObjects objects therefore
// commits with the automatic checkpoint off and checkpoints on a reader
// connection in the background, while the caller goes on (indexing, say);
// Close waits for it. What a crash can lose or keep is unchanged: committed
// transactions are in the log either way, and SQLite copies a log that was
// not checkpointed when the database is next opened.
const (
	walAutoCheckpoint = 1000 // pages: SQLite's default, the writer's setting
	bigWALObjects     = 20_000
)

// writeTxBig is writeTx for a transaction writing objects objects.
func (db *DB) writeTxBig(ctx context.Context, objects int, fn func(tx *sql.Tx) error) error {
	if objects < bigWALObjects {
		return db.writeTx(ctx, fn)
	}
	if err := db.setAutoCheckpoint(ctx, 0); err != nil {
		return internal("begin write", err)
	}
	err := db.writeTx(ctx, fn)
	if rerr := db.setAutoCheckpoint(context.WithoutCancel(ctx), walAutoCheckpoint); err == nil && rerr != nil {
		return internal("commit", rerr)
	}
	if err == nil {
		db.checkpointLater()
	}
	return err
}

func (db *DB) setAutoCheckpoint(ctx context.Context, pages int) error {
	_, err := db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", pages))
	return err
}

// checkpointLater copies the log into the database file on a reader
// connection in the background (PASSIVE: readers and the writer go on).
// A failure leaves the log to the next checkpoint.
func (db *DB) checkpointLater() {
	db.bg.Add(1)
	go func() {
		defer db.bg.Done()
		_, _ = db.r.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`) // best effort, see above
	}()
}
