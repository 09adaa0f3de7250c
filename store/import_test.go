package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

func mustImport(t testing.TB, db *DB, p *casefile.Package) casefile.ImportResult {
	t.Helper()
	return mustImportWith(t, db, p, casefile.ImportOptions{})
}

// mustImportWith imports p from a file with opts (e.g. an explicit takeover).
func mustImportWith(t testing.TB, db *DB, p *casefile.Package, opts casefile.ImportOptions) casefile.ImportResult {
	t.Helper()
	res, err := db.ImportWith(context.Background(), p, casefile.Provenance{Source: casefile.SourceFile, Location: "test.json"}, opts)
	if err != nil {
		t.Fatalf("import %s: %v", p.CFDocument.Title, err)
	}
	return res
}

func wantCode(t *testing.T, err error, code casefile.Code) {
	t.Helper()
	if casefile.ErrorCode(err) != code {
		t.Fatalf("want error code %q, got %v", code, err)
	}
}

// byID sorts a copy of items by identifier.
func byID(items []casefile.Item) []casefile.Item {
	out := append([]casefile.Item(nil), items...)
	sort.Slice(out, func(i, j int) bool { return out[i].Identifier < out[j].Identifier })
	return out
}

func TestImportReadsBackEveryObject(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("alpha", 3, 4)
	res := mustImport(t, db, p)
	if res.Unchanged || res.Items != 15 || res.Associations != 16 || res.Seq != 1 {
		t.Fatalf("result %+v", res)
	}
	docLink := &casefile.LinkURI{Title: p.CFDocument.Title, Identifier: p.CFDocument.Identifier, URI: p.CFDocument.URI}
	for _, want := range p.CFItems {
		got, err := db.Item(ctx, want.Identifier)
		if err != nil {
			t.Fatal(err)
		}
		want.CFDocumentURI = docLink
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("item differs:\n got %+v\nwant %+v", *got, want)
		}
	}
	for _, want := range p.CFAssociations {
		got, err := db.Association(ctx, want.Identifier)
		if err != nil {
			t.Fatal(err)
		}
		want.CFDocumentURI = docLink
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("association differs:\n got %+v\nwant %+v", *got, want)
		}
	}
	doc, err := db.Document(ctx, p.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	wantDoc := p.CFDocument
	wantDoc.CFPackageURI = &casefile.LinkURI{Title: wantDoc.Title, Identifier: wantDoc.Identifier,
		URI: testBase + "/CFPackages/" + wantDoc.Identifier}
	if !reflect.DeepEqual(*doc, wantDoc) {
		t.Fatalf("document differs:\n got %+v\nwant %+v", *doc, wantDoc)
	}
	got, err := db.Package(ctx, p.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(byID(got.CFItems), byID(p.CFItems)) {
		t.Fatal("package items differ")
	}
	got.CFItems = p.CFItems
	if !reflect.DeepEqual(got, p) {
		t.Fatalf("package differs:\n got %+v\nwant %+v", got, p)
	}
	rub, err := db.Rubric(ctx, p.CFRubrics[0].Identifier)
	if err != nil || !reflect.DeepEqual(*rub, p.CFRubrics[0]) {
		t.Fatalf("rubric %+v %v", rub, err)
	}
	lic, err := db.License(ctx, p.CFDefinitions.CFLicenses[0].Identifier)
	if err != nil || !reflect.DeepEqual(*lic, p.CFDefinitions.CFLicenses[0]) {
		t.Fatalf("license %+v %v", lic, err)
	}
	g, err := db.AssociationGrouping(ctx, p.CFDefinitions.CFAssociationGroupings[0].Identifier)
	if err != nil || !reflect.DeepEqual(*g, p.CFDefinitions.CFAssociationGroupings[0]) {
		t.Fatalf("grouping %+v %v", g, err)
	}
}

func TestFrameworkInfo(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	b := testPackage("beta", 2, 1)
	a := testPackage("alpha", 1, 1)
	mustImport(t, db, b)
	mustImport(t, db, a)
	list, err := db.Frameworks(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("frameworks %v %v", list, err)
	}
	if list[0].Title != "alpha framework" || list[1].Title != "beta framework" {
		t.Fatalf("not ordered by title: %q, %q", list[0].Title, list[1].Title)
	}
	f, err := db.Framework(ctx, b.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	if f.Items != 4 || f.Associations != 5 || !reflect.DeepEqual(f.EducationLevel, []string{"01", "02"}) ||
		f.Publisher != "Test Pub" || f.Provenance.Source != casefile.SourceFile || f.Provenance.Location != "test.json" ||
		len(f.Provenance.ContentHash) != 64 || f.Seq != 1 || f.ImportedAt.IsZero() || f.Provenance.FetchedAt.IsZero() {
		t.Fatalf("framework info %+v", f)
	}
	hash, at, err := db.PackageVersion(ctx, b.CFDocument.Identifier)
	if err != nil || hash != f.Provenance.ContentHash || !at.Equal(f.ImportedAt) {
		t.Fatalf("package version %s %v %v", hash, at, err)
	}
	_, err = db.Framework(ctx, "nope")
	wantCode(t, err, casefile.NotFound)
	_, _, err = db.PackageVersion(ctx, "nope")
	wantCode(t, err, casefile.NotFound)
}

func TestReimportReplacesAndRecordsDiff(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	p := testPackage("alpha", 2, 2)
	first := mustImport(t, db, p)
	removed := p.CFItems[len(p.CFItems)-1]
	removedAssoc := p.CFAssociations[len(p.CFAssociations)-2] // the isChildOf of the removed item
	q := testPackage("alpha", 2, 2)
	q.CFItems = q.CFItems[:len(q.CFItems)-1]
	q.CFAssociations = append(q.CFAssociations[:len(q.CFAssociations)-2], q.CFAssociations[len(q.CFAssociations)-1])
	q.CFItems[0].FullStatement = "changed"
	added := casefile.Item{Identifier: uid("new", 1), URI: "urn:new", FullStatement: "new", LastChangeDateTime: "2024-01-01T00:00:00Z"}
	q.CFItems = append(q.CFItems, added)
	second := mustImport(t, db, q)
	if second.Unchanged || second.Seq <= first.Seq {
		t.Fatalf("second import %+v after %+v", second, first)
	}
	if _, err := db.Item(ctx, removed.Identifier); casefile.ErrorCode(err) != casefile.NotFound {
		t.Fatalf("removed item still there: %v", err)
	}
	it, err := db.Item(ctx, q.CFItems[0].Identifier)
	if err != nil || it.FullStatement != "changed" {
		t.Fatalf("changed item %+v %v", it, err)
	}
	items, _ := db.ItemsOf(ctx, q.CFDocument.Identifier)
	if len(items) != len(q.CFItems) {
		t.Fatalf("%d items after re-import, want %d", len(items), len(q.CFItems))
	}
	diffs, err := db.Diffs(ctx, p.CFDocument.Identifier)
	if err != nil || len(diffs) != 1 {
		t.Fatalf("diffs %+v %v", diffs, err)
	}
	d := diffs[0]
	want := casefile.FrameworkDiff{Seq: second.Seq, Framework: p.CFDocument.Identifier, At: d.At, Source: casefile.SourceFile,
		ItemsAdded: []string{added.Identifier}, ItemsRemoved: []string{removed.Identifier},
		ItemsModified: []string{q.CFItems[0].Identifier}, AssociationsAdded: []string{},
		AssociationsRemoved: []string{removedAssoc.Identifier}, AssociationsModified: []string{}}
	if !reflect.DeepEqual(d, want) || d.At.IsZero() {
		t.Fatalf("diff\n got %+v\nwant %+v", d, want)
	}
	q.CFDocument.Title = "renamed"
	mustImport(t, db, q)
	diffs, _ = db.Diffs(ctx, p.CFDocument.Identifier)
	if len(diffs) != 2 || !diffs[0].DocumentModified || diffs[0].Seq < diffs[1].Seq || len(diffs[0].ItemsModified) != 0 {
		t.Fatalf("diffs after document change %+v", diffs)
	}
}

func TestSameContentIsUnchanged(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	first := mustImport(t, db, testPackage("alpha", 2, 2))
	p := testPackage("alpha", 2, 2)
	// Array order is not content: reversed items give the same hash.
	for i, j := 0, len(p.CFItems)-1; i < j; i, j = i+1, j-1 {
		p.CFItems[i], p.CFItems[j] = p.CFItems[j], p.CFItems[i]
	}
	before := dumpTables(t, db)
	res := mustImport(t, db, p)
	if !res.Unchanged || res.Seq != first.Seq || res.Items != len(p.CFItems) {
		t.Fatalf("result %+v", res)
	}
	if after := dumpTables(t, db); after != before {
		t.Fatal("an unchanged import wrote to the database")
	}
	if seq, _ := db.LastSeq(ctx); seq != first.Seq {
		t.Fatalf("last seq %d, want %d", seq, first.Seq)
	}
}

// The generation (which every cache of the node is keyed by) moves with an
// import that writes and stays with one that does not. Before, every commit
// moved it: a loop re-importing the same file emptied every cache each time.
func TestGenerationMovesOnlyWithAWrite(t *testing.T) {
	db := openTest(t)
	g0 := db.Generation()
	mustImport(t, db, testPackage("alpha", 2, 2))
	g1 := db.Generation()
	if g1 == g0 {
		t.Fatal("an import that wrote left the generation")
	}
	if res := mustImport(t, db, testPackage("alpha", 2, 2)); !res.Unchanged {
		t.Fatalf("second import %+v, want unchanged", res)
	}
	if g := db.Generation(); g != g1 {
		t.Errorf("an unchanged import moved the generation %d -> %d", g1, g)
	}
	p := testPackage("alpha", 2, 2)
	p.CFItems[0].FullStatement += " (revised)"
	mustImport(t, db, p)
	if g := db.Generation(); g == g1 {
		t.Error("a changed import left the generation")
	}
}

func TestTakeoverOfReusedIdentifiers(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a := testPackage("alpha", 2, 2)
	b := testPackage("beta", 1, 1)
	shared := a.CFItems[len(a.CFItems)-1] // a leaf of alpha, reused by beta
	sharedAssoc := a.CFAssociations[len(a.CFAssociations)-2]
	b.CFItems = append(b.CFItems, shared)
	b.CFAssociations = append(b.CFAssociations, sharedAssoc)
	first := mustImport(t, db, a)
	grant := casefile.ImportOptions{Takeover: true}
	second := mustImportWith(t, db, b, grant)
	if len(second.Takeovers) != 2 || !second.Takeovers[0].Granted || second.Takeovers[0].Owner != a.CFDocument.Identifier {
		t.Fatalf("takeovers reported: %+v", second.Takeovers)
	}
	if d, err := db.Diffs(ctx, a.CFDocument.Identifier); err != nil || len(d) != 1 || len(d[0].Takeovers) != 2 ||
		len(d[0].ItemsRemoved) != 1 || d[0].Takeovers[0].By != b.CFDocument.Identifier {
		t.Fatalf("alpha's change record of the takeover: %+v %v", d, err)
	}
	if d, err := db.Diffs(ctx, b.CFDocument.Identifier); err != nil || len(d) != 1 || len(d[0].Takeovers) != 2 {
		t.Fatalf("beta's change record of the takeover: %+v %v", d, err)
	}
	if n := countRows(t, db, "items WHERE identifier = '"+shared.Identifier+"'"); n != 1 {
		t.Fatalf("shared item stored %d times", n)
	}
	got, err := db.Item(ctx, shared.Identifier)
	if err != nil || got.CFDocumentURI.Identifier != b.CFDocument.Identifier {
		t.Fatalf("shared item belongs to %+v (%v), want beta", got.CFDocumentURI, err)
	}
	fa, _ := db.Framework(ctx, a.CFDocument.Identifier)
	if fa.Items != len(a.CFItems)-1 || fa.Associations != len(a.CFAssociations)-1 {
		t.Fatalf("alpha counts after takeover: %d items, %d associations", fa.Items, fa.Associations)
	}
	// alpha's stored hash matches what it now holds, so re-importing the
	// original alpha is a real change that takes the objects back.
	rest, err := db.Package(ctx, a.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := prepare(rest)
	if err != nil || pr.contentHash != fa.Provenance.ContentHash {
		t.Fatalf("alpha hash %s, recomputed %s (%v)", fa.Provenance.ContentHash, pr.contentHash, err)
	}
	ch, _ := db.Changes(ctx, first.Seq, 10)
	if len(ch) != 2 || ch[0].Framework != a.CFDocument.Identifier || ch[1].Framework != b.CFDocument.Identifier ||
		ch[1].Seq != second.Seq {
		t.Fatalf("changes after takeover %+v", ch)
	}
	if res := mustImportWith(t, db, a, grant); res.Unchanged {
		t.Fatal("re-import of alpha after takeover reported unchanged")
	}
	got, _ = db.Item(ctx, shared.Identifier)
	if got.CFDocumentURI.Identifier != a.CFDocument.Identifier {
		t.Fatal("alpha did not take its item back")
	}
	if fb, _ := db.Framework(ctx, b.CFDocument.Identifier); fb.Items != len(b.CFItems)-1 {
		t.Fatalf("beta has %d items, want %d", fb.Items, len(b.CFItems)-1)
	}
}

func TestInvalidPackageWritesNothing(t *testing.T) {
	db := openTest(t)
	p := testPackage("alpha", 1, 2)
	p.CFItems[2].Identifier = p.CFItems[1].Identifier
	p.CFAssociations[0].Identifier = ""
	_, err := db.Import(context.Background(), p, casefile.Provenance{})
	var ce *casefile.Error
	if !errors.As(err, &ce) || ce.Code != casefile.Invalid || len(ce.Problems) != 2 ||
		ce.Problems[0].Path != "$.CFItems[2].identifier" || ce.Problems[1].Path != "$.CFAssociations[0].identifier" {
		t.Fatalf("error %+v", err)
	}
	if n := countRows(t, db, "frameworks"); n != 0 {
		t.Fatalf("%d frameworks after a rejected import", n)
	}
	_, err = db.Import(context.Background(), &casefile.Package{}, casefile.Provenance{})
	wantCode(t, err, casefile.Invalid)
}

func TestFailedImportLeavesDatabaseUnchanged(t *testing.T) {
	// "update" re-imports a held framework (changed rows only), "new" imports
	// one not held; both take an item over from another framework.
	for _, kind := range []string{"update", "new"} {
		for _, step := range []string{"deleted", "items", "done"} {
			t.Run(kind+"/"+step, func(t *testing.T) {
				db := openTest(t)
				a, b := testPackage("alpha", 2, 2), testPackage("beta", 2, 1)
				mustImport(t, db, a)
				b.CFItems = append(b.CFItems, a.CFItems[1]) // takes it over
				grant := casefile.ImportOptions{Takeover: true}
				mustImportWith(t, db, b, grant)
				before := dumpTables(t, db)
				q := testPackage("alpha", 3, 3)
				if kind == "new" {
					q = testPackage("gamma", 3, 3)
				}
				q.CFItems = append(q.CFItems, b.CFItems[0])
				db.hook = func(s string) error {
					if s == step {
						return errors.New("injected failure at " + s)
					}
					return nil
				}
				_, err := db.ImportWith(context.Background(), q, casefile.Provenance{Source: casefile.SourceURL}, grant)
				if err == nil || !strings.Contains(err.Error(), "import framework") {
					t.Fatalf("want a failed import, got %v", err)
				}
				db.hook = nil
				if after := dumpTables(t, db); after != before {
					t.Fatalf("database changed by a failed import:\nbefore %.300s\nafter  %.300s", before, after)
				}
				if _, err := db.ImportWith(context.Background(), q, casefile.Provenance{}, grant); err != nil {
					t.Fatalf("the same import without the failure: %v", err)
				}
			})
		}
	}
}

func TestCancelledImportLeavesDatabaseUnchanged(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, testPackage("alpha", 2, 2))
	before := dumpTables(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	db.hook = func(s string) error {
		if s == "items" {
			cancel()
		}
		return nil
	}
	_, err := db.Import(ctx, testPackage("alpha", 5, 5), casefile.Provenance{})
	if err == nil {
		t.Fatal("import with a cancelled context succeeded")
	}
	wantCode(t, err, casefile.Unavailable)
	if after := dumpTables(t, db); after != before {
		t.Fatal("database changed by a cancelled import")
	}
}

func TestDeleteFramework(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 2), testPackage("beta", 1, 1)
	mustImport(t, db, a)
	mustImport(t, db, b)
	if err := db.Delete(ctx, a.CFDocument.Identifier); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		func() error { _, err := db.Document(ctx, a.CFDocument.Identifier); return err }(),
		func() error { _, err := db.Package(ctx, a.CFDocument.Identifier); return err }(),
		func() error { _, err := db.Item(ctx, a.CFItems[0].Identifier); return err }(),
		func() error { _, err := db.Association(ctx, a.CFAssociations[0].Identifier); return err }(),
		func() error { _, err := db.Rubric(ctx, a.CFRubrics[0].Identifier); return err }(),
		func() error { _, err := db.Concept(ctx, a.CFDefinitions.CFConcepts[0].Identifier); return err }(),
		db.Delete(ctx, a.CFDocument.Identifier),
	} {
		wantCode(t, err, casefile.NotFound)
	}
	if _, err := db.Package(ctx, b.CFDocument.Identifier); err != nil {
		t.Fatalf("other framework gone: %v", err)
	}
	for _, table := range []string{"items", "associations", "definitions", "rubrics"} {
		if n := countRows(t, db, table+" WHERE framework = '"+a.CFDocument.Identifier+"'"); n != 0 {
			t.Fatalf("%d %s left", n, table)
		}
	}
	ch, _ := db.Changes(ctx, 0, 0)
	if last := ch[len(ch)-1]; last.Kind != casefile.ChangeDelete || last.Framework != a.CFDocument.Identifier {
		t.Fatalf("last change %+v", last)
	}
}

func TestChangesFeed(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	if seq, err := db.LastSeq(ctx); err != nil || seq != 0 {
		t.Fatalf("empty store last seq %d %v", seq, err)
	}
	names := []string{"alpha", "beta", "gamma", "delta"}
	for _, n := range names {
		mustImport(t, db, testPackage(n, 1, 1))
	}
	if err := db.Delete(ctx, testPackage("beta", 0, 0).CFDocument.Identifier); err != nil {
		t.Fatal(err)
	}
	all, err := db.Changes(ctx, 0, 100)
	if err != nil || len(all) != 5 {
		t.Fatalf("changes %+v %v", all, err)
	}
	for i, c := range all {
		if c.Seq != int64(i+1) || c.At.IsZero() {
			t.Fatalf("change %d: %+v", i, c)
		}
		if i < 4 && (c.Kind != casefile.ChangeImport || c.Framework != testPackage(names[i], 0, 0).CFDocument.Identifier || c.ContentHash == "") {
			t.Fatalf("change %d: %+v", i, c)
		}
	}
	page, _ := db.Changes(ctx, 2, 2)
	if len(page) != 2 || page[0].Seq != 3 || page[1].Seq != 4 {
		t.Fatalf("page %+v", page)
	}
	if seq, _ := db.LastSeq(ctx); seq != 5 {
		t.Fatalf("last seq %d", seq)
	}
}

// dumpTables renders every row of every table, for before/after comparisons.
func dumpTables(t testing.TB, db *DB) string {
	t.Helper()
	ctx := context.Background()
	rows, err := db.r.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, table := range tables {
		fmt.Fprintf(&b, "== %s\n", table)
		r, err := db.r.QueryContext(ctx, `SELECT * FROM "`+table+`" ORDER BY 1, 2`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals)
		}
		r.Close()
	}
	return b.String()
}

func countRows(t testing.TB, db *DB, from string) int {
	t.Helper()
	var n int
	if err := db.r.QueryRow(`SELECT COUNT(*) FROM ` + from).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A package fetched again unchanged from its peer with new HTTP validators
// keeps its content and sequence but records the validators, so the next
// conditional request sends them.
func TestUnchangedFromPeerRecordsValidators(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	prov := casefile.Provenance{Source: casefile.SourcePeer, Peer: "pub", Location: "http://pub/x", ETag: `"a"`}
	first, err := db.Import(ctx, testPackage("alpha", 2, 2), prov)
	if err != nil {
		t.Fatal(err)
	}
	prov.ETag, prov.LastModified = `"b"`, "Tue, 01 Dec 2026 10:00:00 GMT"
	res, err := db.Import(ctx, testPackage("alpha", 2, 2), prov)
	if err != nil || !res.Unchanged || res.Seq != first.Seq {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	fi, err := db.Framework(ctx, res.Framework)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Provenance.ETag != `"b"` || fi.Provenance.LastModified != prov.LastModified {
		t.Fatalf("validators not recorded: %+v", fi.Provenance)
	}
	if seq, _ := db.LastSeq(ctx); seq != first.Seq {
		t.Fatalf("last seq moved to %d", seq)
	}
}
