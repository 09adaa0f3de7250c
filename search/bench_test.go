package search

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// benchQueries are two- and three-word queries a designer would type over
// the synthetic vocabulary; every other one is filtered by grade.
var benchQueries = []string{
	"unit fractions", "pythagorean theorem", "quadratic functions", "water cycle",
	"central idea text", "food webs energy", "place value thousands", "figurative language",
	"chemical reactions energy", "coordinate plane", "photosynthesis respiration", "compound events probabilities",
	"character changes", "linear equations variable", "erosion weathering", "circumference circle",
}

// BenchmarkSearch imports a synthetic framework of N items into a real
// store, builds the index from it (throughput, size on disk) and runs
// two- and three-word queries with all facets, half of them filtered by
// grade (latency p50/p99, including hydration from SQLite). Peak memory is
// the largest Go heap in use seen while indexing and querying.
//
//	go test -run '^$' -bench BenchmarkSearch -benchtime 1x ./search/
//	CASENODE_BENCH_1M=1 go test -run '^$' -bench 'BenchmarkSearch/items=1000000' -benchtime 1x -timeout 2h ./search/
//
// With CASENODE_BENCH_DIR set, the store and index of each size are kept
// in that directory and reused by the next run, which then measures
// queries only, on a settled index (no import or build figures).
func BenchmarkSearch(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("CASENODE_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) { benchSize(b, n) })
	}
}

func benchSize(b *testing.B, n int) {
	ctx := context.Background()
	dir := b.TempDir()
	reuse := false
	if keep := os.Getenv("CASENODE_BENCH_DIR"); keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("items-%d", n))
		_, err := os.Stat(filepath.Join(dir, "index", currentFile))
		reuse = err == nil
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	db, err := store.Open(ctx, filepath.Join(dir, "casenode.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if !reuse {
		t0 := time.Now()
		importPkg(b, db, seed.Synth(seed.SynthOptions{Items: n, Seed: 1, Title: "Synthetic Benchmark Framework"}))
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "store-import-items/s")
		runtime.GC()
	}

	peak := sampleHeap()
	indexDir := filepath.Join(dir, "index")
	t0 := time.Now()
	ix, err := Open(indexDir, db, nil) // builds the index from the store, or opens the kept one
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if !reuse {
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "index-items/s")
	}
	b.ReportMetric(float64(dirSize(b, indexDir))/(1<<20), "index-MB")

	lat, hits := benchQuerying(b, ctx, ix, min(2000, 500_000_000/n))
	b.ReportMetric(float64(peak.stop())/(1<<20), "peak-heap-MB")
	b.ReportMetric(hits, "mean-total-hits")
	var plain, graded []time.Duration // unfiltered, filtered by grade
	for i, d := range lat {
		if i%2 == 0 {
			plain = append(plain, d)
		} else {
			graded = append(graded, d)
		}
	}
	b.ReportMetric(percentile(plain, 0.50), "p50-nofilter-ms")
	b.ReportMetric(percentile(graded, 0.50), "p50-grade-ms")
	b.ReportMetric(percentile(lat, 0.50), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	b.ReportMetric(float64(sum)/float64(len(lat)), "ns/op")
}

// percentile of latencies, in milliseconds.
func percentile(lat []time.Duration, p float64) float64 {
	s := slices.Clone(lat)
	slices.Sort(s)
	return float64(s[int(p*float64(len(s)-1))]) / 1e6
}

// benchQuerying runs count queries sequentially and returns their latencies
// (in query order) and the mean number of items found.
func benchQuerying(b *testing.B, ctx context.Context, ix *Index, count int) ([]time.Duration, float64) {
	levels := []string{"03", "05", "07", "09", "11"}
	lat := make([]time.Duration, 0, count)
	var hits int
	var total uint64
	for i := range count {
		req := casefile.SearchRequest{Query: benchQueries[i%len(benchQueries)], Size: 10}
		if i%2 == 1 {
			req.Filters = map[string][]string{casefile.FacetEducationLevel: {levels[i%len(levels)]}}
		}
		t := time.Now()
		res, err := ix.Search(ctx, req)
		lat = append(lat, time.Since(t))
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Hits) > 0 {
			hits++
		}
		total += res.Total
	}
	if hits < count/2 {
		b.Fatalf("only %d of %d queries found anything", hits, count)
	}
	return lat, float64(total) / float64(count)
}

// heapPeak samples the Go heap in use until stopped.
type heapPeak struct {
	max  atomic.Uint64
	done chan struct{}
	wg   sync.WaitGroup
}

func sampleHeap() *heapPeak {
	p := &heapPeak{done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > p.max.Load() {
				p.max.Store(ms.HeapInuse)
			}
			select {
			case <-p.done:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *heapPeak) stop() uint64 {
	close(p.done)
	p.wg.Wait()
	return p.max.Load()
}

func dirSize(b *testing.B, dir string) int64 {
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			size += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return size
}
