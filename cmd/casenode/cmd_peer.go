package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/federation"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/store"
)

// peerOps is what the peer and sync commands need, offline or through a running node.
type peerOps interface {
	AddPeer(ctx context.Context, p casefile.Peer) (casefile.Peer, error)
	Peers(ctx context.Context) ([]casefile.Peer, error)
	RemovePeer(ctx context.Context, name string) error
	Sync(ctx context.Context, name string) ([]casefile.SyncReport, error)
	Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error)
}

// openPeerOps reaches the running node's API, or builds a federation service
// on the data directory (imports then wait for the index until the next start).
func openPeerOps(ctx context.Context, env *cliEnv, data string, allowPrivate bool) (peerOps, func(), error) {
	dir, err := dataDir(data)
	if err != nil {
		return nil, nil, err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	if rn != nil {
		return remotePeers{rn}, func() {}, nil
	}
	db, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		return nil, nil, err
	}
	log := newLogger(env, "warn")
	name, base := nodeIdentity(ctx, db)
	fed, err := federation.New(federation.Config{Name: name, BaseURL: base, Version: version, Store: db,
		Importer: importer.New(db, nil, base, log), Log: log, Outbound: outboundClient(allowPrivate, casefile.DefaultLimits().MaxImportBytes)})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return fed, func() { db.Close() }, nil
}

// nodeIdentity is the name and base URL the last `casenode serve` on this
// database ran with, for offline commands that act as that node.
func nodeIdentity(ctx context.Context, db *store.DB) (name, base string) {
	name, _ = db.Meta(ctx, "node_name")
	if name == "" {
		name, _ = os.Hostname()
	}
	base, _ = db.Meta(ctx, "base_url")
	if base == "" {
		base = "http://127.0.0.1:8080"
	}
	return name, base
}

func runPeer(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.stderr, "Usage: casenode peer add URL [--name N] [--mode mirror|live] [--interval D] | peer list | peer remove NAME")
		return errUsage
	}
	switch args[0] {
	case "add":
		return runPeerAdd(ctx, env, args[1:])
	case "list":
		return runPeerList(ctx, env, args[1:])
	case "remove":
		return runPeerRemove(ctx, env, args[1:])
	}
	fmt.Fprintf(env.stderr, "casenode peer: unknown subcommand %q (add, list, remove)\n", args[0])
	return errUsage
}

func runPeerAdd(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "peer add", "URL", "Add a peer by its base URL (any CASE provider; CASE REST lives under it).")
	data := f.dataFlag()
	name := f.String("name", "", "peer name (default: the peer's own name or host)")
	mode := f.String("mode", casefile.PeerMirror, "mirror (harvest its frameworks) or live (ask it at search time)")
	interval := f.Duration("interval", time.Hour, "sync interval for a mirror peer")
	allowPriv := f.allowPrivateFlag()
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give the peer's base URL")
	}
	if u, err := url.Parse(f.Arg(0)); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return f.usageError("%q is not an http(s) URL", f.Arg(0))
	}
	if *mode != casefile.PeerMirror && *mode != casefile.PeerLive {
		return f.usageError("--mode must be mirror or live")
	}
	if *interval < time.Second {
		return f.usageError("--interval must be at least 1s")
	}
	ops, done, err := openPeerOps(ctx, env, *data, *allowPriv)
	if err != nil {
		return err
	}
	defer done()
	p, err := ops.AddPeer(ctx, casefile.Peer{Name: *name, URL: f.Arg(0), Mode: *mode, Interval: *interval})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "added peer %s (%s, %s every %s)\n", p.Name, p.URL, p.Mode, p.Interval)
	return nil
}

func runPeerList(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "peer list", "", "List peers with their state, then conflicts.")
	data := f.dataFlag()
	asJSON := f.Bool("json", false, "print JSON")
	if err := f.parse(args); err != nil {
		return err
	}
	ops, done, err := openPeerOps(ctx, env, *data, false)
	if err != nil {
		return err
	}
	defer done()
	peers, err := ops.Peers(ctx)
	if err != nil {
		return err
	}
	conflicts, err := ops.Conflicts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.stdout).Encode(map[string]any{"peers": peers, "conflicts": conflicts})
	}
	printPeers(env.stdout, peers, conflicts)
	return nil
}

func printPeers(w io.Writer, peers []casefile.Peer, conflicts []casefile.FrameworkConflict) {
	for _, p := range peers {
		state := "never synced"
		if !p.LastSync.IsZero() {
			state = "synced " + p.LastSync.Format(time.RFC3339)
		}
		if p.LastError != "" {
			state += ", last error: " + p.LastError
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d frameworks\t%s\n", p.Name, p.URL, p.Mode, p.Interval, p.Frameworks, state)
	}
	for _, c := range conflicts {
		fmt.Fprintf(w, "conflict: framework %s held from %s, offered by %s; %s wins (%s)\n", c.Framework, c.Held, c.Offered, c.Winner, c.Rule)
	}
}

func runPeerRemove(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "peer remove", "NAME", "Remove a peer (frameworks harvested from it stay).")
	data := f.dataFlag()
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give the peer name")
	}
	ops, done, err := openPeerOps(ctx, env, *data, false)
	if err != nil {
		return err
	}
	defer done()
	if err := ops.RemovePeer(ctx, f.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "removed peer", f.Arg(0))
	return nil
}

func runSync(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "sync", "[NAME]", "Harvest mirror peers once (all, or the one named).")
	data := f.dataFlag()
	allowPriv := f.allowPrivateFlag()
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	if f.NArg() > 1 {
		return f.usageError("give at most one peer name")
	}
	ops, done, err := openPeerOps(ctx, env, *data, *allowPriv)
	if err != nil {
		return err
	}
	defer done()
	var reports []casefile.SyncReport
	if svc, ok := ops.(*federation.Service); ok {
		// Offline: draw a bar per peer as its frameworks come in.
		bar := syncBar{w: env.stderr}
		reports, err = svc.SyncWithProgress(ctx, f.Arg(0), bar.update)
		bar.end()
	} else {
		reports, err = ops.Sync(ctx, f.Arg(0))
	}
	failed := 0
	for _, r := range reports {
		fmt.Fprintf(env.stdout, "%s: %d listed, %d imported, %d unchanged, %d skipped, %s (%s, %d bytes, %s)\n",
			r.Peer, r.Listed, len(r.Imported), r.Unchanged, len(r.Skipped), plural(len(r.Errors), "error"), plural(r.Requests, "request"), r.Bytes, r.Took.Round(time.Millisecond))
		for _, e := range r.Errors {
			fmt.Fprintln(env.stdout, "  error:", e)
		}
		if len(r.Errors) > 0 {
			failed++
		}
	}
	if err == nil && failed > 0 {
		// A sync that could not harvest a peer is a failure for scripts and cron.
		err = fmt.Errorf("%d of %s failed", failed, plural(len(reports), "peer"))
	}
	return err
}

// remotePeers performs peer operations through a running node's admin API.
type remotePeers struct{ rn *remoteNode }

func (r remotePeers) AddPeer(ctx context.Context, p casefile.Peer) (casefile.Peer, error) {
	var out casefile.Peer
	return out, r.rn.call(ctx, "POST", "/api/v1/peers", p, &out)
}

func (r remotePeers) Peers(ctx context.Context) ([]casefile.Peer, error) {
	var out struct {
		Peers []casefile.Peer `json:"peers"`
	}
	return out.Peers, r.rn.call(ctx, "GET", "/api/v1/peers", nil, &out)
}

func (r remotePeers) RemovePeer(ctx context.Context, name string) error {
	return r.rn.call(ctx, "DELETE", "/api/v1/peers/"+url.PathEscape(name), nil, nil)
}

func (r remotePeers) Sync(ctx context.Context, name string) ([]casefile.SyncReport, error) {
	var out struct {
		Reports []casefile.SyncReport `json:"reports"`
	}
	path := "/api/v1/sync"
	if name != "" {
		path = "/api/v1/peers/" + url.PathEscape(name) + "/sync"
	}
	return out.Reports, r.rn.call(ctx, "POST", path, nil, &out)
}

func (r remotePeers) Conflicts(ctx context.Context) ([]casefile.FrameworkConflict, error) {
	var out struct {
		Conflicts []casefile.FrameworkConflict `json:"conflicts"`
	}
	return out.Conflicts, r.rn.call(ctx, "GET", "/api/v1/conflicts", nil, &out)
}

// syncBar draws one progress line per peer being harvested.
type syncBar struct {
	w    io.Writer
	peer string
}

func (b *syncBar) update(p federation.Progress) {
	if b.peer != "" && b.peer != p.Peer {
		fmt.Fprintln(b.w)
	}
	b.peer = p.Peer
	const width = 30
	done := width
	if p.Total > 0 {
		done = min(width*p.Done/p.Total, width)
	}
	fmt.Fprintf(b.w, "\r%s  [%s%s] %d/%d frameworks", p.Peer, strings.Repeat("#", done), strings.Repeat(".", width-done), p.Done, p.Total)
}

func (b *syncBar) end() {
	if b.peer != "" {
		fmt.Fprintln(b.w)
	}
}
