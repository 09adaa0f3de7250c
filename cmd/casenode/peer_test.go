package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/casenode/casenode/seed"
)

// fakePeer is a loopback CASE provider (not a casenode) that lists one
// synthetic framework and serves its CFPackage. served receives once each
// time the whole package has been written.
type fakePeer struct {
	srv    *httptest.Server
	id     string
	items  int
	body   []byte
	served chan struct{}
}

func newFakePeer(t testing.TB, items int, seedN int64) *fakePeer {
	t.Helper()
	opt := seed.SynthOptions{Items: items, Seed: seedN, Title: fmt.Sprintf("Peer framework %d", seedN)}
	var buf bytes.Buffer
	if err := seed.WriteSynth(&buf, opt); err != nil {
		t.Fatal(err)
	}
	p := &fakePeer{id: seed.Synth(opt).CFDocument.Identifier, items: items, body: buf.Bytes(), served: make(chan struct{}, 64)}
	var once sync.Mutex
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/v1p1/CFDocuments"):
			fmt.Fprintf(w, `{"CFDocuments": [{"identifier": %q, "title": "Peer framework"}]}`, p.id)
		case strings.HasSuffix(r.URL.Path, "/v1p1/CFPackages/"+p.id):
			w.Header().Set("Content-Type", "application/json")
			if _, err := w.Write(p.body); err != nil {
				return
			}
			once.Lock()
			select {
			case p.served <- struct{}{}:
			default:
			}
			once.Unlock()
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(p.srv.Close)
	return p
}
