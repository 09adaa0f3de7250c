package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/seed"
)

func runSearch(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "search", "QUERY", "Search competencies across every framework held (words, phrases, codes).")
	data := f.dataFlag()
	fw := f.String("framework", "", "only this framework (identifier)")
	level := f.String("level", "", "only this education level, e.g. 05")
	size := f.Int("size", 10, "number of hits (at most 100)")
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(f.Args(), " "))
	if q == "" {
		return f.usageError("give a query")
	}
	req := casefile.SearchRequest{Query: q, Size: min(max(*size, 1), 100), Filters: map[string][]string{}}
	if *fw != "" {
		req.Filters[casefile.FacetFramework] = []string{*fw}
	}
	if *level != "" {
		req.Filters[casefile.FacetEducationLevel] = []string{*level}
	}
	res, err := searchVia(ctx, env, *data, req)
	if err != nil {
		return err
	}
	printHits(env.stdout, res)
	return nil
}

// searchVia asks the running node, or opens the index on the data directory.
func searchVia(ctx context.Context, env *cliEnv, data string, req casefile.SearchRequest) (*casefile.SearchResult, error) {
	dir, err := dataDir(data)
	if err != nil {
		return nil, err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return nil, err
	}
	if rn != nil {
		v := url.Values{"q": {req.Query}, "size": {fmt.Sprint(req.Size)}}
		for k, vals := range req.Filters {
			v[k] = vals
		}
		var res casefile.SearchResult
		return &res, rn.call(ctx, "GET", "/api/v1/search?"+v.Encode(), nil, &res)
	}
	db, err := openStore(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ix, err := search.Open(indexPath(dir), db, slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	if err := ix.CatchUp(ctx); err != nil {
		return nil, err
	}
	return ix.Search(ctx, req)
}

func printHits(w io.Writer, res *casefile.SearchResult) {
	fmt.Fprintf(w, "%d hits\n", res.Total)
	for i, h := range res.Hits {
		code := h.HumanCodingScheme
		if code == "" {
			code = "-"
		}
		stmt := h.FullStatement
		if r := []rune(stmt); len(r) > 110 {
			stmt = string(r[:110]) + "…"
		}
		fmt.Fprintf(w, "%2d. %-14s %s\n    %s · %s\n", i+1, code, stmt, h.Framework.Title, h.Identifier)
	}
}

func runReindex(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "reindex", "", "Rebuild the search index from the database (in a new directory, in as many shards as its size calls for, swapped in when done).")
	data := f.dataFlag()
	if err := f.parse(args); err != nil {
		return err
	}
	dir, err := dataDir(*data)
	if err != nil {
		return err
	}
	if rn, err := findNode(ctx, dir); err != nil || rn != nil {
		if err != nil {
			return err
		}
		if err := rn.call(ctx, "POST", "/api/v1/reindex", nil, nil); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, "index rebuilt by the running node")
		return nil
	}
	db, err := openStore(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	ix, built, err := search.OpenUpToDate(indexPath(dir), db, newLogger(env, "warn"))
	if err != nil {
		return err
	}
	defer ix.Close()
	if !built { // a missing or stale index was just built: once is enough
		if err := ix.Rebuild(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.stdout, "index rebuilt")
	return nil
}

func runSeed(_ context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "seed", "synth --items N", "Write a large synthetic but realistic CASE 1.1 framework to stdout, for benchmarks.")
	items := f.Int("items", 10000, "number of items")
	seedN := f.Int("seed", 1, "random seed (same seed, same output)")
	title := f.String("title", "", "framework title")
	base := f.String("base-url", "https://synth.casenode.dev", "base URL of minted uris")
	if len(args) == 0 || args[0] != "synth" {
		f.Usage()
		return errUsage
	}
	if err := f.parse(args[1:]); err != nil {
		return err
	}
	if *items < 1 || *items > 10_000_000 {
		return f.usageError("--items must be between 1 and 10000000")
	}
	return seed.WriteSynth(env.stdout, seed.SynthOptions{Items: *items, Seed: int64(*seedN), BaseURL: *base, Title: *title})
}
