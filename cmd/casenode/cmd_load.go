package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Bounds of `casenode load`.
const (
	maxLoadConcurrency = 512
	maxLoadDuration    = 30 * time.Minute
	loadPackageItems   = 5000 // CFPackages larger than this are left out of the mix
)

// loadWords are the search queries of the mix.
var loadWords = []string{"fractions", "reading", "energy", "number", "write", "cells", "history",
	"equation", "evidence", "measure", "add and subtract", "5.NF", "speaking", "data"}

func runLoad(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "load", "URL", "Drive a mixed read load (CASE REST, search, GraphQL) at a node and print req/s, p50, p99,\nerrors and 5xx per route. With --data, --import and --sync also run during the load on the node serving that data directory.")
	conc := f.Int("concurrency", 32, "requests in flight at once (1..512)")
	dur := f.Duration("duration", time.Minute, "how long to run (1s..30m)")
	data := f.dataFlag()
	imp := f.String("import", "", "a CASE file to import again and again (through the node on --data) during the load")
	syncPeer := f.String("sync", "", "a mirror peer to sync again and again (through the node on --data) during the load")
	slow := f.Int("slow-bodies", 0, "hostile clients alongside: connections sending a request body a byte a second (0..1024)")
	exp := f.Int("expensive-queries", 0, "hostile clients alongside: workers sending an expensive GraphQL query again and again (0..64)")
	fresh := f.Bool("fresh-searches", false, "make every search's query string one the node has not answered before (a parameter it ignores), so no search is served from its answer cache")
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give the node's base URL")
	}
	base := strings.TrimRight(f.Arg(0), "/")
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return f.usageError("%q is not an http(s) URL", f.Arg(0))
	}
	if *conc < 1 || *conc > maxLoadConcurrency || *dur < time.Second || *dur > maxLoadDuration {
		return f.usageError("--concurrency must be 1..%d and --duration 1s..%s", maxLoadConcurrency, maxLoadDuration)
	}
	if *slow < 0 || *slow > 1024 || *exp < 0 || *exp > 64 {
		return f.usageError("--slow-bodies must be 0..1024 and --expensive-queries 0..64")
	}
	lt := &loadTarget{base: base, freshSearches: *fresh, hc: &http.Client{Timeout: 30 * time.Second}}
	if err := lt.discover(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	bg, err := startBackground(ctx, env, *data, *imp, *syncPeer)
	if err != nil {
		return err
	}
	hostile := startAttack(ctx, base, *slow, *exp)
	start := time.Now()
	stats := lt.run(ctx, *conc)
	took := time.Since(start)
	bg.wait()
	printLoad(env.stdout, stats, took, *conc)
	bg.print(env.stdout)
	hostile.print(env.stdout, *slow, *exp)
	return nil
}

// loadTarget is the node under load and what it holds.
type loadTarget struct {
	base       string
	hc         *http.Client
	frameworks []string // CFDocument identifiers
	packages   []string // frameworks small enough to download in the mix
	items      []string // item identifiers
	// freshSearches gives every search a query string of its own
	// (searchSeq numbers them).
	freshSearches bool
	searchSeq     atomic.Int64
}

// discover lists the node's frameworks and some items to read.
func (lt *loadTarget) discover(ctx context.Context) error {
	var fws struct {
		Frameworks []casefile.FrameworkInfo `json:"frameworks"`
	}
	if err := lt.getJSON(ctx, "/api/v1/frameworks", &fws); err != nil {
		return err
	}
	for _, fw := range fws.Frameworks {
		lt.frameworks = append(lt.frameworks, fw.Identifier)
		if fw.Items <= loadPackageItems {
			lt.packages = append(lt.packages, fw.Identifier)
		}
	}
	for _, w := range loadWords[:4] {
		var res casefile.SearchResult
		if err := lt.getJSON(ctx, "/api/v1/search?size=50&q="+url.QueryEscape(w), &res); err != nil {
			return err
		}
		for _, h := range res.Hits {
			lt.items = append(lt.items, h.Identifier)
		}
	}
	if len(lt.frameworks) == 0 || len(lt.items) == 0 {
		return casefile.Errorf(casefile.Invalid, "%s holds no frameworks or no searchable items to read", lt.base)
	}
	return nil
}

func (lt *loadTarget) getJSON(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, lt.base+path, nil)
	if err != nil {
		return casefile.Errorf(casefile.Invalid, "bad URL %s", lt.base+path)
	}
	resp, err := lt.hc.Do(req)
	if err != nil {
		return casefile.Errorf(casefile.Unavailable, "%s: %w", lt.base+path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return casefile.Errorf(casefile.Unavailable, "%s answered HTTP %d", lt.base+path, resp.StatusCode)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(out)
}

// loadRequest is one request of the mix.
type loadRequest struct {
	route  string
	method string
	path   string
	body   string
}

const loadGraphQL = `{"query":"query($id: ID!){ framework(id: $id){ title itemCount items(first: 20){ nodes { identifier fullStatement } } } }","variables":{"id":%q}}`

// pick draws the next request: reads of CASE REST, search and GraphQL.
func (lt *loadTarget) pick(r *rand.Rand) loadRequest {
	any := func(s []string) string { return s[r.IntN(len(s))] }
	switch n := r.IntN(10); {
	case n < 2:
		return loadRequest{route: "case item", method: "GET", path: "/ims/case/v1p1/CFItems/" + any(lt.items)}
	case n < 3:
		return loadRequest{route: "case documents", method: "GET", path: "/ims/case/v1p1/CFDocuments"}
	case n < 4 && len(lt.packages) > 0:
		return loadRequest{route: "case package", method: "GET", path: "/ims/case/v1p1/CFPackages/" + any(lt.packages)}
	case n < 7:
		path := "/api/v1/search?q=" + url.QueryEscape(any(loadWords))
		if lt.freshSearches {
			path += fmt.Sprintf("&fresh=%d", lt.searchSeq.Add(1))
		}
		return loadRequest{route: "search", method: "GET", path: path}
	default:
		return loadRequest{route: "graphql", method: "POST", path: "/graphql", body: fmt.Sprintf(loadGraphQL, any(lt.frameworks))}
	}
}

// run sends requests from conc workers until ctx ends.
func (lt *loadTarget) run(ctx context.Context, conc int) map[string]*routeStats {
	all := make([]map[string]*routeStats, conc)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := lt.readerClient(w)
			r := rand.New(rand.NewPCG(uint64(w), 1))
			mine := map[string]*routeStats{}
			for ctx.Err() == nil {
				req := lt.pick(r)
				st := mine[req.route]
				if st == nil {
					st = &routeStats{}
					mine[req.route] = st
				}
				lt.send(ctx, hc, req, st)
			}
			all[w] = mine
		}()
	}
	wg.Wait()
	return mergeStats(all)
}

// readerClient is the HTTP client of reader w: one connection, from the
// reader's own address on loopback (readerAddr).
func (lt *loadTarget) readerClient(w int) *http.Client {
	u, _ := url.Parse(lt.base)
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1,
		DialContext: loopbackDialer(u, readerAddr(w)).DialContext}}
}

// send performs one request and records it; a request cut by the end of the
// run is not counted. It asks for gzip, as CASE clients do, and reads the
// body whole without inflating it: the time measured is the node's, and the
// load client, which shares the machine, does not spend most of its CPU
// inflating CFPackages it throws away (it did: 80 % of its profile).
func (lt *loadTarget) send(ctx context.Context, hc *http.Client, lr loadRequest, st *routeStats) {
	req, _ := http.NewRequestWithContext(ctx, lr.method, lt.base+lr.path, strings.NewReader(lr.body))
	if lr.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: the transport then leaves the body as sent
	start := time.Now()
	resp, err := hc.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	took := time.Since(start)
	if ctx.Err() != nil {
		return
	}
	switch {
	case err != nil:
		st.errors++
	case resp.StatusCode >= 500:
		st.status5xx++
	case resp.StatusCode >= 400:
		st.status4xx++
	}
	st.latencies = append(st.latencies, took)
}
