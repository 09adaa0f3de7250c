package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// rowColumns are the columns an import writes, per table, as compared
// between two databases (definitions.seq is the change sequence of the
// database, not content).
var rowColumns = map[string]string{
	"frameworks": `identifier, content_hash, item_count, association_count, education_level, package_extra, data`,
	"items":      `identifier, framework, ord, uri, human_coding_scheme, code_lower, original_identifier, hash, data`,
	"associations": `identifier, framework, ord, type, origin_id, origin_uri, destination_id, destination_uri,
		origin_ext, destination_ext, sequence_number, original_identifier, hash, data`,
	"definitions": `framework, kind, identifier, ord, uri, hierarchy_code, original_identifier, hash, data`,
	"rubrics":     `identifier, framework, ord, original_identifier, hash, data`,
}

// frameworkRows renders the rows of framework fw in table, in a fixed order.
func frameworkRows(t *testing.T, db *DB, table, fw string) []string {
	t.Helper()
	key := "framework"
	if table == "frameworks" {
		key = "identifier"
	}
	rs, err := db.r.Query(`SELECT `+rowColumns[table]+` FROM `+table+` WHERE `+key+` = ? ORDER BY 1, 2, 3`, fw)
	if err != nil {
		t.Fatal(err)
	}
	return renderRows(t, rs)
}

// TestImportWritesWhatPreviousReleaseWrote imports the packages of the
// stored-form fixture (written by release 88f3fb7, before imports were
// pipelined) into a new database: every row, data column, hash and the
// content hash are the ones that release wrote.
func TestImportWritesWhatPreviousReleaseWrote(t *testing.T) {
	ctx := context.Background()
	old, rel := openStoredFormFixture(t, "storedform")
	db := openTest(t)
	pkgs := storedFormPackages(t)
	if len(pkgs) != len(rel.Frameworks) {
		t.Fatalf("%d packages, the fixture holds %d", len(pkgs), len(rel.Frameworks))
	}
	for _, p := range pkgs {
		fw := p.CFDocument.Identifier
		if _, err := db.Import(ctx, p, storedFormProvenance(p)); err != nil {
			t.Fatal(err)
		}
		for table := range rowColumns {
			got, exp := frameworkRows(t, db, table, fw), frameworkRows(t, old, table, fw)
			if len(exp) == 0 && table != "rubrics" && table != "definitions" {
				t.Fatalf("%s: the fixture holds no %s", fw, table)
			}
			if strings.Join(got, "\n") != strings.Join(exp, "\n") {
				t.Errorf("%s %s: %d rows differ from release %s's %d:\n got %.400v\nwant %.400v",
					fw, table, len(got), rel.Release, len(exp), got, exp)
			}
		}
	}
}

// bigPackage is a framework whose items and associations take many batches
// (and a partial last one), with extensions on some objects.
func bigPackage(name string) *casefile.Package {
	p := synthPackage(3001, name)
	for i := range p.CFItems {
		if i%7 == 0 {
			p.CFItems[i].Extensions = casefile.Fields{"x-n": json.RawMessage(fmt.Sprint(i))}
		}
	}
	return p
}

// TestPipelinedImportStoresEachObjectAsEncoded: after an import that takes
// many batches, every item and association row holds the object's stored
// JSON and its sha256, and the recorded content hash is the one computed
// from them one by one; the same package again is Unchanged.
func TestPipelinedImportStoresEachObjectAsEncoded(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	p := bigPackage("big")
	batches := 0
	db.hook = func(s string) error {
		if s == "batch" {
			batches++
		}
		return nil
	}
	if _, err := db.Import(ctx, p, casefile.Provenance{}); err != nil {
		t.Fatal(err)
	}
	if batches < 2*(pipeDepth+2) {
		t.Fatalf("%d batches: too few to fill the pipeline", batches)
	}
	checkStoredAsEncoded(t, db, p)
	if res, err := db.Import(ctx, p, casefile.Provenance{}); err != nil || !res.Unchanged {
		t.Fatalf("same package again: unchanged=%v (%v)", res.Unchanged, err)
	}
}

// checkStoredAsEncoded checks, one object at a time and without the import's
// code, that every item and association row of p holds the object's stored
// JSON and its sha256, and that the recorded content hash is the one over
// those hashes.
func checkStoredAsEncoded(t *testing.T, db *DB, p *casefile.Package) {
	t.Helper()
	enc := newEncoder()
	doc := p.CFDocument
	doc.CFPackageURI = nil
	extra := packageExtra{Package: p.Common, Definitions: p.CFDefinitions.Common}
	parts := contentParts{document: must(enc.hash(&doc)), extra: must(enc.hash(&extra))}
	check := func(table, id string, v any) idHash {
		data := must(enc.encode(v))
		sum := sha256.Sum256(data)
		h := idHash{id, hex.EncodeToString(sum[:])}
		var gotData, gotHash string
		err := db.r.QueryRow(`SELECT data, hash FROM `+table+` WHERE identifier = ?`, id).Scan(&gotData, &gotHash)
		if err != nil || gotData != string(data) || gotHash != h.hash {
			t.Fatalf("%s %s: stored %.80s / %s (%v), want %.80s", table, id, gotData, gotHash, err, data)
		}
		return h
	}
	for i := range p.CFItems {
		parts.items = append(parts.items, check("items", p.CFItems[i].Identifier, storedItem(&p.CFItems[i])))
	}
	for i := range p.CFAssociations {
		a := &p.CFAssociations[i]
		parts.assocs = append(parts.assocs, check("associations", a.Identifier, storedAssociation(a)))
	}
	for i := range p.CFRubrics {
		parts.rubrics = append(parts.rubrics, check("rubrics", p.CFRubrics[i].Identifier, &p.CFRubrics[i]))
	}
	for _, d := range definitionsOf(&p.CFDefinitions) {
		parts.defs = append(parts.defs, idHash{d.kind + "/" + d.id, must(enc.hash(d.value))})
	}
	info, err := db.Framework(context.Background(), p.CFDocument.Identifier)
	if err != nil || info.Provenance.ContentHash != contentHash(parts) {
		t.Fatalf("content hash %s (%v), want %s", info.Provenance.ContentHash, err, contentHash(parts))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// encoderRunning tells whether an import's encoding goroutine is still there
// (it may take a few scheduling rounds to vanish after signalling its end).
func encoderRunning() bool {
	buf := make([]byte, 1<<20)
	for range 1000 {
		if !strings.Contains(string(buf[:runtime.Stack(buf, true)]), "store.encodeBatches") {
			return false
		}
		runtime.Gosched()
	}
	return true
}

// TestImportFailingWithBatchesInFlight: an import that fails (a failing
// statement, an object that cannot be encoded) or is cancelled while
// encoded batches wait for the connection writes nothing and leaves no
// goroutine behind; the next import works.
func TestImportFailingWithBatchesInFlight(t *testing.T) {
	want := map[string]casefile.Code{"error": casefile.Internal, "cancel": casefile.Unavailable, "invalid": casefile.Invalid}
	for _, kind := range []string{"new", "update"} {
		for _, how := range []string{"error", "cancel", "invalid"} {
			t.Run(kind+"/"+how, func(t *testing.T) {
				db := openTest(t)
				mustImport(t, db, testPackage("alpha", 2, 2))
				next := bigPackage("beta")
				if kind == "update" {
					mustImport(t, db, bigPackage("beta"))
					for i := range next.CFItems {
						next.CFItems[i].FullStatement += " (revised)"
					}
				}
				fixed := next.CFItems[2500]
				if how == "invalid" {
					next.CFItems[2500].Extensions = casefile.Fields{"x-bad": json.RawMessage(`{bad`)}
				}
				before := dumpTables(t, db)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				batches := 0
				db.hook = func(s string) error {
					if s != "batch" {
						return nil
					}
					if batches++; batches == 3 && how == "cancel" {
						cancel()
					} else if batches == 3 && how == "error" {
						return errors.New("injected failure")
					}
					return nil
				}
				_, err := db.Import(ctx, next, casefile.Provenance{})
				if err == nil {
					t.Fatal("import succeeded")
				}
				wantCode(t, err, want[how])
				if how != "invalid" && batches != 3 {
					t.Fatalf("%d batches executed after the failure in batch 3", batches)
				}
				if how == "invalid" && (!strings.Contains(err.Error(), "cannot be encoded") || kind == "new" && batches < 3) {
					t.Fatalf("%v after %d batches, want a refusal of the item while writing the new framework", err, batches)
				}
				if encoderRunning() {
					t.Fatal("the encoding goroutine outlived the failed import")
				}
				db.hook = nil
				if after := dumpTables(t, db); after != before {
					t.Fatalf("database changed by a failed import:\nbefore %.300s\nafter  %.300s", before, after)
				}
				next.CFItems[2500] = fixed
				mustImport(t, db, next)
				checkStoredAsEncoded(t, db, next)
			})
		}
	}
}
