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
// statement for full batches and an ad-hoc statement for the tail.
type batchInsert struct {
	tx      *sql.Tx
	head    string // "INSERT INTO t(a,b) VALUES "
	cols    int
	perStmt int
	full    *sql.Stmt
}

func newBatchInsert(ctx context.Context, tx *sql.Tx, table string, cols []string) (*batchInsert, error) {
	b := &batchInsert{tx: tx, cols: len(cols), perStmt: max(1, 2000/len(cols))}
	b.head = "INSERT INTO " + table + "(" + strings.Join(cols, ",") + ") VALUES "
	st, err := tx.PrepareContext(ctx, b.stmt(b.perStmt))
	if err != nil {
		return nil, err
	}
	b.full = st
	return b, nil
}

func (b *batchInsert) stmt(rows int) string {
	row := "(" + placeholders(b.cols) + ")"
	return b.head + strings.Repeat(row+",", rows-1) + row
}

// exec runs one batch: the prepared statement when it is full, an ad-hoc
// statement for the tail.
func (b *batchInsert) exec(ctx context.Context, args []any) error {
	if len(args) == b.perStmt*b.cols {
		_, err := b.full.ExecContext(ctx, args...)
		return err
	}
	_, err := b.tx.ExecContext(ctx, b.stmt(len(args)/b.cols), args...)
	return err
}

// nullable maps "" to NULL (for sparse indexed columns).
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
