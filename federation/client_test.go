package federation

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

func TestPrivateAddressDenied(t *testing.T) {
	prov := newProvider(t)
	prov.put("alpha", pkgJSON("alpha", prov.srv.URL, 1, "v1"))
	node := newTestNode(t, "local", func(c *Config) { c.AllowPrivate = false })
	_, err := node.svc.AddPeer(context.Background(), casefile.Peer{Name: "p", URL: prov.srv.URL})
	if casefile.ErrorCode(err) != casefile.Forbidden || !strings.Contains(err.Error(), "private") {
		t.Errorf("AddPeer to loopback = %v, want forbidden (private address)", err)
	}
	if n := prov.requests.Load(); n != 0 {
		t.Errorf("%d requests reached the loopback peer", n)
	}
	// A peer stored anyway (e.g. before the rule) is still never reached.
	node.db.PutPeer(context.Background(), casefile.Peer{Name: "p", URL: prov.srv.URL, Mode: casefile.PeerMirror, Interval: time.Hour}, casefile.PeerCredentials{})
	rep := node.sync("p")
	if !containsText(rep.Errors, "private") || prov.requests.Load() != 0 {
		t.Errorf("sync reached a private address: %+v", rep)
	}
}

func TestSchemeAndBodyCap(t *testing.T) {
	c := NewClient(ClientOptions{AllowPrivate: true, MaxBytes: 10})
	if _, err := c.get(context.Background(), call{url: "file:///etc/passwd"}); casefile.ErrorCode(err) != casefile.Forbidden {
		t.Errorf("file scheme: %v", err)
	}
	srv := newRawServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("0123456789ABC")) })
	if _, err := c.get(context.Background(), call{url: srv}); err == nil || !strings.Contains(err.Error(), "10-byte limit") {
		t.Errorf("13-byte body with a 10-byte cap: %v", err)
	}
}

// A peer behind OAuth2 client credentials: the token is fetched once and
// reused; requests without it are refused by the peer.
func TestOAuthClientCredentials(t *testing.T) {
	var tokens atomic.Int64
	var mux http.ServeMux
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) {
		id, secret, ok := r.BasicAuth()
		if !ok || id != "node" || secret != "s3cret" || r.FormValue("grant_type") != "client_credentials" {
			http.Error(w, "bad client", http.StatusUnauthorized)
			return
		}
		tokens.Add(1)
		writeJSON(w, map[string]any{"access_token": "tok", "token_type": "bearer", "expires_in": 3600}, nil)
	})
	prov := newProvider(t)
	prov.put("alpha", pkgJSON("alpha", "http://pub.example", 2, "v1"))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "token required", http.StatusUnauthorized)
			return
		}
		prov.serve(w, r)
	})
	srv := newRawServer(t, mux.ServeHTTP)
	node := newTestNode(t, "local")
	ctx := context.Background()
	if _, err := node.svc.AddPeer(ctx, casefile.Peer{Name: "p", URL: srv}); casefile.ErrorCode(err) != casefile.Unauthorized {
		t.Errorf("AddPeer without credentials: %v, want unauthorized", err)
	}
	cred := casefile.PeerCredentials{TokenURL: srv + "/oauth/token", ClientID: "node", ClientSecret: "s3cret"}
	if _, err := node.svc.AddPeerWithCredentials(ctx, casefile.Peer{Name: "p", URL: srv}, cred); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if rep := node.sync("p"); len(rep.Errors) != 0 {
			t.Fatalf("sync with credentials: %+v", rep)
		}
	}
	if _, ok := node.framework(fid("alpha")); !ok {
		t.Error("framework behind OAuth not harvested")
	}
	if n := tokens.Load(); n != 1 {
		t.Errorf("token fetched %d times, want 1 (cached)", n)
	}
}

// A token the peer stops accepting before it expires is replaced once: the
// request is retried with a fresh token.
func TestOAuthTokenRefreshOn401(t *testing.T) {
	var issued atomic.Int64
	valid := atomic.Value{}
	var mux http.ServeMux
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		tok := "tok" + strconv.FormatInt(issued.Add(1), 10)
		valid.Store(tok)
		writeJSON(w, map[string]any{"access_token": tok, "expires_in": 3600}, nil)
	})
	mux.HandleFunc("/thing", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+valid.Load().(string) {
			http.Error(w, "expired", http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`{}`))
	})
	srv := newRawServer(t, mux.ServeHTTP)
	c := NewClient(ClientOptions{AllowPrivate: true})
	cred := casefile.PeerCredentials{TokenURL: srv + "/token", ClientID: "id", ClientSecret: "s"}
	ctx := context.Background()
	if _, err := c.get(ctx, call{url: srv + "/thing", cred: cred}); err != nil {
		t.Fatal(err)
	}
	valid.Store("revoked")
	if _, err := c.get(ctx, call{url: srv + "/thing", cred: cred}); err != nil {
		t.Fatalf("after the peer revoked the token: %v", err)
	}
	if n := issued.Load(); n != 2 {
		t.Errorf("%d tokens issued, want 2", n)
	}
}
