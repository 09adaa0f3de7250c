package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// itemSelect reads an item with its document link.
const (
	itemColumns = `i.data, i.framework, f.title, f.uri`
	itemFrom    = ` FROM items i LEFT JOIN frameworks f ON f.identifier = i.framework `
	itemSelect  = `SELECT ` + itemColumns + itemFrom
)

// scanItem decodes a stored item and sets CFDocumentURI (standalone form).
func scanItem(s scanner) (casefile.Item, error) { return scanItemWith(s) }

// scanItemWith is scanItem for rows with more columns after itemColumns,
// read into extra.
func scanItemWith(s scanner, extra ...any) (casefile.Item, error) {
	var data, fw string
	var title, uri *string
	if err := s.Scan(append([]any{&data, &fw, &title, &uri}, extra...)...); err != nil {
		return casefile.Item{}, err
	}
	it, err := decode[casefile.Item](data)
	if err != nil {
		return it, err
	}
	it.CFDocumentURI = docLink(fw, title, uri)
	return it, nil
}

func (db *DB) oneItem(ctx context.Context, what, where string, args ...any) (*casefile.Item, error) {
	it, err := scanItem(db.r.QueryRowContext(ctx, itemSelect+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFItem", what)
	}
	if err != nil {
		return nil, internal("read item", err)
	}
	return &it, nil
}

// Item returns one CFItem (standalone form); id may be an original
// (non-UUID) identifier.
func (db *DB) Item(ctx context.Context, id string) (*casefile.Item, error) {
	return db.oneItem(ctx, id, `WHERE i.identifier = ?1 OR i.original_identifier = ?1
		ORDER BY i.identifier = ?1 DESC LIMIT 1`, id)
}

// ItemByURI returns the item whose uri is exactly uri.
func (db *DB) ItemByURI(ctx context.Context, uri string) (*casefile.Item, error) {
	if uri == "" {
		return nil, notFound("CFItem", "with empty uri")
	}
	return db.oneItem(ctx, "with uri "+uri, `WHERE i.uri = ? ORDER BY i.framework, i.ord LIMIT 1`, uri)
}

// ItemsByCode returns the items whose humanCodingScheme equals code, case-insensitively.
func (db *DB) ItemsByCode(ctx context.Context, code string) ([]casefile.Item, error) {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "" {
		return []casefile.Item{}, nil
	}
	return queryList(ctx, db.r, "read items by code", itemSelect+`WHERE i.code_lower = ? AND i.code_lower <> '' ORDER BY i.framework, i.ord`,
		[]any{code}, scanItem)
}

// ItemsOf returns a framework's items in the order they arrived.
func (db *DB) ItemsOf(ctx context.Context, framework string) ([]casefile.Item, error) {
	return queryList(ctx, db.r, "read framework items", itemSelect+`WHERE i.framework = ? ORDER BY i.ord`,
		[]any{framework}, scanItem)
}

// ItemsPage returns the items of a framework at positions [offset,
// offset+limit) of ItemsOf's order, with the framework's item count, both
// from one snapshot. Only the page's rows are read and decoded: a page of a
// large framework costs its own size, not the framework's.
func (db *DB) ItemsPage(ctx context.Context, framework string, offset, limit int) ([]casefile.Item, int, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, internal("read framework items", err)
	}
	defer tx.Rollback()
	var total int
	err = tx.QueryRowContext(ctx, `SELECT item_count FROM frameworks WHERE identifier = ?`, framework).Scan(&total)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, notFound("CFDocument", framework)
	}
	if err != nil {
		return nil, 0, internal("read framework items", err)
	}
	if offset < 0 || limit < 1 || offset >= total {
		return []casefile.Item{}, total, nil
	}
	items, err := queryList(ctx, tx, "read framework items", itemSelect+`WHERE i.framework = ? ORDER BY i.ord LIMIT ? OFFSET ?`,
		[]any{framework, limit, offset}, scanItem)
	return items, total, err
}

// ItemsAfter returns up to limit items of a framework in tree order, those
// after position after (-1 before the first), with the position of the last
// one returned. Reading a large framework page by page bounds the memory it
// takes; each page is read on its own, so a framework re-imported meanwhile
// gives pages of both versions (the index, the one reader, re-reads a
// framework whenever its change sequence moves).
func (db *DB) ItemsAfter(ctx context.Context, framework string, after int64, limit int) ([]casefile.Item, int64, error) {
	type row struct {
		it  casefile.Item
		ord int64
	}
	rows, err := queryList(ctx, db.r, "read framework items",
		`SELECT `+itemColumns+`, i.ord`+itemFrom+`WHERE i.framework = ? AND i.ord > ? ORDER BY i.ord LIMIT ?`,
		[]any{framework, after, max(limit, 1)}, func(s scanner) (row, error) {
			var r row
			var err error
			r.it, err = scanItemWith(s, &r.ord)
			return r, err
		})
	if err != nil {
		return nil, after, err
	}
	items := make([]casefile.Item, len(rows))
	for i, r := range rows {
		items[i] = r.it
		after = r.ord
	}
	return items, after, nil
}

// Items returns the items with the given identifiers (or original
// identifiers) in the order asked; missing ones are skipped.
func (db *DB) Items(ctx context.Context, ids []string) ([]casefile.Item, error) {
	byID := make(map[string]casefile.Item, len(ids))
	byOriginal := map[string]casefile.Item{}
	for _, c := range chunks(dedupe(ids)) {
		args := anys(c)
		in := placeholders(len(c))
		list, err := queryList(ctx, db.r, "read items", itemSelect+`WHERE i.identifier IN (`+in+`)
			OR i.original_identifier IN (`+in+`)`, append(args, args...), scanItem)
		if err != nil {
			return nil, err
		}
		for _, it := range list {
			byID[it.Identifier] = it
			if it.OriginalIdentifier != "" {
				byOriginal[it.OriginalIdentifier] = it
			}
		}
	}
	out := make([]casefile.Item, 0, len(ids))
	for _, id := range ids {
		if it, ok := byID[id]; ok {
			out = append(out, it)
		} else if it, ok := byOriginal[id]; ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// ItemFramework maps item identifiers (or original identifiers) to the
// framework holding them; unknown ids are absent from the map.
func (db *DB) ItemFramework(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	for _, c := range chunks(dedupe(ids)) {
		args := anys(c)
		in := placeholders(len(c))
		rows, err := db.r.QueryContext(ctx, `SELECT identifier, COALESCE(original_identifier, ''), framework FROM items
			WHERE identifier IN (`+in+`) OR original_identifier IN (`+in+`)`, append(args, args...)...)
		if err != nil {
			return nil, internal("read item frameworks", err)
		}
		for rows.Next() {
			var id, orig, fw string
			if err := rows.Scan(&id, &orig, &fw); err != nil {
				rows.Close()
				return nil, internal("read item frameworks", err)
			}
			if want[id] {
				out[id] = fw
			}
			if orig != "" && want[orig] {
				out[orig] = fw
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, internal("read item frameworks", err)
		}
	}
	return out, nil
}
