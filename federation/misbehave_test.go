package federation

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// A misbehaving peer never damages what the node holds and never stalls it:
// each sync ends within its timeouts and reports the error a user can act on.
func TestMisbehavingPeer(t *testing.T) {
	const pkgCap = 64 << 10
	cases := []struct {
		name    string
		handler func(p *provider) http.HandlerFunc
		want    string
	}{
		{"slow", func(*provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(5 * time.Second):
				case <-r.Context().Done():
				}
			}
		}, "timeout"},
		{"500s", func(*provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) }
		}, "HTTP 500"},
		{"invalid JSON", func(*provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(`{"CFDocument": {"identifier": "` + fid("alpha") + `", "title": `))
			}
		}, "not valid JSON"},
		{"huge body", func(*provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(`{"CFItems": [`))
				chunk := []byte(strings.Repeat(`"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",`, 1000))
				for range 20 { // ~1.5 MB, far past the cap
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			}
		}, "larger than the 65536-byte limit"},
		{"endless redirects", func(*provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, r.URL.Path+"?again=1", http.StatusFound)
			}
		}, "stopped after 5 redirects"},
		{"duplicate ids", func(p *provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Write(duplicateIDPackage(p.srv.URL))
			}
		}, "duplicate"},
		{"another framework under this id", func(p *provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				w.Write(pkgJSON("local-only", p.srv.URL, 1, "stolen"))
			}
		}, "refused"},
		{"items of a local framework", func(p *provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				b := strings.ReplaceAll(string(pkgJSON("alpha", p.srv.URL, 4, "v3")),
					casefile.NameUUID("item:alpha:0"), casefile.NameUUID("item:local-only:0"))
				w.Write([]byte(b))
			}
		}, "may not take it over"},
		{"associations of a local framework", func(p *provider) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				b := string(pkgJSON("alpha", p.srv.URL, 4, "v3"))
				for i := range 3 {
					b = strings.ReplaceAll(b, casefile.NameUUID(fmt.Sprintf("assoc:alpha:%d", i)), casefile.NameUUID(fmt.Sprintf("assoc:local-only:%d", i)))
				}
				w.Write([]byte(b))
			}
		}, "may not take it over"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prov := newProvider(t)
			prov.put("alpha", pkgJSON("alpha", prov.srv.URL, 4, "v1"))
			node := newTestNode(t, "local", func(c *Config) {
				c.RequestTimeout = 300 * time.Millisecond
				c.PackageTimeout = 300 * time.Millisecond
				c.MaxPackageBytes = pkgCap
			})
			node.importJSON(pkgJSON("local-only", node.base, 3, "mine"))
			node.addPeer("pub", prov.srv.URL, casefile.PeerMirror)
			if rep := node.sync("pub"); len(rep.Imported) != 1 {
				t.Fatalf("good first sync: %+v", rep)
			}
			before := node.snapshot()

			prov.put("alpha", pkgJSON("alpha", prov.srv.URL, 4, "v2")) // new ETag: a full fetch
			prov.override = tc.handler(prov)
			start := time.Now()
			rep := node.sync("pub")
			took := time.Since(start)

			if after := node.snapshot(); after != before {
				t.Errorf("local data changed:\nbefore %s\nafter  %s", before, after)
			}
			if took > 3*time.Second {
				t.Errorf("sync took %s: the node stalled", took)
			}
			if !containsText(rep.Errors, tc.want) {
				t.Errorf("errors %q do not mention %q", rep.Errors, tc.want)
			}
			peer, _ := node.db.Peer(context.Background(), "pub")
			if !strings.Contains(peer.LastError, tc.want) || peer.Failures != 1 {
				t.Errorf("peer state after failure: %+v", peer)
			}
			t.Logf("%s: %s (%s)", tc.name, rep.Errors, took.Round(time.Millisecond))
		})
	}
}

// duplicateIDPackage is alpha with two different items sharing one identifier.
func duplicateIDPackage(base string) []byte {
	b := string(pkgJSON("alpha", base, 2, "dup"))
	second := casefile.NameUUID("item:alpha:1")
	first := casefile.NameUUID("item:alpha:0")
	// Only the items' identifier fields: the association keeps pointing at both.
	return []byte(strings.Replace(b, `"identifier":"`+second+`","lastChangeDateTime"`, `"identifier":"`+first+`","lastChangeDateTime"`, 1))
}

func TestMisbehavingListing(t *testing.T) {
	cases := []struct {
		name string
		body string
		want string
	}{
		{"invalid JSON listing", `{"CFDocuments": [`, "not valid JSON"},
		{"listing of the wrong shape", `{"documents": []}`, `no "CFDocuments" list`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRawServer(t, func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/CFDocuments") {
					w.Write([]byte(tc.body))
					return
				}
				http.NotFound(w, r)
			})
			node := newTestNode(t, "local")
			before := node.snapshot()
			// The probe of AddPeer rejects it already; store it directly to see the sync's error.
			if err := node.db.PutPeer(context.Background(), casefile.Peer{Name: "bad", URL: srv, Mode: casefile.PeerMirror, Interval: time.Hour}, casefile.PeerCredentials{}); err != nil {
				t.Fatal(err)
			}
			if _, err := node.svc.AddPeer(context.Background(), casefile.Peer{Name: "bad2", URL: srv + "/x"}); err == nil {
				t.Error("AddPeer accepted a peer whose listing is broken")
			}
			rep := node.sync("bad")
			if !containsText(rep.Errors, tc.want) {
				t.Errorf("errors %q do not mention %q", rep.Errors, tc.want)
			}
			if node.snapshot() != before {
				t.Error("local data changed")
			}
		})
	}
}
