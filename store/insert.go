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
// selected), definitions and rubrics with batched multi-row inserts.
func (db *DB) insertContent(ctx context.Context, tx *sql.Tx, p *prepared, items, assocs rows) error {
	fw := p.pkg.CFDocument.Identifier
	if err := insertItems(ctx, tx, fw, p, items); err != nil {
		return err
	}
	if err := db.step("items"); err != nil {
		return err
	}
	if err := insertAssociations(ctx, tx, fw, p, assocs); err != nil {
		return err
	}
	if err := insertDefinitions(ctx, tx, fw, p); err != nil {
		return err
	}
	return insertRubrics(ctx, tx, fw, p)
}

func insertItems(ctx context.Context, tx *sql.Tx, fw string, p *prepared, which rows) error {
	enc := newEncoder()
	b, err := newBatchInsert(ctx, tx, "items", []string{"identifier", "framework", "ord", "uri",
		"human_coding_scheme", "code_lower", "original_identifier", "hash", "data"})
	if err != nil {
		return err
	}
	err = which.each(len(p.pkg.CFItems), func(i int) error {
		it := storedItem(&p.pkg.CFItems[i])
		data, err := enc.encode(it)
		if err != nil {
			return err
		}
		code := strings.TrimSpace(it.HumanCodingScheme)
		return b.add(ctx, it.Identifier, fw, i, it.URI, it.HumanCodingScheme, strings.ToLower(code),
			nullable(it.OriginalIdentifier), p.itemHash[i], string(data))
	})
	if err != nil {
		b.full.Close()
		return err
	}
	return b.close(ctx)
}

func insertAssociations(ctx context.Context, tx *sql.Tx, fw string, p *prepared, which rows) error {
	enc := newEncoder()
	b, err := newBatchInsert(ctx, tx, "associations", []string{"identifier", "framework", "ord", "type",
		"origin_id", "origin_uri", "destination_id", "destination_uri", "origin_ext", "destination_ext", "sequence_number",
		"original_identifier", "hash", "data"})
	if err != nil {
		return err
	}
	err = which.each(len(p.pkg.CFAssociations), func(i int) error {
		a := storedAssociation(&p.pkg.CFAssociations[i])
		data, err := enc.encode(a)
		if err != nil {
			return err
		}
		var seq any
		if a.SequenceNumber != nil {
			seq = *a.SequenceNumber
		}
		oe, de := p.ends(a)
		return b.add(ctx, a.Identifier, fw, i, a.AssociationType, a.OriginNodeURI.Identifier, a.OriginNodeURI.URI,
			a.DestinationNodeURI.Identifier, a.DestinationNodeURI.URI, oe, de, seq, nullable(a.OriginalIdentifier),
			p.assocHash[i], string(data))
	})
	if err != nil {
		b.full.Close()
		return err
	}
	return b.close(ctx)
}

func insertDefinitions(ctx context.Context, tx *sql.Tx, fw string, p *prepared) error {
	if len(p.defs) == 0 {
		return nil
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM changes`).Scan(&seq); err != nil {
		return err
	}
	enc := newEncoder()
	b, err := newBatchInsert(ctx, tx, "definitions", []string{"framework", "kind", "identifier", "ord", "uri",
		"hierarchy_code", "original_identifier", "seq", "hash", "data"})
	if err != nil {
		return err
	}
	for i, d := range p.defs {
		data, err := enc.encode(d.value)
		if err != nil {
			b.full.Close()
			return err
		}
		err = b.add(ctx, fw, d.kind, d.id, i, d.uri, d.code, nullable(d.original), seq, d.hash, string(data))
		if err != nil {
			b.full.Close()
			return err
		}
	}
	return b.close(ctx)
}

func insertRubrics(ctx context.Context, tx *sql.Tx, fw string, p *prepared) error {
	if len(p.pkg.CFRubrics) == 0 {
		return nil
	}
	enc := newEncoder()
	b, err := newBatchInsert(ctx, tx, "rubrics", []string{"identifier", "framework", "ord",
		"original_identifier", "hash", "data"})
	if err != nil {
		return err
	}
	for i := range p.pkg.CFRubrics {
		r := &p.pkg.CFRubrics[i]
		data, err := enc.encode(r)
		if err != nil {
			b.full.Close()
			return err
		}
		if err := b.add(ctx, r.Identifier, fw, i, nullable(r.OriginalIdentifier), p.rubricHash[i], string(data)); err != nil {
			b.full.Close()
			return err
		}
	}
	return b.close(ctx)
}
