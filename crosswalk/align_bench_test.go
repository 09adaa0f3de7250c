package crosswalk_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// BenchmarkAlignPassages aligns the gold passages within their frameworks
// (TEKS, CCSS and NGSS imported): the index finds candidates, the
// crosswalk engine ranks them.
func BenchmarkAlignPassages(b *testing.B) {
	ctx := context.Background()
	n := newNode(b)
	for _, f := range []string{"tx-teks-math-ch111.tea.cfpackage.json", "ccss-math-2010.opensalt.cfpackage.json", "ngss-science-2013.opensalt.cfpackage.json"} {
		n.importFile(b, fixture.Path(b, "real", f))
	}
	g := loadGold(b)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		p := g.Passages[i%len(g.Passages)]
		req := casefile.SearchRequest{Size: 5, Filters: map[string][]string{casefile.FacetFramework: p.Frameworks}}
		if _, err := n.ix.Align(ctx, p.Text, req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
