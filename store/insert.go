package store

import (
	"context"
	"database/sql"
	"strings"
)

// rows selects which rows of a class to insert: nil means all of them.
type rows []int

func (r rows) each(n int, fn func(i int) error) error {
	if r == nil {
		for i := 0; i < n; i++ {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	for _, i := range r {
		if err := fn(i); err != nil {
			return err
		}
	}
	return nil
}

// insertContent writes the package's items and associations (those
// selected), definitions and rubrics with batched multi-row inserts (see
// pipeline.go).
func (db *DB) insertContent(ctx context.Context, tx *sql.Tx, p *prepared, items, assocs rows) error {
	fw := p.pkg.CFDocument.Identifier
	if err := db.insertItems(ctx, tx, fw, p, items); err != nil {
		return err
	}
	if err := db.step("items"); err != nil {
		return err
	}
	if err := db.insertAssociations(ctx, tx, fw, p, assocs); err != nil {
		return err
	}
	if err := db.insertDefinitions(ctx, tx, fw, p); err != nil {
		return err
	}
	return db.insertRubrics(ctx, tx, fw, p)
}

func (db *DB) insertItems(ctx context.Context, tx *sql.Tx, fw string, p *prepared, which rows) error {
	return db.insertPiped(ctx, tx, "items", []string{"identifier", "framework", "ord", "uri",
		"human_coding_scheme", "code_lower", "original_identifier", "hash", "data"},
		len(p.pkg.CFItems), which, func(enc *encoder, i int, args []any) ([]any, error) {
			it := storedItem(&p.pkg.CFItems[i])
			data, err := encodeHashed(enc, it, &p.itemHash[i])
			if err != nil {
				return args, err
			}
			code := strings.TrimSpace(it.HumanCodingScheme)
			return append(args, it.Identifier, fw, i, it.URI, it.HumanCodingScheme, strings.ToLower(code),
				nullable(it.OriginalIdentifier), p.itemHash[i], string(data)), nil
		})
}

func (db *DB) insertAssociations(ctx context.Context, tx *sql.Tx, fw string, p *prepared, which rows) error {
	return db.insertPiped(ctx, tx, "associations", []string{"identifier", "framework", "ord", "type",
		"origin_id", "origin_uri", "destination_id", "destination_uri", "origin_ext", "destination_ext", "sequence_number",
		"original_identifier", "hash", "data"},
		len(p.pkg.CFAssociations), which, func(enc *encoder, i int, args []any) ([]any, error) {
			a := storedAssociation(&p.pkg.CFAssociations[i])
			data, err := encodeHashed(enc, a, &p.assocHash[i])
			if err != nil {
				return args, err
			}
			var seq any
			if a.SequenceNumber != nil {
				seq = *a.SequenceNumber
			}
			oe, de := p.ends(a)
			return append(args, a.Identifier, fw, i, a.AssociationType, a.OriginNodeURI.Identifier, a.OriginNodeURI.URI,
				a.DestinationNodeURI.Identifier, a.DestinationNodeURI.URI, oe, de, seq, nullable(a.OriginalIdentifier),
				p.assocHash[i], string(data)), nil
		})
}

func (db *DB) insertDefinitions(ctx context.Context, tx *sql.Tx, fw string, p *prepared) error {
	if len(p.defs) == 0 {
		return nil
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM changes`).Scan(&seq); err != nil {
		return err
	}
	return db.insertPiped(ctx, tx, "definitions", []string{"framework", "kind", "identifier", "ord", "uri",
		"hierarchy_code", "original_identifier", "seq", "hash", "data"},
		len(p.defs), nil, func(enc *encoder, i int, args []any) ([]any, error) {
			d := &p.defs[i]
			data, err := enc.encode(d.value)
			if err != nil {
				return args, err
			}
			return append(args, fw, d.kind, d.id, i, d.uri, d.code, nullable(d.original), seq, d.hash, string(data)), nil
		})
}

func (db *DB) insertRubrics(ctx context.Context, tx *sql.Tx, fw string, p *prepared) error {
	if len(p.pkg.CFRubrics) == 0 {
		return nil
	}
	return db.insertPiped(ctx, tx, "rubrics", []string{"identifier", "framework", "ord",
		"original_identifier", "hash", "data"},
		len(p.pkg.CFRubrics), nil, func(enc *encoder, i int, args []any) ([]any, error) {
			r := &p.pkg.CFRubrics[i]
			data, err := enc.encode(r)
			if err != nil {
				return args, err
			}
			return append(args, r.Identifier, fw, i, nullable(r.OriginalIdentifier), p.rubricHash[i], string(data)), nil
		})
}
