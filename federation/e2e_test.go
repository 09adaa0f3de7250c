package federation

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
)

// The end-to-end federation test runs real casenode processes on loopback
// ports, each with its own data directory:
//
//	A ──mirror──▶ B ──mirror──▶ C      L (live peer of C)
//	A ◀─mirror── B (A and B mirror each other)
//
// It needs the casenode binary; when ./cmd/casenode does not build yet the
// test is skipped with the build output. CLI surface it relies on:
//
//	casenode serve --data D --addr 127.0.0.1:P --name N --base-url http://127.0.0.1:P --allow-private-peers --no-seed
//	casenode import --data D FILE
//	casenode peer add --data D --name N --mode mirror|live --interval 1h URL
//	casenode peer list --data D --json   ({"peers":[…],"conflicts":[…]})
//	casenode sync --data D NAME          (prints "… N imported … (R requests, B bytes, …)")
//
// and the HTTP API of CONTRACTS.md (/api/v1/node, /api/v1/frameworks/{id},
// /api/v1/frameworks/{id}/changes, /api/v1/conflicts, /api/v1/search?federated=true).
func TestEndToEndFederation(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end federation test skipped in -short mode")
	}
	bin := buildCasenode(t)
	a, b, c, l := startNode(t, bin, "A"), startNode(t, bin, "B"), startNode(t, bin, "C"), startNode(t, bin, "L")

	// A framework imported on A reaches C through B, with A as its origin.
	a.importFile(pkgJSON("e2e-f", a.base, 4, "first"))
	b.cli("peer add", "--name", "A", "--mode", "mirror", "--interval", "1h", a.base)
	c.cli("peer add", "--name", "B", "--mode", "mirror", "--interval", "1h", b.base)
	b.syncPeer("A")
	c.syncPeer("B")
	fi := c.frameworkInfo(fid("e2e-f"))
	if fi.Items != 4 || fi.Provenance.OriginNode != a.base || fi.Provenance.Peer != "B" {
		t.Fatalf("framework on C: %d items, provenance %+v (origin must be %s)", fi.Items, fi.Provenance, a.base)
	}

	// A change on A reaches C, with its change record.
	a.importFile(pkgJSON("e2e-f", a.base, 5, "second"))
	b.syncPeer("A")
	c.syncPeer("B")
	var diffs struct{ Changes []casefile.FrameworkDiff }
	c.getJSON("/api/v1/frameworks/"+fid("e2e-f")+"/changes", &diffs)
	if len(diffs.Changes) == 0 || len(diffs.Changes[0].ItemsAdded) != 1 || len(diffs.Changes[0].ItemsModified) != 4 {
		t.Errorf("change record on C: %+v", diffs.Changes)
	}

	// A sync with nothing changed moves no package: one feed request.
	idle := c.syncPeer("B")
	if idle.imported != 0 || idle.requests != 1 {
		t.Errorf("no-change sync C <- B: %+v, want 0 imported in 1 request", idle)
	}
	t.Logf("no-change sync: %d request(s), %d bytes", idle.requests, idle.bytes)

	// A and B mirror each other and settle.
	a.cli("peer add", "--name", "B", "--mode", "mirror", "--interval", "1h", b.base)
	for range 2 {
		a.syncPeer("B")
		b.syncPeer("A")
	}
	for range 2 {
		ra, rb := a.syncPeer("B"), b.syncPeer("A")
		if ra.imported+rb.imported != 0 || ra.requests != 1 || rb.requests != 1 {
			t.Errorf("A <-> B did not settle: A %+v, B %+v", ra, rb)
		}
	}
	if src := a.frameworkInfo(fid("e2e-f")).Provenance.Source; src == casefile.SourcePeer {
		t.Error("A's own framework was replaced by the copy mirrored back from B")
	}

	// One identifier from two origins: C holds its own copy; A's is refused and reported.
	c.importFile(pkgJSON("e2e-g", c.base, 2, "C's own"))
	a.importFile(pkgJSON("e2e-g", a.base, 3, "A's"))
	b.syncPeer("A")
	c.syncPeer("B")
	if got := c.frameworkInfo(fid("e2e-g")); got.Items != 2 {
		t.Errorf("C's own framework was replaced: %d items", got.Items)
	}
	var listed struct{ Conflicts []casefile.FrameworkConflict }
	if err := json.Unmarshal([]byte(c.cli("peer list", "--json")), &listed); err != nil {
		t.Fatalf("peer list --json: %v", err)
	}
	if len(listed.Conflicts) != 1 || listed.Conflicts[0].Framework != fid("e2e-g") || listed.Conflicts[0].Winner != c.base {
		t.Errorf("conflicts on C: %+v", listed.Conflicts)
	}

	// Federated search on C finds an item held only on the live peer L.
	l.importFile(pkgJSON("e2e-live", l.base, 2, "zyzzogeton"))
	c.cli("peer add", "--name", "L", "--mode", "live", "--interval", "1h", l.base)
	var res casefile.SearchResult
	c.getJSON("/api/v1/search?q=zyzzogeton&federated=true", &res)
	found := false
	for _, h := range res.Hits {
		found = found || (h.Origin == "L" && strings.Contains(h.FullStatement, "zyzzogeton"))
	}
	if !found || len(res.Peers) != 1 || !res.Peers[0].OK {
		t.Errorf("federated search on C: hits %+v, peers %+v", res.Hits, res.Peers)
	}
}

// buildCasenode builds ./cmd/casenode into a temporary directory, skipping
// the test when it does not build (yet).
func buildCasenode(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(file))
	bin := filepath.Join(t.TempDir(), "casenode")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/casenode")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("end-to-end federation test needs the casenode binary; `go build ./cmd/casenode` failed: %v\n%s", err, out)
	}
	return bin
}

// e2eNode is one running casenode process.
type e2eNode struct {
	t    *testing.T
	bin  string
	name string
	data string
	base string
}

func startNode(t *testing.T, bin, name string) *e2eNode {
	t.Helper()
	port := freePort(t)
	n := &e2eNode{t: t, bin: bin, name: name, data: t.TempDir(), base: "http://127.0.0.1:" + strconv.Itoa(port)}
	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve", "--data", n.data, "--addr", "127.0.0.1:"+strconv.Itoa(port), "--name", name,
		"--base-url", n.base, "--allow-private-peers", "--no-seed")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("node %s log:\n%s", name, logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(n.base + "/api/v1/node")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return n
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("node %s did not answer within 30s; log:\n%s", name, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// cli runs casenode subcommand sub (e.g. "peer add") with --data first,
// then args (flags before positional arguments), against this node's data
// directory (so it goes through the running node); it returns stdout.
func (n *e2eNode) cli(sub string, args ...string) string {
	n.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	argv := append(strings.Fields(sub), "--data", n.data)
	cmd := exec.CommandContext(ctx, n.bin, append(argv, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		n.t.Fatalf("casenode %s (node %s): %v\n%s%s", strings.Join(args, " "), n.name, err, out.String(), errOut.String())
	}
	return out.String()
}

func (n *e2eNode) importFile(pkg []byte) {
	n.t.Helper()
	f := filepath.Join(n.t.TempDir(), "framework.json")
	if err := os.WriteFile(f, pkg, 0o600); err != nil {
		n.t.Fatal(err)
	}
	n.cli("import", f)
}

// syncSummary is what `casenode sync NAME` printed for the peer.
type syncSummary struct {
	imported, requests int
	bytes              int64
	errors             int
}

var syncLine = regexp.MustCompile(`(\d+) imported, \d+ unchanged, \d+ skipped, (\d+) errors? \((\d+) requests?, (\d+) bytes`)

func (n *e2eNode) syncPeer(peer string) syncSummary {
	n.t.Helper()
	out := n.cli("sync", peer)
	m := syncLine.FindStringSubmatch(out)
	if m == nil {
		n.t.Fatalf("casenode sync %s on %s printed no summary:\n%s", peer, n.name, out)
	}
	var s syncSummary
	fmt.Sscan(m[1], &s.imported)
	fmt.Sscan(m[2], &s.errors)
	fmt.Sscan(m[3], &s.requests)
	fmt.Sscan(m[4], &s.bytes)
	if s.errors != 0 {
		n.t.Errorf("sync %s on %s reported errors:\n%s", peer, n.name, out)
	}
	return s
}

func (n *e2eNode) getJSON(path string, v any) {
	n.t.Helper()
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get(n.base + path)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		n.t.Fatalf("GET %s on %s: HTTP %d", path, n.name, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		n.t.Fatalf("GET %s on %s: %v", path, n.name, err)
	}
}

func (n *e2eNode) frameworkInfo(id string) casefile.FrameworkInfo {
	n.t.Helper()
	var fi casefile.FrameworkInfo
	n.getJSON("/api/v1/frameworks/"+id, &fi)
	return fi
}
