package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/sheet"
	"github.com/casenode/casenode/store"
)

// evalBase is the base URL of the temporary node an evaluation builds.
const evalBase = "http://127.0.0.1:8080"

func runEval(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "eval", "", "Measure the crosswalk suggestions and the align function on a gold set: imports the gold set's\n"+
		"frameworks from the fixtures into a temporary node and prints top-1, top-3, recall and precision at the\n"+
		"threshold, no-match items given a suggestion, passage top-3/top-5 and each full crosswalk's wall and CPU time.")
	split := f.String("split", "all", "dev, heldout, or all (all prints dev, heldout and both together)")
	goldPath := f.String("gold", filepath.Join("crosswalk", "testdata", "gold.json"), "gold set file")
	fixturesDir := env.getenv("CASENODE_FIXTURES") // where the tests find the fixtures too (internal/fixture)
	if fixturesDir == "" {
		fixturesDir = filepath.Join("..", "shared", "fixtures")
	}
	fixtures := f.String("fixtures", fixturesDir, "directory of the CASE fixtures the gold set names; $CASENODE_FIXTURES, as for the tests, sets the default")
	threshold := f.String("threshold", "", fmt.Sprintf("minimum score of a shown suggestion (default %g, the compare page's)", casefile.DefaultMinScore))
	misses := f.Bool("misses", false, "also list every entry the engine got wrong")
	learnFrom := f.String("learn", "", "dev or heldout: first accept that split's gold pairs and reject its other shown suggestions, then measure (leave-half-out: read the other split)")
	if err := f.parse(args); err != nil {
		return err
	}
	splits := map[string][]string{crosswalk.SplitDev: {crosswalk.SplitDev}, crosswalk.SplitHeldout: {crosswalk.SplitHeldout},
		crosswalk.SplitAll: {crosswalk.SplitDev, crosswalk.SplitHeldout, crosswalk.SplitAll}}[*split]
	if splits == nil || f.NArg() > 0 {
		return f.usageError("--split is dev, heldout or all, and eval takes no arguments")
	}
	var thr float64
	if *threshold != "" {
		if _, err := fmt.Sscan(*threshold, &thr); err != nil || thr <= 0 || thr > 1 {
			return f.usageError("--threshold must be a number above 0 and at most 1")
		}
	}
	if *learnFrom != "" && *learnFrom != crosswalk.SplitDev && *learnFrom != crosswalk.SplitHeldout {
		return f.usageError("--learn is dev or heldout")
	}
	g, err := crosswalk.ReadGold(*goldPath)
	if err != nil {
		return err
	}
	rep, err := evaluateGold(ctx, env, g, *fixtures, crosswalk.EvalConfig{Threshold: thr, LearnFrom: *learnFrom})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "gold set %s: %d pairs, %d no-match items, %d passages\n\n", *goldPath, len(g.Pairs), len(g.NoMatch), len(g.Passages))
	if err := rep.WriteTable(env.stdout, splits); err != nil {
		return err
	}
	if *misses {
		fmt.Fprintln(env.stdout, "\nmisses:")
		return rep.WriteMisses(env.stdout, *split)
	}
	return nil
}

// evaluateGold builds a temporary node (store, search index, crosswalk, on
// a directory removed afterwards), imports the gold set's frameworks through
// the node's import path, checks the gold set against them and evaluates.
func evaluateGold(ctx context.Context, env *cliEnv, g *crosswalk.Gold, fixtures string, cfg crosswalk.EvalConfig) (*crosswalk.EvalReport, error) {
	dir, err := os.MkdirTemp("", "casenode-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	log := newLogger(env, "warn")
	db, err := store.Open(ctx, dbPath(dir))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ix, err := search.Open(indexPath(dir), db, log)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	imp := importer.New(db, ix, evalBase, log)
	imp.SetSheets(sheet.Reader{BaseURL: evalBase}) // gold sets may name CSV or XLSX frameworks
	items := map[string][]casefile.Item{}
	for _, file := range g.Files() {
		ids, err := importFixture(ctx, imp, filepath.Join(fixtures, filepath.FromSlash(file)))
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if items[id], err = db.ItemsOf(ctx, id); err != nil {
				return nil, err
			}
		}
	}
	if err := g.Verify(items); err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "the gold set does not match the fixtures: %w", err)
	}
	cfg.Crosswalk = crosswalk.Config{Store: db, Search: ix, Importer: imp, BaseURL: evalBase, Log: log}
	if _, err := newCrosswalker(cfg.Crosswalk, ix); err != nil { // passages align as the node aligns them
		return nil, err
	}
	cfg.Align = ix
	return crosswalk.Evaluate(ctx, cfg, g)
}

// importFixture imports one file and returns the frameworks it held.
func importFixture(ctx context.Context, imp *importer.Importer, path string) ([]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("fixture: %w (set --fixtures or CASENODE_FIXTURES)", err)
	}
	defer file.Close()
	results, err := imp.Import(ctx, file, casefile.Provenance{Source: casefile.SourceFile, Location: filepath.Base(path), FetchedAt: time.Now().UTC()})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", filepath.Base(path), err)
	}
	var ids []string
	for _, r := range results {
		ids = append(ids, r.Framework)
	}
	return ids, nil
}
