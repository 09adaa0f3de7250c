package mcp

import (
	"context"
	"fmt"
	"net/http"

	"github.com/casenode/casenode/casefile"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Proxy serves, over another transport (stdio), the MCP server of a running
// node: the tools, resource templates and prompts that node lists, each call
// forwarded to its /mcp endpoint. `casenode mcp` uses it when a node owns the
// data directory (one process owns the search index).
type Proxy struct {
	remote *sdk.ClientSession
	sdk    *sdk.Server
}

// NewProxy connects to endpoint (a node's /mcp URL) with hc, which carries
// the caller's bearer token, and mirrors what it offers.
func NewProxy(ctx context.Context, endpoint string, hc *http.Client, version string) (*Proxy, error) {
	impl := &sdk.Implementation{Name: "casenode", Title: "casenode CASE registry", Version: version}
	cs, err := sdk.NewClient(impl, nil).Connect(ctx, &sdk.StreamableClientTransport{Endpoint: endpoint, HTTPClient: hc, MaxRetries: -1}, nil)
	if err != nil {
		return nil, casefile.Errorf(casefile.Unavailable, "cannot reach the MCP server of the node at %s: %w", endpoint, err)
	}
	p := &Proxy{remote: cs, sdk: sdk.NewServer(impl, &sdk.ServerOptions{Instructions: cs.InitializeResult().Instructions})}
	if err := p.mirror(ctx); err != nil {
		cs.Close()
		return nil, casefile.Errorf(casefile.Unavailable, "cannot list what the node at %s offers: %w", endpoint, err)
	}
	return p, nil
}

func (p *Proxy) mirror(ctx context.Context) error {
	for t, err := range p.remote.Tools(ctx, nil) {
		if err != nil {
			return err
		}
		p.sdk.AddTool(t, func(ctx context.Context, req *sdk.CallToolRequest) (*sdk.CallToolResult, error) {
			return p.remote.CallTool(ctx, &sdk.CallToolParams{Name: t.Name, Arguments: req.Params.Arguments})
		})
	}
	for rt, err := range p.remote.ResourceTemplates(ctx, nil) {
		if err != nil {
			return err
		}
		p.sdk.AddResourceTemplate(rt, func(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
			return p.remote.ReadResource(ctx, &sdk.ReadResourceParams{URI: req.Params.URI})
		})
	}
	for pr, err := range p.remote.Prompts(ctx, nil) {
		if err != nil {
			return err
		}
		p.sdk.AddPrompt(pr, func(ctx context.Context, req *sdk.GetPromptRequest) (*sdk.GetPromptResult, error) {
			return p.remote.GetPrompt(ctx, &sdk.GetPromptParams{Name: pr.Name, Arguments: req.Params.Arguments})
		})
	}
	return nil
}

// Run serves one session over t until the client disconnects or ctx ends.
func (p *Proxy) Run(ctx context.Context, t sdk.Transport) error {
	defer p.remote.Close()
	if err := p.sdk.Run(ctx, t); err != nil {
		return fmt.Errorf("mcp proxy: %w", err)
	}
	return nil
}
