package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// httpRun is the node's HTTP server with the handlers in flight counted, so
// a shutdown can wait for every one of them before the store closes.
type httpRun struct {
	hs       *http.Server
	inflight sync.WaitGroup
	cancel   context.CancelFunc // cancels every request's context
}

// newHTTPRun wraps hs. Request contexts derive from parent without its
// cancellation: they end when drain says so, not when the signal arrives.
func newHTTPRun(hs *http.Server, parent context.Context) *httpRun {
	base, cancel := context.WithCancel(context.WithoutCancel(parent))
	h := &httpRun{hs: hs, cancel: cancel}
	next := hs.Handler
	hs.BaseContext = func(net.Listener) context.Context { return base }
	hs.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.inflight.Add(1)
		defer h.inflight.Done()
		next.ServeHTTP(w, r)
	})
	return h
}

// drain stops accepting connections and waits for the requests in flight;
// those still running after grace are cancelled, and waited for too.
func (h *httpRun) drain(grace time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := h.hs.Shutdown(ctx)
	h.cancel()
	if errors.Is(err, context.DeadlineExceeded) {
		err = h.hs.Close() // the stragglers' contexts are cancelled: close their connections
	}
	h.inflight.Wait()
	return err
}
