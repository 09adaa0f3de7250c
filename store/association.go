package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/casenode/casenode/casefile"
)

// assocSelect reads an association with its document link.
const assocSelect = `SELECT a.data, a.framework, f.title, f.uri FROM associations a
	LEFT JOIN frameworks f ON f.identifier = a.framework `

// scanAssociation decodes a stored association and sets CFDocumentURI to the
// framework it belongs to.
func scanAssociation(s scanner) (casefile.Association, error) {
	var data, fw string
	var title, uri *string
	if err := s.Scan(&data, &fw, &title, &uri); err != nil {
		return casefile.Association{}, err
	}
	a, err := decode[casefile.Association](data)
	if err != nil {
		return a, err
	}
	a.CFDocumentURI = docLink(fw, title, uri)
	return a, nil
}

// Association returns one CFAssociation (standalone form); id may be original.
func (db *DB) Association(ctx context.Context, id string) (*casefile.Association, error) {
	row := db.r.QueryRowContext(ctx, assocSelect+`WHERE a.identifier = ?1 OR a.original_identifier = ?1
		ORDER BY a.identifier = ?1 DESC LIMIT 1`, id)
	a, err := scanAssociation(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFAssociation", id)
	}
	if err != nil {
		return nil, internal("read association", err)
	}
	return &a, nil
}

// AssociationsOf returns a framework's associations in the order they arrived.
func (db *DB) AssociationsOf(ctx context.Context, framework string) ([]casefile.Association, error) {
	return queryList(ctx, db.r, "read framework associations", assocSelect+`WHERE a.framework = ? ORDER BY a.ord`,
		[]any{framework}, scanAssociation)
}

// ItemAssociations returns every association, in any framework, whose origin
// or destination is the item (by identifier, or by uri for ends outside the
// association's own package). An unknown item that no association mentions
// is not found.
func (db *DB) ItemAssociations(ctx context.Context, itemID string) ([]casefile.Association, error) {
	id, uri := itemID, ""
	err := db.r.QueryRowContext(ctx, `SELECT identifier, uri FROM items WHERE identifier = ?1 OR original_identifier = ?1
		ORDER BY identifier = ?1 DESC LIMIT 1`, itemID).Scan(&id, &uri)
	known := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, internal("read item associations", err)
	}
	if uri == "" {
		uri = "\x00" // matches no stored uri
	}
	list, err := queryList(ctx, db.r, "read item associations", assocSelect+`WHERE a.origin_id = ?1 OR a.destination_id = ?1
		OR (a.origin_uri = ?2 AND a.origin_ext = 1) OR (a.destination_uri = ?2 AND a.destination_ext = 1)
		ORDER BY a.framework, a.ord`, []any{id, uri}, scanAssociation)
	if err != nil {
		return nil, err
	}
	if !known && len(list) == 0 {
		return nil, notFound("CFItem", itemID)
	}
	return list, nil
}

// AssociationsFor returns, for each node identifier, the associations whose
// origin or destination identifier it is (batched, both directions).
func (db *DB) AssociationsFor(ctx context.Context, nodeIDs []string) (map[string][]casefile.Association, error) {
	return db.associationsFor(ctx, nodeIDs, nil)
}

// AssociationsOfTypesFor is AssociationsFor for associations of the given
// types only (the crosswalk learns from exactMatchOf, isRelatedTo and
// isPeerOf links among a whole framework's isChildOf ones).
func (db *DB) AssociationsOfTypesFor(ctx context.Context, nodeIDs, types []string) (map[string][]casefile.Association, error) {
	if len(types) == 0 {
		return map[string][]casefile.Association{}, nil
	}
	return db.associationsFor(ctx, nodeIDs, types)
}

// associationsFor reads the associations of nodeIDs, of types when given.
func (db *DB) associationsFor(ctx context.Context, nodeIDs, types []string) (map[string][]casefile.Association, error) {
	typed := ""
	if len(types) > 0 {
		typed = ` AND a.type IN (` + placeholders(len(types)) + `)`
	}
	out := make(map[string][]casefile.Association, len(nodeIDs))
	for _, c := range chunks(dedupe(nodeIDs)) {
		// An association is returned once per chunk it touches: credit it
		// only to the ends in this chunk.
		want := make(map[string]bool, len(c))
		for _, id := range c {
			want[id] = true
		}
		args := anys(c)
		in := placeholders(len(c))
		list, err := queryList(ctx, db.r, "read associations", assocSelect+`WHERE (a.origin_id IN (`+in+`)
			OR a.destination_id IN (`+in+`))`+typed+` ORDER BY a.framework, a.ord`, append(append(args, args...), anys(types)...), scanAssociation)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			o, d := a.OriginNodeURI.Identifier, a.DestinationNodeURI.Identifier
			if want[o] {
				out[o] = append(out[o], a)
			}
			if want[d] && d != o {
				out[d] = append(out[d], a)
			}
		}
	}
	return out, nil
}
