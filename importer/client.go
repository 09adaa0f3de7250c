package importer

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/casenode/casenode/casefile"
)

// ClientOptions are the rules of the node's one outbound HTTP client. Every
// fetch (URL import from the CLI and the API, federation peers, link
// resolution) goes through a Client built from them.
type ClientOptions struct {
	// AllowPrivate lets requests reach private, loopback and link-local
	// addresses (cloud metadata included). It is the one switch of the
	// address rule: `--allow-private-addresses` on the command line.
	AllowPrivate bool
	// MaxRedirects is how many redirects are followed (default 5).
	MaxRedirects int
	// HeaderTimeout bounds the wait for a response's headers (default 30s).
	HeaderTimeout time.Duration
	// FetchTimeout bounds a whole Fetch, body included (default 2m).
	FetchTimeout time.Duration
	// MaxBytes caps a fetched body (default MaxBytes); the node sets it
	// from --max-import-mb, the same setting that bounds the decoder.
	MaxBytes  int64
	UserAgent string
}

// Client is the guarded outbound HTTP client: http and https only, a
// redirect limit, timeouts, a body cap, no proxy, and private addresses
// refused at dial time on the resolved address, so a public name that
// resolves (or re-resolves) to a private address is refused too.
type Client struct {
	hc  *http.Client
	opt ClientOptions
}

// NewClient builds the guarded client.
func NewClient(opt ClientOptions) *Client {
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = 5
	}
	if opt.HeaderTimeout <= 0 {
		opt.HeaderTimeout = 30 * time.Second
	}
	if opt.FetchTimeout <= 0 {
		opt.FetchTimeout = 2 * time.Minute
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = casefile.DefaultLimits().MaxImportBytes
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "casenode"
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		dialer.Control = denyPrivateControl
	}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial on our behalf and bypass the address rule
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opt.HeaderTimeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{opt: opt}
	c.hc = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

// HTTP returns the guarded *http.Client. It caps no body: read through
// LimitBody.
func (c *Client) HTTP() *http.Client { return c.hc }

// Options returns the client's rules with the defaults applied.
func (c *Client) Options() ClientOptions { return c.opt }

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opt.MaxRedirects {
		return casefile.Errorf(casefile.Unavailable, "stopped after %d redirects", c.opt.MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return casefile.Errorf(casefile.Forbidden, "redirect to scheme %q refused (http and https only)", req.URL.Scheme)
	}
	return nil
}

// CheckURL accepts only absolute http and https URLs.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, casefile.Errorf(casefile.Invalid, "%q: only absolute http and https URLs can be fetched", raw)
	}
	return u, nil
}

// Fetch GETs a CASE package for import, bounded by FetchTimeout and
// MaxBytes. The provenance names the URL (credentials redacted) and the
// validators the server sent.
func (c *Client) Fetch(ctx context.Context, rawURL string) (io.ReadCloser, casefile.Provenance, error) {
	var prov casefile.Provenance
	u, err := CheckURL(rawURL)
	if err != nil {
		return nil, prov, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.opt.FetchTimeout)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		cancel()
		return nil, prov, casefile.Errorf(casefile.Invalid, "%s: not a usable URL", u.Redacted())
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.opt.UserAgent)
	resp, err := c.hc.Do(req)
	if err != nil {
		cancel()
		return nil, prov, fetchError(u.Redacted(), c.opt.FetchTimeout, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		cancel()
		return nil, prov, casefile.Errorf(casefile.Invalid, "fetching %s answered HTTP %d", u.Redacted(), resp.StatusCode)
	}
	prov = casefile.Provenance{Source: casefile.SourceURL, Location: u.Redacted(), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), FetchedAt: time.Now().UTC()}
	body := &cancelBody{ReadCloser: resp.Body, r: LimitBody(resp.Body, c.opt.MaxBytes), cancel: cancel}
	return body, prov, nil
}

// fetchError turns a failed fetch into a user-safe error with a code: the
// address rule's refusal keeps its own code and message.
func fetchError(u string, timeout time.Duration, err error) error {
	var fe *casefile.Error
	if errors.As(err, &fe) {
		return casefile.Errorf(fe.Code, "fetching %s: %s", u, fe.Message)
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return casefile.Errorf(casefile.Unavailable, "fetching %s: no answer within %s", u, timeout)
	}
	return casefile.Errorf(casefile.Unavailable, "fetching %s: cannot reach the server", u)
}

// LimitBody reads at most max bytes of r and fails with an Invalid error
// when r holds more.
func LimitBody(r io.Reader, max int64) io.Reader {
	return &limitedBody{r: io.LimitReader(r, max+1), max: max}
}

type limitedBody struct {
	r    io.Reader
	max  int64
	read int64
}

func (l *limitedBody) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.read += int64(n)
	if l.read > l.max {
		n -= int(l.read - l.max)
		return n, casefile.Errorf(casefile.Invalid, "response larger than the %d-byte limit", l.max)
	}
	return n, err
}

type cancelBody struct {
	io.ReadCloser
	r      io.Reader
	cancel context.CancelFunc
}

func (b *cancelBody) Read(p []byte) (int, error) { return b.r.Read(p) }

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
