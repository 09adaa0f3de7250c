package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"

	"github.com/casenode/casenode/casefile"
)

// Package returns a whole framework as a CFPackage: the document, items in
// tree order, associations, definitions and rubrics, as they arrived (the
// package forms, without CFPackageURI / CFDocumentURI). It reads from one
// snapshot, so a concurrent import is seen entirely or not at all.
func (db *DB) Package(ctx context.Context, id string) (*casefile.Package, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, internal("read package", err)
	}
	defer tx.Rollback()
	var fw, version, extraJSON, docJSON string
	err = tx.QueryRowContext(ctx, `SELECT identifier, case_version, package_extra, data FROM frameworks
		WHERE identifier = ?1 OR original_identifier = ?1 ORDER BY identifier = ?1 DESC LIMIT 1`, id).
		Scan(&fw, &version, &extraJSON, &docJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFPackage", id)
	}
	if err != nil {
		return nil, internal("read package", err)
	}
	return readPackage(ctx, tx, fw, casefile.Version(version), extraJSON, docJSON)
}

func readPackage(ctx context.Context, q querier, fw string, v casefile.Version, extraJSON, docJSON string) (*casefile.Package, error) {
	p := &casefile.Package{Version: v}
	var err error
	if p.CFDocument, err = decode[casefile.Document](docJSON); err != nil {
		return nil, internal("read package", err)
	}
	extra, err := decode[packageExtra](extraJSON)
	if err != nil {
		return nil, internal("read package", err)
	}
	p.Common, p.CFDefinitions.Common = extra.Package, extra.Definitions
	items, err := queryList(ctx, q, "read package items", `SELECT data FROM items WHERE framework = ? ORDER BY ord`,
		[]any{fw}, scanData[casefile.Item])
	if err != nil {
		return nil, err
	}
	if p.CFAssociations, err = queryList(ctx, q, "read package associations",
		`SELECT data FROM associations WHERE framework = ? ORDER BY ord`, []any{fw}, scanData[casefile.Association]); err != nil {
		return nil, err
	}
	p.CFItems = treeOrder(fw, items, p.CFAssociations)
	if err := readDefinitions(ctx, q, fw, &p.CFDefinitions); err != nil {
		return nil, err
	}
	if p.CFRubrics, err = queryList(ctx, q, "read package rubrics",
		`SELECT data FROM rubrics WHERE framework = ? ORDER BY ord`, []any{fw}, scanRubric); err != nil {
		return nil, err
	}
	return p, nil
}

// scanData decodes a row whose only column is stored JSON.
func scanData[T any](s scanner) (T, error) {
	var data string
	if err := s.Scan(&data); err != nil {
		var zero T
		return zero, err
	}
	return decode[T](data)
}

// treeOrder orders items depth-first along isChildOf (siblings by
// sequenceNumber, then arrival order), starting from the document's children
// and the items with no parent; items not reached (cycles, parents outside
// the package) follow in arrival order.
func treeOrder(doc string, items []casefile.Item, assocs []casefile.Association) []casefile.Item {
	index := make(map[string]int, len(items))
	for i := range items {
		index[items[i].Identifier] = i
	}
	type edge struct {
		seq  *int
		item int
	}
	kids := map[string][]edge{}
	hasParent := make([]bool, len(items))
	for i := range assocs {
		a := &assocs[i]
		if a.AssociationType != casefile.IsChildOf {
			continue
		}
		c, ok := index[a.OriginNodeURI.Identifier]
		if !ok {
			continue
		}
		hasParent[c] = true
		kids[a.DestinationNodeURI.Identifier] = append(kids[a.DestinationNodeURI.Identifier], edge{a.SequenceNumber, c})
	}
	roots := kids[doc]
	for i := range items {
		if !hasParent[i] {
			roots = append(roots, edge{nil, i})
		}
	}
	less := func(list []edge) func(i, j int) bool {
		return func(i, j int) bool {
			a, b := list[i], list[j]
			if (a.seq == nil) != (b.seq == nil) {
				return a.seq != nil
			}
			if a.seq != nil && *a.seq != *b.seq {
				return *a.seq < *b.seq
			}
			return a.item < b.item
		}
	}
	out := make([]casefile.Item, 0, len(items))
	done := make([]bool, len(items))
	var visit func(list []edge)
	visit = func(list []edge) {
		sort.SliceStable(list, less(list))
		for _, e := range list {
			if done[e.item] {
				continue
			}
			done[e.item] = true
			out = append(out, items[e.item])
			visit(kids[items[e.item].Identifier])
		}
	}
	visit(roots)
	for i := range items {
		if !done[i] {
			done[i] = true
			out = append(out, items[i])
			visit(kids[items[i].Identifier])
		}
	}
	return out
}
