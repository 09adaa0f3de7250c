package server

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// slowPost opens a connection from the loopback address from, sends the
// headers of a POST to path announcing a 100-byte body and only its first
// byte, and returns the connection and a channel that gets the response
// status (0 when the connection ended without one).
func slowPost(t *testing.T, serverURL, from, path string) (net.Conn, <-chan int) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	conn, err := d.Dial("tcp", strings.TrimPrefix(serverURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	req := "POST " + path + " HTTP/1.1\r\nHost: case.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
	if _, err := conn.Write([]byte(req)); err != nil {
		t.Fatal(err)
	}
	status := make(chan int, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	return conn, status
}

// waitFor receives from ch, failing the test if nothing comes within a
// generous safety bound (a hang, not a timing gate).
func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(30 * time.Second):
		t.Fatalf("no %s", what)
	}
	var zero T
	return zero
}

func TestSlowBodiesDoNotStarveOtherClients(t *testing.T) {
	const slots, perClient, attackers = 4, 3, 12
	reading := make(chan string, attackers)
	e := newTestEnv(t, func(c *Config) {
		c.MaxConcurrent, c.MaxPerClient, c.BodyTimeout = slots, perClient, time.Hour
	})
	e.srv.bodyWait = func(addr string) { reading <- addr }

	// Slow senders from 127.0.0.2: perClient of them wait for their body,
	// the rest are refused at once by their address's budget.
	answers := make(chan int, attackers)
	for i := 0; i < attackers; i++ {
		path := []string{"/api/v1/align", "/graphql", "/api/v1/peers"}[i%3]
		_, st := slowPost(t, e.ts.URL, "127.0.0.2", path)
		go func() { answers <- <-st }()
	}
	for i := 0; i < perClient; i++ {
		if addr := waitFor(t, reading, "body reader"); addr != "127.0.0.2" {
			t.Fatalf("reading a body from %s", addr)
		}
	}
	for i := 0; i < attackers-perClient; i++ {
		if code := waitFor(t, answers, "answer"); code != http.StatusTooManyRequests {
			t.Errorf("slow sender over its budget answered %d", code)
		}
	}

	// A normal client from 127.0.0.1 is served while the slow ones wait.
	for _, path := range []string{"/api/v1/node", "/ims/case/v1p1/CFDocuments"} {
		if r := e.get(path); r.status != http.StatusOK {
			t.Errorf("GET %s while slow bodies wait: %d %s", path, r.status, r.body)
		}
	}
	r := e.do("POST", "/api/v1/align", strings.NewReader(`{"text": "fractions"}`), "Content-Type", "application/json")
	if r.status == http.StatusTooManyRequests {
		t.Errorf("POST /api/v1/align while slow bodies wait: %d %s", r.status, r.body)
	}
	if n := e.srv.clients.inFlight("127.0.0.2"); n != perClient {
		t.Errorf("the slow address holds %d requests, want its budget %d", n, perClient)
	}
}

func TestSlowBodyIsCutOff(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.BodyTimeout = 50 * time.Millisecond })
	for _, path := range []string{"/api/v1/align", "/graphql", "/login"} {
		_, st := slowPost(t, e.ts.URL, "127.0.0.1", path)
		if code := waitFor(t, st, "answer to a slow body"); code != http.StatusRequestTimeout {
			t.Errorf("%s: a body not sent within the limit answered %d, want 408", path, code)
		}
	}
	// A body sent in time is served as before.
	if r := e.do("POST", "/api/v1/align", strings.NewReader(`{"text": "x"}`), "Content-Type", "application/json"); r.status == http.StatusRequestTimeout {
		t.Errorf("a prompt body answered %d", r.status)
	}
}

func TestSlowHeadersAreCutOff(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.HeaderTimeout = 50 * time.Millisecond })
	ts := httptest.NewUnstartedServer(e.srv)
	ts.Config = e.srv.HTTPServer("")
	ts.Start()
	defer ts.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: case.test\r\n")); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // safety bound against a hang
	buf := make([]byte, 512)
	n, err := conn.Read(buf)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server kept waiting for the rest of the headers")
	}
	if n > 0 && !strings.Contains(string(buf[:n]), " 408 ") {
		t.Errorf("unfinished headers answered %q", buf[:n])
	}
}
