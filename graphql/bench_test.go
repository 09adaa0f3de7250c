package graphql_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/seed"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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
	cpu0 := cpuTime()
	for b.Loop() {
		n.mustQuery(b, nestedQuery, vars, &out)
	}
	calls, _ := n.count.total()
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(calls)/float64(b.N), "store-calls/op")
}
