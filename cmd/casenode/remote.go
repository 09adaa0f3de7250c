package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/casenode/casenode/casefile"
)

// nodeFile is written by `casenode serve` into the data directory (mode 0600)
// so that CLI commands run against the same directory go through the running
// node, which owns the search index, instead of writing behind its back.
type nodeFile struct {
	PID          int    `json:"pid"`
	BaseURL      string `json:"baseUrl"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

func nodeFilePath(data string) string { return filepath.Join(data, "node.json") }

func writeNodeFile(data string, nf nodeFile) error {
	b, err := json.Marshal(nf)
	if err != nil {
		return err
	}
	tmp := nodeFilePath(data) + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, nodeFilePath(data))
}

// remoteNode is a running node reached over its admin API.
type remoteNode struct {
	base   string
	token  string
	client *http.Client
	// id and secret are the client credentials the token was issued for
	// (empty for a token given by the user); withToken renews the token with
	// them when the node refuses it (tokens expire, an MCP session may not).
	id, secret string
}

func newRemoteNode(base, token string) *remoteNode {
	return &remoteNode{base: strings.TrimRight(base, "/"), token: token, client: &http.Client{Timeout: 10 * time.Minute}}
}

// withToken is rn's client sending rn's bearer token with every request
// (for clients that build their own requests, such as the MCP SDK's). A 401
// answer renews the token once from rn's client credentials, when it has
// them, and sends the request again.
func (rn *remoteNode) withToken() *http.Client {
	c := *rn.client
	c.Transport = &bearerTransport{rn: rn, token: rn.token, next: rn.client.Transport}
	return &c
}

type bearerTransport struct {
	rn    *remoteNode
	next  http.RoundTripper
	mu    sync.Mutex
	token string
}

func (b *bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	tok := b.current()
	resp, err := b.send(r, tok)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || b.rn.id == "" || (r.Body != nil && r.GetBody == nil) {
		return resp, err
	}
	resp.Body.Close()
	if tok, err = b.renew(r.Context(), tok); err != nil {
		return nil, err
	}
	again := r.Clone(r.Context())
	if r.GetBody != nil {
		if again.Body, err = r.GetBody(); err != nil {
			return nil, err
		}
	}
	return b.send(again, tok)
}

func (b *bearerTransport) send(r *http.Request, tok string) (*http.Response, error) {
	next := b.next
	if next == nil {
		next = http.DefaultTransport
	}
	if tok != "" {
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer "+tok)
	}
	return next.RoundTrip(r)
}

func (b *bearerTransport) current() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.token
}

// renew gets a new token unless another request already replaced stale.
func (b *bearerTransport) renew(ctx context.Context, stale string) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.token != stale {
		return b.token, nil
	}
	tok, err := b.rn.issue(ctx, b.rn.id, b.rn.secret)
	if err != nil {
		return "", err
	}
	b.token = tok
	return tok, nil
}

// findNode returns the node running on data, or nil when none is.
func findNode(ctx context.Context, data string) (*remoteNode, error) {
	b, err := os.ReadFile(nodeFilePath(data))
	if err != nil {
		return nil, nil
	}
	var nf nodeFile
	if json.Unmarshal(b, &nf) != nil || nf.PID <= 0 || syscall.Kill(nf.PID, 0) != nil {
		return nil, nil
	}
	rn := newRemoteNode(nf.BaseURL, "")
	hctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(hctx, http.MethodGet, nf.BaseURL+"/healthz", nil)
	resp, err := rn.client.Do(req)
	if err != nil {
		return nil, nil
	}
	resp.Body.Close()
	rn.id, rn.secret = nf.ClientID, nf.ClientSecret
	if err := rn.login(ctx, nf.ClientID, nf.ClientSecret); err != nil {
		return nil, fmt.Errorf("a node is running on this data directory (%s) but refused the CLI's credentials: %w", nf.BaseURL, err)
	}
	return rn, nil
}

func (rn *remoteNode) login(ctx context.Context, id, secret string) error {
	tok, err := rn.issue(ctx, id, secret)
	if err == nil {
		rn.token = tok
	}
	return err
}

// issue gets a token for the client credentials id and secret.
func (rn *remoteNode) issue(ctx context.Context, id, secret string) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, rn.base+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := rn.do(req, &tok); err != nil {
		return "", err
	}
	return tok.AccessToken, nil
}

// call sends a JSON request (body may be nil, an io.Reader or a value to
// encode) and decodes the JSON answer into out (when not nil).
func (rn *remoteNode) call(ctx context.Context, method, path string, body any, out any) error {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case io.Reader:
		r = b
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return err
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, method, rn.base+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if rn.token != "" {
		req.Header.Set("Authorization", "Bearer "+rn.token)
	}
	return rn.do(req, out)
}

func (rn *remoteNode) do(req *http.Request, out any) error {
	resp, err := rn.client.Do(req)
	if err != nil {
		return casefile.Errorf(casefile.Unavailable, "node at %s: %w", rn.base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return casefile.Errorf(casefile.Unavailable, "node at %s: %w", rn.base, err)
	}
	if resp.StatusCode >= 300 {
		return remoteError(resp.StatusCode, body)
	}
	if out == nil {
		return nil
	}
	if w, ok := out.(io.Writer); ok {
		_, err := w.Write(body)
		return err
	}
	return json.Unmarshal(body, out)
}

// remoteError turns an error body from the node (its own JSON error or a CASE
// imsx_StatusInfo) into a *casefile.Error.
func remoteError(status int, body []byte) error {
	var e struct {
		Error struct {
			Code     string             `json:"code"`
			Message  string             `json:"message"`
			Problems []casefile.Problem `json:"problems"`
		} `json:"error"`
		Description string `json:"imsx_description"`
	}
	_ = json.Unmarshal(body, &e)
	msg := e.Error.Message
	if msg == "" {
		msg = e.Description
	}
	if msg == "" {
		msg = fmt.Sprintf("HTTP %d", status)
	}
	code := casefile.Code(e.Error.Code)
	if code == "" {
		code = casefile.Internal
	}
	return &casefile.Error{Code: code, Message: msg, Problems: e.Error.Problems, Err: errors.New(string(body))}
}
