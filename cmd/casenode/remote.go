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
}

func newRemoteNode(base, token string) *remoteNode {
	return &remoteNode{base: strings.TrimRight(base, "/"), token: token, client: &http.Client{Timeout: 10 * time.Minute}}
}

// withToken is rn's client sending rn's bearer token with every request
// (for clients that build their own requests, such as the MCP SDK's).
func (rn *remoteNode) withToken() *http.Client {
	c := *rn.client
	c.Transport = bearerTransport{token: rn.token, next: rn.client.Transport}
	return &c
}

type bearerTransport struct {
	token string
	next  http.RoundTripper
}

func (b bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	next := b.next
	if next == nil {
		next = http.DefaultTransport
	}
	if b.token == "" {
		return next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return next.RoundTrip(r)
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
	if err := rn.login(ctx, nf.ClientID, nf.ClientSecret); err != nil {
		return nil, fmt.Errorf("a node is running on this data directory (%s) but refused the CLI's credentials: %w", nf.BaseURL, err)
	}
	return rn, nil
}

func (rn *remoteNode) login(ctx context.Context, id, secret string) error {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, rn.base+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := rn.do(req, &tok); err != nil {
		return err
	}
	rn.token = tok.AccessToken
	return nil
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
