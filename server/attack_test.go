package server

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestAttackFigures measures what a normal client (from 127.0.0.1) sees of a
// running node while attackers from 127.0.0.2 hold slow bodies open or send
// an expensive GraphQL query in a loop. It runs only when
// CASENODE_ATTACK_URL names the node (a loopback URL); it reports, it does
// not gate. See BENCHMARKS.md, "HTTP under attack".
//
//	CASENODE_ATTACK_URL=http://127.0.0.1:18080 CASENODE_ATTACK_SLOW=256 CASENODE_ATTACK_HEAVY=0 \
//	  go test -run TestAttackFigures -v -timeout 5m ./server
func TestAttackFigures(t *testing.T) {
	base := os.Getenv("CASENODE_ATTACK_URL")
	if base == "" {
		t.Skip("set CASENODE_ATTACK_URL to a running node on loopback")
	}
	if !strings.HasPrefix(base, "http://127.") {
		t.Fatal("CASENODE_ATTACK_URL must be a loopback http URL")
	}
	slow, _ := strconv.Atoi(os.Getenv("CASENODE_ATTACK_SLOW"))
	heavy, _ := strconv.Atoi(os.Getenv("CASENODE_ATTACK_HEAVY"))
	attacker := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}
	stop := make(chan struct{})
	var wg, dialled sync.WaitGroup
	for i := range slow {
		wg.Add(1)
		dialled.Add(1)
		go func() {
			defer wg.Done()
			c, err := attacker.Dial("tcp", strings.TrimPrefix(base, "http://"))
			dialled.Done()
			if err != nil {
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", []string{"/api/v1/align", "/graphql"}[i%2])
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					if _, err := c.Write([]byte(" ")); err != nil {
						return
					}
				}
			}
		}()
	}
	dialled.Wait()
	heavyQ := `{"query":"{ frameworks(first: 50) { nodes { items(first: 2000) { nodes { identifier associations { identifier } } } } } }"}`
	var mu sync.Mutex
	heavyCodes := map[int]int{}
	for range heavy {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := &http.Client{Transport: &http.Transport{DialContext: attacker.DialContext}}
			for {
				select {
				case <-stop:
					return
				default:
				}
				if code := send(cl, "POST", base+"/graphql", heavyQ); code != 0 {
					mu.Lock()
					heavyCodes[code]++
					mu.Unlock()
				}
			}
		}()
	}
	probes := []struct{ name, method, path, body string }{
		{"GET search", "GET", "/api/v1/search?q=fractions", ""},
		{"GET CFDocuments", "GET", "/ims/case/v1p1/CFDocuments", ""},
		{"POST graphql", "POST", "/graphql", `{"query":"{ frameworks { nodes { identifier title } } }"}`},
		{"POST align", "POST", "/api/v1/align", `{"text":"add fractions with unlike denominators"}`},
	}
	lat := map[string][]time.Duration{}
	codes := map[string]map[int]int{}
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); {
		for _, p := range probes {
			t0 := time.Now()
			code := send(http.DefaultClient, p.method, base+p.path, p.body)
			lat[p.name] = append(lat[p.name], time.Since(t0))
			if codes[p.name] == nil {
				codes[p.name] = map[int]int{}
			}
			codes[p.name][code]++
		}
	}
	close(stop)
	wg.Wait()
	for _, p := range probes {
		l := lat[p.name]
		slices.Sort(l)
		t.Logf("%-16s n=%5d p50=%7.2f ms p99=%7.2f ms statuses=%v", p.name, len(l),
			float64(l[len(l)/2].Microseconds())/1000, float64(l[len(l)*99/100].Microseconds())/1000, codes[p.name])
	}
	t.Logf("attackers: %d slow bodies, %d heavy GraphQL clients (statuses %v)", slow, heavy, heavyCodes)
}

// send makes one request and returns its status (0 when it failed).
func send(cl *http.Client, method, url, body string) int {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := cl.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}
