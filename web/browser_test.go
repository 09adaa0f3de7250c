package web

import (
	"context"
	"github.com/casenode/casenode/internal/browsertest"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

const chromiumPath = "/usr/bin/chromium"

// browser drives one headless Chromium tab against a running node and saves
// screenshots to the artefact directory.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string
}

// newBrowser starts Chromium, or skips when it is not installed (fails under CI=true).
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	return &browser{t: t, ctx: browsertest.Start(t), base: base, dir: browsertest.ArtifactDir(t, "web")}
}

// do runs steps with a deadline.
func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v (at %s)", err, b.location())
	}
}

// open navigates to a path of the node.
func (b *browser) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
}

// follow runs a step that makes the browser load a page (a click, a submit)
// and waits for that page's load event.
func (b *browser) follow(trigger chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		b.t.Fatalf("browser: %v (at %s)", err, b.location())
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v (at %s)", sel, err, b.location())
	}
	return s
}

func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

// scripts turns JavaScript on or off for the tab (off: the no-JS check).
func (b *browser) scripts(on bool) {
	b.t.Helper()
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

// shot saves a full-page PNG screenshot.
func (b *browser) shot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(b.dir, name+".png"), buf, 0o644); err != nil {
		b.t.Error(err)
	}
}

// serve runs h on the node's listener until the test ends.
func (n *testNode) serve(h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(n.ln)
	n.t.Cleanup(func() { srv.Close() })
}

// importFixture imports one real fixture through the import path.
func (n *testNode) importFixture(name string) casefile.ImportResult {
	n.t.Helper()
	path := fixture.Path(n.t, "real", name)
	b, err := os.ReadFile(path)
	if err != nil {
		n.t.Fatal(err)
	}
	start := time.Now()
	res := n.importBytes(b, casefile.Provenance{Source: casefile.SourceFile, Location: path})
	n.t.Logf("imported %s: %d items in %v", name, res[0].Items, time.Since(start).Round(time.Millisecond))
	return res[0]
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
