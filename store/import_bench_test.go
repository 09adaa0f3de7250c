package store

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/cputime"
)

// synthPackage builds a framework of n items in a 10-ary isChildOf tree (one
// association per item) with statements of realistic length.
func synthPackage(n int, title string) *casefile.Package {
	docID := uid(title, 0)
	p := &casefile.Package{Version: casefile.V1p1, CFDocument: casefile.Document{Identifier: docID, Title: title,
		URI: testBase + "/CFDocuments/" + docID, Creator: "Synth", LastChangeDateTime: "2025-01-01T00:00:00Z"}}
	p.CFItems = make([]casefile.Item, n)
	p.CFAssociations = make([]casefile.Association, n)
	levels := []string{"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}
	for i := range n {
		id := uid(title+"-item", i)
		p.CFItems[i] = casefile.Item{Identifier: id, URI: testBase + "/CFItems/" + id,
			HumanCodingScheme: fmt.Sprintf("S.%d.%d", i/1000, i%1000), CFItemType: "Standard", Language: "en",
			FullStatement: fmt.Sprintf("Students analyse proportional relationships number %d and use them to solve "+
				"real-world and mathematical problems, explaining their reasoning with models, tables and equations.", i),
			EducationLevel: []string{levels[i%len(levels)]}, LastChangeDateTime: "2025-01-01T00:00:00Z"}
		parent := casefile.LinkGenURI{Title: title, Identifier: docID, URI: p.CFDocument.URI}
		if i > 0 {
			pi := &p.CFItems[(i-1)/10]
			parent = casefile.LinkGenURI{Title: pi.HumanCodingScheme, Identifier: pi.Identifier, URI: pi.URI}
		}
		aid := uid(title+"-assoc", i)
		p.CFAssociations[i] = casefile.Association{Identifier: aid, AssociationType: casefile.IsChildOf,
			URI: testBase + "/CFAssociations/" + aid, SequenceNumber: intp(i%10 + 1), LastChangeDateTime: "2025-01-01T00:00:00Z",
			OriginNodeURI:      casefile.LinkGenURI{Title: p.CFItems[i].HumanCodingScheme, Identifier: id, URI: p.CFItems[i].URI},
			DestinationNodeURI: parent}
	}
	return p
}

// peakHeap samples the live heap until stop is called and returns the peak.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// BenchmarkImportSynth imports a 100,000-item, 100,000-association framework
// into a fresh database ("new") and over its previous version with one item
// in ten changed ("replace": only changed rows are written).
// It reports items/s, CPU seconds per import and the peak heap the import
// adds above the package itself.
func BenchmarkImportSynth(b *testing.B) {
	const n = 100_000
	p := synthPackage(n, "synth")
	p2 := synthPackage(n, "synth")
	for i := range p2.CFItems {
		if i%10 == 0 {
			p2.CFItems[i].FullStatement += " (revised)"
		}
	}
	ctx := context.Background()
	for _, mode := range []string{"new", "replace"} {
		b.Run(mode, func(b *testing.B) {
			var total, cpu time.Duration
			var peak uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
				if err != nil {
					b.Fatal(err)
				}
				if mode == "replace" {
					if _, err := db.Import(ctx, p, casefile.Provenance{}); err != nil {
						b.Fatal(err)
					}
				}
				next := p
				if mode == "replace" {
					next = p2
				}
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				base := ms.HeapAlloc
				stop := peakHeap()
				cpu0 := cputime.Process()
				start := time.Now()
				b.StartTimer()
				res, err := db.Import(ctx, next, casefile.Provenance{Source: casefile.SourceFile})
				b.StopTimer()
				total += time.Since(start)
				cpu += cputime.Process() - cpu0
				peak = max(peak, stop()-base)
				if err != nil || res.Unchanged || res.Items != n {
					b.Fatalf("import %+v %v", res, err)
				}
				db.Close()
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "items/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-extra-heap-MB")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// BenchmarkReadSynth reads a 100,000-item framework back: the whole package
// (tree order), all its items (search rebuild), one tree level, and one item
// with its ancestors.
func BenchmarkReadSynth(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "read.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p := synthPackage(n, "synth")
	if _, err := db.Import(ctx, p, casefile.Provenance{}); err != nil {
		b.Fatal(err)
	}
	fw, leaf := p.CFDocument.Identifier, p.CFItems[n-1].Identifier
	b.Run("Package", func(b *testing.B) {
		cpu0 := cputime.Process()
		for b.Loop() {
			if got, err := db.Package(ctx, fw); err != nil || len(got.CFItems) != n {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		b.ReportMetric((cputime.Process()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("ItemsOf", func(b *testing.B) {
		cpu0 := cputime.Process()
		for b.Loop() {
			if got, err := db.ItemsOf(ctx, fw); err != nil || len(got) != n {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		b.ReportMetric((cputime.Process()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("Children", func(b *testing.B) {
		ids := []string{p.CFItems[1].Identifier, p.CFItems[2].Identifier, p.CFItems[3].Identifier}
		for b.Loop() {
			if m, err := db.Children(ctx, ids); err != nil || len(m[ids[0]]) != 10 {
				b.Fatal(err)
			}
		}
	})
	b.Run("ItemAncestors", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Item(ctx, leaf); err != nil {
				b.Fatal(err)
			}
			if anc, err := db.Ancestors(ctx, leaf); err != nil || len(anc) != 5 {
				b.Fatal(len(anc), err)
			}
		}
	})
}
