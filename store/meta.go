package store

import (
	"context"
	"database/sql"
	"errors"
)

// Meta returns a node setting ("" when absent).
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.r.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", internal("read setting", err)
	}
	return v, nil
}

// SetMeta stores a node setting.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		if err != nil {
			return internal("write setting", err)
		}
		return nil
	})
}
