package graphql_test

import (
	"testing"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/internal/cputime"
	"github.com/casenode/casenode/seed"
)

// BenchmarkNestedQuery1500 runs framework → items(1,500) → parents,
// children → associations → items over HTTP against a synthetic framework.
func BenchmarkNestedQuery1500(b *testing.B) {
	n := newNode(b, graphql.Limits{}, nil)
	pkg := seed.Synth(seed.SynthOptions{Items: 1500, Seed: 11})
	n.importPackage(b, pkg)
	vars := map[string]any{"id": pkg.CFDocument.Identifier, "first": 1500}
	var out nestedOut
	n.mustQuery(b, nestedQuery, vars, &out) // warm the store's statement cache
	if len(out.Framework.Items.Nodes) != 1500 {
		b.Fatalf("%d items", len(out.Framework.Items.Nodes))
	}
	n.count.reset()
	b.ResetTimer()
	cpu0 := cputime.Process()
	for b.Loop() {
		n.mustQuery(b, nestedQuery, vars, &out)
	}
	calls, _ := n.count.total()
	b.ReportMetric(float64((cputime.Process()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(calls)/float64(b.N), "store-calls/op")
}
