package casefile_test

import (
	"bytes"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// BenchmarkDecodeLarge decodes a 100,000-item synthetic 1.1 package and
// reports items/s.
func BenchmarkDecodeLarge(b *testing.B) {
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, synthetic(100_000), casefile.V1p1); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	n := 0
	for b.Loop() {
		p, _, err := casefile.Decode(bytes.NewReader(data), casefile.DecodeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n += len(p.CFItems)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}
