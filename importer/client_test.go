package importer

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// The address rule, on address values only (no traffic leaves loopback).
func TestPrivateAddressClassification(t *testing.T) {
	for addr, private := range map[string]bool{
		"127.0.0.1": true, "10.1.2.3": true, "192.168.0.1": true, "172.16.5.4": true, "169.254.169.254": true,
		"::1": true, "fe80::1": true, "fd00::1": true, "0.0.0.0": true, "100.64.0.1": true, "::ffff:127.0.0.1": true,
		"::ffff:169.254.169.254": true, "fd00:ec2::254": true, "64:ff9b::a9fe:a9fe": true, "224.0.0.1": true,
		"8.8.8.8": false, "2001:4860:4860::8888": false, "93.184.216.34": false,
	} {
		if got := privateAddress(netip.MustParseAddr(addr)); got != private {
			t.Errorf("privateAddress(%s) = %v, want %v", addr, got, private)
		}
	}
}

// The dial-time hook sees the resolved address: cloud metadata and other
// private destinations are refused with Forbidden, public ones pass.
func TestDialControlRefusesResolvedPrivateAddresses(t *testing.T) {
	for addr, refused := range map[string]bool{
		"169.254.169.254:80": true, "[fd00:ec2::254]:80": true, "127.0.0.1:8080": true, "10.0.0.1:443": true,
		"93.184.216.34:443": false, "[2001:4860:4860::8888]:443": false, "not-an-address": true,
	} {
		err := denyPrivateControl("tcp", addr, nil)
		if refused != (casefile.ErrorCode(err) == casefile.Forbidden) {
			t.Errorf("denyPrivateControl(%s) = %v, refused want %v", addr, err, refused)
		}
	}
}

// countingServer is a loopback origin that counts the requests reaching it.
func countingServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1); h(w, r) }))
	t.Cleanup(srv.Close)
	return srv, &n
}

// A name that resolves to loopback ("localhost") is refused at dial time,
// before any request is sent: the rule applies to what DNS answered.
func TestFetchRefusesPrivateAddressesUnlessAllowed(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "{}") })
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, u := range []string{srv.URL + "/x.json", "http://localhost:" + port + "/x.json"} {
		_, _, err := NewClient(ClientOptions{}).Fetch(context.Background(), u)
		if casefile.ErrorCode(err) != casefile.Forbidden || !strings.Contains(err.Error(), "--allow-private-addresses") {
			t.Errorf("fetch %s without the switch = %v, want forbidden naming the switch", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("%d requests reached a loopback address the rule refuses", hits.Load())
	}
	body, prov, err := NewClient(ClientOptions{AllowPrivate: true}).Fetch(context.Background(), srv.URL+"/x.json")
	if err != nil {
		t.Fatalf("fetch with the switch on: %v", err)
	}
	defer body.Close()
	if b, _ := io.ReadAll(body); string(b) != "{}" || prov.Source != casefile.SourceURL {
		t.Errorf("fetched %q, provenance %+v", b, prov)
	}
}

// A redirect to a refused address is refused too, and redirects are bounded.
func TestFetchRedirectRules(t *testing.T) {
	var hops atomic.Int64
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			http.Redirect(w, r, fmt.Sprintf("/loop%d", hops.Add(1)), http.StatusFound)
		}
	})
	c := NewClient(ClientOptions{AllowPrivate: true, MaxRedirects: 3})
	if _, _, err := c.Fetch(context.Background(), srv.URL+"/loop"); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("endless redirects: %v", err)
	}
	if n := hops.Load(); n > 4 {
		t.Errorf("followed %d redirects with a limit of 3", n)
	}
	if _, _, err := c.Fetch(context.Background(), srv.URL+"/file"); casefile.ErrorCode(err) != casefile.Forbidden {
		t.Errorf("redirect to file: %v", err)
	}
}

// The body cap comes from MaxBytes (the node sets it from --max-import-mb).
func TestFetchCapsTheBody(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "0123456789ABC") })
	body, _, err := NewClient(ClientOptions{AllowPrivate: true, MaxBytes: 10}).Fetch(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	if _, err := io.ReadAll(body); err == nil || !strings.Contains(err.Error(), "10-byte limit") {
		t.Errorf("13-byte body with a 10-byte cap: %v", err)
	}
	b, err := io.ReadAll(LimitBody(strings.NewReader("0123456789"), 10))
	if err != nil || string(b) != "0123456789" {
		t.Errorf("body at the cap: %q %v", b, err)
	}
}

func TestFetchRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/x.json", "x.json", "http://"} {
		if _, _, err := NewClient(ClientOptions{}).Fetch(context.Background(), u); casefile.ErrorCode(err) != casefile.Invalid {
			t.Errorf("%s: %v", u, err)
		}
	}
}

// The refusal of a private address names the setting that allows it, on the
// running node and on a command run without one (checked on the address
// value; nothing is dialled).
func TestPrivateRefusalNamesTheSetting(t *testing.T) {
	err := denyPrivateControl("tcp", "127.0.0.1:8080", nil)
	if err == nil || !strings.Contains(err.Error(), "casenode serve --allow-private-addresses") {
		t.Fatalf("refusal %v does not name serve's setting", err)
	}
}
