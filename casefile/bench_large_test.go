package casefile_test

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"

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

// BenchmarkDecodeFile decodes the file named by CASENODE_BENCH_FILE (e.g.
// the output of `casenode seed synth --items 100000 --seed 7`) with
// DecodeMany, as `casenode import` does, and reports the CPU seconds spent
// beside the wall time: their ratio shows how many cores the decode used.
// Run it also with GOMEMLIMIT=225MiB, the soft limit import sets.
func BenchmarkDecodeFile(b *testing.B) {
	name := os.Getenv("CASENODE_BENCH_FILE")
	if name == "" {
		b.Skip("set CASENODE_BENCH_FILE to a CASE JSON file")
	}
	cpu0 := cpuSeconds(b)
	for b.Loop() {
		f, err := os.Open(name) // streamed, as by import: only the package stays in memory
		if err != nil {
			b.Fatal(err)
		}
		_, _, err = casefile.DecodeMany(f, casefile.DecodeOptions{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds(b)-cpu0)/float64(b.N), "cpu-s/op")
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
