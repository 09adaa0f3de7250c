package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"

	"github.com/casenode/casenode/casefile"
)

// readDefinitions fills d with a framework's stored definitions.
func readDefinitions(ctx context.Context, q querier, fw string, d *casefile.Definitions) error {
	const query = `SELECT data FROM definitions WHERE framework = ? AND kind = ? ORDER BY ord`
	var err error
	if d.CFConcepts, err = queryList(ctx, q, "read definitions", query, []any{fw, kindConcept}, scanData[casefile.Concept]); err != nil {
		return err
	}
	if d.CFSubjects, err = queryList(ctx, q, "read definitions", query, []any{fw, kindSubject}, scanData[casefile.Subject]); err != nil {
		return err
	}
	if d.CFLicenses, err = queryList(ctx, q, "read definitions", query, []any{fw, kindLicense}, scanData[casefile.License]); err != nil {
		return err
	}
	if d.CFItemTypes, err = queryList(ctx, q, "read definitions", query, []any{fw, kindItemType}, scanData[casefile.ItemType]); err != nil {
		return err
	}
	d.CFAssociationGroupings, err = queryList(ctx, q, "read definitions", query, []any{fw, kindGrouping}, scanData[casefile.AssociationGrouping])
	return err
}

// definitionRow is the copy of a definition answered by identifier: its
// owner's (takeover.go), else the most recently written one.
func (db *DB) definitionRow(ctx context.Context, kind, class, id string) (fw, code, data string, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT d.framework, d.hierarchy_code, d.data FROM definitions d
		LEFT JOIN definition_owners o ON o.kind = d.kind AND o.identifier = d.identifier
		WHERE d.rowid IN (SELECT rowid FROM definitions WHERE kind = ?1 AND identifier = ?2
			UNION ALL SELECT rowid FROM definitions WHERE kind = ?1 AND original_identifier = ?2)
		ORDER BY d.identifier = ?2 DESC, d.framework IS o.framework DESC, d.seq DESC LIMIT 1`, kind, id).Scan(&fw, &code, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", notFound(class, id)
	}
	if err != nil {
		return "", "", "", internal("read "+class, err)
	}
	return fw, code, data, nil
}

// hierarchy returns the requested definition first, then the definitions of
// the same kind and framework whose hierarchyCode extends its own ("1" →
// "1.1", "1.2.3"), in natural hierarchyCode order.
func hierarchy[T any](ctx context.Context, db *DB, kind, class, id string) ([]T, error) {
	fw, code, data, err := db.definitionRow(ctx, kind, class, id)
	if err != nil {
		return nil, err
	}
	first, err := decode[T](data)
	if err != nil {
		return nil, internal("read "+class, err)
	}
	out := []T{first}
	if code == "" {
		return out, nil
	}
	type row struct {
		code string
		v    T
	}
	rows, err := queryList(ctx, db.r, "read "+class, `SELECT hierarchy_code, data FROM definitions
		WHERE kind = ?1 AND framework = ?2 AND substr(hierarchy_code, 1, length(?3) + 1) = ?3 || '.'`,
		[]any{kind, fw, code}, func(s scanner) (row, error) {
			var r row
			var d string
			if err := s.Scan(&r.code, &d); err != nil {
				return r, err
			}
			r.v, err = decode[T](d)
			return r, err
		})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rows, func(i, j int) bool { return naturalLess(rows[i].code, rows[j].code) })
	for _, r := range rows {
		out = append(out, r.v)
	}
	return out, nil
}

// Concept returns the CFConcept and its descendants by hierarchyCode.
func (db *DB) Concept(ctx context.Context, id string) ([]casefile.Concept, error) {
	return hierarchy[casefile.Concept](ctx, db, kindConcept, "CFConcept", id)
}

// Subject returns the CFSubject and its descendants by hierarchyCode.
func (db *DB) Subject(ctx context.Context, id string) ([]casefile.Subject, error) {
	return hierarchy[casefile.Subject](ctx, db, kindSubject, "CFSubject", id)
}

// ItemType returns the CFItemType and its descendants by hierarchyCode.
func (db *DB) ItemType(ctx context.Context, id string) ([]casefile.ItemType, error) {
	return hierarchy[casefile.ItemType](ctx, db, kindItemType, "CFItemType", id)
}

// License returns one CFLicense.
func (db *DB) License(ctx context.Context, id string) (*casefile.License, error) {
	_, _, data, err := db.definitionRow(ctx, kindLicense, "CFLicense", id)
	if err != nil {
		return nil, err
	}
	l, err := decode[casefile.License](data)
	if err != nil {
		return nil, internal("read CFLicense", err)
	}
	return &l, nil
}

// AssociationGrouping returns one CFAssociationGrouping.
func (db *DB) AssociationGrouping(ctx context.Context, id string) (*casefile.AssociationGrouping, error) {
	_, _, data, err := db.definitionRow(ctx, kindGrouping, "CFAssociationGrouping", id)
	if err != nil {
		return nil, err
	}
	g, err := decode[casefile.AssociationGrouping](data)
	if err != nil {
		return nil, internal("read CFAssociationGrouping", err)
	}
	return &g, nil
}
