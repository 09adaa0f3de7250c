package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Import replaces framework pkg.CFDocument.Identifier atomically in one write
// transaction: old content out, new content in, a change row, provenance and
// content hash, and a FrameworkDiff when a previous version existed. The same
// content hash as held answers Unchanged and writes nothing. Objects whose
// identifier belongs to another framework are taken over only as the rule in
// takeover.go allows (without an explicit takeover).
func (db *DB) Import(ctx context.Context, pkg *casefile.Package, prov casefile.Provenance) (casefile.ImportResult, error) {
	return db.ImportWith(ctx, pkg, prov, casefile.ImportOptions{})
}

// ImportWith is Import with the importer's options. A refused takeover
// rejects the import with a Conflict error; the result then lists the
// takeovers (refused and granted) and the refusal is recorded as a
// framework conflict.
func (db *DB) ImportWith(ctx context.Context, pkg *casefile.Package, prov casefile.Provenance, opts casefile.ImportOptions) (casefile.ImportResult, error) {
	p, err := db.prepareImport(ctx, pkg)
	if err != nil {
		return casefile.ImportResult{}, err
	}
	res := casefile.ImportResult{
		Framework:    pkg.CFDocument.Identifier,
		Title:        pkg.CFDocument.Title,
		Items:        len(pkg.CFItems),
		Associations: len(pkg.CFAssociations),
	}
	if prov.FetchedAt.IsZero() {
		prov.FetchedAt = time.Now()
	}
	var t *takeovers
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		t = newTakeovers(res.Framework, prov, opts)
		held, seq, err := heldHash(ctx, tx, res.Framework)
		if err != nil {
			return err
		}
		if held != "" { // a new framework has nothing to compare with
			if err := p.hashObjects(); err != nil {
				return err
			}
			if held == p.contentHash {
				res.Unchanged, res.Seq = true, seq
				return refreshValidators(ctx, tx, res.Framework, prov)
			}
		}
		if res.Warnings, err = crossFrameworkIDs(ctx, tx, pkg); err != nil {
			return err
		}
		return withImportCache(ctx, tx, len(pkg.CFItems)+len(pkg.CFAssociations), func() error {
			res.Seq, err = db.replace(ctx, tx, p, prov, held != "", t)
			return err
		})
	})
	if t != nil {
		res.Takeovers = t.list
	}
	var refused *refusedError
	if errors.As(err, &refused) {
		return res, db.recordRefusal(ctx, t, refused, pkg)
	}
	if err != nil {
		return casefile.ImportResult{}, internal("import framework "+res.Framework, err)
	}
	return res, nil
}

// prepareImport checks and hashes pkg for an import. The hashes of a
// framework held already are computed here, before the write transaction
// (a re-import compares them with what is held); those of a new framework
// come from the rows its import writes (hashObjects then completes them).
func (db *DB) prepareImport(ctx context.Context, pkg *casefile.Package) (*prepared, error) {
	p, err := prepareShape(pkg)
	if err != nil {
		return nil, err
	}
	held, _, err := heldHash(ctx, db.r, pkg.CFDocument.Identifier)
	if err != nil {
		return nil, internal("import framework "+pkg.CFDocument.Identifier, err)
	}
	if held != "" {
		if err := p.hashObjects(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// refreshValidators records the HTTP validators (ETag, Last-Modified) and
// fetch time of an unchanged package fetched again from the same peer, so the
// next conditional request uses them. Content, change sequence and diffs stay
// as they are.
func refreshValidators(ctx context.Context, tx *sql.Tx, framework string, prov casefile.Provenance) error {
	if prov.Peer == "" || (prov.ETag == "" && prov.LastModified == "") {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE frameworks SET etag = ?, last_modified = ?, fetched_at = ?
		WHERE identifier = ? AND peer = ? AND (etag <> ? OR last_modified <> ?)`,
		prov.ETag, prov.LastModified, formatTime(prov.FetchedAt), framework, prov.Peer, prov.ETag, prov.LastModified)
	return err
}

// heldHash returns the stored content hash and seq of a framework ("" if absent).
func heldHash(ctx context.Context, q querier, framework string) (string, int64, error) {
	var h string
	var seq int64
	err := q.QueryRowContext(ctx, `SELECT content_hash, seq FROM frameworks WHERE identifier = ?`, framework).Scan(&h, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return h, seq, err
}

// replace does the write of an import inside tx and returns its change seq.
func (db *DB) replace(ctx context.Context, tx *sql.Tx, p *prepared, prov casefile.Provenance, existed bool, t *takeovers) (int64, error) {
	fw := p.pkg.CFDocument.Identifier
	var old *oldContent
	var victims map[string]bool
	var err error
	if err := claimDefinitions(ctx, tx, t, p.defs); err != nil {
		return 0, err
	}
	if existed {
		if old, err = readOldContent(ctx, tx, fw); err != nil {
			return 0, err
		}
		victims, err = db.update(ctx, tx, p, old, t)
	} else {
		victims, err = db.insertNew(ctx, tx, p, t)
	}
	if err != nil {
		return 0, err
	}
	if err := p.hashObjects(); err != nil { // a new framework's hashes are known now
		return 0, err
	}
	now := db.now()
	if err := refreshVictims(ctx, tx, victims, t, now); err != nil {
		return 0, err
	}
	seq, err := addChange(ctx, tx, fw, casefile.ChangeImport, now, p.contentHash)
	if err != nil {
		return 0, err
	}
	if err := upsertFramework(ctx, tx, p, prov, seq, now); err != nil {
		return 0, err
	}
	if old != nil || len(t.list) > 0 {
		d := casefile.FrameworkDiff{Seq: seq, Framework: fw, At: now.UTC(), Source: prov.Source}
		if old != nil {
			d = old.diff(p, seq, now, prov.Source)
		}
		d.Takeovers = t.list
		if err := insertDiff(ctx, tx, d); err != nil {
			return 0, err
		}
	}
	return seq, db.step("done")
}

// insertNew writes a framework not held before, taking over objects of
// other frameworks whose identifiers it reuses (as the rule allows).
func (db *DB) insertNew(ctx context.Context, tx *sql.Tx, p *prepared, t *takeovers) (map[string]bool, error) {
	pkg := p.pkg
	victims, err := takeOver(ctx, tx, t, []claim{
		{"items", "CFItems", identifiers(len(pkg.CFItems), func(i int) string { return pkg.CFItems[i].Identifier })},
		{"associations", "CFAssociations", identifiers(len(pkg.CFAssociations), func(i int) string { return pkg.CFAssociations[i].Identifier })},
		rubricClaim(pkg),
	})
	if err != nil {
		return nil, err
	}
	if err := db.step("deleted"); err != nil {
		return nil, err
	}
	return victims, db.insertContent(ctx, tx, p, nil, nil)
}

func rubricClaim(pkg *casefile.Package) claim {
	return claim{"rubrics", "CFRubrics", identifiers(len(pkg.CFRubrics), func(i int) string { return pkg.CFRubrics[i].Identifier })}
}

// identifiers lists n identifiers.
func identifiers(n int, id func(int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = id(i)
	}
	return out
}

// addChange appends one entry to the change sequence and returns its seq.
func addChange(ctx context.Context, tx *sql.Tx, fw, kind string, at time.Time, hash string) (int64, error) {
	r, err := tx.ExecContext(ctx, `INSERT INTO changes(framework, kind, at, content_hash) VALUES (?, ?, ?, ?)`,
		fw, kind, formatTime(at), hash)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// upsertFramework writes the frameworks row: document, provenance, counts.
func upsertFramework(ctx context.Context, tx *sql.Tx, p *prepared, prov casefile.Provenance, seq int64, now time.Time) error {
	enc := newEncoder()
	doc, err := enc.encode(&p.doc)
	if err != nil {
		return err
	}
	docJSON := string(doc)
	extra, err := enc.encode(&p.extra)
	if err != nil {
		return err
	}
	extraJSON := string(extra)
	levels, err := json.Marshal(append([]string{}, p.levels...))
	if err != nil {
		return err
	}
	d := &p.doc
	_, err = tx.ExecContext(ctx, `INSERT INTO frameworks(identifier, original_identifier, uri, title, creator,
		case_version, source, location, peer, origin_node, etag, last_modified, fetched_at, content_hash, seq,
		imported_at, last_change, item_count, association_count, education_level, package_extra, data)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(identifier) DO UPDATE SET original_identifier=excluded.original_identifier, uri=excluded.uri,
		title=excluded.title, creator=excluded.creator, case_version=excluded.case_version, source=excluded.source,
		location=excluded.location, peer=excluded.peer, origin_node=excluded.origin_node, etag=excluded.etag,
		last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, content_hash=excluded.content_hash,
		seq=excluded.seq, imported_at=excluded.imported_at, last_change=excluded.last_change,
		item_count=excluded.item_count, association_count=excluded.association_count,
		education_level=excluded.education_level, package_extra=excluded.package_extra, data=excluded.data`,
		d.Identifier, nullable(d.OriginalIdentifier), d.URI, d.Title, d.Creator,
		string(p.pkg.Version), prov.Source, prov.Location, prov.Peer, prov.OriginNode, prov.ETag, prov.LastModified,
		formatTime(prov.FetchedAt), p.contentHash, seq,
		formatTime(now), d.LastChangeDateTime, len(p.pkg.CFItems), len(p.pkg.CFAssociations), string(levels),
		extraJSON, docJSON)
	return err
}

// deleteContent removes a framework's items, associations, definitions and rubrics.
func deleteContent(ctx context.Context, tx *sql.Tx, fw string) error {
	for _, q := range []string{
		`DELETE FROM items WHERE framework = ?`,
		`DELETE FROM associations WHERE framework = ?`,
		`DELETE FROM definitions WHERE framework = ?`,
		`DELETE FROM rubrics WHERE framework = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, fw); err != nil {
			return err
		}
	}
	return nil
}
