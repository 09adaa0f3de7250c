package store

import (
	"context"
	"database/sql"
	"strings"
)

// chunkSize bounds the identifiers bound in one IN (...) list.
const chunkSize = 500

// chunks splits ids into slices of at most chunkSize.
func chunks(ids []string) [][]string {
	var out [][]string
	for len(ids) > chunkSize {
		out = append(out, ids[:chunkSize])
		ids = ids[chunkSize:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// dedupe drops repeated strings, keeping first occurrences in order.
func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// placeholders returns "?,?,?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// anys converts strings to query arguments.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// batchInsert writes rows with multi-row INSERT statements: a prepared
// statement for full batches and one ad-hoc statement for the tail.
type batchInsert struct {
	tx      *sql.Tx
	head    string // "INSERT INTO t(a,b) VALUES "
	cols    int
	perStmt int
	full    *sql.Stmt
	args    []any
	n       int
}

func newBatchInsert(ctx context.Context, tx *sql.Tx, table string, cols []string) (*batchInsert, error) {
	b := &batchInsert{tx: tx, cols: len(cols), perStmt: max(1, 2000/len(cols))}
	b.head = "INSERT INTO " + table + "(" + strings.Join(cols, ",") + ") VALUES "
	st, err := tx.PrepareContext(ctx, b.stmt(b.perStmt))
	if err != nil {
		return nil, err
	}
	b.full = st
	b.args = make([]any, 0, b.perStmt*b.cols)
	return b, nil
}

func (b *batchInsert) stmt(rows int) string {
	row := "(" + placeholders(b.cols) + ")"
	return b.head + strings.Repeat(row+",", rows-1) + row
}

// add queues one row (len(vals) must equal the column count).
func (b *batchInsert) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	b.n++
	if b.n < b.perStmt {
		return nil
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args, b.n = b.args[:0], 0
	return err
}

// close writes the queued tail and releases the statement.
func (b *batchInsert) close(ctx context.Context) error {
	defer b.full.Close()
	if b.n == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.stmt(b.n), b.args...)
	b.args, b.n = b.args[:0], 0
	return err
}

// nullable maps "" to NULL (for sparse indexed columns).
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
