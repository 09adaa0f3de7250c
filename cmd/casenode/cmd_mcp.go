package main

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/federation"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/mcp"
	"github.com/casenode/casenode/search"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// mcpRunner is the local MCP server or the proxy to a running node's.
type mcpRunner interface {
	Run(ctx context.Context, t sdk.Transport) error
}

func runMCP(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "mcp", "", "Serve the Model Context Protocol over stdio (for AI assistants): on the data directory,\n"+
		"through the node running on it, or through the node at --node. On a data directory the caller is its operator\n"+
		"(admin); through a node, the caller is the token's client.")
	data := f.dataFlag()
	nodeURL := f.String("node", "", "base URL of a running node to serve, e.g. https://case.example.org")
	token := f.SettingString("token", "", "bearer token for --node (from POST /oauth/token); without it, reads only")
	if err := f.parse(args); err != nil {
		return err
	}
	log := newLogger(env, "warn")
	t := &sdk.IOTransport{Reader: io.NopCloser(env.stdin), Writer: nopWriteCloser{env.stdout}}
	if *nodeURL != "" {
		return serveProxy(ctx, newRemoteNode(*nodeURL, *token), t)
	}
	dir, err := dataDir(*data)
	if err != nil {
		return err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return err
	}
	if rn != nil {
		return serveProxy(ctx, rn, t)
	}
	return serveLocalMCP(ctx, dir, log, t)
}

func serveProxy(ctx context.Context, rn *remoteNode, t sdk.Transport) error {
	p, err := mcp.NewProxy(ctx, rn.base+"/mcp", rn.withToken(), version)
	if err != nil {
		return err
	}
	return runUntilClosed(ctx, p, t)
}

// serveLocalMCP serves the data directory itself, as its operator.
func serveLocalMCP(ctx context.Context, dir string, log *slog.Logger, t sdk.Transport) error {
	db, err := openStore(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	ix, err := search.Open(indexPath(dir), db, log)
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := ix.CatchUp(ctx); err != nil {
		return err
	}
	name, base := nodeIdentity(ctx, db)
	imp := importer.New(db, ix, base, log)
	cw, err := newCrosswalker(crosswalk.Config{Store: db, Search: ix, Importer: imp, BaseURL: base, Log: log}, ix)
	if err != nil {
		return err
	}
	fed, err := federation.New(federation.Config{Name: name, BaseURL: base, Version: version, Store: db, Importer: imp, Log: log})
	if err != nil {
		return err
	}
	srv, err := mcp.New(mcp.Deps{Store: db, Search: ix, Crosswalk: cw, Federation: fed, BaseURL: base, Version: version, Log: log})
	if err != nil {
		return err
	}
	operator := casefile.Principal{ClientID: "local operator", Scopes: []string{casefile.ScopeAdmin}}
	return runUntilClosed(casefile.WithPrincipal(ctx, operator), srv, t)
}

// runUntilClosed serves until the client closes stdin; that end is not an error.
func runUntilClosed(ctx context.Context, r mcpRunner, t sdk.Transport) error {
	err := r.Run(ctx, t)
	if err != nil && ctx.Err() == nil && isClosed(err) {
		return nil
	}
	return err
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// isClosed tells the end of the client's input from a failure.
func isClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, sdk.ErrConnectionClosed)
}
