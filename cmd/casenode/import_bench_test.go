package main

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// benchImport runs the whole import path (decode → normalise → validate →
// one-transaction store import) on file b.N times and reports items/s and the
// peak Go heap seen while importing.
func benchImport(b *testing.B, file string) {
	ctx := context.Background()
	n := testnode.New(b, testnode.WithDBName("bench.db"))
	db, im := n.DB, n.Importer
	var peak atomic.Uint64
	stop := sampleHeap(&peak)
	defer stop()
	items := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		// Delete first so that every round really writes (an unchanged hash is skipped).
		b.StopTimer()
		for _, fw := range mustFrameworks(b, db) {
			if err := db.Delete(ctx, fw.Identifier); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		res, err := im.Import(ctx, bufio.NewReaderSize(f, 1<<20), casefile.Provenance{Source: casefile.SourceFile, Location: file})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		items += res[0].Items
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

func mustFrameworks(b *testing.B, db *store.DB) []casefile.FrameworkInfo {
	fws, err := db.Frameworks(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return fws
}

// sampleHeap records the largest HeapInuse+StackInuse seen every 20 ms.
func sampleHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if v := ms.HeapInuse + ms.StackInuse; v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done) }
}

// BenchmarkImportLargestReal imports the largest real fixture (TEKS Math, 1,515 items).
func BenchmarkImportLargestReal(b *testing.B) {
	benchImport(b, fixture.Path(b, "real", "tx-teks-math-ch111.tea.cfpackage.json"))
}

// BenchmarkImportSynth100k imports a 100,000-item synthetic framework.
func BenchmarkImportSynth100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "synth.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := seed.WriteSynth(w, seed.SynthOptions{Items: 100_000, Seed: 7}); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	benchImport(b, path)
}
