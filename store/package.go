package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

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

// treeOrder orders items depth-first along isChildOf (siblings as
// Children orders them), starting from the document's children and the items
// with no parent; items not reached (cycles, parents outside the package)
// follow in arrival order, each with its subtree.
func treeOrder(doc string, items []casefile.Item, assocs []casefile.Association) []casefile.Item {
	index := make(map[string]int, len(items))
	for i := range items {
		index[items[i].Identifier] = i
	}
	key := func(i int, seq *int) sibling {
		k := sibling{code: strings.ToLower(strings.TrimSpace(items[i].HumanCodingScheme)), ord: i}
		if seq != nil {
			n := int64(*seq)
			k.seq = &n
		}
		return k
	}
	kids := map[string][]sibling{}
	hasParent := make([]bool, len(items))
	for i := range assocs {
		a := &assocs[i]
		c, ok := index[a.OriginNodeURI.Identifier]
		if !ok || a.AssociationType != casefile.IsChildOf {
			continue
		}
		hasParent[c] = true
		kids[a.DestinationNodeURI.Identifier] = append(kids[a.DestinationNodeURI.Identifier], key(c, a.SequenceNumber))
	}
	roots := kids[doc]
	for i := range items {
		if !hasParent[i] {
			roots = append(roots, key(i, nil))
		}
	}
	out := make([]casefile.Item, 0, len(items))
	done := make([]bool, len(items))
	var visit func(list []sibling)
	visit = func(list []sibling) {
		sort.SliceStable(list, func(i, j int) bool { return siblingLess(&list[i], &list[j]) })
		for _, k := range list {
			if done[k.ord] {
				continue
			}
			done[k.ord] = true
			out = append(out, items[k.ord])
			visit(kids[items[k.ord].Identifier])
		}
	}
	visit(roots)
	for i := range items {
		if !done[i] {
			visit([]sibling{key(i, nil)})
		}
	}
	return out
}
