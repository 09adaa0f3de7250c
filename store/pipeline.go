package store

import (
	"context"
	"database/sql"
	"sync"
)

// An import's items and associations are written by two goroutines: one
// encodes rows (the data column, and the hash where prepare left it to be
// computed) into the arguments of a multi-row INSERT, the caller's goroutine
// executes them on the transaction's connection. SQLite's work and the Go
// work of the next batch overlap, on two cores. At most pipeDepth batches
// wait between them, so memory stays a few batches whatever the framework's
// size. The connection is used by the caller's goroutine only.

// pipeDepth is how many encoded batches may wait for the connection.
const pipeDepth = 2

// rowFunc appends the column values of package row i to args, using enc.
type rowFunc func(enc *encoder, i int, args []any) ([]any, error)

// insertPiped inserts into table (columns cols) the rows which selects (of
// n), encoding them with row on a second goroutine; the test hook's step
// "batch" follows each executed batch. On any error (of either goroutine, or
// ctx's) the encoder stops, and it has returned before insertPiped returns;
// the caller's transaction then rolls back everything written.
func (db *DB) insertPiped(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, which rows, row rowFunc) error {
	b, err := newBatchInsert(ctx, tx, table, cols)
	if err != nil {
		return err
	}
	defer b.full.Close()
	outer := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := make(chan []any, pipeDepth)
	spare := make(chan []any, pipeDepth+2)
	var encErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(ready)
		encErr = encodeBatches(ctx, b.perStmt*b.cols, n, which, row, ready, spare)
	}()
	for args := range ready {
		if err == nil {
			if err = b.exec(ctx, args); err == nil {
				err = db.step("batch")
			}
		}
		if err != nil {
			cancel() // stop the encoder; drain ready until it has closed it
			continue
		}
		select {
		case spare <- args[:0]:
		default:
		}
	}
	wg.Wait()
	if err != nil && outer.Err() != nil {
		return outer.Err() // SQLite may report the cancellation as "interrupted"
	}
	if err != nil {
		return err
	}
	return encErr
}

// encodeBatches sends the rows' arguments in batches of per values to ready.
func encodeBatches(ctx context.Context, per, n int, which rows, row rowFunc, ready chan<- []any, spare <-chan []any) error {
	enc := newEncoder()
	args := make([]any, 0, per)
	send := func() error {
		select {
		case ready <- args:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case args = <-spare:
		default:
			args = make([]any, 0, per)
		}
		return nil
	}
	err := which.each(n, func(i int) error {
		var err error
		if args, err = row(enc, i, args); err != nil {
			return err
		}
		if len(args) < per {
			return nil
		}
		return send()
	})
	if err != nil || len(args) == 0 {
		return err
	}
	return send()
}

// encodeHashed returns the stored JSON of v and, when *hash is empty (the
// object of a new framework, see prepareShape), sets it to its hex sha256.
func encodeHashed(enc *encoder, v any, hash *string) ([]byte, error) {
	data, err := enc.encode(v)
	if err != nil {
		return nil, cannotEncode(err)
	}
	if *hash == "" {
		*hash = sha256Hex(data)
	}
	return data, nil
}
