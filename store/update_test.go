package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// contentRows renders a framework's stored rows (all columns that do not
// depend on when they were written), ordered by identifier.
func contentRows(t *testing.T, db *DB, fw string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT identifier, ord, uri, human_coding_scheme, code_lower, COALESCE(original_identifier, ''), hash, data
			FROM items WHERE framework = ? ORDER BY identifier`,
		`SELECT identifier, ord, type, origin_id, origin_uri, destination_id, destination_uri, origin_ext, destination_ext,
			COALESCE(sequence_number, -1), COALESCE(original_identifier, ''), hash, data
			FROM associations WHERE framework = ? ORDER BY identifier`,
		`SELECT kind, identifier, ord, uri, hierarchy_code, hash, data FROM definitions WHERE framework = ? ORDER BY kind, identifier`,
		`SELECT identifier, ord, hash, data FROM rubrics WHERE framework = ? ORDER BY identifier`,
		`SELECT content_hash, item_count, association_count, education_level, data FROM frameworks WHERE identifier = ?`,
	} {
		rows, err := db.r.Query(q, fw)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// mutate returns a changed copy of p: shuffled, some items removed (with
// their associations), some modified, some added, and an outside link that
// later points into the package.
func mutate(p *casefile.Package, r *rand.Rand, round int) *casefile.Package {
	q := *p
	q.CFItems = nil
	gone := map[string]bool{}
	for _, it := range p.CFItems {
		switch r.IntN(10) {
		case 0:
			gone[it.Identifier] = true
			continue
		case 1:
			it.FullStatement += fmt.Sprintf(" (round %d)", round)
		}
		q.CFItems = append(q.CFItems, it)
	}
	q.CFAssociations = nil
	for _, a := range p.CFAssociations {
		if !gone[a.OriginNodeURI.Identifier] && !gone[a.DestinationNodeURI.Identifier] {
			q.CFAssociations = append(q.CFAssociations, a)
		}
	}
	r.Shuffle(len(q.CFItems), func(i, j int) { q.CFItems[i], q.CFItems[j] = q.CFItems[j], q.CFItems[i] })
	r.Shuffle(len(q.CFAssociations), func(i, j int) {
		q.CFAssociations[i], q.CFAssociations[j] = q.CFAssociations[j], q.CFAssociations[i]
	})
	// Odd rounds link to an item outside the package; the next round brings
	// that item in, so the same unchanged association gets an inside end.
	outside := uid("outside", (round+1)/2)
	newItem := casefile.Item{Identifier: outside, URI: "urn:outside:" + outside, FullStatement: "was outside"}
	link := casefile.Association{Identifier: uid("outside-link", (round+1)/2), AssociationType: casefile.IsRelatedTo,
		OriginNodeURI:      casefile.LinkGenURI{Identifier: p.CFDocument.Identifier, URI: p.CFDocument.URI},
		DestinationNodeURI: casefile.LinkGenURI{Identifier: outside, URI: newItem.URI}}
	if round%2 == 1 {
		q.CFAssociations = append(q.CFAssociations, link)
	} else {
		q.CFItems = append(q.CFItems, newItem)
	}
	for i, a := range q.CFAssociations { // first in both rounds: only its end changes
		if a.Identifier == link.Identifier {
			q.CFAssociations[0], q.CFAssociations[i] = q.CFAssociations[i], q.CFAssociations[0]
		}
	}
	q.CFRubrics = nil
	return &q
}

// Re-imports update only what changed; the result must be exactly what a
// fresh import of the final package stores.
func TestIncrementalUpdateEqualsFreshImport(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	p := testPackage("alpha", 8, 12)
	live := openTest(t)
	mustImport(t, live, p)
	fw := p.CFDocument.Identifier
	for round := 1; round <= 4; round++ {
		p = mutate(p, r, round)
		res := mustImport(t, live, p)
		fresh := openTest(t)
		mustImport(t, fresh, p)
		if got, want := contentRows(t, live, fw), contentRows(t, fresh, fw); got != want {
			t.Fatalf("round %d: updated framework differs from a fresh import", round)
		}
		diffs, _ := live.Diffs(ctx, fw)
		if len(diffs) != round || diffs[0].Seq != res.Seq {
			t.Fatalf("round %d: %d diffs", round, len(diffs))
		}
		list, err := live.ItemAssociations(ctx, uid("outside", (round+1)/2))
		if err != nil || len(list) != 1 {
			t.Fatalf("round %d: link to the outside item: %d %v", round, len(list), err)
		}
	}
}
