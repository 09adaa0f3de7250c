package federation

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// endlessPeer is a loopback CASE provider whose CFDocuments listing never
// ends: every page holds listPageSize new documents, whatever the offset,
// and no package can be fetched.
func endlessPeer(t *testing.T) (string, *atomic.Int64) {
	var requests atomic.Int64
	url := newRawServer(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if !strings.HasSuffix(r.URL.Path, "/CFDocuments") {
			http.NotFound(w, r)
			return
		}
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		var b strings.Builder
		b.WriteString(`{"CFDocuments": [`)
		for i := range listPageSize {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"identifier": %q, "title": "endless %d"}`, casefile.NameUUID("endless:"+strconv.Itoa(offset+i)), offset+i)
		}
		b.WriteString(`]}`)
		w.Write([]byte(b.String()))
	})
	return url, &requests
}

// A sync of a peer that pages forever stops at its budget (requests, bytes
// or time), says why, and the peer is recorded as failing with that reason.
func TestSyncStopsAtItsBudget(t *testing.T) {
	cases := []struct {
		name   string
		budget func(*Config)
		want   string
	}{
		{"requests (default budget)", func(*Config) {}, fmt.Sprintf("budget of %d requests", DefaultSyncMaxRequests)},
		{"bytes", func(c *Config) { c.SyncMaxBytes = 64 << 10 }, "budget of 65536 bytes"},
		{"time", func(c *Config) { c.SyncMaxTime = 200 * time.Millisecond }, "time budget of 200ms"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			url, requests := endlessPeer(t)
			node := newTestNode(t, "local", tc.budget)
			ctx := context.Background()
			p := casefile.Peer{Name: "endless", URL: url, Mode: casefile.PeerMirror, Interval: time.Hour}
			if err := node.db.PutPeer(ctx, p, casefile.PeerCredentials{}); err != nil {
				t.Fatal(err)
			}
			rep := node.sync("endless")
			if len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0], tc.want) {
				t.Fatalf("sync of an endless peer: first error %q, want %q (%d requests)", first(rep.Errors), tc.want, requests.Load())
			}
			// A request cut off by the time budget is counted as sent
			// but may never reach the peer: at most one such request.
			if n := requests.Load(); n > DefaultSyncMaxRequests || int64(rep.Requests) < n || int64(rep.Requests) > n+1 {
				t.Errorf("%d requests reached the peer, report says %d; budget %d", n, rep.Requests, DefaultSyncMaxRequests)
			}
			got, err := node.db.Peer(ctx, "endless")
			if err != nil || got.Failures != 1 || !strings.Contains(got.LastError, tc.want) {
				t.Errorf("peer state after a stopped sync: failures %d, last error %q (%v)", got.Failures, got.LastError, err)
			}
		})
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
