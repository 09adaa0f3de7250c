package server

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/casenode/casenode/internal/cputime"
)

// indexSeqer is the optional Searcher method behind the index-lag metric
// (*search.Index has it).
type indexSeqer interface {
	IndexedSeq(ctx context.Context) (int64, error)
}

// gauge writes one HELP/TYPE header and its samples.
func gauge(w *bufio.Writer, name, kind, help string, samples ...string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
	for _, s := range samples {
		fmt.Fprintf(w, "%s%s\n", name, s)
	}
}

func num(v float64) string { return " " + strconv.FormatFloat(v, 'g', -1, 64) }

// writeProcessMetrics writes the process and Go runtime figures.
func (s *Server) writeProcessMetrics(w *bufio.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gauge(w, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch.", num(float64(s.metrics.started.Unix())))
	if cpu := cputime.Process(); cpu > 0 {
		gauge(w, "process_cpu_seconds_total", "counter", "User and system CPU time spent.", num(cpu.Seconds()))
	}
	if rss, ok := residentBytes(); ok {
		gauge(w, "process_resident_memory_bytes", "gauge", "Resident memory size.", num(float64(rss)))
	}
	gauge(w, "go_goroutines", "gauge", "Goroutines that currently exist.", num(float64(runtime.NumGoroutine())))
	gauge(w, "go_memstats_heap_alloc_bytes", "gauge", "Heap bytes allocated and in use.", num(float64(ms.HeapAlloc)))
	gauge(w, "go_memstats_sys_bytes", "gauge", "Bytes obtained from the system.", num(float64(ms.Sys)))
}

// residentBytes reads the resident set size from /proc (Linux).
func residentBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize()), err == nil
}

// writeNodeMetrics writes what the node holds: frameworks by source, items,
// associations, the index lag, and each peer's sync state. A failing read is
// left out of the scrape (and logged) rather than failing it.
func (s *Server) writeNodeMetrics(ctx context.Context, w *bufio.Writer) {
	fws, err := s.cfg.Store.Frameworks(ctx)
	if err != nil {
		s.log.Warn("metrics: frameworks", "err", err)
	} else {
		bySource := map[string]int{}
		items, assocs := 0, 0
		var lastImport time.Time
		for _, f := range fws {
			bySource[f.Provenance.Source]++
			items += f.Items
			assocs += f.Associations
			if f.ImportedAt.After(lastImport) {
				lastImport = f.ImportedAt
			}
		}
		var samples []string
		for _, src := range sortedKeys(bySource) {
			samples = append(samples, fmt.Sprintf("{source=%s} %d", quoteLabel(src), bySource[src]))
		}
		gauge(w, "casenode_frameworks", "gauge", "Frameworks held, by where they came from (file, url, peer, seed, upload).", samples...)
		gauge(w, "casenode_items", "gauge", "CFItems held in all frameworks.", num(float64(items)))
		gauge(w, "casenode_associations", "gauge", "CFAssociations held in all frameworks.", num(float64(assocs)))
		if !lastImport.IsZero() {
			gauge(w, "casenode_last_import_timestamp_seconds", "gauge", "When a framework was last written (import or sync).", num(float64(lastImport.Unix())))
		}
	}
	if ix, ok := s.cfg.Search.(indexSeqer); ok {
		last, err1 := s.cfg.Store.LastSeq(ctx)
		indexed, err2 := ix.IndexedSeq(ctx)
		if err1 == nil && err2 == nil {
			gauge(w, "casenode_search_index_lag", "gauge", "Changes written to the store that search has not applied yet.", num(float64(max(last-indexed, 0))))
		}
	}
	if s.cfg.Federation != nil {
		s.writePeerMetrics(ctx, w)
	}
}

func (s *Server) writePeerMetrics(ctx context.Context, w *bufio.Writer) {
	peers, err := s.cfg.Federation.Peers(ctx)
	if err != nil {
		s.log.Warn("metrics: peers", "err", err)
		return
	}
	var up, last, held, failures []string
	for _, p := range peers {
		l := fmt.Sprintf("{peer=%s,mode=%s}", quoteLabel(p.Name), quoteLabel(p.Mode))
		ok := 1
		if p.LastError != "" {
			ok = 0
		}
		up = append(up, fmt.Sprintf("%s %d", l, ok))
		failures = append(failures, fmt.Sprintf("%s %d", l, p.Failures))
		held = append(held, fmt.Sprintf("%s %d", l, p.Frameworks))
		if !p.LastSync.IsZero() {
			last = append(last, fmt.Sprintf("%s %d", l, p.LastSync.Unix()))
		}
	}
	gauge(w, "casenode_peer_up", "gauge", "1 when the peer's last sync succeeded, 0 when it failed.", up...)
	gauge(w, "casenode_peer_sync_failures", "gauge", "Consecutive failed syncs of the peer.", failures...)
	gauge(w, "casenode_peer_frameworks", "gauge", "Frameworks held from the peer.", held...)
	gauge(w, "casenode_peer_last_sync_timestamp_seconds", "gauge", "When the peer was last synced.", last...)
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
