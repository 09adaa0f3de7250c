package store

import (
	"context"

	"github.com/casenode/casenode/casefile"
)

// Bounds of one page of the change feed.
const (
	defaultChanges = 1000
	maxChanges     = 10000
)

// LastSeq returns the newest change sequence number (0 when nothing was written).
func (db *DB) LastSeq(ctx context.Context) (int64, error) {
	var seq int64
	if err := db.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM changes`).Scan(&seq); err != nil {
		return 0, internal("read last seq", err)
	}
	return seq, nil
}

// Changes returns the changes with seq > since, ascending; limit <= 0 means
// 1000, and at most 10000 are returned.
func (db *DB) Changes(ctx context.Context, since int64, limit int) ([]casefile.Change, error) {
	if limit <= 0 {
		limit = defaultChanges
	}
	limit = min(limit, maxChanges)
	return queryList(ctx, db.r, "read changes", `SELECT seq, framework, kind, at, content_hash FROM changes
		WHERE seq > ? ORDER BY seq LIMIT ?`, []any{since, limit}, func(s scanner) (casefile.Change, error) {
		var c casefile.Change
		var at string
		err := s.Scan(&c.Seq, &c.Framework, &c.Kind, &at, &c.ContentHash)
		c.At = parseTime(at)
		return c, err
	})
}
