package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The hostile clients `casenode load` can add, to measure what the other
// (read) clients see meanwhile: slow bodies hold connections by sending a
// request body a byte a second; expensive queries ask GraphQL for every item
// of every framework with its associations.
const loadExpensiveQuery = `{"query":"{ frameworks(first: 200) { nodes { items(first: 2000) { nodes { identifier associations { identifier } } } } } }"}`

// attack is the hostile side of a load run.
type attack struct {
	wg                  sync.WaitGroup
	slowSent, slowCut   atomic.Int64 // slow-body connections opened / ended by the server
	expensive, refused  atomic.Int64 // expensive queries sent / answered 4xx
	expensive5xx, other atomic.Int64
}

// The source addresses of the clients `casenode load` adds when the node is
// on IPv4 loopback: other client addresses than the readers' (readerAddr), so
// the node's per-client budgets tell them apart as they would real clients.
// The hostile clients come from attackerAddr; the background importer and
// syncer (--import, --sync) from backgroundAddr, so they never take an
// in-flight slot of the readers' budget (which made readers get 429 before).
var (
	attackerAddr   = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}
	backgroundAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 3)}
)

// readerAddr is the source address of reader w when the node is on IPv4
// loopback: each reader is a client of its own (127.1.x.y), as the
// concurrent users of a node are, so one client's budgets (in flight, rate,
// GraphQL cost per minute) apply to each reader, not to all of them
// together. From one address, 32 readers spent one client's GraphQL budget
// within the minute once the node answered fast enough.
func readerAddr(w int) *net.TCPAddr {
	return &net.TCPAddr{IP: net.IPv4(127, 1, byte(w/250), byte(w%250+1))}
}

// loopbackDialer dials from the source address from when target is on IPv4
// loopback (and from the default address otherwise).
func loopbackDialer(u *url.URL, from *net.TCPAddr) *net.Dialer {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsLoopback() && ip.To4() != nil {
		d.LocalAddr = from
	}
	return d
}

// startAttack starts slow slow-body connections and exp expensive-query
// workers against base until ctx ends.
func startAttack(ctx context.Context, base string, slow, exp int) *attack {
	a := &attack{}
	u, _ := url.Parse(base)
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: loopbackDialer(u, attackerAddr).DialContext}}
	for range slow {
		a.wg.Add(1)
		go func() { defer a.wg.Done(); a.slowBody(ctx, u) }()
	}
	for range exp {
		a.wg.Add(1)
		go func() { defer a.wg.Done(); a.expensiveQueries(ctx, base, hc) }()
	}
	return a
}

// slowBody opens one connection and sends a POST /graphql body a byte a
// second until the server answers (e.g. 408) or ctx ends.
func (a *attack) slowBody(ctx context.Context, u *url.URL) {
	conn, err := loopbackDialer(u, attackerAddr).DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return
	}
	defer conn.Close()
	a.slowSent.Add(1)
	go func() { <-ctx.Done(); conn.Close() }()
	head := fmt.Sprintf("POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{", u.Host)
	if _, err := io.WriteString(conn, head); err != nil {
		return
	}
	answered := make(chan struct{})
	go func() { // any answer (or close) from the server ends the attack
		_, _ = conn.Read(make([]byte, 1))
		close(answered)
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-answered:
			if ctx.Err() == nil {
				a.slowCut.Add(1)
			}
			return
		case <-tick.C:
		}
		if _, err := conn.Write([]byte(" ")); err != nil {
			return
		}
	}
}

// expensiveQueries sends the expensive GraphQL query again and again.
func (a *attack) expensiveQueries(ctx context.Context, base string, hc *http.Client) {
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", strings.NewReader(loadExpensiveQuery))
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if ctx.Err() != nil {
			return
		}
		a.expensive.Add(1)
		switch {
		case resp.StatusCode >= 500:
			a.expensive5xx.Add(1)
		case resp.StatusCode >= 400:
			a.refused.Add(1)
		default:
			a.other.Add(1)
		}
	}
}

func (a *attack) print(w io.Writer, slow, exp int) {
	a.wg.Wait()
	if slow > 0 {
		fmt.Fprintf(w, "attack: %d slow-body connections opened, %d ended by the server before the run did\n", a.slowSent.Load(), a.slowCut.Load())
	}
	if exp > 0 {
		fmt.Fprintf(w, "attack: %d expensive queries answered: %d refused (4xx), %d 5xx, %d executed\n",
			a.expensive.Load(), a.refused.Load(), a.expensive5xx.Load(), a.other.Load())
	}
}
