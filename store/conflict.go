package store

import (
	"context"
	"database/sql"

	"github.com/casenode/casenode/casefile"
)

// Framework conflicts (owned by the federation package; table from
// migrations/0100_federation.sql).

// RecordConflict records that framework c.Framework was offered from
// c.Offered while held from c.Held. The same pair recorded again only moves
// its time, winner and rule, so repeated syncs do not pile up rows.
func (db *DB) RecordConflict(ctx context.Context, c casefile.FrameworkConflict) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		at := formatTime(c.At)
		_, err := tx.ExecContext(ctx, `INSERT INTO framework_conflicts
			(framework, held_origin, offered_origin, winner, rule, first_at, at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(framework, held_origin, offered_origin) DO UPDATE SET
				winner = excluded.winner, rule = excluded.rule, at = excluded.at`,
			c.Framework, c.Held, c.Offered, c.Winner, c.Rule, at, at)
		if err != nil {
			return internal("record conflict", err)
		}
		return nil
	})
}

// Conflicts lists recorded conflicts, most recent first.
func (db *DB) Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT framework, held_origin, offered_origin, winner, rule, at
		FROM framework_conflicts ORDER BY at DESC, framework`)
	if err != nil {
		return nil, internal("list conflicts", err)
	}
	defer rows.Close()
	out := []casefile.FrameworkConflict{}
	for rows.Next() {
		var c casefile.FrameworkConflict
		var at string
		if err := rows.Scan(&c.Framework, &c.Held, &c.Offered, &c.Winner, &c.Rule, &at); err != nil {
			return nil, internal("list conflicts", err)
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("list conflicts", err)
	}
	return out, nil
}
