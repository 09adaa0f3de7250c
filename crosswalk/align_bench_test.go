package crosswalk_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/internal/cputime"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/search"
)

// BenchmarkAlignPassages aligns the gold passages within their frameworks
// (TEKS, CCSS and NGSS imported): "engine" as the node does (the index
// finds candidates, the crosswalk engine ranks them), "index" with the
// index's similarity alone, in one run.
func BenchmarkAlignPassages(b *testing.B) {
	n := newNode(b)
	for _, f := range []string{"tx-teks-math-ch111.tea.cfpackage.json", "ccss-math-2010.opensalt.cfpackage.json", "ngss-science-2013.opensalt.cfpackage.json"} {
		n.importFile(b, fixture.Path(b, "real", f))
	}
	g := loadGold(b)
	for _, bc := range []struct {
		name   string
		ranker search.Ranker
	}{{"engine", n.cw}, {"index", nil}} {
		b.Run(bc.name, func(b *testing.B) {
			n.ix.SetRanker(bc.ranker)
			defer n.ix.SetRanker(n.cw)
			alignEach(b, n, g.Passages)
		})
	}
}

func alignEach(b *testing.B, n *node, passages []crosswalk.GoldPassage) {
	ctx := context.Background()
	cpu0 := cputime.Process()
	for i := 0; b.Loop(); i++ {
		p := passages[i%len(passages)]
		req := casefile.SearchRequest{Size: 5, Filters: map[string][]string{casefile.FacetFramework: p.Frameworks}}
		if _, err := n.ix.Align(ctx, p.Text, req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
