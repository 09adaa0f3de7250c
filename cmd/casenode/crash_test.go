package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/seed"
	"github.com/casenode/casenode/store"
)

// TestCrash kills `casenode import` and `casenode serve` (while it syncs a
// large framework from a loopback peer) with SIGKILL at random moments, and
// after each kill checks: PRAGMA integrity_check, the frameworks held before
// unchanged, the new one wholly present or absent, and search agreeing with
// the store once the index has been reopened (what a restart does).
//
//	CASENODE_CRASH=1 go test -run TestCrash -v -timeout 30m ./cmd/casenode
//
// CASENODE_CRASH_TRIALS (default 24) sets the number of kills, half of each
// kind; CASENODE_CRASH_ITEMS (default 20000) the size of the new framework;
// CASENODE_CRASH_SEED replays a run.
func TestCrash(t *testing.T) {
	if os.Getenv("CASENODE_CRASH") != "1" {
		t.Skip("set CASENODE_CRASH=1 to run the crash test")
	}
	trials, items := envInt(t, "CASENODE_CRASH_TRIALS", 24), envInt(t, "CASENODE_CRASH_ITEMS", 20000)
	rngSeed := uint64(time.Now().UnixNano())
	if v := os.Getenv("CASENODE_CRASH_SEED"); v != "" {
		rngSeed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("seed %d, %d trials, %d items", rngSeed, trials, items)
	c := newCrashRig(t, items)
	rng := rand.New(rand.NewPCG(rngSeed, 2))
	outcomes := map[string]int{}
	for i := range trials {
		kind := "import"
		if i%2 == 1 {
			kind = "serve+sync"
		}
		delay := time.Duration(rng.Int64N(int64(c.importTook)*3/2 + 1)) // some kills come after the end
		var outcome string
		if kind == "import" {
			outcome = c.killImport(delay)
		} else {
			outcome = c.killServe(delay)
		}
		held := c.check()
		outcomes[fmt.Sprintf("%s killed %s: new frameworks: %s", kind, outcome, held)]++
		t.Logf("trial %d: %s killed %s after %s; new frameworks: %s", i+1, kind, outcome, delay.Round(time.Millisecond), held)
		c.reset()
	}
	for k, n := range outcomes {
		t.Logf("%3d × %s", n, k)
	}
}

// crashRig is the data directory, the binary and the inputs of TestCrash.
type crashRig struct {
	t          *testing.T
	bin, data  string
	bigFile    string // the new framework, for import
	bigID      string
	items      int
	peer       *fakePeer // serves another new framework, for sync
	before     map[string]string
	importTook time.Duration
}

func newCrashRig(t *testing.T, items int) *crashRig {
	dir := t.TempDir()
	c := &crashRig{t: t, bin: filepath.Join(dir, "casenode"), data: filepath.Join(dir, "data"), items: items}
	if out, err := exec.Command("go", "build", "-o", c.bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if code, _, errs := cli(t, c.data, append([]string{"import", "--quiet"}, writeSeed(t)...)...); code != 0 {
		t.Fatalf("importing the old frameworks: %s", errs)
	}
	c.peer = newFakePeer(t, items, 202)
	c.before = c.exports()
	opt := seed.SynthOptions{Items: items, Seed: 101, Title: "Crash test import"}
	c.bigID = seed.Synth(opt).CFDocument.Identifier
	c.bigFile = filepath.Join(dir, "big.json")
	fh, err := os.Create(c.bigFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.WriteSynth(fh, opt); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	// One import that is not killed: it must work, and it times the rest.
	start := time.Now()
	if out, err := exec.Command(c.bin, "import", "--quiet", "--data", c.data, c.bigFile).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	c.importTook = time.Since(start)
	if held := c.check(); held != "import whole, peer's absent" {
		t.Fatalf("an import that was not killed left the framework %s", held)
	}
	c.reset()
	t.Logf("an uninterrupted import of %d items takes %s", items, c.importTook.Round(time.Millisecond))
	return c
}

// killImport runs `casenode import` and kills it after delay (unless it
// ended first).
func (c *crashRig) killImport(delay time.Duration) string {
	cmd := exec.Command(c.bin, "import", "--quiet", "--data", c.data, c.bigFile)
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	return killAfter(cmd, delay, nil)
}

// killServe starts a node whose peer is due for a sync and kills it delay
// after the peer's package download began.
func (c *crashRig) killServe(delay time.Duration) string {
	if code, _, errs := cli(c.t, c.data, "peer", "add", c.peer.srv.URL, "--name", "big", "--allow-private-addresses"); code != 0 {
		c.t.Fatalf("peer add: %s", errs)
	}
	drain(c.peer.requested)
	cmd := exec.Command(c.bin, "serve", "--data", c.data, "--addr", "127.0.0.1:0", "--no-seed", "--allow-private-addresses", "--log-level", "error")
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	return killAfter(cmd, delay, c.peer.requested)
}

// killAfter SIGKILLs cmd delay after start (or after a receive on from, when
// given) and reports whether it was killed or had exited.
func killAfter(cmd *exec.Cmd, delay time.Duration, from <-chan struct{}) string {
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if from != nil {
		select {
		case <-from:
		case err := <-exited:
			return fmt.Sprintf("never (it exited first: %v)", err)
		case <-time.After(2 * time.Minute):
		}
	}
	select {
	case err := <-exited:
		return fmt.Sprintf("never (it exited first: %v)", err)
	case <-time.After(delay):
	}
	_ = cmd.Process.Kill()
	<-exited
	return "with SIGKILL"
}

// check opens the store and the index as a restart does and checks them;
// it says which new framework is absent or whole, or fails the test.
func (c *crashRig) check() string {
	t := c.t
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath(c.data))
	if err != nil {
		t.Fatalf("reopening the store: %v", err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	state := []string{}
	for _, id := range []string{c.bigID, c.peer.id} {
		fi, err := db.Framework(ctx, id)
		switch {
		case casefile.ErrorCode(err) == casefile.NotFound:
			state = append(state, "absent")
		case err != nil:
			t.Fatal(err)
		case fi.Items != c.items:
			t.Fatalf("framework %s half there: %d of %d items", id, fi.Items, c.items)
		default:
			state = append(state, "whole")
		}
	}
	c.checkSearch(ctx, db)
	db.Close()
	after := c.exports()
	for id, body := range c.before {
		if after[id] != body {
			t.Fatalf("old framework %s changed or went missing", id)
		}
	}
	return "import " + state[0] + ", peer's " + state[1]
}

// checkSearch reopens the index (it catches up from the store, as on a
// start) and compares its item count per framework with the store's.
func (c *crashRig) checkSearch(ctx context.Context, db *store.DB) {
	ix, err := search.Open(indexPath(c.data), db, slog.New(slog.DiscardHandler))
	if err != nil {
		c.t.Fatalf("reopening the index: %v", err)
	}
	defer ix.Close()
	fws, err := db.Frameworks(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	total := 0
	for _, fi := range fws {
		res, err := ix.Search(ctx, casefile.SearchRequest{Filters: map[string][]string{casefile.FacetFramework: {fi.Identifier}}, Size: 1})
		if err != nil {
			c.t.Fatal(err)
		}
		if int(res.Total) != fi.Items {
			c.t.Fatalf("search holds %d items of %s, the store %d", res.Total, fi.Identifier, fi.Items)
		}
		total += fi.Items
	}
	if res, err := ix.Search(ctx, casefile.SearchRequest{Size: 1}); err != nil || int(res.Total) != total {
		c.t.Fatalf("search holds %v items in all, the store %d (%v)", res, total, err)
	}
}

// exports is the 1.1 CFPackage export of every framework held, by id.
func (c *crashRig) exports() map[string]string {
	code, out, errs := cli(c.t, c.data, "list")
	if code != 0 {
		c.t.Fatalf("list: %s", errs)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		id := strings.SplitN(line, "\t", 2)[0]
		if id == c.bigID || id == c.peer.id || id == "" {
			continue
		}
		code, body, errs := cli(c.t, c.data, "export", id)
		if code != 0 {
			c.t.Fatalf("export %s: %s", id, errs)
		}
		got[id] = body
	}
	return got
}

// reset deletes the new frameworks and the peer, for the next trial.
func (c *crashRig) reset() {
	for _, id := range []string{c.bigID, c.peer.id} {
		if code, _, errs := cli(c.t, c.data, "delete", id); code != 0 && !strings.Contains(errs, "not") {
			c.t.Fatalf("delete %s: %s", id, errs)
		}
	}
	cli(c.t, c.data, "peer", "remove", "big")
}

func drain(c chan struct{}) {
	select {
	case <-c:
	default:
	}
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q is not a positive number", name, v)
	}
	return n
}
