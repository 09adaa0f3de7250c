package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/casenode/casenode/casefile"
)

// claim lists, per table, the identifiers an import is about to insert that
// may belong to another framework.
type claim struct {
	table string
	ids   []string
}

// takeOver deletes the rows of other frameworks whose identifiers the
// incoming package reuses (the incoming framework takes them over) and
// returns the frameworks that lost objects. It runs after the framework's own
// rows with those identifiers were deleted, so every match belongs to
// another framework.
func takeOver(ctx context.Context, tx *sql.Tx, sets []claim) (map[string]bool, error) {
	victims := map[string]bool{}
	for _, s := range sets {
		if len(s.ids) == 0 {
			continue
		}
		// One statement per table: the identifiers travel as one JSON array.
		list, err := json.Marshal(s.ids)
		if err != nil {
			return nil, err
		}
		q := `DELETE FROM ` + s.table + ` WHERE identifier IN (SELECT value FROM json_each(?)) RETURNING framework`
		if err := collect(ctx, tx, q, []any{string(list)}, victims); err != nil {
			return nil, err
		}
	}
	return victims, nil
}

// collect runs q and adds the first column of every row to set.
func collect(ctx context.Context, tx *sql.Tx, q string, args []any, set map[string]bool) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		set[s] = true
	}
	return rows.Err()
}

// refreshVictims brings frameworks that lost objects to a takeover up to
// date: counts, content hash recomputed from what they still hold, and a new
// change entry (before the importing framework's own, so a consumer of the
// change feed that reindexes in order ends with the new owner's content).
func refreshVictims(ctx context.Context, tx *sql.Tx, victims map[string]bool, importing string, now time.Time) error {
	for fw := range victims {
		if fw == importing {
			continue
		}
		parts, err := storedParts(ctx, tx, fw)
		if err != nil {
			return err
		}
		hash := contentHash(parts)
		seq, err := addChange(ctx, tx, fw, casefile.ChangeImport, now, hash)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE frameworks SET content_hash = ?, seq = ?, item_count = ?,
			association_count = ? WHERE identifier = ?`, hash, seq, len(parts.items), len(parts.assocs), fw)
		if err != nil {
			return err
		}
	}
	return nil
}

// storedParts reads what the content hash covers from the stored rows.
func storedParts(ctx context.Context, q querier, fw string) (contentParts, error) {
	var p contentParts
	var doc, extra string
	err := q.QueryRowContext(ctx, `SELECT data, package_extra FROM frameworks WHERE identifier = ?`, fw).Scan(&doc, &extra)
	if err != nil {
		return p, err
	}
	p.document, p.extra = sha256Hex(doc), sha256Hex(extra)
	for _, s := range []struct {
		q   string
		out *[]idHash
	}{
		{`SELECT identifier, hash FROM items WHERE framework = ?`, &p.items},
		{`SELECT identifier, hash FROM associations WHERE framework = ?`, &p.assocs},
		{`SELECT kind || '/' || identifier, hash FROM definitions WHERE framework = ?`, &p.defs},
		{`SELECT identifier, hash FROM rubrics WHERE framework = ?`, &p.rubrics},
	} {
		if *s.out, err = idHashes(ctx, q, s.q, fw); err != nil {
			return p, err
		}
	}
	return p, nil
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func idHashes(ctx context.Context, q querier, query, fw string) ([]idHash, error) {
	rows, err := q.QueryContext(ctx, query, fw)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []idHash
	for rows.Next() {
		var h idHash
		if err := rows.Scan(&h.id, &h.hash); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
