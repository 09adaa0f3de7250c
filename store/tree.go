package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"

	"github.com/casenode/casenode/casefile"
)

// maxDepth caps upward walks of isChildOf (guards against cycles).
const maxDepth = 64

// sibling is what orders the children of one parent.
type sibling struct {
	seq  *int64
	code string // lower-cased humanCodingScheme
	fw   string
	ord  int // position in its package
}

// child is an item under a parent.
type child struct {
	sibling
	parent string
	item   casefile.Item
}

// siblingLess orders siblings: sequenceNumber (absent last), then code in
// natural order, then arrival order. Children and Package use the same rule.
func siblingLess(a, b *sibling) bool {
	if (a.seq == nil) != (b.seq == nil) {
		return a.seq != nil
	}
	if a.seq != nil && *a.seq != *b.seq {
		return *a.seq < *b.seq
	}
	if a.code != b.code {
		return naturalLess(a.code, b.code)
	}
	if a.fw != b.fw {
		return a.fw < b.fw
	}
	return a.ord < b.ord
}

func scanChild(s scanner) (child, error) {
	var c child
	var data string
	var title, uri *string
	err := s.Scan(&c.parent, &c.seq, &c.code, &c.ord, &data, &c.fw, &title, &uri)
	if err != nil {
		return c, err
	}
	if c.item, err = decode[casefile.Item](data); err != nil {
		return c, err
	}
	c.item.CFDocumentURI = docLink(c.fw, title, uri)
	return c, nil
}

// Children returns the children (via isChildOf) of each parent, ordered by
// sequenceNumber then code. A document identifier as parent gives that
// framework's roots: items that are isChildOf the document plus items with
// no isChildOf at all.
func (db *DB) Children(ctx context.Context, parentIDs []string) (map[string][]casefile.Item, error) {
	var all []child
	for _, c := range chunks(dedupe(parentIDs)) {
		args := anys(c)
		in := placeholders(len(c))
		list, err := queryList(ctx, db.r, "read children", `SELECT a.destination_id, MIN(a.sequence_number),
			i.code_lower, i.ord, i.data, i.framework, f.title, f.uri
			FROM associations a JOIN items i ON i.identifier = a.origin_id
			LEFT JOIN frameworks f ON f.identifier = i.framework
			WHERE a.type = 'isChildOf' AND a.destination_id IN (`+in+`)
			GROUP BY a.destination_id, i.identifier`, args, scanChild)
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
		roots, err := queryList(ctx, db.r, "read children", `SELECT i.framework, NULL, i.code_lower, i.ord, i.data,
			i.framework, f.title, f.uri FROM items i JOIN frameworks f ON f.identifier = i.framework
			WHERE i.framework IN (`+in+`) AND NOT EXISTS (SELECT 1 FROM associations a
				WHERE a.origin_id = i.identifier AND a.type = 'isChildOf')`, args, scanChild)
		if err != nil {
			return nil, err
		}
		all = append(all, roots...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].parent != all[j].parent {
			return all[i].parent < all[j].parent
		}
		return siblingLess(&all[i].sibling, &all[j].sibling)
	})
	out := make(map[string][]casefile.Item, len(parentIDs))
	for i := range all {
		out[all[i].parent] = append(out[all[i].parent], all[i].item)
	}
	return out, nil
}

// Ancestors returns the isChildOf path above an item, root first, without
// the document and the item itself. Where an item has several parents, the
// link in the item's own framework is followed.
func (db *DB) Ancestors(ctx context.Context, itemID string) ([]casefile.LinkURI, error) {
	var id, fw string
	err := db.r.QueryRowContext(ctx, `SELECT identifier, framework FROM items WHERE identifier = ?1 OR original_identifier = ?1
		ORDER BY identifier = ?1 DESC LIMIT 1`, itemID).Scan(&id, &fw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFItem", itemID)
	}
	if err != nil {
		return nil, internal("read ancestors", err)
	}
	type step struct {
		id   string
		uri  *string
		data *string
	}
	steps, err := queryList(ctx, db.r, "read ancestors", `WITH RECURSIVE up(id, depth) AS (
			SELECT ?1, 0
			UNION ALL
			SELECT (SELECT a.destination_id FROM associations a WHERE a.origin_id = up.id AND a.type = 'isChildOf'
				ORDER BY a.framework = ?2 DESC, a.ord LIMIT 1), up.depth + 1
			FROM up WHERE up.id IS NOT NULL AND up.depth < ?3)
		SELECT up.id, i.uri, i.data FROM up LEFT JOIN items i ON i.identifier = up.id
		WHERE up.id IS NOT NULL AND up.depth > 0 ORDER BY up.depth`, []any{id, fw, maxDepth},
		func(s scanner) (step, error) {
			var st step
			return st, s.Scan(&st.id, &st.uri, &st.data)
		})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{id: true}
	out := []casefile.LinkURI{}
	for _, st := range steps {
		if st.data == nil || seen[st.id] { // the document, an outside node, or a cycle
			break
		}
		seen[st.id] = true
		it, err := decode[casefile.Item](*st.data)
		if err != nil {
			return nil, internal("read ancestors", err)
		}
		out = append(out, casefile.LinkURI{Title: itemLabel(&it), Identifier: it.Identifier, URI: *st.uri})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// itemLabel is an item's short label as CASE producers write link titles:
// humanCodingScheme, else abbreviatedStatement, else fullStatement.
func itemLabel(it *casefile.Item) string {
	switch {
	case it.HumanCodingScheme != "":
		return it.HumanCodingScheme
	case it.AbbreviatedStatement != "":
		return it.AbbreviatedStatement
	}
	return it.FullStatement
}
