package crosswalk_test

import (
	"context"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// BenchmarkCrosswalkTEKSToCCSS is a full crosswalk with suggestions from
// TEKS Math (1,515 items) to CCSS Math (746 items).
func BenchmarkCrosswalkTEKSToCCSS(b *testing.B) {
	ctx := context.Background()
	n := newNode(b)
	n.importFile(b, fixture.Path(b, "real", "tx-teks-math-ch111.tea.cfpackage.json"))
	n.importFile(b, fixture.Path(b, "real", "ccss-math-2010.opensalt.cfpackage.json"))
	b.ResetTimer()
	for b.Loop() {
		cw, err := n.cw.Crosswalk(ctx, teksMath, ccssMath, casefile.CrosswalkOptions{Suggest: true})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(cw.Rows)), "rows")
	}
}
