package server

import (
	"bufio"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds (seconds) of the latency histogram.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics holds request counters by route pattern and status, and latency
// histograms by route, exposed in the Prometheus text format.
type metrics struct {
	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[string]*histogram
	inflight int64
	started  time.Time
}

type requestKey struct {
	route  string
	status int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	count  uint64
	sum    float64
}

func newMetrics() *metrics {
	return &metrics{requests: map[requestKey]uint64{}, latency: map[string]*histogram{}, started: time.Now()}
}

func (m *metrics) observe(route string, status int, took time.Duration) {
	sec := took.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.latency[route] = h
	}
	if i, _ := slices.BinarySearch(latencyBuckets, sec); i < len(latencyBuckets) {
		h.counts[i]++
	}
	h.count++
	h.sum += sec
}

// write renders the metrics in the Prometheus text exposition format 0.0.4.
func (m *metrics) write(w *bufio.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b requestKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.status - b.status
	})
	fmt.Fprintln(w, "# HELP casenode_http_requests_total HTTP requests served, by route pattern and status.")
	fmt.Fprintln(w, "# TYPE casenode_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "casenode_http_requests_total{route=%s,status=\"%d\"} %d\n", quoteLabel(k.route), k.status, m.requests[k])
	}
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	fmt.Fprintln(w, "# HELP casenode_http_request_duration_seconds Time to serve a request, by route pattern.")
	fmt.Fprintln(w, "# TYPE casenode_http_request_duration_seconds histogram")
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "casenode_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", quoteLabel(r), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "casenode_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quoteLabel(r), h.count)
		fmt.Fprintf(w, "casenode_http_request_duration_seconds_sum{route=%s} %s\n", quoteLabel(r), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(w, "casenode_http_request_duration_seconds_count{route=%s} %d\n", quoteLabel(r), h.count)
	}
}

// quoteLabel quotes a label value with the escapes the text format requires.
func quoteLabel(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

// serveMetrics is GET /metrics.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	s.metrics.write(bw)
	inflight, limit := s.limiter.inUse()
	fmt.Fprintln(bw, "# HELP casenode_http_requests_in_flight Requests being served now.")
	fmt.Fprintln(bw, "# TYPE casenode_http_requests_in_flight gauge")
	fmt.Fprintf(bw, "casenode_http_requests_in_flight %d\n", inflight)
	fmt.Fprintln(bw, "# HELP casenode_http_max_concurrent Requests served at once before answering 429.")
	fmt.Fprintln(bw, "# TYPE casenode_http_max_concurrent gauge")
	fmt.Fprintf(bw, "casenode_http_max_concurrent %d\n", limit)
	entries, bytes := s.packages.stats()
	fmt.Fprintln(bw, "# HELP casenode_package_cache_entries Encoded CFPackages held in the cache.")
	fmt.Fprintln(bw, "# TYPE casenode_package_cache_entries gauge")
	fmt.Fprintf(bw, "casenode_package_cache_entries %d\n", entries)
	fmt.Fprintln(bw, "# HELP casenode_package_cache_bytes Bytes held by the CFPackage cache.")
	fmt.Fprintln(bw, "# TYPE casenode_package_cache_bytes gauge")
	fmt.Fprintf(bw, "casenode_package_cache_bytes %d\n", bytes)
	s.writeProcessMetrics(bw)
	s.writeNodeMetrics(r.Context(), bw)
	return bw.Flush()
}
