package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/casenode/casenode/seed"
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
