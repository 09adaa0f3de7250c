package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// openStoredFormFixture copies the database written by release dir into a
// temporary file, opens it with this code and returns it with what that
// release read back.
func openStoredFormFixture(t *testing.T, dir string) (*DB, storedFormRelease) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "casenode.db")
	if err := os.WriteFile(path, gunzipFile(t, filepath.Join("testdata", dir, "casenode.db.gz")), 0o644); err != nil {
		t.Fatal(err)
	}
	var rel storedFormRelease
	if err := json.Unmarshal(gunzipFile(t, filepath.Join("testdata", dir, "expected.json.gz")), &rel); err != nil {
		t.Fatal(err)
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, rel
}

func gunzipFile(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestStoredFormReadsPreviousRelease opens a database written by the release
// before the stored form was explicit: every framework reads back as that
// release read it, its recorded content hash is the one this code computes,
// importing it again changes nothing, and every stored row encodes to the
// same bytes and hash as stored.
func TestStoredFormReadsPreviousRelease(t *testing.T) {
	ctx := context.Background()
	db, rel := openStoredFormFixture(t, "storedform")
	if rel.Release != "88f3fb7" || len(rel.Frameworks) != 4 {
		t.Fatalf("fixture is release %q with %d frameworks, want 88f3fb7 with 4", rel.Release, len(rel.Frameworks))
	}
	var version int
	if err := db.r.QueryRowContext(ctx, `SELECT version FROM stored_form`).Scan(&version); err != nil || version != storedFormVersion {
		t.Fatalf("stored form version %d (%v), want %d", version, err, storedFormVersion)
	}
	infos, err := db.Frameworks(ctx)
	if err != nil || len(infos) != len(rel.Frameworks) {
		t.Fatalf("%d frameworks (%v), want %d", len(infos), err, len(rel.Frameworks))
	}
	for _, want := range rel.Frameworks {
		pkg, err := db.Package(ctx, want.Identifier)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := casefile.EncodePackage(&got, pkg, casefile.V1p1); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Package) {
			t.Errorf("%s: package reads back differently:\n got %.300s\nwant %.300s", want.Identifier, got.Bytes(), want.Package)
		}
		info, err := db.Framework(ctx, want.Identifier)
		if err != nil || info.Provenance.ContentHash != want.ContentHash {
			t.Errorf("%s: recorded hash %s (%v), want %s", want.Identifier, info.Provenance.ContentHash, err, want.ContentHash)
		}
		p, err := prepare(pkg)
		if err != nil || p.contentHash != want.ContentHash {
			t.Errorf("%s: recomputed hash wrong (%v), want %s", want.Identifier, err, want.ContentHash)
		}
		res, err := db.Import(ctx, pkg, info.Provenance)
		if err != nil || !res.Unchanged {
			t.Errorf("%s: import of what was read back: unchanged=%v (%v), want unchanged", want.Identifier, res.Unchanged, err)
		}
	}
	checkRowsReencode(t, db)
}

// checkRowsReencode decodes every stored data column and encodes it again
// with this code: the bytes and the hash column must be the stored ones.
func checkRowsReencode(t *testing.T, db *DB) {
	t.Helper()
	tables := []struct {
		query string
		zero  func() any
	}{
		{`SELECT identifier, '', data FROM frameworks`, func() any { return new(casefile.Document) }},
		{`SELECT identifier, '', package_extra FROM frameworks`, func() any { return new(packageExtra) }},
		{`SELECT identifier, hash, data FROM items`, func() any { return new(casefile.Item) }},
		{`SELECT identifier, hash, data FROM associations`, func() any { return new(casefile.Association) }},
		{`SELECT identifier, hash, data FROM rubrics`, func() any { return new(casefile.Rubric) }},
		{`SELECT identifier, hash, data FROM definitions WHERE kind = 'concept'`, func() any { return new(casefile.Concept) }},
		{`SELECT identifier, hash, data FROM definitions WHERE kind = 'subject'`, func() any { return new(casefile.Subject) }},
		{`SELECT identifier, hash, data FROM definitions WHERE kind = 'license'`, func() any { return new(casefile.License) }},
		{`SELECT identifier, hash, data FROM definitions WHERE kind = 'itemType'`, func() any { return new(casefile.ItemType) }},
		{`SELECT identifier, hash, data FROM definitions WHERE kind = 'grouping'`, func() any { return new(casefile.AssociationGrouping) }},
	}
	enc := newEncoder()
	for _, tb := range tables {
		rows, err := db.r.Query(tb.query)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var id, hash, data string
			if err := rows.Scan(&id, &hash, &data); err != nil {
				t.Fatal(err)
			}
			v := tb.zero()
			if err := decodeStored([]byte(data), v); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			got, err := enc.encode(v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != data {
				t.Fatalf("%T %s re-encodes differently:\n got %s\nwant %s", v, id, got, data)
			}
			if sum := sha256.Sum256(got); hash != "" && hex.EncodeToString(sum[:]) != hash {
				t.Fatalf("%T %s: hash differs from the stored one", v, id)
			}
			n++
		}
		rows.Close()
		if n == 0 {
			t.Errorf("no rows for %q", tb.query)
		}
	}
}

// TestStoredFormNewerRefused: a database whose rows are of a newer stored
// form is not opened (reading it would lose what this code does not know).
func TestStoredFormNewerRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casenode.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.ExecContext(ctx, `UPDATE stored_form SET version = ?`, storedFormVersion+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path)
	var ce *casefile.Error
	if err == nil {
		db.Close()
	}
	if !errors.As(err, &ce) || ce.Code != casefile.Unavailable || !bytes.Contains([]byte(ce.Message), []byte("newer casenode")) {
		t.Fatalf("open of a newer stored form: %v, want unavailable 'newer casenode'", err)
	}
}

// TestStoredFormCoversCasefile fills every field of every stored casefile
// type and requires it to come back from the stored form: a field added to
// casefile that the stored form does not keep fails here.
func TestStoredFormCoversCasefile(t *testing.T) {
	for _, v := range []any{new(casefile.Document), new(casefile.Item), new(casefile.Association), new(casefile.Concept),
		new(casefile.Subject), new(casefile.License), new(casefile.ItemType), new(casefile.AssociationGrouping),
		new(casefile.Rubric), new(packageExtra)} {
		fillAll(reflect.ValueOf(v).Elem(), "x")
		data, err := newEncoder().encode(v)
		if err != nil {
			t.Fatal(err)
		}
		back := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		if err := decodeStored(data, back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, v) {
			t.Errorf("%T does not survive its stored form:\n stored %s\n  after %+v\n before %+v", v, data, back, v)
		}
	}
}

// fillAll sets every field reachable from v to a non-zero value.
func fillAll(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Int:
		v.SetInt(int64(len(path)))
	case reflect.Float64:
		v.SetFloat(float64(len(path)) + 0.5)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillAll(v.Elem(), path)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fillAll(v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf(json.RawMessage(`{"p":"`+path+`"}`)))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 { // json.RawMessage
			v.SetBytes([]byte(`["` + path + `"]`))
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillAll(v.Index(0), path+"[0]")
	default:
		panic("fillAll: no value for " + v.Type().String() + " at " + path)
	}
}
