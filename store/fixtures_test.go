package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// TestImportFixtures imports every shared fixture of real/, v1p1/ and
// opensalt/ (decoded by casefile), reads each package back and checks that
// it holds the same objects and re-encodes to the same CASE JSON, and that
// its export in the file's own version keeps the file's identifiers and
// fields (checkAsPublished).
func TestImportFixtures(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	var files []string
	for _, sub := range []string{"real", "v1p1", "opensalt"} {
		files = append(files, fixture.Files(t, sub)...)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pkgs, _, err := casefile.DecodeMany(bytes.NewReader(raw), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			for _, p := range pkgs {
				stored := checkFixtureRoundTrip(t, db, ctx, p)
				checkStoredAsEncoded(t, db, p)
				if len(pkgs) == 1 {
					checkAsPublished(t, raw, stored)
				}
			}
		})
	}
	// The opensalt test frameworks share one CFDocument identifier (they are
	// versions of one framework and replace each other): every object is
	// stored once and the counts agree.
	list, err := db.Frameworks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, fw := range list {
		items, err := db.ItemsOf(ctx, fw.Identifier)
		if err != nil || len(items) != fw.Items {
			t.Fatalf("%s: %d items held, info says %d (%v)", fw.Title, len(items), fw.Items, err)
		}
		total += fw.Items
	}
	if n := countRows(t, db, "items"); n != total {
		t.Fatalf("%d item rows, frameworks count %d", n, total)
	}
}

func checkFixtureRoundTrip(t *testing.T, db *DB, ctx context.Context, p *casefile.Package) *casefile.Package {
	t.Helper()
	res, err := db.Import(ctx, p, casefile.Provenance{Source: casefile.SourceFile})
	if err != nil {
		t.Fatalf("import %s: %v", p.CFDocument.Title, err)
	}
	if res.Items != len(p.CFItems) || res.Associations != len(p.CFAssociations) {
		t.Fatalf("result %+v for %d items, %d associations", res, len(p.CFItems), len(p.CFAssociations))
	}
	got, err := db.Package(ctx, p.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.CFItems) != len(p.CFItems) || len(got.CFAssociations) != len(p.CFAssociations) {
		t.Fatalf("read back %d items, %d associations; imported %d, %d",
			len(got.CFItems), len(got.CFAssociations), len(p.CFItems), len(p.CFAssociations))
	}
	if !reflect.DeepEqual(byID(got.CFItems), byID(p.CFItems)) {
		t.Fatal("items read back differ from the imported ones")
	}
	// Re-encoding: the stored package gives the same CASE JSON as the
	// decoded one (with the items in the same, tree, order).
	pos := map[string]int{}
	for i, it := range got.CFItems {
		pos[it.Identifier] = i
	}
	want := *p
	want.CFItems = make([]casefile.Item, len(p.CFItems))
	for _, it := range p.CFItems {
		want.CFItems[pos[it.Identifier]] = it
	}
	for _, v := range []casefile.Version{casefile.V1p0, casefile.V1p1} {
		var a, b bytes.Buffer
		if err := casefile.EncodePackage(&a, &want, v); err != nil {
			t.Fatal(err)
		}
		if err := casefile.EncodePackage(&b, got, v); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("CASE %s encoding of the stored package differs from the imported one", v)
		}
	}
	checkTreeMatchesChildren(t, db, ctx, got)
	info, err := db.Framework(ctx, p.CFDocument.Identifier)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := prepare(got)
	if err != nil || pr.contentHash != info.Provenance.ContentHash {
		t.Fatalf("content hash of the stored package %s, recorded %s (%v)", pr.contentHash, info.Provenance.ContentHash, err)
	}
	if again, err := db.Import(ctx, p, casefile.Provenance{Source: casefile.SourceFile}); err != nil || !again.Unchanged {
		t.Fatalf("re-import of the same package: %+v %v", again, err)
	}
	return got
}

// checkTreeMatchesChildren walks the tree with Children (one batched query
// per level) and checks that Package lists the items in that same
// depth-first order, followed by the items no walk reaches.
func checkTreeMatchesChildren(t *testing.T, db *DB, ctx context.Context, p *casefile.Package) {
	t.Helper()
	kids := map[string][]casefile.Item{}
	level := []string{p.CFDocument.Identifier}
	seen := map[string]bool{p.CFDocument.Identifier: true}
	for len(level) > 0 {
		m, err := db.Children(ctx, level)
		if err != nil {
			t.Fatal(err)
		}
		var next []string
		for _, parent := range level {
			kids[parent] = m[parent]
			for _, c := range m[parent] {
				if !seen[c.Identifier] {
					seen[c.Identifier] = true
					next = append(next, c.Identifier)
				}
			}
		}
		level = next
	}
	var walk []string
	done := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		for _, c := range kids[id] {
			if !done[c.Identifier] {
				done[c.Identifier] = true
				walk = append(walk, c.Identifier)
				visit(c.Identifier)
			}
		}
	}
	visit(p.CFDocument.Identifier)
	if len(walk) > len(p.CFItems) {
		t.Fatalf("Children reaches %d items, the package has %d", len(walk), len(p.CFItems))
	}
	for i, id := range walk {
		if p.CFItems[i].Identifier != id {
			t.Fatalf("item %d: Package has %s (%s), Children walk %s", i, p.CFItems[i].Identifier, p.CFItems[i].HumanCodingScheme, id)
		}
	}
}

// TestLegacyOriginalIdentifiers imports the pre-1.0 exports, whose
// identifiers are URLs mapped to name-based UUIDs, and looks every item and
// association up by the identifier it arrived with.
func TestLegacyOriginalIdentifiers(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	checked := 0
	for _, path := range fixture.Files(t, "legacy") {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		pkgs, _, err := casefile.DecodeMany(f, casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
		f.Close()
		if err != nil {
			t.Logf("%s rejected by the decoder: %v", filepath.Base(path), err)
			continue
		}
		for _, p := range pkgs {
			if _, err := db.Import(ctx, p, casefile.Provenance{Source: casefile.SourceFile}); err != nil {
				t.Fatalf("%s: %v", filepath.Base(path), err)
			}
			var ids []string
			for _, it := range p.CFItems {
				if it.OriginalIdentifier == "" {
					continue
				}
				got, err := db.Item(ctx, it.OriginalIdentifier)
				if err != nil || got.Identifier != it.Identifier {
					t.Fatalf("item %s: %v", it.OriginalIdentifier, err)
				}
				ids = append(ids, it.OriginalIdentifier)
				checked++
			}
			items, err := db.Items(ctx, ids)
			if err != nil || len(items) != len(ids) {
				t.Fatalf("batch by original identifiers: %d of %d (%v)", len(items), len(ids), err)
			}
			for _, a := range p.CFAssociations {
				if a.OriginalIdentifier == "" {
					continue
				}
				if got, err := db.Association(ctx, a.OriginalIdentifier); err != nil || got.Identifier != a.Identifier {
					t.Fatalf("association %s: %v", a.OriginalIdentifier, err)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no legacy package with original identifiers was decoded: the test checked nothing")
	}
}
