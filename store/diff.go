package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"

	"github.com/casenode/casenode/casefile"
)

// compare returns sorted added, removed and modified identifiers (never nil).
func compare(old map[string]oldRow, now []idHash) (added, removed, modified []string) {
	added, removed, modified = []string{}, []string{}, []string{}
	seen := make(map[string]bool, len(now))
	for _, h := range now {
		seen[h.id] = true
		prev, ok := old[h.id]
		switch {
		case !ok:
			added = append(added, h.id)
		case prev.hash != h.hash:
			modified = append(modified, h.id)
		}
	}
	for id := range old {
		if !seen[id] {
			removed = append(removed, id)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	slices.Sort(modified)
	return added, removed, modified
}

func insertDiff(ctx context.Context, tx *sql.Tx, d casefile.FrameworkDiff) error {
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO diffs(seq, framework, at, source, data) VALUES (?, ?, ?, ?, ?)`,
		d.Seq, d.Framework, formatTime(d.At), d.Source, string(data))
	return err
}

// Diffs lists what each import changed in a framework, newest first.
func (db *DB) Diffs(ctx context.Context, framework string) ([]casefile.FrameworkDiff, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT data FROM diffs WHERE framework = ? ORDER BY seq DESC`, framework)
	if err != nil {
		return nil, internal("read diffs", err)
	}
	defer rows.Close()
	out := []casefile.FrameworkDiff{}
	for rows.Next() {
		var data string
		var d casefile.FrameworkDiff
		if err := rows.Scan(&data); err != nil {
			return nil, internal("read diffs", err)
		}
		if err := json.Unmarshal([]byte(data), &d); err != nil {
			return nil, internal("read diffs", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read diffs", err)
	}
	return out, nil
}
