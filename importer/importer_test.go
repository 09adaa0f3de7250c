package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/internal/testnode/storenode"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/sheet"
)

const testBase = "http://127.0.0.1:8080"

// countingIndex records catch-ups.
type countingIndex struct{ n int }

func (c *countingIndex) CatchUp(context.Context) error { c.n++; return nil }

func TestImportDeleteAndRejection(t *testing.T) {
	ctx := context.Background()
	db := storenode.New(t, testBase, "").DB
	ix := &countingIndex{}
	im := importer.New(db, ix, testBase, nil) // the importer under test, with an index that counts

	f := seed.Frameworks()[0]
	res, err := im.Import(ctx, bytes.NewReader(f.Data), casefile.Provenance{Source: casefile.SourceSeed, Location: f.Name})
	if err != nil || len(res) != 1 || res[0].Items == 0 || ix.n != 1 {
		t.Fatalf("import: %+v, %v, catch-ups %d", res, err, ix.n)
	}

	// A package with a duplicated item (different content) is rejected whole,
	// with the problem's path, and nothing is written or re-indexed.
	bad := strings.Replace(string(f.Data), `"CFItems": [`, `"CFItems": [{"identifier":"`+res[0].Framework+`","uri":"x:y","fullStatement":"dup","lastChangeDateTime":"2020-01-01T00:00:00Z"},`, 1)
	before, _ := db.LastSeq(ctx)
	_, err = im.Import(ctx, strings.NewReader(bad), casefile.Provenance{Source: casefile.SourceFile})
	if casefile.ErrorCode(err) != casefile.Invalid || !strings.Contains(err.Error(), "$.") {
		t.Fatalf("bad package: %v", err)
	}
	if after, _ := db.LastSeq(ctx); after != before || ix.n != 1 {
		t.Fatalf("rejected import wrote (seq %d→%d) or re-indexed (%d)", before, after, ix.n)
	}

	if err := im.Delete(ctx, res[0].Framework); err != nil || ix.n != 2 {
		t.Fatalf("delete: %v, catch-ups %d", err, ix.n)
	}
	if _, err := db.Framework(ctx, res[0].Framework); casefile.ErrorCode(err) != casefile.NotFound {
		t.Fatalf("deleted framework still held: %v", err)
	}
}

// The import limit set on the importer (serve --max-import-mb) is the
// decoder's limit: no constant caps it from behind.
func TestImportLimitGovernsDecoder(t *testing.T) {
	ctx := context.Background()
	im := storenode.New(t, testBase, "").Importer
	f := seed.Frameworks()[0]
	limit := int64(len(f.Data) / 2)
	im.SetLimits(casefile.Limits{MaxImportBytes: limit})
	_, err := im.Import(ctx, bytes.NewReader(f.Data), casefile.Provenance{Source: casefile.SourceFile})
	if casefile.ErrorCode(err) != casefile.Invalid || !strings.Contains(err.Error(), fmt.Sprintf("limit of %d bytes", limit)) {
		t.Fatalf("input over the configured limit: %v", err)
	}
	im.SetLimits(casefile.Limits{MaxImportBytes: int64(len(f.Data))})
	if _, err := im.Import(ctx, bytes.NewReader(f.Data), casefile.Provenance{Source: casefile.SourceFile}); err != nil {
		t.Fatalf("input at the configured limit: %v", err)
	}
	// A field limit reaches the decoder the same way.
	im.SetLimits(casefile.Limits{MaxStatementBytes: 10})
	_, err = im.Import(ctx, bytes.NewReader(f.Data), casefile.Provenance{Source: casefile.SourceFile})
	if casefile.ErrorCode(err) != casefile.Invalid || !strings.Contains(err.Error(), "fullStatement") {
		t.Fatalf("statement over the configured limit: %v", err)
	}
}

// A spreadsheet over the limit is refused before it is parsed.
func TestSheetOverLimitRefused(t *testing.T) {
	im := storenode.New(t, testBase, "").Importer
	im.SetSheets(sheet.Reader{BaseURL: testBase})
	big := io.MultiReader(strings.NewReader("fullStatement\n"), io.LimitReader(zeros{}, importer.MaxSheetBytes+1))
	_, err := im.Import(context.Background(), big, casefile.Provenance{Source: casefile.SourceFile, Location: "big.csv"})
	if casefile.ErrorCode(err) != casefile.Invalid || !strings.Contains(err.Error(), fmt.Sprintf("larger than the limit of %d bytes", importer.MaxSheetBytes)) {
		t.Fatal(err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
