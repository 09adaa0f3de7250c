package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/cputime"
	"github.com/casenode/casenode/internal/fixture"
)

// The reproduction: CCSS math imported from a file, then a package
// (another file) whose associations and one item reuse CCSS identifiers.
// Before the rule CCSS silently lost them; now the import is refused, CCSS
// keeps every object, the result lists each refused takeover and a conflict
// is recorded. An explicit takeover moves them and records it on both sides.
func TestFileImportMayNotTakeOverAnotherFramework(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	raw, err := os.ReadFile(fixture.Path(t, "real", "ccss-math-2010.opensalt.cfpackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	ccss := decodeOne(t, raw)
	fileProv := casefile.Provenance{Source: casefile.SourceFile, Location: "ccss.json"}
	if _, err := db.Import(ctx, ccss, fileProv); err != nil {
		t.Fatal(err)
	}
	intruder := decodeOne(t, raw) // CCSS's objects under another framework
	intruder.CFDocument.Identifier = casefile.NameUUID("intruder")
	intruder.CFDocument.URI = "https://intruder.test/doc"
	intruder.CFDocument.Title = "Intruder"
	intruder.CFItems = intruder.CFItems[:1]
	intruder.CFDefinitions = casefile.Definitions{}

	upload := casefile.Provenance{Source: casefile.SourceUpload, Location: "upload"}
	res, err := db.Import(ctx, intruder, upload)
	if casefile.ErrorCode(err) != casefile.Conflict {
		t.Fatalf("import reusing CCSS ids: %v, want a conflict", err)
	}
	refused := 0
	for _, tk := range res.Takeovers {
		if !tk.Granted && tk.Owner == ccss.CFDocument.Identifier {
			refused++
		}
	}
	if refused != len(intruder.CFItems)+len(intruder.CFAssociations) {
		t.Errorf("%d refused takeovers reported, want %d", refused, len(intruder.CFItems)+len(intruder.CFAssociations))
	}
	fi, err := db.Framework(ctx, ccss.CFDocument.Identifier)
	if err != nil || fi.Items != 746 || fi.Associations != 746 {
		t.Fatalf("CCSS after a refused takeover: %d items, %d associations (%v)", fi.Items, fi.Associations, err)
	}
	if _, err := db.Framework(ctx, intruder.CFDocument.Identifier); casefile.ErrorCode(err) != casefile.NotFound {
		t.Fatalf("refused framework was written: %v", err)
	}
	if c, err := db.Conflicts(ctx); err != nil || len(c) != 1 || c[0].Framework != ccss.CFDocument.Identifier || c[0].Rule != casefile.RuleNoTakeover {
		t.Fatalf("conflicts: %+v %v", c, err)
	}

	res, err = db.ImportWith(ctx, intruder, upload, casefile.ImportOptions{Takeover: true})
	if err != nil || len(res.Takeovers) != refused || !res.Takeovers[0].Granted {
		t.Fatalf("explicit takeover: %d takeovers, %v", len(res.Takeovers), err)
	}
	fi, _ = db.Framework(ctx, ccss.CFDocument.Identifier)
	if fi.Items != 745 || fi.Associations != 0 {
		t.Errorf("CCSS after an explicit takeover: %d items, %d associations", fi.Items, fi.Associations)
	}
	if d, err := db.Diffs(ctx, ccss.CFDocument.Identifier); err != nil || len(d) != 1 || len(d[0].AssociationsRemoved) != 746 || len(d[0].Takeovers) != refused {
		t.Errorf("CCSS change record: %d diffs (%v)", len(d), err)
	}
}

// Objects move between frameworks of one publishing origin (a publisher
// reorganising its frameworks); from another origin they are refused.
func TestPeerTakeoverNeedsSameOrigin(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 2), testPackage("beta", 1, 1)
	b.CFItems = append(b.CFItems, a.CFItems[1])
	origin := casefile.Provenance{Source: casefile.SourcePeer, Peer: "p", OriginNode: "https://publisher.test"}
	if _, err := db.Import(ctx, a, origin); err != nil {
		t.Fatal(err)
	}
	other := casefile.Provenance{Source: casefile.SourcePeer, Peer: "q", OriginNode: "https://other.test"}
	if _, err := db.Import(ctx, b, other); casefile.ErrorCode(err) != casefile.Conflict {
		t.Fatalf("takeover from another origin: %v", err)
	}
	res, err := db.Import(ctx, b, casefile.Provenance{Source: casefile.SourcePeer, Peer: "p", OriginNode: "https://publisher.test/"})
	if err != nil || len(res.Takeovers) != 1 || !res.Takeovers[0].Granted || res.Takeovers[0].Class != "CFItems" {
		t.Fatalf("takeover from the same origin: %+v %v", res.Takeovers, err)
	}
}

// Definitions are shared by identifier: an identical copy is shared without
// a report; a different copy from another origin is kept in the importing
// framework's package, reported as refused, and does not change what the
// definition's address answers; an explicit takeover does.
func TestDefinitionsAreNotRewritten(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 1), testPackage("beta", 1, 1)
	b.CFDefinitions.CFSubjects = append(b.CFDefinitions.CFSubjects, a.CFDefinitions.CFSubjects[0]) // identical copy
	changed := a.CFDefinitions.CFItemTypes[0]
	changed.Title = "Rewritten type"
	b.CFDefinitions.CFItemTypes = append(b.CFDefinitions.CFItemTypes, changed)
	mustImport(t, db, a)
	res := mustImport(t, db, b)
	if len(res.Takeovers) != 1 || res.Takeovers[0].Granted || res.Takeovers[0].Class != "CFDefinitions.CFItemTypes" {
		t.Fatalf("takeovers: %+v", res.Takeovers)
	}
	if got, err := db.ItemType(ctx, changed.Identifier); err != nil || got[0].Title != a.CFDefinitions.CFItemTypes[0].Title {
		t.Fatalf("item type answered after another framework's different copy: %+v %v", got, err)
	}
	pb, err := db.Package(ctx, b.CFDocument.Identifier)
	if err != nil || pb.CFDefinitions.CFItemTypes[len(pb.CFDefinitions.CFItemTypes)-1].Title != "Rewritten type" {
		t.Fatalf("beta's package lost its own copy: %v", err)
	}
	res = mustImportWith(t, db, testPackageWith(b, "beta v2"), casefile.ImportOptions{Takeover: true})
	if len(res.Takeovers) != 1 || !res.Takeovers[0].Granted {
		t.Fatalf("explicit takeover of a definition: %+v", res.Takeovers)
	}
	if got, _ := db.ItemType(ctx, changed.Identifier); got[0].Title != "Rewritten type" {
		t.Fatalf("item type after an explicit takeover: %+v", got)
	}
}

// testPackageWith is p with a changed title (a real change, so it is written).
func testPackageWith(p *casefile.Package, title string) *casefile.Package {
	q := *p
	q.CFDocument.Title = title
	return &q
}

func decodeOne(t *testing.T, raw []byte) *casefile.Package {
	t.Helper()
	p, _, err := casefile.Decode(bytes.NewReader(raw), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A CFDocument identifier that is another framework's item is kept with a
// warning at its path (it makes /uri/{id} ambiguous).
func TestDocumentIDOfAnotherFrameworksItemWarned(t *testing.T) {
	db := openTest(t)
	a := testPackage("alpha", 1, 1)
	mustImport(t, db, a)
	b := testPackage("beta", 1, 1)
	b.CFDocument.Identifier = a.CFItems[1].Identifier
	for i := range b.CFAssociations {
		if b.CFAssociations[i].DestinationNodeURI.Identifier == uid("beta", 0) {
			b.CFAssociations[i].DestinationNodeURI.Identifier = b.CFDocument.Identifier
		}
	}
	res := mustImport(t, db, b)
	if len(res.Warnings) != 1 || res.Warnings[0].Path != "$.CFDocument.identifier" || !strings.Contains(res.Warnings[0].Message, a.CFDocument.Identifier) {
		t.Fatalf("warnings: %v", res.Warnings)
	}
}

// Rubrics follow the same rule as items and associations.
func TestRubricTakeoverRefused(t *testing.T) {
	db, ctx := openTest(t), context.Background()
	a, b := testPackage("alpha", 1, 1), testPackage("beta", 1, 1)
	b.CFRubrics = a.CFRubrics
	mustImport(t, db, a)
	res, err := db.Import(ctx, b, casefile.Provenance{Source: casefile.SourceUpload})
	if casefile.ErrorCode(err) != casefile.Conflict || len(res.Takeovers) != 1 || res.Takeovers[0].Class != "CFRubrics" {
		t.Fatalf("rubric reuse: %+v %v", res.Takeovers, err)
	}
	if _, fw, err := db.RubricHolding(ctx, a.CFRubrics[0].Identifier); err != nil || fw != a.CFDocument.Identifier {
		t.Fatalf("rubric held by %s after a refused takeover (%v), want alpha", fw, err)
	}
}

// BenchmarkTakeoverRefused measures the refusal of a 100,000-item,
// 100,000-association package whose every object belongs to another
// framework (the worst case of the takeover check: all objects claimed).
func BenchmarkTakeoverRefused(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p := synthPackage(n, "synth")
	if _, err := db.Import(ctx, p, casefile.Provenance{Source: casefile.SourceFile}); err != nil {
		b.Fatal(err)
	}
	q := *p
	q.CFDocument.Identifier = uid("intruder", 0)
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cpu0 := cputime.Process()
		_, err := db.Import(ctx, &q, casefile.Provenance{Source: casefile.SourceUpload})
		cpu += cputime.Process() - cpu0
		if casefile.ErrorCode(err) != casefile.Conflict {
			b.Fatalf("want a refusal, got %v", err)
		}
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
