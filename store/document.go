package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// scanDocument decodes a stored document and sets its CFPackageURI.
func scanDocument(s scanner) (casefile.Document, error) {
	var data string
	if err := s.Scan(&data); err != nil {
		return casefile.Document{}, err
	}
	d, err := decode[casefile.Document](data)
	if err != nil {
		return d, err
	}
	d.CFPackageURI = &casefile.LinkURI{Title: d.Title, Identifier: d.Identifier, URI: packageURI(d.URI)}
	return d, nil
}

// packageURI derives a CFPackage uri from its document's uri.
func packageURI(docURI string) string {
	return strings.Replace(docURI, "/CFDocuments/", "/CFPackages/", 1)
}

// Documents lists every CFDocument (standalone form), ordered by title.
func (db *DB) Documents(ctx context.Context) ([]casefile.Document, error) {
	return queryList(ctx, db.r, "list documents",
		`SELECT data FROM frameworks ORDER BY title COLLATE NOCASE, identifier`, nil, scanDocument)
}

// Document returns one CFDocument (standalone form); id may be original.
func (db *DB) Document(ctx context.Context, id string) (*casefile.Document, error) {
	row := db.r.QueryRowContext(ctx, `SELECT data FROM frameworks
		WHERE identifier = ?1 OR original_identifier = ?1 ORDER BY identifier = ?1 DESC LIMIT 1`, id)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFDocument", id)
	}
	if err != nil {
		return nil, internal("read document", err)
	}
	return &d, nil
}
