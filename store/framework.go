package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/casenode/casenode/casefile"
)

const frameworkCols = `identifier, uri, title, creator, source, location, peer, origin_node, etag,
	last_modified, fetched_at, content_hash, seq, imported_at, last_change, item_count, association_count,
	education_level, data`

func scanFramework(s scanner) (casefile.FrameworkInfo, error) {
	var f casefile.FrameworkInfo
	var fetched, imported, levels, data string
	p := &f.Provenance
	err := s.Scan(&f.Identifier, &f.URI, &f.Title, &f.Creator, &p.Source, &p.Location, &p.Peer, &p.OriginNode,
		&p.ETag, &p.LastModified, &fetched, &p.ContentHash, &f.Seq, &imported, &f.LastChange, &f.Items,
		&f.Associations, &levels, &data)
	if err != nil {
		return f, err
	}
	p.FetchedAt, f.ImportedAt = parseTime(fetched), parseTime(imported)
	if err := json.Unmarshal([]byte(levels), &f.EducationLevel); err != nil {
		return f, err
	}
	if len(f.EducationLevel) == 0 {
		f.EducationLevel = nil
	}
	doc, err := decode[casefile.Document](data)
	if err != nil {
		return f, err
	}
	f.Publisher, f.Subject, f.Language, f.AdoptionStatus = doc.Publisher, doc.Subject, doc.Language, doc.AdoptionStatus
	return f, nil
}

// Frameworks lists every framework held, ordered by title.
func (db *DB) Frameworks(ctx context.Context) ([]casefile.FrameworkInfo, error) {
	return queryList(ctx, db.r, "list frameworks",
		`SELECT `+frameworkCols+` FROM frameworks ORDER BY title COLLATE NOCASE, identifier`, nil, scanFramework)
}

// Framework summarises one framework; id may be its original identifier.
func (db *DB) Framework(ctx context.Context, id string) (casefile.FrameworkInfo, error) {
	row := db.r.QueryRowContext(ctx, `SELECT `+frameworkCols+` FROM frameworks
		WHERE identifier = ?1 OR original_identifier = ?1 ORDER BY identifier = ?1 DESC LIMIT 1`, id)
	f, err := scanFramework(row)
	if errors.Is(err, sql.ErrNoRows) {
		return f, notFound("framework", id)
	}
	if err != nil {
		return f, internal("read framework", err)
	}
	return f, nil
}

// PackageVersion returns the content hash of a framework and when this node
// last wrote it, without reading its content (for ETag / Last-Modified).
func (db *DB) PackageVersion(ctx context.Context, id string) (string, time.Time, error) {
	var hash, imported string
	err := db.r.QueryRowContext(ctx, `SELECT content_hash, imported_at FROM frameworks
		WHERE identifier = ?1 OR original_identifier = ?1 ORDER BY identifier = ?1 DESC LIMIT 1`, id).Scan(&hash, &imported)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, notFound("CFPackage", id)
	}
	if err != nil {
		return "", time.Time{}, internal("read package version", err)
	}
	return hash, parseTime(imported), nil
}

// resolveFramework maps an identifier or original identifier to the
// framework's identifier ("" when absent).
func resolveFramework(ctx context.Context, q querier, id string) (string, error) {
	var fw string
	err := q.QueryRowContext(ctx, `SELECT identifier FROM frameworks
		WHERE identifier = ?1 OR original_identifier = ?1 ORDER BY identifier = ?1 DESC LIMIT 1`, id).Scan(&fw)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return fw, err
}

// Delete removes a framework and all its content, and records a delete in
// the change sequence.
func (db *DB) Delete(ctx context.Context, framework string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		fw, err := resolveFramework(ctx, tx, framework)
		if err != nil {
			return internal("delete framework", err)
		}
		if fw == "" {
			return notFound("framework", framework)
		}
		if err := deleteContent(ctx, tx, fw); err != nil {
			return internal("delete framework", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM frameworks WHERE identifier = ?`, fw); err != nil {
			return internal("delete framework", err)
		}
		if _, err := addChange(ctx, tx, fw, casefile.ChangeDelete, db.now(), ""); err != nil {
			return internal("delete framework", err)
		}
		return nil
	})
}
