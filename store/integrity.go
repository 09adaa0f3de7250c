package store

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// IntegrityCheck runs SQLite's PRAGMA integrity_check and foreign_key_check
// and fails with what they found (crash and shutdown tests, operators).
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.r.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return internal("integrity check", err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return internal("integrity check", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return internal("integrity check", err)
	}
	fk, err := db.r.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return internal("foreign key check", err)
	}
	defer fk.Close()
	for fk.Next() {
		problems = append(problems, "a row violates a foreign key")
	}
	if len(problems) > 0 {
		return casefile.Errorf(casefile.Internal, "store integrity: %s", strings.Join(problems, "; "))
	}
	return fk.Err()
}
