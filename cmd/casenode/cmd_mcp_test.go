package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/testnode"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/server"
	"github.com/casenode/casenode/store"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestMCPStdioOnDataDirectory runs `casenode mcp` on a data directory with
// the SDK's client on its stdin and stdout: the tools answer from that
// directory, the operator may use the admin tools, and closing stdin ends
// the command with status 0.
func TestMCPStdioOnDataDirectory(t *testing.T) {
	data := t.TempDir()
	if code, out, errs := cli(t, data, append([]string{"import", "--quiet"}, writeSeed(t)...)...); code != 0 {
		t.Fatalf("import exit %d: %s %s", code, out, errs)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr strings.Builder
	env := &cliEnv{stdout: outW, stderr: &stderr, stdin: inR, getenv: func(k string) string {
		if k == "CASENODE_DATA" {
			return data
		}
		return ""
	}}
	done := make(chan int, 1)
	go func() {
		code := run(context.Background(), env, []string{"mcp"})
		outW.Close()
		done <- code
	}()
	ctx := context.Background()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, nil).
		Connect(ctx, &sdk.IOTransport{Reader: outR, Writer: inW}, nil)
	if err != nil {
		t.Fatalf("connect: %v (stderr: %s)", err, stderr.String())
	}
	e := seed.Expected()
	res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "get_item", Arguments: map[string]any{"id": e.Explicit[0].SourceCode,
		"framework": e.Frameworks.Northwind}})
	if err != nil || res.IsError {
		t.Fatalf("get_item: %v %+v", err, res)
	}
	var it struct{ Identifier string }
	if err := json.Unmarshal([]byte(res.Content[0].(*sdk.TextContent).Text), &it); err != nil || it.Identifier != e.Explicit[0].Source {
		t.Errorf("get_item %s: %+v %v", e.Explicit[0].SourceCode, it, err)
	}
	res, err = cs.CallTool(ctx, &sdk.CallToolParams{Name: "reject_match", Arguments: map[string]any{
		"source": e.Suggestions[0].Source, "target": e.Suggestions[0].Target}})
	if err != nil || res.IsError {
		t.Errorf("reject_match as the data directory's operator: %v %+v", err, res)
	}
	cs.Close()
	inW.Close()
	if code := <-done; code != 0 {
		t.Errorf("casenode mcp exit %d after stdin closed: %s", code, stderr.String())
	}
}

// TestRemoteTokenRenewed: a client built by withToken whose token the node
// no longer accepts (expired) gets a new one from the CLI's credentials and
// sends the request again, so a long MCP session through a node keeps working.
func TestRemoteTokenRenewed(t *testing.T) {
	ctx := context.Background()
	db := testnode.New(t, testnode.WithBaseURL("http://case.test")).DB
	hash, err := server.HashSecret("cli-secret")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutClient(ctx, store.Client{ID: "cli", SecretHash: hash, Scopes: []string{casefile.ScopeAdmin}}); err != nil {
		t.Fatal(err)
	}
	node := server.New(server.Config{BaseURL: "http://case.test", Store: db, RequireAuth: true, Auth: server.NewAuth(db, time.Hour)})
	var issued atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			issued.Add(1)
		}
		node.ServeHTTP(w, r)
	}))
	defer ts.Close()

	rn := newRemoteNode(ts.URL, "no-longer-valid")
	c := rn.withToken()
	get := func() int {
		resp, err := c.Get(ts.URL + "/api/v1/frameworks")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(); code != http.StatusUnauthorized {
		t.Fatalf("stale token without credentials: %d, want 401", code)
	}
	rn.id, rn.secret = "cli", "cli-secret"
	c = rn.withToken()
	if code := get(); code != http.StatusOK {
		t.Fatalf("stale token with credentials: %d, want 200 after renewal", code)
	}
	if code := get(); code != http.StatusOK || issued.Load() != 1 {
		t.Errorf("next request: %d after %d token requests, want 200 with the renewed token (1 request)", code, issued.Load())
	}
}
