package graphql_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/casenode/casenode/graphql"
	"github.com/casenode/casenode/internal/browsertest"
)

// TestGraphiQLRunsAQuery opens GET /graphql in headless Chromium, runs the
// page's default query with GraphiQL's run button and reads the answer.
func TestGraphiQLRunsAQuery(t *testing.T) {
	n := newNode(t, graphql.Limits{}, nil)
	n.importSeed(t)
	bctx := browsertest.Start(t)
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(n.srv.URL+"/graphql"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-execute-button")),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
	)
	if err != nil {
		t.Fatalf("GraphiQL did not start: %v", err)
	}
	answered, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`(document.querySelector('.result-window') || {innerText: ''}).innerText.includes('casenode Demo')`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil || !answered {
		t.Fatalf("GraphiQL did not show the answer to its default query: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	dir := browsertest.ArtifactDir(t, "graphql")
	if err := os.WriteFile(filepath.Join(dir, "graphiql.jpg"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}
