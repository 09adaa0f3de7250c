package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/casenode/casenode/casefile"
)

// routeStats is what one route of a load run saw. A 4xx is an answer (the
// node refused the request) and is counted apart from errors and 5xx.
type routeStats struct {
	latencies []time.Duration
	errors    int // transport failures
	status4xx int
	status5xx int
}

func mergeStats(parts []map[string]*routeStats) map[string]*routeStats {
	out := map[string]*routeStats{}
	for _, m := range parts {
		for route, st := range m {
			o := out[route]
			if o == nil {
				o = &routeStats{}
				out[route] = o
			}
			o.latencies = append(o.latencies, st.latencies...)
			o.errors += st.errors
			o.status4xx += st.status4xx
			o.status5xx += st.status5xx
		}
	}
	return out
}

// percentile returns the p-th percentile (0..100) of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

// printLoad prints one line per route and a total.
func printLoad(w io.Writer, stats map[string]*routeStats, took time.Duration, conc int) {
	routes := make([]string, 0, len(stats))
	for r := range stats {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "route\trequests\treq/s\tp50 ms\tp99 ms\terrors\t5xx\t4xx\t\n")
	total := &routeStats{}
	line := func(name string, st *routeStats) {
		lat := slices.Clone(st.latencies)
		slices.Sort(lat)
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%d\t%d\t%d\t\n", name, len(lat), float64(len(lat))/took.Seconds(),
			ms(percentile(lat, 50)), ms(percentile(lat, 99)), st.errors, st.status5xx, st.status4xx)
	}
	for _, r := range routes {
		line(r, stats[r])
		total = mergeStats([]map[string]*routeStats{{"": total}, {"": stats[r]}})[""]
	}
	line("all", total)
	tw.Flush()
	fmt.Fprintf(w, "concurrency %d, %.1f s\n", conc, took.Seconds())
}

// background repeats an import and a sync on the node while the load runs.
type background struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	lines []string
}

func startBackground(ctx context.Context, env *cliEnv, data, file, peer string) (*background, error) {
	bg := &background{}
	if file == "" && peer == "" {
		return bg, nil
	}
	dir, err := dataDir(data)
	if err != nil {
		return nil, err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return nil, err
	}
	if rn == nil {
		return nil, casefile.Errorf(casefile.Invalid, "--import and --sync need the node serving %s to be running", dir)
	}
	if u, err := url.Parse(rn.base); err == nil { // another client than the readers
		rn.client.Transport = &http.Transport{DialContext: loopbackDialer(u, backgroundAddr).DialContext}
	}
	if file != "" {
		body, err := os.ReadFile(file)
		if err != nil {
			return nil, casefile.Errorf(casefile.Invalid, "cannot read %s: %w", file, err)
		}
		bg.repeat(ctx, "import "+file, func(ctx context.Context) error {
			_, err := rn.importBody(ctx, bytes.NewReader(body), casefile.Provenance{Location: file}, casefile.ImportOptions{})
			return err
		})
	}
	if peer != "" {
		bg.repeat(ctx, "sync "+peer, func(ctx context.Context) error {
			_, err := remotePeers{rn}.Sync(ctx, peer)
			return err
		})
	}
	return bg, nil
}

// repeat runs job again and again until ctx ends and records how it went.
func (bg *background) repeat(ctx context.Context, name string, job func(context.Context) error) {
	bg.wg.Add(1)
	go func() {
		defer bg.wg.Done()
		runs, fails := 0, 0
		var took time.Duration
		for ctx.Err() == nil {
			start := time.Now()
			err := job(ctx)
			if ctx.Err() != nil {
				break // cut by the end of the run
			}
			took += time.Since(start)
			runs++
			if err != nil {
				fails++
			}
		}
		avg := time.Duration(0)
		if runs > 0 {
			avg = took / time.Duration(runs)
		}
		bg.mu.Lock()
		bg.lines = append(bg.lines, fmt.Sprintf("during the load: %s completed %d times (%d failed), %.1f s each", name, runs, fails, avg.Seconds()))
		bg.mu.Unlock()
	}()
}

func (bg *background) wait() { bg.wg.Wait() }

func (bg *background) print(w io.Writer) {
	for _, l := range bg.lines {
		fmt.Fprintln(w, l)
	}
}
