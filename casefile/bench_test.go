package casefile_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// largestReal returns the biggest file in fixtures/real.
func largestReal(b testing.TB) string {
	var best string
	var size int64
	for _, p := range fixture.Files(b, "real") {
		if st, err := os.Stat(p); err == nil && st.Size() > size {
			best, size = p, st.Size()
		}
	}
	return best
}

// BenchmarkDecode decodes the largest real fixture and reports items/s.
func BenchmarkDecode(b *testing.B) {
	path := largestReal(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	items, objects := 0, 0
	for b.Loop() {
		p, _, err := casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: testBase})
		if err != nil {
			b.Fatal(err)
		}
		items += len(p.CFItems)
		objects += len(p.CFItems) + len(p.CFAssociations)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(objects)/b.Elapsed().Seconds(), "items+assocs/s")
	b.Logf("%s", filepath.Base(path))
}

// synthetic builds a valid package of n items, each a child of the previous
// level's first item, with one isChildOf association per item.
func synthetic(n int) *casefile.Package {
	doc := casefile.NameUUID("doc")
	p := &casefile.Package{Version: casefile.V1p1}
	p.CFDocument = casefile.Document{Identifier: doc, URI: testBase + "/ims/case/v1p1/CFDocuments/" + doc,
		Creator: "Bench", Title: "Synthetic", LastChangeDateTime: "2024-01-02T03:04:05Z", Language: "en"}
	p.CFItems = make([]casefile.Item, n)
	p.CFAssociations = make([]casefile.Association, n)
	for i := range n {
		id := casefile.NameUUID("item" + strconv.Itoa(i))
		p.CFItems[i] = casefile.Item{Identifier: id, URI: testBase + "/ims/case/v1p1/CFItems/" + id,
			FullStatement:     "Students can reason about \"quantities\" and <units> number " + strconv.Itoa(i) + " — é ü 数学",
			HumanCodingScheme: "S." + strconv.Itoa(i), EducationLevel: []string{"09", "10"},
			LastChangeDateTime: "2024-01-02T03:04:05Z", CFItemType: "Standard"}
		seq := i
		aid := casefile.NameUUID("assoc" + strconv.Itoa(i))
		p.CFAssociations[i] = casefile.Association{Identifier: aid, AssociationType: casefile.IsChildOf, SequenceNumber: &seq,
			URI:                testBase + "/ims/case/v1p1/CFAssociations/" + aid,
			OriginNodeURI:      casefile.LinkGenURI{Title: "S." + strconv.Itoa(i), Identifier: id, URI: p.CFItems[i].URI},
			DestinationNodeURI: casefile.LinkGenURI{Title: "Synthetic", Identifier: doc, URI: p.CFDocument.URI},
			LastChangeDateTime: "2024-01-02T03:04:05Z"}
	}
	return p
}

// BenchmarkEncodePackage encodes a 100,000-item package (1.1) and reports items/s.
func BenchmarkEncodePackage(b *testing.B) {
	p := synthetic(100_000)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if err := casefile.EncodePackage(io.Discard, p, casefile.V1p1); err != nil {
			b.Fatal(err)
		}
		n += len(p.CFItems)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}

// TestEncodeLargePackage encodes 100,000 items and decodes them back; the
// encode time is logged (never asserted: benchmarks report, CI does not gate).
func TestEncodeLargePackage(t *testing.T) {
	if testing.Short() {
		t.Skip("large package in -short mode")
	}
	p := synthetic(100_000)
	var buf bytes.Buffer
	start := time.Now()
	if err := casefile.EncodePackage(&buf, p, casefile.V1p1); err != nil {
		t.Fatal(err)
	}
	t.Logf("encoded 100,000 items (%d MB) in %v", buf.Len()>>20, time.Since(start))
	start = time.Now()
	again, ws, err := casefile.Decode(&buf, casefile.DecodeOptions{BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("decoded them in %v", time.Since(start))
	if len(ws) != 0 {
		t.Errorf("own output gave warnings: %v", ws[0])
	}
	if len(again.CFItems) != 100_000 || again.CFItems[99_999].Identifier != p.CFItems[99_999].Identifier {
		t.Fatalf("items lost: %d", len(again.CFItems))
	}
	if again.CFItems[5].FullStatement != p.CFItems[5].FullStatement {
		t.Errorf("statement changed: %q", again.CFItems[5].FullStatement)
	}
}
