package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/importer"
	"github.com/casenode/casenode/sheet"
)

// maxReviewFile bounds a reviewed crosswalk CSV read by the CLI.
const maxReviewFile = 16 << 20

func runReview(ctx context.Context, env *cliEnv, args []string) error {
	f := newFlags(env, "review", "FILE.csv [--by NAME]", "Upload a reviewed crosswalk CSV (the crosswalk CSV export with a decision column: accept, reject,\nor the code of a different target item). Accepted rows become associations of the node's crosswalk,\nrejected rows are remembered; every row's outcome is printed.")
	data := f.dataFlag()
	by := f.String("by", "cli", "who decided (recorded with each decision; a running node records the token's client)")
	if err := f.parse(reorder(args)); err != nil {
		return err
	}
	if f.NArg() != 1 {
		return f.usageError("give exactly one CSV file")
	}
	fh, err := os.Open(f.Arg(0))
	if err != nil {
		return casefile.Errorf(casefile.Invalid, "cannot read %s: %w", f.Arg(0), err)
	}
	defer fh.Close()
	body, err := io.ReadAll(io.LimitReader(fh, maxReviewFile+1))
	if err != nil || len(body) > maxReviewFile {
		return casefile.Errorf(casefile.Invalid, "%s: not readable or larger than %d bytes", f.Arg(0), maxReviewFile)
	}
	out, err := applyReview(ctx, env, *data, filepath.Base(f.Arg(0)), *by, body)
	if err != nil {
		return err
	}
	for _, o := range out {
		fmt.Fprintf(env.stdout, "row %d\t%s\t%s -> %s\t%s%s\n", o.Row, o.Outcome, o.Source, o.Target, o.Association, o.Message)
	}
	return nil
}

// applyReview decides the rows through a running node, or on the data directory.
func applyReview(ctx context.Context, env *cliEnv, data, name, by string, body []byte) ([]casefile.ReviewOutcome, error) {
	dir, err := dataDir(data)
	if err != nil {
		return nil, err
	}
	rn, err := findNode(ctx, dir)
	if err != nil {
		return nil, err
	}
	if rn != nil {
		var res struct {
			Outcomes []casefile.ReviewOutcome `json:"outcomes"`
		}
		err := rn.call(ctx, "POST", "/api/v1/crosswalk/review", bytes.NewReader(body), &res)
		return res.Outcomes, err
	}
	db, err := openStore(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	base, _ := db.Meta(ctx, "base_url")
	if base == "" {
		base = "http://127.0.0.1:8080"
	}
	im := importer.New(db, nil, base, slog.New(slog.NewTextHandler(env.stderr, nil)))
	cw, err := crosswalk.New(crosswalk.Config{Store: db, Importer: im, BaseURL: base})
	if err != nil {
		return nil, err
	}
	return sheet.Reviews{Decider: cw, Items: db}.ApplyReview(ctx, body, name, by)
}
