package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// headers adds name, value pairs to every request.
type headers []string

func (h headers) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for i := 0; i+1 < len(h); i += 2 {
		r.Header.Set(h[i], h[i+1])
	}
	return http.DefaultTransport.RoundTrip(r)
}

func mcpSession(t *testing.T, e *testEnv, hdr []string) (*sdk.ClientSession, error) {
	t.Helper()
	tr := &sdk.StreamableClientTransport{Endpoint: e.ts.URL + "/mcp",
		HTTPClient: &http.Client{Transport: headers(hdr), Timeout: time.Minute}, MaxRetries: -1}
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "1"}, nil).Connect(context.Background(), tr, nil)
	if err == nil {
		t.Cleanup(func() { cs.Close() })
	}
	return cs, err
}

// Every MCP tool that is not marked read-only is refused to the callers that
// may not write: in the tool result (the MCP way) with the reason of a 401
// or 403, or at the HTTP layer (a cross-origin cookie never opens a session).
func TestEveryMCPWriteIsRefused(t *testing.T) {
	e := newWholeEnv(t)
	importTestDocs(e)
	ctx := context.Background()
	callers, adminTok := writeCallers(t, e)
	admin, err := mcpSession(t, e, []string{"Authorization", "Bearer " + adminTok})
	if err != nil {
		t.Fatal(err)
	}
	list, err := admin.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var writes []*sdk.Tool
	for _, tool := range list.Tools {
		if tool.Annotations == nil || !tool.Annotations.ReadOnlyHint {
			writes = append(writes, tool)
		}
	}
	if len(writes) == 0 {
		t.Fatal("no MCP tool writes: nothing to check")
	}
	seq, _ := e.db.LastSeq(ctx)
	for _, c := range callers {
		cs, err := mcpSession(t, e, c.hdr)
		if err != nil {
			if c.status != http.StatusForbidden || !strings.Contains(err.Error(), http.StatusText(http.StatusForbidden)) {
				t.Errorf("MCP session with %s: %v", c.name, err)
			}
			continue
		}
		for _, tool := range writes {
			res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: tool.Name, Arguments: requiredArgs(t, tool)})
			if err != nil {
				t.Errorf("%s with %s: %v", tool.Name, c.name, err)
				continue
			}
			text := ""
			for _, ct := range res.Content {
				if tc, ok := ct.(*sdk.TextContent); ok {
					text += tc.Text
				}
			}
			want := map[int]string{http.StatusUnauthorized: "needs a bearer token", http.StatusForbidden: "lacks"}[c.status]
			if !res.IsError || !strings.Contains(text, want) {
				t.Errorf("MCP %s with %s: error=%v %q, want %q", tool.Name, c.name, res.IsError, text, want)
			}
		}
	}
	if after, _ := e.db.LastSeq(ctx); after != seq {
		t.Errorf("refused MCP writes changed data: change sequence %d -> %d", seq, after)
	}
	// The calls reach the tools' access rule: the admin passes it.
	for _, tool := range writes {
		res, err := admin.CallTool(ctx, &sdk.CallToolParams{Name: tool.Name, Arguments: requiredArgs(t, tool)})
		if err != nil {
			t.Fatal(err)
		}
		for _, ct := range res.Content {
			if tc, ok := ct.(*sdk.TextContent); ok && (strings.Contains(tc.Text, "needs a bearer token") || strings.Contains(tc.Text, "lacks")) {
				t.Errorf("MCP %s refused the admin: %s", tool.Name, tc.Text)
			}
		}
	}
}

// requiredArgs gives each required argument of tool a value of its type.
func requiredArgs(t *testing.T, tool *sdk.Tool) map[string]any {
	t.Helper()
	raw, err := json.Marshal(tool.InputSchema)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Required   []string
		Properties map[string]struct{ Type string }
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("input schema of %s: %v", tool.Name, err)
	}
	args := map[string]any{}
	for _, name := range schema.Required {
		switch schema.Properties[name].Type {
		case "number", "integer":
			args[name] = 1
		case "boolean":
			args[name] = false
		default:
			args[name] = id("alpha/child")
		}
	}
	return args
}
