package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/casenode/casenode/seed"
)

// fakePeer is a loopback CASE provider (not a casenode) that lists one
// synthetic framework and serves its CFPackage. requested receives when a
// package download starts, served when the whole package has been written
// (each dropped when nobody waits).
type fakePeer struct {
	srv       *httptest.Server
	id        string
	items     int
	body      []byte
	requested chan struct{}
	served    chan struct{}
}

func newFakePeer(t testing.TB, items int, seedN int64) *fakePeer {
	t.Helper()
	opt := seed.SynthOptions{Items: items, Seed: seedN, Title: fmt.Sprintf("Peer framework %d", seedN)}
	var buf bytes.Buffer
	if err := seed.WriteSynth(&buf, opt); err != nil {
		t.Fatal(err)
	}
	p := &fakePeer{id: seed.Synth(opt).CFDocument.Identifier, items: items, body: buf.Bytes(),
		requested: make(chan struct{}, 1), served: make(chan struct{}, 1)}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/v1p1/CFDocuments"):
			fmt.Fprintf(w, `{"CFDocuments": [{"identifier": %q, "title": "Peer framework"}]}`, p.id)
		case strings.HasSuffix(r.URL.Path, "/v1p1/CFPackages/"+p.id):
			notify(p.requested)
			w.Header().Set("Content-Type", "application/json")
			if _, err := w.Write(p.body); err != nil {
				return
			}
			notify(p.served)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// notify sends on c unless a signal is already pending.
func notify(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
