package server

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/casenode/casenode/casefile"
)

// limit admits a request in three steps, answering 429 server_busy when a
// step has no room: the client address's budget (requests in flight and
// rate, see clientBudgets), then the body read within BodyTimeout (see
// bufferBody), then a concurrency slot held only while the handler works.
// Health and metrics are never limited.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		addr := clientAddr(r)
		leave, ok := s.clients.enter(addr, s.now())
		if !ok {
			s.busy(w, r)
			return
		}
		defer leave()
		r = r.WithContext(casefile.WithClientAddr(r.Context(), addr))
		if err := s.bufferBody(w, r); err != nil {
			closeUnread(w, r)
			s.writeError(w, r, err)
			return
		}
		release, ok := s.limiter.acquire()
		if !ok {
			s.busy(w, r)
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	if info := infoFrom(r.Context()); info != nil {
		_, info.pattern = s.mux.Handler(r) // label the 429 with its route
	}
	closeUnread(w, r)
	w.Header().Set("Retry-After", "1")
	s.writeError(w, r, newError(kindBusy, "casenode", "the server is busy; retry shortly"))
}

// bufferBody reads a request body into memory before the handler runs, within
// BodyTimeout: a sender that is too slow gets 408 and never holds a slot. At
// most one byte more than the route's cap is kept, so the route's own cap
// still answers 413. A route whose cap is above MaxBodyBytes (imports) reads
// its body as a stream under the server's read timeout; it is admin-only and
// refuses others before reading.
func (s *Server) bufferBody(w http.ResponseWriter, r *http.Request) error {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	limit := s.cfg.MaxBodyBytes
	if _, pattern := s.mux.Handler(r); s.routeOf[pattern].maxBody > limit {
		return nil
	}
	if s.bodyWait != nil {
		s.bodyWait(casefile.ClientAddrFrom(r.Context()))
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(s.now().Add(s.cfg.BodyTimeout)) // unsupported writers keep the server's read timeout
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	_ = rc.SetReadDeadline(time.Time{}) // an expired deadline would cancel the handler's context
	if err != nil {
		if ne := net.Error(nil); errors.As(err, &ne) && ne.Timeout() {
			return newError(kindTimeout, "", "the request body was not received in time")
		}
		return newError(kindInvalid, "", "the request body could not be read")
	}
	if int64(len(b)) > limit {
		closeUnread(w, r) // the rest is never read
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return nil
}

// closeUnread makes a response to a request whose body was not read close
// the connection: otherwise net/http reads (and waits for) the rest of the
// body before sending the answer.
func closeUnread(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength != 0 {
		w.Header().Set("Connection", "close")
	}
}
