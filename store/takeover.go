package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Takeover rule (README "Identity and takeover"): an item, association,
// definition or rubric belongs to the framework that first published it.
// An import whose package reuses the identifier of another framework's
// object takes it over only when both frameworks come from the same
// publishing origin (a peer's origin node; local sources — file, URL,
// upload — are never the same origin as each other) or when the import asks
// for it (casefile.ImportOptions.Takeover). Refused items, associations or
// rubrics reject the whole import (and are recorded as a conflict);
// definitions are shared vocabularies: the importing framework keeps its own
// copy in its package and the owner's copy stays the one answered by
// identifier. This is the only place the rule is decided, for every path.

// claim lists, per table, the identifiers an import is about to insert that
// may belong to another framework.
type claim struct {
	table, class string
	ids          []string
}

// takeovers carries one import's takeover decisions.
type takeovers struct {
	fw     string
	prov   casefile.Provenance
	opts   casefile.ImportOptions
	owners map[string]ownerInfo
	list   []casefile.Takeover
	lost   map[string]*casefile.FrameworkDiff // former owner -> what it lost
}

type ownerInfo struct{ title, origin string }

func newTakeovers(fw string, prov casefile.Provenance, opts casefile.ImportOptions) *takeovers {
	return &takeovers{fw: fw, prov: prov, opts: opts, owners: map[string]ownerInfo{}, lost: map[string]*casefile.FrameworkDiff{}}
}

// refusedError rejects an import that would take objects over.
type refusedError struct{ list []casefile.Takeover }

func (e *refusedError) Error() string {
	n := 0
	var first string
	for _, t := range e.list {
		if !t.Granted && !isDefinition(t.Class) {
			if n == 0 {
				first = t.String()
			}
			n++
		}
	}
	return fmt.Sprintf("import refused: %d objects belong to other frameworks; first: %s", n, first)
}

func isDefinition(class string) bool { return strings.HasPrefix(class, "CFDefinitions.") }

// decide applies the rule to one object of framework owner.
func (t *takeovers) decide(ctx context.Context, tx *sql.Tx, class, id, owner string) (casefile.Takeover, error) {
	o, ok := t.owners[owner]
	if !ok {
		err := tx.QueryRowContext(ctx, `SELECT title, origin_node FROM frameworks WHERE identifier = ?`, owner).Scan(&o.title, &o.origin)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return casefile.Takeover{}, err
		}
		t.owners[owner] = o
	}
	tk := casefile.Takeover{Class: class, Identifier: id, Owner: owner, OwnerTitle: o.title, By: t.fw}
	switch {
	case t.opts.Takeover:
		tk.Granted, tk.Reason = true, "explicit takeover requested"
	case sameOrigin(o.origin, t.prov.OriginNode):
		tk.Granted, tk.Reason = true, "same origin "+o.origin
	case isDefinition(class):
		tk.Reason = "held from " + originName(o.origin) + " with different content; this framework keeps its own copy, the owner's copy stays the one answered by identifier"
	default:
		tk.Reason = "held from " + originName(o.origin) + "; an import from " + originName(t.prov.OriginNode) +
			" may not take it over (ask for it explicitly: casenode import --takeover)"
	}
	t.list = append(t.list, tk)
	return tk, nil
}

// sameOrigin: both come from one remote publisher ("" is this node's local
// sources, each framework its own origin).
func sameOrigin(a, b string) bool {
	return a != "" && strings.EqualFold(strings.TrimRight(a, "/"), strings.TrimRight(b, "/"))
}

func originName(o string) string {
	if o == "" {
		return "a local import (file, URL or upload)"
	}
	return o
}

// takeOver applies the rule to every claimed identifier another framework
// holds. When one is refused it returns a *refusedError and changes
// nothing; otherwise it deletes the other frameworks' rows (the incoming
// framework takes them over) and returns the frameworks that lost objects.
// It runs after the framework's own rows with those identifiers were deleted.
func takeOver(ctx context.Context, tx *sql.Tx, t *takeovers, sets []claim) (map[string]bool, error) {
	refused := false
	for _, s := range sets {
		held, err := heldBy(ctx, tx, s, t.fw)
		if err != nil {
			return nil, err
		}
		for _, h := range held {
			tk, err := t.decide(ctx, tx, s.class, h[0], h[1])
			if err != nil {
				return nil, err
			}
			refused = refused || !tk.Granted
			if tk.Granted {
				t.recordLoss(tk)
			}
		}
	}
	if refused {
		return nil, &refusedError{t.list}
	}
	victims := map[string]bool{}
	for fw := range t.lost {
		victims[fw] = true
	}
	for _, s := range sets {
		if len(s.ids) == 0 {
			continue
		}
		list, err := json.Marshal(s.ids)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+s.table+` WHERE identifier IN (SELECT value FROM json_each(?)) AND framework <> ?`, string(list), t.fw); err != nil {
			return nil, err
		}
	}
	return victims, nil
}

// heldBy lists [identifier, framework] of the claimed rows other frameworks hold.
func heldBy(ctx context.Context, tx *sql.Tx, s claim, fw string) ([][2]string, error) {
	if len(s.ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(s.ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT identifier, framework FROM `+s.table+`
		WHERE identifier IN (SELECT value FROM json_each(?)) AND framework <> ?`, string(list), fw)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var h [2]string
		if err := rows.Scan(&h[0], &h[1]); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// recordLoss notes a granted takeover in the former owner's change record.
func (t *takeovers) recordLoss(tk casefile.Takeover) {
	d := t.lost[tk.Owner]
	if d == nil {
		d = &casefile.FrameworkDiff{Framework: tk.Owner, Source: t.prov.Source}
		t.lost[tk.Owner] = d
	}
	switch tk.Class {
	case "CFItems":
		d.ItemsRemoved = append(d.ItemsRemoved, tk.Identifier)
	case "CFAssociations":
		d.AssociationsRemoved = append(d.AssociationsRemoved, tk.Identifier)
	}
	d.Takeovers = append(d.Takeovers, tk)
}

// claimDefinitions applies the rule to the package's definitions: a
// definition nobody owns (or whose owner no longer holds it) becomes this
// framework's; an owner's identical copy is simply shared; a different copy
// takes the definition over only when the rule grants it.
func claimDefinitions(ctx context.Context, tx *sql.Tx, t *takeovers, defs []definition) error {
	for _, d := range defs {
		var owner, hash string
		err := tx.QueryRowContext(ctx, `SELECT o.framework, IFNULL(c.hash, '') FROM definition_owners o
			LEFT JOIN definitions c ON c.framework = o.framework AND c.kind = o.kind AND c.identifier = o.identifier
			WHERE o.kind = ? AND o.identifier = ?`, d.kind, d.id).Scan(&owner, &hash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		take := owner == "" || owner == t.fw || hash == ""
		if !take && hash != d.hash {
			tk, err := t.decide(ctx, tx, "CFDefinitions."+definitionClass[d.kind], d.id, owner)
			if err != nil {
				return err
			}
			take = tk.Granted
		}
		if take {
			if _, err := tx.ExecContext(ctx, `INSERT INTO definition_owners(kind, identifier, framework) VALUES (?, ?, ?)
				ON CONFLICT(kind, identifier) DO UPDATE SET framework = excluded.framework`, d.kind, d.id, t.fw); err != nil {
				return err
			}
		}
	}
	return nil
}

// definitionClass names each definition kind as CASE does.
var definitionClass = map[string]string{kindConcept: "CFConcepts", kindSubject: "CFSubjects", kindLicense: "CFLicenses",
	kindItemType: "CFItemTypes", kindGrouping: "CFAssociationGroupings"}

// recordRefusal records a refused takeover as a conflict of each framework
// that keeps its objects, and returns the Conflict error the importer sees,
// one problem per refused object at its path in the package.
func (db *DB) recordRefusal(ctx context.Context, t *takeovers, refused *refusedError, pkg *casefile.Package) error {
	offered := t.prov.OriginNode
	if offered == "" {
		offered = "local " + t.prov.Source + " import of " + t.fw
	}
	done := map[string]bool{}
	for _, tk := range refused.list {
		if tk.Granted || isDefinition(tk.Class) || done[tk.Owner] {
			continue
		}
		done[tk.Owner] = true
		held := originName(t.owners[tk.Owner].origin)
		err := db.RecordConflict(ctx, casefile.FrameworkConflict{Framework: tk.Owner, Held: held, Offered: offered,
			Winner: held, Rule: casefile.RuleNoTakeover, At: time.Now().UTC()})
		if err != nil {
			return err
		}
	}
	e := casefile.Errorf(casefile.Conflict, "%s", refused.Error())
	e.Problems = refusalProblems(refused.list, pkg)
	return e
}

// maxRefusalProblems bounds the problems listed with a refused takeover.
const maxRefusalProblems = 100

func refusalProblems(list []casefile.Takeover, pkg *casefile.Package) []casefile.Problem {
	index := map[string]int{}
	for i := range pkg.CFItems {
		index["CFItems/"+pkg.CFItems[i].Identifier] = i
	}
	for i := range pkg.CFAssociations {
		index["CFAssociations/"+pkg.CFAssociations[i].Identifier] = i
	}
	for i := range pkg.CFRubrics {
		index["CFRubrics/"+pkg.CFRubrics[i].Identifier] = i
	}
	var out []casefile.Problem
	n := 0
	for _, tk := range list {
		if tk.Granted || isDefinition(tk.Class) {
			continue
		}
		if n++; n <= maxRefusalProblems {
			path := fmt.Sprintf("$.%s[%d].identifier", tk.Class, index[tk.Class+"/"+tk.Identifier])
			out = append(out, casefile.Problem{Path: path, Message: tk.String()})
		}
	}
	if n > maxRefusalProblems {
		out = append(out, casefile.Problem{Path: "$", Message: fmt.Sprintf("%d more refused takeovers", n-maxRefusalProblems)})
	}
	return out
}

// crossFrameworkIDs warns when the package's CFDocument identifier is an
// item of another framework, or one of its items is another framework's
// CFDocument: both are kept, and both make /uri/{id} ambiguous.
func crossFrameworkIDs(ctx context.Context, tx *sql.Tx, pkg *casefile.Package) ([]casefile.Warning, error) {
	var ws []casefile.Warning
	doc := pkg.CFDocument.Identifier
	var owner string
	err := tx.QueryRowContext(ctx, `SELECT framework FROM items WHERE identifier = ? AND framework <> ?`, doc, doc).Scan(&owner)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if owner != "" {
		ws = append(ws, casefile.Warning{Path: "$.CFDocument.identifier",
			Message: "CFDocument identifier is also an item of framework " + owner + " (kept)"})
	}
	ids := identifiers(len(pkg.CFItems), func(i int) string { return pkg.CFItems[i].Identifier })
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	docs := map[string]bool{}
	err = collect(ctx, tx, `SELECT identifier FROM frameworks WHERE identifier IN (SELECT value FROM json_each(?))`, []any{string(list)}, docs)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if docs[id] {
			ws = append(ws, casefile.Warning{Path: fmt.Sprintf("$.CFItems[%d].identifier", i),
				Message: "item identifier is also the CFDocument of framework " + id + " (kept)"})
		}
	}
	return ws, nil
}

// collect runs q and adds the first column of every row to set.
func collect(ctx context.Context, tx *sql.Tx, q string, args []any, set map[string]bool) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		set[s] = true
	}
	return rows.Err()
}

// refreshVictims brings frameworks that lost objects to a takeover up to
// date: counts, content hash recomputed from what they still hold, a new
// change entry (before the importing framework's own, so a consumer of the
// change feed that reindexes in order ends with the new owner's content) and
// a change record naming what was taken over and by whom.
func refreshVictims(ctx context.Context, tx *sql.Tx, victims map[string]bool, t *takeovers, now time.Time) error {
	for fw := range victims {
		if fw == t.fw {
			continue
		}
		parts, err := storedParts(ctx, tx, fw)
		if err != nil {
			return err
		}
		hash := contentHash(parts)
		seq, err := addChange(ctx, tx, fw, casefile.ChangeImport, now, hash)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE frameworks SET content_hash = ?, seq = ?, item_count = ?,
			association_count = ? WHERE identifier = ?`, hash, seq, len(parts.items), len(parts.assocs), fw)
		if err != nil {
			return err
		}
		if d := t.lost[fw]; d != nil {
			d.Seq, d.At = seq, now.UTC()
			if err := insertDiff(ctx, tx, *d); err != nil {
				return err
			}
		}
	}
	return nil
}

// storedParts reads what the content hash covers from the stored rows.
func storedParts(ctx context.Context, q querier, fw string) (contentParts, error) {
	var p contentParts
	var doc, extra string
	err := q.QueryRowContext(ctx, `SELECT data, package_extra FROM frameworks WHERE identifier = ?`, fw).Scan(&doc, &extra)
	if err != nil {
		return p, err
	}
	p.document, p.extra = sha256Hex(doc), sha256Hex(extra)
	for _, s := range []struct {
		q   string
		out *[]idHash
	}{
		{`SELECT identifier, hash FROM items WHERE framework = ?`, &p.items},
		{`SELECT identifier, hash FROM associations WHERE framework = ?`, &p.assocs},
		{`SELECT kind || '/' || identifier, hash FROM definitions WHERE framework = ?`, &p.defs},
		{`SELECT identifier, hash FROM rubrics WHERE framework = ?`, &p.rubrics},
	} {
		if *s.out, err = idHashes(ctx, q, s.q, fw); err != nil {
			return p, err
		}
	}
	return p, nil
}

func sha256Hex[T string | []byte](s T) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func idHashes(ctx context.Context, q querier, query, fw string) ([]idHash, error) {
	rows, err := q.QueryContext(ctx, query, fw)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []idHash
	for rows.Next() {
		var h idHash
		if err := rows.Scan(&h.id, &h.hash); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
