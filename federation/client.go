package federation

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/importer"
)

// ClientOptions are the outbound safety rules of every request to a peer.
type ClientOptions struct {
	Guarded      *importer.Client // the node's guarded client; built from the fields below when nil
	AllowPrivate bool             // allow private, loopback and link-local addresses
	MaxRedirects int              // redirects followed before giving up (default 5)
	Timeout      time.Duration    // per-request timeout when the call sets none (default 30s)
	MaxBytes     int64            // body cap when the call sets none (default 1 MB)
	UserAgent    string
	Log          *slog.Logger
}

// Client is federation's view of the node's one guarded outbound client
// (importer.Client: address rule, redirect limit, timeouts): it adds
// per-call body caps and timeouts, request metering and optional OAuth2
// client credentials toward a peer.
type Client struct {
	hc     *http.Client
	opt    ClientOptions
	tokens *tokenCache
}

// NewClient builds the client on the guarded importer.Client.
func NewClient(opt ClientOptions) *Client {
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 1 << 20
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "casenode"
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	guarded := opt.Guarded
	if guarded == nil {
		guarded = importer.NewClient(importer.ClientOptions{AllowPrivate: opt.AllowPrivate, MaxRedirects: opt.MaxRedirects,
			HeaderTimeout: opt.Timeout, UserAgent: opt.UserAgent})
	}
	c := &Client{opt: opt, hc: guarded.HTTP()}
	c.tokens = newTokenCache(c)
	return c
}

// HTTP returns the underlying guarded *http.Client (no body cap: callers
// must read through importer.LimitBody).
func (c *Client) HTTP() *http.Client { return c.hc }

// call is one outbound GET (or POST when form is set).
type call struct {
	url      string
	header   http.Header
	form     url.Values
	cred     casefile.PeerCredentials
	timeout  time.Duration
	maxBytes int64
	meter    *meter
	sink     io.Writer // body goes here when set; otherwise into reply.body
}

// reply is what came back. Status 304 is returned without error.
type reply struct {
	status int
	header http.Header
	body   []byte
	bytes  int64
}

// get performs c with the safety rules. Any status other than 2xx and 304 is
// an error with a code (NotFound, Unauthorized, Unavailable, Invalid).
func (c *Client) get(ctx context.Context, cl call) (*reply, error) {
	if err := checkScheme(cl.url); err != nil {
		return nil, err
	}
	rep, err := c.once(ctx, cl)
	if err == nil && rep.status == http.StatusUnauthorized && !cl.cred.Empty() {
		c.tokens.forget(cl.cred) // the token may have expired early: fetch a new one, once
		rep, err = c.once(ctx, cl)
	}
	if err != nil {
		return nil, err
	}
	if rep.status == http.StatusNotModified || (rep.status >= 200 && rep.status < 300) {
		return rep, nil
	}
	return rep, statusError(cl.url, rep)
}

func (c *Client) once(ctx context.Context, cl call) (*reply, error) {
	timeout := cl.timeout
	if timeout <= 0 {
		timeout = c.opt.Timeout
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = max(time.Until(dl).Round(time.Millisecond), time.Millisecond) // say which deadline applies
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := c.newRequest(ctx, cl)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil { // stopped (budget, shutdown): send nothing more
		return nil, transportError(ctx, cl.url, timeout, ctx.Err())
	}
	if err := cl.meter.admit(); err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, transportError(ctx, cl.url, timeout, err)
	}
	defer resp.Body.Close()
	rep := &reply{status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		// The body of a 304 or an error is not used: read a little of it so
		// the connection can be reused, and stop.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return rep, nil
	}
	max := cl.maxBytes
	if max <= 0 {
		max = c.opt.MaxBytes
	}
	var buf bytes.Buffer
	dst := io.Writer(&buf)
	if cl.sink != nil {
		dst = cl.sink
	}
	n, err := io.Copy(dst, importer.LimitBody(resp.Body, max))
	rep.bytes = n
	cl.meter.received(n)
	if err != nil {
		var fe *casefile.Error
		if errors.As(err, &fe) {
			return nil, casefile.Errorf(fe.Code, "%s: %s", cl.url, fe.Message)
		}
		return nil, transportError(ctx, cl.url, timeout, err)
	}
	rep.body = buf.Bytes()
	return rep, nil
}

func (c *Client) newRequest(ctx context.Context, cl call) (*http.Request, error) {
	method, body := http.MethodGet, io.Reader(nil)
	if cl.form != nil {
		method, body = http.MethodPost, bytes.NewBufferString(cl.form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, cl.url, body)
	if err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "bad URL %q", cl.url)
	}
	for k, v := range cl.header {
		req.Header[k] = v
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	if cl.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if !cl.cred.Empty() {
		tok, err := c.tokens.token(ctx, cl.cred, cl.meter)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req, nil
}

func checkScheme(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return casefile.Errorf(casefile.Invalid, "bad URL %q", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return casefile.Errorf(casefile.Forbidden, "scheme %q refused (http and https only)", u.Scheme)
	}
	if u.Host == "" {
		return casefile.Errorf(casefile.Invalid, "URL %q has no host", raw)
	}
	return nil
}

// transportError turns a failed exchange into a user-safe error with a code.
func transportError(ctx context.Context, u string, timeout time.Duration, err error) error {
	var fe *casefile.Error
	if errors.As(err, &fe) {
		return casefile.Errorf(fe.Code, "%s: %s", u, fe.Message)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || isTimeout(err) {
		return &casefile.Error{Code: casefile.Unavailable, Message: fmt.Sprintf("%s: no answer within %s (timeout)", u, timeout), Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return &casefile.Error{Code: casefile.Unavailable, Message: fmt.Sprintf("%s: request cancelled", u), Err: err}
	}
	return &casefile.Error{Code: casefile.Unavailable, Message: fmt.Sprintf("%s: cannot reach peer", u), Err: err}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func statusError(u string, rep *reply) error {
	code := casefile.Invalid
	switch {
	case rep.status == http.StatusNotFound || rep.status == http.StatusGone:
		code = casefile.NotFound
	case rep.status == http.StatusUnauthorized || rep.status == http.StatusForbidden:
		code = casefile.Unauthorized
	case rep.status >= 500 || rep.status == http.StatusTooManyRequests:
		code = casefile.Unavailable
	}
	return casefile.Errorf(code, "%s: peer answered HTTP %d", u, rep.status)
}
