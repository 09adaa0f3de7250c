package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/casenode/casenode/casefile"
)

// rowPlan is what an update does to one table: delete the stale rows
// (removed or modified), insert the new and modified ones, and renumber
// unchanged rows whose position or package ends changed.
type rowPlan struct {
	stale  []string // identifiers to delete
	insert rows     // package indices to insert
	claim  []string // inserted identifiers the framework did not hold
	moved  []int    // unchanged rows to update in place
}

// planRows compares the held rows with the incoming (identifier, hash) list;
// same(i, old) reports whether an unchanged row i can stay as it is.
func planRows(old map[string]oldRow, now []idHash, same func(i int, o oldRow) bool) rowPlan {
	plan := rowPlan{insert: rows{}}
	seen := make(map[string]bool, len(now))
	for i, h := range now {
		seen[h.id] = true
		o, held := old[h.id]
		switch {
		case !held:
			plan.insert = append(plan.insert, i)
			plan.claim = append(plan.claim, h.id)
		case o.hash != h.hash:
			plan.stale = append(plan.stale, h.id)
			plan.insert = append(plan.insert, i)
		case !same(i, o):
			plan.moved = append(plan.moved, i)
		}
	}
	for id := range old {
		if !seen[id] {
			plan.stale = append(plan.stale, id)
		}
	}
	return plan
}

// update brings a held framework to the incoming package, touching only the
// items and associations that changed (definitions and rubrics, which are
// small, are replaced whole). A re-import that changes a few objects of a
// large framework costs a few rows, not the whole framework.
func (db *DB) update(ctx context.Context, tx *sql.Tx, p *prepared, old *oldContent, t *takeovers) (map[string]bool, error) {
	fw := p.pkg.CFDocument.Identifier
	items := planRows(old.items, p.parts.items, func(i int, o oldRow) bool { return o.ord == i })
	assocs := planRows(old.assocs, p.parts.assocs, func(i int, o oldRow) bool {
		oe, de := p.ends(&p.pkg.CFAssociations[i])
		return o.ord == i && o.originExt == oe && o.destinationExt == de
	})
	for _, q := range []string{`DELETE FROM definitions WHERE framework = ?`, `DELETE FROM rubrics WHERE framework = ?`} {
		if _, err := tx.ExecContext(ctx, q, fw); err != nil {
			return nil, err
		}
	}
	if err := deleteRows(ctx, tx, "items", fw, items.stale); err != nil {
		return nil, err
	}
	if err := deleteRows(ctx, tx, "associations", fw, assocs.stale); err != nil {
		return nil, err
	}
	victims, err := takeOver(ctx, tx, t, []claim{{"items", "CFItems", items.claim},
		{"associations", "CFAssociations", assocs.claim}, rubricClaim(p.pkg)})
	if err != nil {
		return nil, err
	}
	if err := db.step("deleted"); err != nil {
		return nil, err
	}
	if err := db.insertContent(ctx, tx, p, items.insert, assocs.insert); err != nil {
		return nil, err
	}
	return victims, renumber(ctx, tx, p, items.moved, assocs.moved)
}

// deleteRows deletes a framework's rows with the given identifiers.
func deleteRows(ctx context.Context, tx *sql.Tx, table, fw string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE identifier IN (SELECT value FROM json_each(?)) AND +framework = ?`,
		string(list), fw) // "+framework": look rows up by identifier, not by scanning the framework
	return err
}

// renumber updates the position (and, for associations, the package-end
// flags) of unchanged rows.
func renumber(ctx context.Context, tx *sql.Tx, p *prepared, items, assocs []int) error {
	if len(items) > 0 {
		st, err := tx.PrepareContext(ctx, `UPDATE items SET ord = ? WHERE identifier = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, i := range items {
			if _, err := st.ExecContext(ctx, i, p.pkg.CFItems[i].Identifier); err != nil {
				return err
			}
		}
	}
	if len(assocs) > 0 {
		st, err := tx.PrepareContext(ctx, `UPDATE associations SET ord = ?, origin_ext = ?, destination_ext = ? WHERE identifier = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, i := range assocs {
			a := &p.pkg.CFAssociations[i]
			oe, de := p.ends(a)
			if _, err := st.ExecContext(ctx, i, oe, de, a.Identifier); err != nil {
				return err
			}
		}
	}
	return nil
}

// oldRow is what the store held for one item or association.
type oldRow struct {
	hash                      string
	ord                       int
	originExt, destinationExt int
}

// oldContent is what a framework held before an import.
type oldContent struct {
	framework string
	docHash   string
	items     map[string]oldRow
	assocs    map[string]oldRow
}

func readOldContent(ctx context.Context, tx *sql.Tx, fw string) (*oldContent, error) {
	var doc string
	if err := tx.QueryRowContext(ctx, `SELECT data FROM frameworks WHERE identifier = ?`, fw).Scan(&doc); err != nil {
		return nil, err
	}
	o := &oldContent{framework: fw, docHash: sha256Hex(doc), items: map[string]oldRow{}, assocs: map[string]oldRow{}}
	if err := readOldRows(ctx, tx, `SELECT identifier, hash, ord, 0, 0 FROM items WHERE framework = ?`, fw, o.items); err != nil {
		return nil, err
	}
	err := readOldRows(ctx, tx, `SELECT identifier, hash, ord, origin_ext, destination_ext FROM associations
		WHERE framework = ?`, fw, o.assocs)
	return o, err
}

func readOldRows(ctx context.Context, tx *sql.Tx, q, fw string, into map[string]oldRow) error {
	rs, err := tx.QueryContext(ctx, q, fw)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var id string
		var r oldRow
		if err := rs.Scan(&id, &r.hash, &r.ord, &r.originExt, &r.destinationExt); err != nil {
			return err
		}
		into[id] = r
	}
	return rs.Err()
}

// diff compares the old content with the incoming package.
func (o *oldContent) diff(p *prepared, seq int64, at time.Time, source string) casefile.FrameworkDiff {
	d := casefile.FrameworkDiff{Seq: seq, Framework: o.framework, At: at.UTC(), Source: source,
		DocumentModified: o.docHash != p.parts.document}
	d.ItemsAdded, d.ItemsRemoved, d.ItemsModified = compare(o.items, p.parts.items)
	d.AssociationsAdded, d.AssociationsRemoved, d.AssociationsModified = compare(o.assocs, p.parts.assocs)
	return d
}
