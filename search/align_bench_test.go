package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
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

// BenchmarkAlign100k measures /api/v1/align's Align on 100,000 synthetic items.
func BenchmarkAlign100k(b *testing.B) {
	ctx := context.Background()
	db := openStore(b)
	importPkg(b, db, seed.Synth(seed.SynthOptions{Items: 100_000, Seed: 1, Title: "Synthetic Benchmark Framework"}))
	ix, err := Open(filepath.Join(b.TempDir(), "index"), db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	const count = 400
	lat := make([]time.Duration, 0, count)
	b.ResetTimer()
	for i := range count {
		t := time.Now()
		if _, err := ix.Align(ctx, alignPassages[i%len(alignPassages)], casefile.SearchRequest{Size: 10}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(percentile(lat, 0.50), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
}
