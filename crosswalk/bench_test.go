package crosswalk_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/cputime"
	"github.com/casenode/casenode/seed"
)

func benchCrosswalk(b *testing.B, n *node, source, target string) {
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cputime.Process()
	rows := 0
	for b.Loop() {
		// A new Crosswalker each time: its cache would answer repeats.
		fresh, err := crosswalk.New(crosswalk.Config{Store: n.db, Search: n.ix, Importer: n, BaseURL: testBase})
		if err != nil {
			b.Fatal(err)
		}
		cw, err := fresh.Crosswalk(ctx, source, target, casefile.CrosswalkOptions{Suggest: true})
		if err != nil {
			b.Fatal(err)
		}
		rows = len(cw.Rows)
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64((cputime.Process()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkCrosswalkTEKSToCCSS is a full crosswalk with suggestions from
// TEKS Math (1,515 items) to CCSS Math (746 items).
func BenchmarkCrosswalkTEKSToCCSS(b *testing.B) {
	n := newMathNode(b)
	benchCrosswalk(b, n, teksMath, ccssMath)
}

// BenchmarkCrosswalkSynthetic1500 is a full crosswalk with suggestions
// between two synthetic 1,500-item frameworks.
func BenchmarkCrosswalkSynthetic1500(b *testing.B) {
	n := newNode(b)
	var ids []string
	for _, s := range []int64{1, 2} {
		p := seed.Synth(seed.SynthOptions{Items: 1500, Seed: s})
		n.tn.StorePackage(p)
		ids = append(ids, p.CFDocument.Identifier)
	}
	benchCrosswalk(b, n, ids[0], ids[1])
}

// BenchmarkCrosswalkCached is the same TEKS → CCSS request answered again
// while nothing changed on the node (a page of a crosswalk being browsed).
func BenchmarkCrosswalkCached(b *testing.B) {
	ctx := context.Background()
	n := newMathNode(b)
	opt := casefile.CrosswalkOptions{Suggest: true}
	if _, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCrosswalkAfterDecision is the TEKS → CCSS crosswalk computed
// again after each rejection of a suggestion (a designer working down the
// compare page): the decision invalidates the cached crosswalk, not the
// frameworks read for it.
func BenchmarkCrosswalkAfterDecision(b *testing.B) {
	ctx := context.Background()
	n := newMathNode(b)
	opt := casefile.CrosswalkOptions{Suggest: true}
	cw, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt)
	if err != nil {
		b.Fatal(err)
	}
	var pairs [][2]string
	for _, r := range cw.Rows {
		for _, m := range r.Matches {
			pairs = append(pairs, [2]string{r.Source.Identifier, m.Target.Identifier})
		}
	}
	b.ResetTimer()
	cpu0, i := cputime.Process(), 0
	for b.Loop() {
		p := pairs[i%len(pairs)]
		i++
		if _, err := n.cw.Reject(ctx, p[0], p[1], "bench"); err != nil {
			b.Fatal(err)
		}
		if _, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Process()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}
