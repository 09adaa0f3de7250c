package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// storedFormRelease is one database written by a release, kept under
// testdata/storedform/NAME: casenode.db.gz and expected.json.gz.
type storedFormRelease struct {
	Release    string               `json:"release"` // commit that wrote it
	Frameworks []storedFormExpected `json:"frameworks"`
}

// storedFormExpected is one framework as the writing release read it back.
type storedFormExpected struct {
	Identifier  string          `json:"identifier"`
	ContentHash string          `json:"contentHash"`
	Package     json.RawMessage `json:"package"` // EncodePackage 1.1 of db.Package
}

// TestWriteStoredFormDB writes the stored-form fixture with the code of the
// current checkout. It runs only when CASENODE_WRITE_STORED_FORM names the
// output directory; run it on the release whose stored form a later release
// must keep reading (see testdata/storedform/README.md).
func TestWriteStoredFormDB(t *testing.T) {
	out := os.Getenv("CASENODE_WRITE_STORED_FORM")
	if out == "" {
		t.Skip("set CASENODE_WRITE_STORED_FORM=DIR to write the stored-form fixture")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casenode.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rel := storedFormRelease{Release: os.Getenv("CASENODE_WRITE_STORED_FORM_RELEASE")}
	for _, p := range storedFormPackages(t) {
		if _, err := db.Import(ctx, p, storedFormProvenance(p)); err != nil {
			t.Fatal(err)
		}
		back, err := db.Package(ctx, p.CFDocument.Identifier)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := casefile.EncodePackage(&buf, back, casefile.V1p1); err != nil {
			t.Fatal(err)
		}
		info, err := db.Framework(ctx, p.CFDocument.Identifier)
		if err != nil {
			t.Fatal(err)
		}
		rel.Frameworks = append(rel.Frameworks, storedFormExpected{Identifier: info.Identifier,
			ContentHash: info.Provenance.ContentHash, Package: buf.Bytes()})
	}
	if _, err := db.w.ExecContext(ctx, `VACUUM`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp bytes.Buffer // packages byte for byte as encoded (json.Marshal would escape HTML)
	je := json.NewEncoder(&exp)
	je.SetEscapeHTML(false)
	if err := je.Encode(rel); err != nil {
		t.Fatal(err)
	}
	writeGzip(t, filepath.Join(out, "casenode.db.gz"), raw)
	writeGzip(t, filepath.Join(out, "expected.json.gz"), exp.Bytes())
}

// storedFormPackages are the packages the stored-form fixture holds, in
// the order they were imported: the seed frameworks and the store's test
// package (rubrics, extensions, unknown members).
func storedFormPackages(t *testing.T) []*casefile.Package {
	t.Helper()
	var pkgs []*casefile.Package
	for _, f := range seed.Frameworks() {
		ps, _, err := casefile.DecodeMany(bytes.NewReader(f.Data), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
		if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, ps...)
	}
	return append(pkgs, testPackage("storedform", 3, 2))
}

// storedFormProvenance is the provenance the fixture's packages were imported with.
func storedFormProvenance(p *casefile.Package) casefile.Provenance {
	at := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	return casefile.Provenance{Source: casefile.SourceSeed, Location: p.CFDocument.Title, FetchedAt: at}
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
