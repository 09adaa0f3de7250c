package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/internal/fixture"
)

// Load benchmarks over real loopback listeners. Each sub-benchmark sends b.N
// GETs at a fixed concurrency to the CASE endpoint, then b.N GETs of the very
// same bytes served by http.ServeContent from memory on a bare http.Server in
// the same process, and reports req/s, p50 and p99 of both and their ratio:
//
//	go test ./server -run '^$' -bench 'Package|Item' -benchtime 2000x
//
// The framework is the largest real fixture (TEKS math, 1,515 items).

var loadConcurrency = []int{1, 8, 32}

// loadFixture is a node serving tx-teks-math on loopback.
type loadFixture struct {
	base      string
	framework string
	items     []string
	pkg       []byte // identity 1.1 package body
	item      []byte // identity body of items[0]
	close     func()
}

func newLoadFixture(b *testing.B) *loadFixture {
	b.Helper()
	path := fixture.Path(b, "real", "tx-teks-math-ch111.tea.cfpackage.json")
	e := newTestEnv(b, nil)
	res := e.importFile(path)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := e.srv.HTTPServer(ln.Addr().String())
	go hs.Serve(ln)
	lf := &loadFixture{base: "http://" + ln.Addr().String(), framework: res[0].Framework, close: func() { hs.Close() }}
	c := loadClient(1)
	lf.pkg = mustGet(b, c, lf.base+"/ims/case/v1p1/CFPackages/"+lf.framework)
	lf.items = idsOf(b, lf.pkg).items
	lf.item = mustGet(b, c, lf.base+"/ims/case/v1p1/CFItems/"+lf.items[0])
	return lf
}

func loadClient(conc int) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: conc * 2, MaxIdleConnsPerHost: conc * 2, DisableCompression: true}, Timeout: time.Minute}
}

func mustGet(b *testing.B, c *http.Client, url string) []byte {
	resp, err := c.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		b.Fatalf("%s: %d %.200s", url, resp.StatusCode, body)
	}
	return body
}

// staticServer serves data from memory with http.ServeContent on loopback
// (marked gzip-encoded when gz).
func staticServer(b *testing.B, data []byte, gz bool) (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	mod := time.Now()
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if gz {
			w.Header().Set("Content-Encoding", "gzip")
		}
		http.ServeContent(w, r, "body.json", mod, bytes.NewReader(data))
	})}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }
}

// loadResult is one measured run.
type loadResult struct {
	rps      float64
	p50, p99 time.Duration
}

// runLoad sends n GETs (url(i) for the i-th) over conc workers, with
// Accept-Encoding: gzip when gz (bodies are discarded, not inflated).
func runLoad(b *testing.B, conc, n int, gz bool, url func(i int) string) loadResult {
	c := loadClient(conc)
	var next atomic.Int64
	lat := make([][]time.Duration, conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				req, _ := http.NewRequest(http.MethodGet, url(i), nil)
				if gz {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				t0 := time.Now()
				resp, err := c.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Errorf("status %d", resp.StatusCode)
					return
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return loadResult{}
	}
	return loadResult{rps: float64(len(all)) / wall.Seconds(), p50: all[len(all)/2], p99: all[len(all)*99/100]}
}

func report(b *testing.B, what string, casenode, static loadResult) {
	b.ReportMetric(casenode.rps, "req/s")
	b.ReportMetric(float64(casenode.p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(casenode.p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(static.rps, "static-req/s")
	b.ReportMetric(float64(static.p99.Microseconds())/1000, "static-p99-ms")
	b.ReportMetric(casenode.rps/static.rps, "ratio")
	b.Logf("%s: casenode %.0f req/s p50 %s p99 %s | static %.0f req/s p50 %s p99 %s | ratio %.2f",
		what, casenode.rps, casenode.p50, casenode.p99, static.rps, static.p50, static.p99, casenode.rps/static.rps)
}

// BenchmarkPackage: GET /ims/case/v1p1/CFPackages/{TEKS math} vs the same
// bytes as a static file, gzip-encoded (as CASE clients ask for it) and identity.
func BenchmarkPackage(b *testing.B) {
	lf := newLoadFixture(b)
	defer lf.close()
	u := lf.base + "/ims/case/v1p1/CFPackages/" + lf.framework
	gzBody := mustGetGzip(b, u)
	b.Logf("package: %d bytes, %d gzip bytes, %d items", len(lf.pkg), len(gzBody), len(lf.items))
	for _, enc := range []struct {
		name string
		gz   bool
		body []byte
	}{{"gzip", true, gzBody}, {"identity", false, lf.pkg}} {
		static, stop := staticServer(b, enc.body, enc.gz)
		for _, conc := range loadConcurrency {
			b.Run(fmt.Sprintf("%s/c=%d", enc.name, conc), func(b *testing.B) {
				cn := runLoad(b, conc, b.N, enc.gz, func(int) string { return u })
				st := runLoad(b, conc, b.N, enc.gz, func(int) string { return static + "/pkg.json" })
				report(b, fmt.Sprintf("CFPackages %s c=%d n=%d", enc.name, conc, b.N), cn, st)
			})
		}
		stop()
	}
}

func mustGetGzip(b *testing.B, url string) []byte {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := loadClient(1).Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("Content-Encoding") != "gzip" {
		b.Fatal("package not served gzip-encoded")
	}
	return body
}

// BenchmarkItem: GET /ims/case/v1p1/CFItems/{id} over every TEKS item vs one
// item's bytes as a static file. Every item is read once first (not
// measured), as on a node that has served for a while: the measured reads
// come from the response cache, as long as no write commits.
func BenchmarkItem(b *testing.B) {
	lf := newLoadFixture(b)
	defer lf.close()
	runLoad(b, 8, len(lf.items), false, func(i int) string { return lf.base + "/ims/case/v1p1/CFItems/" + lf.items[i] })
	static, stop := staticServer(b, lf.item, false)
	defer stop()
	for _, conc := range loadConcurrency {
		b.Run(fmt.Sprintf("c=%d", conc), func(b *testing.B) {
			cn := runLoad(b, conc, b.N, false, func(i int) string { return lf.base + "/ims/case/v1p1/CFItems/" + lf.items[i%len(lf.items)] })
			st := runLoad(b, conc, b.N, false, func(int) string { return static + "/item.json" })
			report(b, fmt.Sprintf("CFItems c=%d n=%d", conc, b.N), cn, st)
		})
	}
}

// TestLoadFixtureBodies keeps the benchmark honest: the loopback node serves
// the package whole and the item as JSON.
func TestLoadFixtureBodies(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the largest fixture")
	}
	e := newTestEnv(t, nil)
	res := e.importFile(fixture.Path(t, "real", "tx-teks-math-ch111.tea.cfpackage.json"))
	r := e.get("/ims/case/v1p1/CFPackages/" + res[0].Framework)
	var p struct{ CFItems []json.RawMessage }
	r.json(t, &p)
	if len(p.CFItems) != 1515 {
		t.Errorf("TEKS math package has %d items, want 1515", len(p.CFItems))
	}
}
