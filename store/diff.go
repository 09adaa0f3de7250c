package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"time"

	"github.com/casenode/casenode/casefile"
)

// oldContent is what a framework held before an import, for its diff.
type oldContent struct {
	framework string
	docHash   string
	items     map[string]string // identifier -> hash
	assocs    map[string]string
}

func readOldContent(ctx context.Context, tx *sql.Tx, fw string) (*oldContent, error) {
	parts, err := storedParts(ctx, tx, fw)
	if err != nil {
		return nil, err
	}
	o := &oldContent{framework: fw, docHash: parts.document,
		items: make(map[string]string, len(parts.items)), assocs: make(map[string]string, len(parts.assocs))}
	for _, h := range parts.items {
		o.items[h.id] = h.hash
	}
	for _, h := range parts.assocs {
		o.assocs[h.id] = h.hash
	}
	return o, nil
}

// diff compares the old content with the incoming package.
func (o *oldContent) diff(p *prepared, seq int64, at time.Time, source string) casefile.FrameworkDiff {
	d := casefile.FrameworkDiff{Seq: seq, Framework: o.framework, At: at.UTC(), Source: source,
		DocumentModified: o.docHash != p.parts.document}
	d.ItemsAdded, d.ItemsRemoved, d.ItemsModified = compare(o.items, p.parts.items)
	d.AssociationsAdded, d.AssociationsRemoved, d.AssociationsModified = compare(o.assocs, p.parts.assocs)
	return d
}

// compare returns sorted added, removed and modified identifiers (never nil).
func compare(old map[string]string, now []idHash) (added, removed, modified []string) {
	added, removed, modified = []string{}, []string{}, []string{}
	seen := make(map[string]bool, len(now))
	for _, h := range now {
		seen[h.id] = true
		prev, ok := old[h.id]
		switch {
		case !ok:
			added = append(added, h.id)
		case prev != h.hash:
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
