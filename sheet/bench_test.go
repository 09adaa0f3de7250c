package sheet_test

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// bigCSV is an OpenSALT CSV of n rows without identifiers: 10 roots, each
// row's parent an earlier row by code, statements of about 100 characters
// and an isRelatedTo link to another framework every tenth row.
func bigCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("fullStatement,humanCodingScheme,Is Child Of,sequenceNumber,educationLevel,CFItemType,isRelatedTo\r\n")
	for i := 0; i < n; i++ {
		parent := ""
		if i >= 10 {
			parent = "C." + strconv.Itoa((i-10)/10)
		}
		rel := ""
		if i%10 == 0 {
			rel = "OTHER." + strconv.Itoa(i)
		}
		fmt.Fprintf(&b, "\"Students explain, model and apply idea number %d, with examples from everyday life, in writing\",C.%d,%s,%d,\"03,04\",Standard,%s\r\n",
			i, i, parent, i%10+1, rel)
	}
	return b.Bytes()
}

// TestImport100k imports a 100,000-row CSV through the one import path into
// a real store and reports time and peak heap (CASENODE_SHEET_BENCH=1).
func TestImport100k(t *testing.T) {
	if os.Getenv("CASENODE_SHEET_BENCH") == "" {
		t.Skip("set CASENODE_SHEET_BENCH=1 to run (about 30 s on 2 cores)")
	}
	data := bigCSV(100_000)
	n := newNode(t)
	runtime.GC()
	var peak uint64
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	res := n.mustImport("big.csv", data)
	took := time.Since(start)
	close(done)
	if res.Items != 100_000 {
		t.Fatalf("%d items", res.Items)
	}
	t.Logf("100,000 rows (%.1f MB CSV): %d items, %d associations in %s, peak heap %d MB",
		float64(len(data))/(1<<20), res.Items, res.Associations, took.Round(10*time.Millisecond), peak>>20)
}
