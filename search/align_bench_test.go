package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/cputime"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// alignPassages are lesson and assessment texts of the kind /api/v1/align gets.
var alignPassages = []string{
	"Students roll two number cubes and decide whether the total is odd or even by pairing counters.",
	"Exit ticket: a ladder leans against a wall; use the Pythagorean theorem to find how high it reaches.",
	"In this lesson pupils plan a weekly allowance: how much to spend, how much to save and how much to share.",
	"Learners measure the length of classroom objects in inches and centimeters and compare the results.",
	"Students write an equation for a linear function from a table and interpret its slope and intercept.",
	"Make a box plot of the class's reaction times and describe the median and the interquartile range.",
	"Use a scale drawing of the school map to find the actual distance between two buildings.",
	"Model photosynthesis: plants use light energy to turn carbon dioxide and water into sugar.",
}

// BenchmarkAlign100k measures /api/v1/align's Align on 100,000 synthetic
// items: "engine" as the node serves it (the index finds candidates, the
// crosswalk engine ranks them), "index" with the index's own similarity
// alone (align before issue 13's engine), alternating in one run.
func BenchmarkAlign100k(b *testing.B) {
	ctx := context.Background()
	db := openStore(b)
	importPkg(b, db, seed.Synth(seed.SynthOptions{Items: 100_000, Seed: 1, Title: "Synthetic Benchmark Framework"}))
	ix, err := Open(filepath.Join(b.TempDir(), "index"), db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	cw, err := crosswalk.New(crosswalk.Config{Store: db, Search: ix, BaseURL: "http://127.0.0.1:8080"})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name   string
		ranker Ranker
	}{{"engine", cw}, {"index", nil}} {
		b.Run(bc.name, func(b *testing.B) {
			ix.SetRanker(bc.ranker)
			t := time.Now()
			if _, err := ix.Align(ctx, alignPassages[0], casefile.SearchRequest{Size: 10}); err != nil {
				b.Fatal(err)
			}
			first := time.Since(t)
			benchAlign(b, ix)
			b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
			if bc.ranker != nil {
				b.ReportMetric(alignAfterImport(b, db, ix), "after-import-ms")
			}
		})
	}
}

// benchAlign aligns 400 passages one after another and reports the
// latency percentiles and the CPU time per passage.
func benchAlign(b *testing.B, ix *Index) {
	ctx := context.Background()
	const count = 400
	lat := make([]time.Duration, 0, count)
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := range count {
		t := time.Now()
		if _, err := ix.Align(ctx, alignPassages[i%len(alignPassages)], casefile.SearchRequest{Size: 10}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/1000/count, "cpu-ms/op")
	b.ReportMetric(percentile(lat, 0.50), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
}

// alignAfterImport imports another small framework and times the next
// align: the engine learns its correspondences again (any import may bring
// links), but reads the 100,000 items' tree again only when they change.
func alignAfterImport(b *testing.B, db *store.DB, ix *Index) float64 {
	ctx := context.Background()
	importPkg(b, db, seed.Synth(seed.SynthOptions{Items: 50, Seed: 2, Title: "Another Framework"}))
	if err := ix.CatchUp(ctx); err != nil {
		b.Fatal(err)
	}
	t := time.Now()
	if _, err := ix.Align(ctx, alignPassages[1], casefile.SearchRequest{Size: 10}); err != nil {
		b.Fatal(err)
	}
	return float64(time.Since(t).Microseconds()) / 1000
}
